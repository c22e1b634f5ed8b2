#pragma once

#include <QMainWindow>

class QLabel;
class QListView;

namespace funnel {

class StageSummaryModel;

// The application window: menus, the stage summary, and a status bar that says which database is
// open and how many leads it holds.
class MainWindow : public QMainWindow
{
    Q_OBJECT

public:
    explicit MainWindow(QWidget *parent = nullptr);

    // Shows the database at `path` (already created and migrated by the caller).
    void openDatabase(const QString &path);
    QString databasePath() const { return m_databasePath; }
    StageSummaryModel *stageSummary() const { return m_stageSummary; }

Q_SIGNALS:
    // Emitted when the data of the open database has been loaded and shown.
    void dataLoaded();

private:
    void createActions();
    void chooseDatabase();
    void refresh();
    void showAbout();
    void updateStatus();

    StageSummaryModel *m_stageSummary = nullptr;
    QListView *m_stageTiles = nullptr;
    QLabel *m_headline = nullptr;
    QLabel *m_databaseLabel = nullptr;
    QLabel *m_totalsLabel = nullptr;
    QString m_databasePath;
};

} // namespace funnel
