#include "ui/mainwindow/mainwindow.h"

#include "ui/mainwindow/stagesummarymodel.h"
#include "ui/mainwindow/stagetiledelegate.h"

#include "core/storage/database.h"

#include <QAction>
#include <QApplication>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QKeySequence>
#include <QLabel>
#include <QListView>
#include <QLocale>
#include <QMenuBar>
#include <QMessageBox>
#include <QStatusBar>
#include <QVBoxLayout>

namespace funnel {

MainWindow::MainWindow(QWidget *parent)
    : QMainWindow(parent), m_stageSummary(new StageSummaryModel(this))
{
    setWindowTitle(tr("Funnelboard"));
    setWindowIcon(QIcon(QStringLiteral(":/icons/funnelboard.svg")));

    auto *central = new QWidget(this);
    auto *layout = new QVBoxLayout(central);
    layout->setContentsMargins(18, 18, 18, 12);
    layout->setSpacing(12);

    m_headline = new QLabel(central);
    QFont headlineFont = m_headline->font();
    headlineFont.setPointSizeF(headlineFont.pointSizeF() * 1.5);
    headlineFont.setBold(true);
    m_headline->setFont(headlineFont);
    layout->addWidget(m_headline);

    m_stageTiles = new QListView(central);
    m_stageTiles->setModel(m_stageSummary);
    m_stageTiles->setItemDelegate(new StageTileDelegate(m_stageTiles));
    m_stageTiles->setFlow(QListView::LeftToRight);
    m_stageTiles->setWrapping(true);
    m_stageTiles->setResizeMode(QListView::Adjust);
    m_stageTiles->setUniformItemSizes(true);
    m_stageTiles->setFrameShape(QFrame::NoFrame);
    m_stageTiles->setSelectionMode(QAbstractItemView::SingleSelection);
    m_stageTiles->viewport()->setAutoFillBackground(false);
    m_stageTiles->setAccessibleName(tr("Leads per stage"));
    layout->addWidget(m_stageTiles, 1);

    setCentralWidget(central);

    m_databaseLabel = new QLabel(this);
    m_totalsLabel = new QLabel(this);
    statusBar()->addWidget(m_databaseLabel, 1);
    statusBar()->addPermanentWidget(m_totalsLabel);

    createActions();
    connect(m_stageSummary, &StageSummaryModel::loaded, this, [this] {
        updateStatus();
        Q_EMIT dataLoaded();
    });
    connect(m_stageSummary, &StageSummaryModel::failed, this, [this](const QString &message) {
        m_totalsLabel->clear();
        statusBar()->showMessage(message);
    });
    resize(1180, 720);
    updateStatus();
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
    updateStatus();
    refresh();
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
    m_stageSummary->reload(m_databasePath);
}

void MainWindow::updateStatus()
{
    const QLocale locale;
    m_databaseLabel->setText(m_databasePath.isEmpty() ? tr("No database open")
                                                      : QDir::toNativeSeparators(m_databasePath));
    if (m_stageSummary->isLoading() || m_databasePath.isEmpty()) {
        m_headline->setText(tr("Pipeline"));
        return;
    }
    statusBar()->clearMessage();
    const FunnelStats &stats = m_stageSummary->stats();
    m_headline->setText(tr("Pipeline · %1 leads").arg(locale.toString(stats.totalLeads())));
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
