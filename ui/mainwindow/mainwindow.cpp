#include "ui/mainwindow/mainwindow.h"

#include "ui/campaigns/campaignspage.h"
#include "ui/campaigns/campaignworker.h"
#include "ui/rules/rulespage.h"

#include "ui/board/boardpage.h"
#include "ui/dashboard/dashboardpage.h"
#include "ui/dashboard/stagesummarymodel.h"
#include "ui/importer/importdialog.h"
#include "ui/inbox/inboxview.h"
#include "ui/inbox/sqlpromotionnotifier.h"
#include "ui/lead/leaddetailspanel.h"

#include "core/storage/database.h"

#include <QAction>
#include <QCloseEvent>
#include <QDockWidget>
#include <QSystemTrayIcon>
#include <QSettings>
#include <QUndoStack>
#include <QApplication>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QKeySequence>
#include <QLabel>
#include <QTabWidget>
#include <QLocale>
#include <QMenuBar>
#include <QMessageBox>
#include <QStatusBar>
#include <QStyle>
#include <QVBoxLayout>

namespace funnel {

MainWindow::MainWindow(QWidget *parent)
    : QMainWindow(parent)
{
    setWindowTitle(tr("Funnelboard"));
    setWindowIcon(QIcon(QStringLiteral(":/icons/funnelboard.svg")));

    m_tabs = new QTabWidget(this);
    m_tabs->setDocumentMode(true);
    m_board = new BoardPage(m_tabs);
    m_dashboard = new DashboardPage(m_tabs);
    m_inbox = new InboxView(m_tabs);
    m_tabs->addTab(m_board, tr("Board"));
    m_tabs->addTab(m_inbox, tr("New SQLs"));
    m_tabs->addTab(m_dashboard, tr("Dashboard"));
    m_campaigns = new CampaignsPage(m_tabs);
    m_tabs->addTab(m_campaigns, tr("Campaigns"));
    m_campaignWorker = new CampaignWorker(this);
    m_rules = new RulesPage(m_tabs);
    m_tabs->addTab(m_rules, tr("Rules"));
    setCentralWidget(m_tabs);

    m_leadPanel = new LeadDetailsPanel(this);
    m_leadPanel->setUndoStack(m_board->undoStack());
    m_leadDock = new QDockWidget(tr("Lead"), this);
    m_leadDock->setObjectName(QStringLiteral("leadDock"));
    m_leadDock->setWidget(m_leadPanel);
    m_leadDock->setAllowedAreas(Qt::LeftDockWidgetArea | Qt::RightDockWidgetArea);
    addDockWidget(Qt::RightDockWidgetArea, m_leadDock);
    m_leadDock->hide();

    if (QSystemTrayIcon::isSystemTrayAvailable()) {
        m_tray = new QSystemTrayIcon(QIcon(QStringLiteral(":/icons/funnelboard.svg")), this);
        m_tray->setToolTip(tr("Funnelboard"));
        m_tray->show();
        m_inbox->notifier()->setTrayIcon(m_tray);
    }

    m_databaseLabel = new QLabel(this);
    m_totalsLabel = new QLabel(this);
    statusBar()->addWidget(m_databaseLabel, 1);
    statusBar()->addPermanentWidget(m_totalsLabel);

    createActions();
    connect(m_board, &BoardPage::loaded, this, [this] {
        viewLoaded(View::Board);
    });
    connect(m_rules, &RulesPage::stateLoaded, this, [this] {
        viewLoaded(View::Rules);
    });
    // A rescore changes scores and stages everywhere.
    connect(m_rules, &RulesPage::rulesApplied, this, &MainWindow::refresh);
    connect(m_dashboard, &DashboardPage::loaded, this, [this] {
        viewLoaded(View::Dashboard);
    });
    connect(stageSummary(), &StageSummaryModel::loaded, this, [this] {
        m_summaryLoaded = true;
        updateStatus();
        emitDataLoadedWhenSettled();
    });
    connect(m_inbox, &InboxView::loaded, this, [this] {
        m_inboxSettled = true;
        viewLoaded(View::Inbox);
        emitDataLoadedWhenSettled();
    });
    connect(m_campaigns, &CampaignsPage::loaded, this, [this] {
        viewLoaded(View::Campaigns);
    });
    connect(m_campaignWorker, &CampaignWorker::activity, m_campaigns, &CampaignsPage::refresh);
    connect(m_campaignWorker, &CampaignWorker::failed, this, [this](const QString &message) {
        statusBar()->showMessage(tr("Campaigns: %1").arg(message));
    });
    connect(m_leadPanel, &LeadDetailsPanel::loaded, this, [this] {
        viewLoaded(View::Lead);
    });
    connect(m_inbox, &InboxView::unseenCountChanged, this, &MainWindow::updateInboxTab);
    auto openLead = [this](qint64 leadId) { setCurrentLead(leadId); };
    connect(m_board, &BoardPage::leadActivated, this, openLead);
    connect(m_inbox, &InboxView::leadActivated, this, openLead);
    // Edits in the panel and commits of other processes (funnelctl ingest) show everywhere.
    connect(m_leadPanel, &LeadDetailsPanel::leadChanged, this, [this] {
        m_board->refresh();
        m_inbox->refresh();
    });
    connect(m_inbox->notifier(), &SqlPromotionNotifier::databaseChanged, this, [this] { m_board->refresh(); });
    // A drill-down on a chart shows its leads on the board.
    connect(m_dashboard, &DashboardPage::drillDownRequested, this, [this](const LeadFilter &filter) {
        m_board->setFilter(filter);
        setCurrentView(View::Board);
    });
    connect(m_dashboard, &DashboardPage::failed, this, [this](const QString &message) {
        m_totalsLabel->clear();
        statusBar()->showMessage(message);
    });
    resize(1280, 800);
    restoreWindowState();
    updateStatus();
}

void MainWindow::restoreWindowState()
{
    const QSettings settings;
    restoreGeometry(settings.value(QStringLiteral("window/geometry")).toByteArray());
    restoreState(settings.value(QStringLiteral("window/state")).toByteArray());
    m_tabs->setCurrentIndex(qBound(0, settings.value(QStringLiteral("window/tab"), 0).toInt(), m_tabs->count() - 1));
}

void MainWindow::saveWindowState() const
{
    QSettings settings;
    settings.setValue(QStringLiteral("window/geometry"), saveGeometry());
    settings.setValue(QStringLiteral("window/state"), saveState());
    settings.setValue(QStringLiteral("window/tab"), m_tabs->currentIndex());
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    saveWindowState();
    m_campaignWorker->stop();
    QMainWindow::closeEvent(event);
}

StageSummaryModel *MainWindow::stageSummary() const
{
    return m_dashboard->stageSummary();
}

void MainWindow::setCurrentView(View view)
{
    switch (view) {
    case View::Board:
    case View::Lead: m_tabs->setCurrentWidget(m_board); break;
    case View::Dashboard: m_tabs->setCurrentWidget(m_dashboard); break;
    case View::Inbox: m_tabs->setCurrentWidget(m_inbox); break;
    case View::Campaigns: m_tabs->setCurrentWidget(m_campaigns); break;
    case View::Rules: m_tabs->setCurrentWidget(m_rules); break;
    }
    m_leadView = view == View::Lead;
}

MainWindow::View MainWindow::currentView() const
{
    if (m_tabs->currentWidget() == m_dashboard)
        return View::Dashboard;
    if (m_tabs->currentWidget() == m_inbox)
        return View::Inbox;
    if (m_tabs->currentWidget() == m_campaigns)
        return View::Campaigns;
    if (m_tabs->currentWidget() == m_rules)
        return View::Rules;
    return m_leadView ? View::Lead : View::Board;
}

void MainWindow::setCurrentLead(qint64 leadId)
{
    m_currentLead = leadId;
    m_leadDock->show();
    m_leadDock->raise();
    m_leadPanel->showLead(leadId);
}

void MainWindow::viewLoaded(View view)
{
    if (currentView() != view)
        return;
    m_viewLoaded = true;
    emitDataLoadedWhenSettled();
}

void MainWindow::emitDataLoadedWhenSettled()
{
    // The window around the view is part of what the user (and a screenshot) sees: the New SQLs
    // count in its tab title and the totals in the status bar.
    if (!m_viewLoaded || !m_inboxSettled || !m_summaryLoaded)
        return;
    m_viewLoaded = false;
    Q_EMIT dataLoaded();
}

void MainWindow::updateInboxTab(int unseen)
{
    const int index = m_tabs->indexOf(m_inbox);
    m_tabs->setTabText(index, unseen > 0 ? tr("New SQLs (%1)").arg(QLocale().toString(unseen)) : tr("New SQLs"));
}

void MainWindow::importFile(bool events)
{
    const QString path = QFileDialog::getOpenFileName(
        this, events ? tr("Import Events") : tr("Import Leads"), QDir::homePath(),
        events ? tr("Events (*.jsonl *.ndjson *.json);;All files (*)") : tr("Leads (*.csv *.tsv *.txt);;All files (*)"));
    if (path.isEmpty() || m_databasePath.isEmpty())
        return;
    auto *dialog = new ImportDialog(m_databasePath, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &ImportDialog::finished, this, [this](bool anythingChanged) {
        if (anythingChanged)
            refresh();
    });
    dialog->show();
    dialog->start(events ? ImportJob::Kind::Events : ImportJob::Kind::Leads, path);
}

void MainWindow::createActions()
{
    QMenu *fileMenu = menuBar()->addMenu(tr("&File"));
    QAction *open = fileMenu->addAction(tr("&Open Database…"), this, &MainWindow::chooseDatabase);
    open->setShortcut(QKeySequence::Open);
    fileMenu->addSeparator();
    fileMenu->addAction(tr("Import &Leads (CSV)…"), this, [this] { importFile(false); });
    fileMenu->addAction(tr("Import &Events (JSONL)…"), this, [this] { importFile(true); });
    fileMenu->addSeparator();
    QAction *quit = fileMenu->addAction(tr("&Quit"), qApp, &QApplication::closeAllWindows);
    quit->setShortcut(QKeySequence::Quit);

    QMenu *editMenu = menuBar()->addMenu(tr("&Edit"));
    QAction *undo = m_board->undoStack()->createUndoAction(this, tr("&Undo"));
    undo->setShortcuts({QKeySequence(Qt::CTRL | Qt::Key_Z)});
    undo->setIcon(style()->standardIcon(QStyle::SP_ArrowBack));
    QAction *redo = m_board->undoStack()->createRedoAction(this, tr("&Redo"));
    redo->setShortcuts({QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_Z), QKeySequence(Qt::CTRL | Qt::Key_Y)});
    redo->setIcon(style()->standardIcon(QStyle::SP_ArrowForward));
    editMenu->addAction(undo);
    editMenu->addAction(redo);

