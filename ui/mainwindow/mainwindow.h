#pragma once

#include <QMainWindow>

class QLabel;
class QTabWidget;

namespace funnel {

class BoardPage;
class DashboardPage;
class StageSummaryModel;

// The application window: menus, one tab per screen (board, dashboard), and a status bar that says
// which database is open and how many leads it holds.
class MainWindow : public QMainWindow
{
    Q_OBJECT

public:
    enum class View { Board, Dashboard };

    explicit MainWindow(QWidget *parent = nullptr);

    // Shows the database at `path` (already created and migrated by the caller).
    void openDatabase(const QString &path);
    QString databasePath() const { return m_databasePath; }

    void setCurrentView(View view);
    View currentView() const;

    BoardPage *boardPage() const { return m_board; }
    DashboardPage *dashboardPage() const { return m_dashboard; }
    StageSummaryModel *stageSummary() const;

Q_SIGNALS:
    // The current view has loaded and shown the data of the open database.
    void dataLoaded();

private:
    void createActions();
    void chooseDatabase();
    void refresh();
    void showAbout();
    void updateStatus();

    QTabWidget *m_tabs = nullptr;
    BoardPage *m_board = nullptr;
    DashboardPage *m_dashboard = nullptr;
    QLabel *m_databaseLabel = nullptr;
    QLabel *m_totalsLabel = nullptr;
    QString m_databasePath;
};

} // namespace funnel
