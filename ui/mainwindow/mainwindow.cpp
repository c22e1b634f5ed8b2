#include "ui/mainwindow/mainwindow.h"

#include "ui/board/boardpage.h"
#include "ui/dashboard/dashboardpage.h"
#include "ui/dashboard/stagesummarymodel.h"

#include "core/storage/database.h"

#include <QAction>
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
    m_tabs->addTab(m_board, tr("Board"));
    m_tabs->addTab(m_dashboard, tr("Dashboard"));
    setCentralWidget(m_tabs);

    m_databaseLabel = new QLabel(this);
    m_totalsLabel = new QLabel(this);
    statusBar()->addWidget(m_databaseLabel, 1);
    statusBar()->addPermanentWidget(m_totalsLabel);

    createActions();
    connect(m_board, &BoardPage::loaded, this, [this] {
        if (currentView() == View::Board)
            Q_EMIT dataLoaded();
    });
    connect(m_dashboard, &DashboardPage::loaded, this, [this] {
        updateStatus();
        if (currentView() == View::Dashboard)
            Q_EMIT dataLoaded();
    });
    connect(m_dashboard, &DashboardPage::failed, this, [this](const QString &message) {
        m_totalsLabel->clear();
        statusBar()->showMessage(message);
    });
    resize(1280, 800);
    updateStatus();
}

StageSummaryModel *MainWindow::stageSummary() const
{
    return m_dashboard->stageSummary();
}

void MainWindow::setCurrentView(View view)
{
    m_tabs->setCurrentWidget(view == View::Board ? static_cast<QWidget *>(m_board) : m_dashboard);
}

MainWindow::View MainWindow::currentView() const
{
    return m_tabs->currentWidget() == m_dashboard ? View::Dashboard : View::Board;
}

void MainWindow::createActions()
{
    QMenu *fileMenu = menuBar()->addMenu(tr("&File"));
    QAction *open = fileMenu->addAction(tr("&Open Database…"), this, &MainWindow::chooseDatabase);
    open->setShortcut(QKeySequence::Open);
    fileMenu->addSeparator();
    QAction *quit = fileMenu->addAction(tr("&Quit"), qApp, &QApplication::closeAllWindows);
    quit->setShortcut(QKeySequence::Quit);

    QMenu *viewMenu = menuBar()->addMenu(tr("&View"));
    QAction *refreshAction = viewMenu->addAction(tr("&Refresh"), this, &MainWindow::refresh);
    refreshAction->setShortcut(QKeySequence::Refresh);

    QMenu *helpMenu = menuBar()->addMenu(tr("&Help"));
    helpMenu->addAction(tr("&About Funnelboard"), this, &MainWindow::showAbout);
    helpMenu->addAction(tr("About &Qt"), qApp, &QApplication::aboutQt);
}

void MainWindow::openDatabase(const QString &path)
{
    m_databasePath = path;
    setWindowTitle(tr("%1 — Funnelboard").arg(QFileInfo(path).fileName()));
    statusBar()->showMessage(tr("Loading…"));
    updateStatus();
    m_board->openDatabase(path);
    m_dashboard->openDatabase(path);
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
}

void MainWindow::updateStatus()
{
    const QLocale locale;
    m_databaseLabel->setText(m_databasePath.isEmpty() ? tr("No database open")
                                                      : QDir::toNativeSeparators(m_databasePath));
    if (stageSummary()->isLoading() || m_databasePath.isEmpty())
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
