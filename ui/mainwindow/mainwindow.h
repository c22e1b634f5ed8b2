#pragma once

#include <QMainWindow>

class QDockWidget;
class QLabel;
class QSystemTrayIcon;
class QTabWidget;

namespace funnel {

class BoardPage;
class CampaignWorker;
class CampaignsPage;
class DashboardPage;
class InboxView;
class LeadDetailsPanel;
class RulesPage;
class StageSummaryModel;

// The application window: menus, one tab per screen (board, inbox, dashboard, campaigns, rules), and
// a status bar that says which database is open and how many leads it holds. While a database is
// open its campaigns run (CampaignWorker, off the GUI thread).
class MainWindow : public QMainWindow
{
    Q_OBJECT

public:
    // Lead shows the board with the lead details panel open on currentLead().
    enum class View { Board, Dashboard, Inbox, Lead, Campaigns, Rules };

    explicit MainWindow(QWidget *parent = nullptr);

    // Shows the database at `path` (already created and migrated by the caller).
    void openDatabase(const QString &path);
    QString databasePath() const { return m_databasePath; }

    void setCurrentView(View view);
    View currentView() const;
    // Opens the lead details panel on `leadId`.
    void setCurrentLead(qint64 leadId);
    qint64 currentLead() const { return m_currentLead; }

    BoardPage *boardPage() const { return m_board; }
    DashboardPage *dashboardPage() const { return m_dashboard; }
    CampaignsPage *campaignsPage() const { return m_campaigns; }
    CampaignWorker *campaignWorker() const { return m_campaignWorker; }
    InboxView *inboxView() const { return m_inbox; }
    RulesPage *rulesPage() const { return m_rules; }
    LeadDetailsPanel *leadPanel() const { return m_leadPanel; }
    StageSummaryModel *stageSummary() const;

Q_SIGNALS:
    // The current view has loaded and shown the data of the open database.
    void dataLoaded();

protected:
    void closeEvent(QCloseEvent *event) override;

private:
    void createActions();
    void restoreWindowState();
    void saveWindowState() const;
    void chooseDatabase();
    void importFile(bool events);
    void updateInboxTab(int unseen);
    void refresh();
    void showAbout();
    void updateStatus();
    void viewLoaded(View view);
    void emitDataLoadedWhenSettled();

    QTabWidget *m_tabs = nullptr;
    BoardPage *m_board = nullptr;
    DashboardPage *m_dashboard = nullptr;
    CampaignsPage *m_campaigns = nullptr;
    CampaignWorker *m_campaignWorker = nullptr;
    InboxView *m_inbox = nullptr;
    RulesPage *m_rules = nullptr;
    LeadDetailsPanel *m_leadPanel = nullptr;
    QDockWidget *m_leadDock = nullptr;
    QSystemTrayIcon *m_tray = nullptr;
    QLabel *m_databaseLabel = nullptr;
    QLabel *m_totalsLabel = nullptr;
    QString m_databasePath;
    qint64 m_currentLead = 0;
    bool m_leadView = false;
    bool m_summaryLoaded = false;
    bool m_inboxSettled = false; // its first load since openDatabase() ended (its count is known)
    bool m_viewLoaded = false;   // the current view loaded; dataLoaded() waits for the rest

};

} // namespace funnel