    QMenu *boardMenu = menuBar()->addMenu(tr("&Board"));
    for (QAction *action : m_board->boardActions())
        boardMenu->addAction(action);

    QMenu *viewMenu = menuBar()->addMenu(tr("&View"));
    QAction *refreshAction = viewMenu->addAction(tr("&Refresh"), this, &MainWindow::refresh);
    refreshAction->setShortcut(QKeySequence::Refresh);
    viewMenu->addAction(m_leadDock->toggleViewAction());

    QMenu *helpMenu = menuBar()->addMenu(tr("&Help"));
    helpMenu->addAction(tr("&About Funnelboard"), this, &MainWindow::showAbout);
    helpMenu->addAction(tr("About &Qt"), qApp, &QApplication::aboutQt);
}

void MainWindow::openDatabase(const QString &path)
{
    m_databasePath = path;
    m_summaryLoaded = false;
    m_inboxSettled = false;
    m_totalsLabel->clear();
    setWindowTitle(tr("%1 — Funnelboard").arg(QFileInfo(path).fileName()));
    statusBar()->showMessage(tr("Loading…"));
    updateStatus();
    m_board->openDatabase(path);
    m_dashboard->openDatabase(path);
    m_inbox->setDatabasePath(path);
    m_leadPanel->setDatabasePath(path);
    m_campaigns->openDatabase(path);
    m_campaignWorker->start(path);
    m_rules->openDatabase(path);
}

void MainWindow::chooseDatabase()
{
    const QString path = QFileDialog::getOpenFileName(this, tr("Open Funnelboard Database"),
                                                      QFileInfo(m_databasePath).absolutePath(),
                                                      tr("Funnelboard databases (*.sqlite *.db);;All files (*)"));
    if (path.isEmpty())
        return;
    Database probe;
    if (!probe.open(path)) {
        QMessageBox::warning(this, tr("Cannot Open Database"), probe.lastError().message);
        return;
    }
    probe.close();
    openDatabase(path);
}

void MainWindow::refresh()
{
    if (m_databasePath.isEmpty())
        return;
    statusBar()->showMessage(tr("Loading…"));
    m_board->refresh();
    m_dashboard->refresh();
    m_inbox->refresh();
    if (m_leadPanel->leadId() > 0)
        m_leadPanel->reload();
}

void MainWindow::updateStatus()
{
    const QLocale locale;
    m_databaseLabel->setText(m_databasePath.isEmpty() ? tr("No database open")
                                                      : QDir::toNativeSeparators(m_databasePath));
    // Until the first totals arrive, say nothing rather than "0 leads".
    if (!m_summaryLoaded || stageSummary()->isLoading() || m_databasePath.isEmpty())
        return;
    statusBar()->clearMessage();
    const FunnelStats &stats = stageSummary()->stats();
    const auto overall = stats.reached[0] ? std::optional<double>(double(stats.reached[3]) / double(stats.reached[0]))
                                          : std::nullopt;
    m_totalsLabel->setText(overall ? tr("%1 leads · %2 % won overall")
                                         .arg(locale.toString(stats.totalLeads()), locale.toString(*overall * 100, 'f', 1))
                                   : tr("%1 leads").arg(locale.toString(stats.totalLeads())));
}

void MainWindow::showAbout()
{
    QMessageBox::about(this, tr("About Funnelboard"),
                       tr("<h3>Funnelboard %1</h3><p>Score leads from their behaviour, move them through the funnel "
                          "and nurture them with webhooks.</p>")
                           .arg(QApplication::applicationVersion()));
}

} // namespace funnel
