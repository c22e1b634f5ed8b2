#include "ui/dashboard/dashboardpage.h"

#include "core/storage/databasewatcher.h"
#include "ui/common/stagestyle.h"
#include "ui/dashboard/dashboardloader.h"
#include "ui/dashboard/dashboardreport.h"
#include "ui/dashboard/funnelchart.h"
#include "ui/dashboard/scorehistogramchart.h"
#include "ui/dashboard/stagesummarymodel.h"
#include "ui/dashboard/stagetiledelegate.h"
#include "ui/dashboard/timeinstagechart.h"
#include "ui/dashboard/trendchart.h"

#include <QAction>
#include <QComboBox>
#include <QCoreApplication>
#include <QDateEdit>
#include <QDir>
#include <QFile>
#include <QFileDialog>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QListView>
#include <QLocale>
#include <QMenu>
#include <QMessageBox>
#include <QProgressBar>
#include <QStandardPaths>
#include <QTimer>
#include <QToolButton>
#include <QVBoxLayout>

namespace funnel {

using namespace Qt::StringLiterals;

namespace {

constexpr int reloadDelayMs = 120; // coalesces a burst of filter edits (typing a date) into one load
constexpr int liveDelayMs = 400;   // coalesces a burst of commits from an ingest

QLabel *fieldLabel(const QString &text, QWidget *parent)
{
    auto *label = new QLabel(text, parent);
    label->setForegroundRole(QPalette::PlaceholderText);
    return label;
}

} // namespace

DashboardPage::DashboardPage(QWidget *parent)
    : QWidget(parent), m_stageSummary(new StageSummaryModel(this)), m_loader(new DashboardLoader(this)),
      m_watcher(new DatabaseWatcher(this)), m_reloadTimer(new QTimer(this))
{
    m_exportFolder = QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(12, 10, 12, 12);
    layout->setSpacing(8);
    layout->addWidget(createFilterBar());

    m_stageTiles = new QListView(this);
    m_stageTiles->setModel(m_stageSummary);
    m_stageTiles->setItemDelegate(new StageTileDelegate(m_stageTiles));
    m_stageTiles->setFlow(QListView::LeftToRight);
    m_stageTiles->setWrapping(false);
    m_stageTiles->setResizeMode(QListView::Adjust);
    m_stageTiles->setUniformItemSizes(false); // the tiles share the width, which changes
    m_stageTiles->setFrameShape(QFrame::NoFrame);
    m_stageTiles->setSelectionMode(QAbstractItemView::NoSelection);
    m_stageTiles->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    m_stageTiles->setVerticalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    m_stageTiles->viewport()->setAutoFillBackground(false);
    m_stageTiles->setAccessibleName(tr("Leads per stage now"));
    m_stageTiles->setToolTip(tr("The pipeline now: every lead in the database by its current stage, whatever the filters."));
    {
        QStyleOptionViewItem option;
        option.initFrom(m_stageTiles);
        m_stageTiles->setFixedHeight(StageTileDelegate().sizeHint(option, {}).height() + 4);
    }
    auto *pipelineCaption = new QLabel(tr("Pipeline now · every lead by its current stage, whatever the filters"), this);
    pipelineCaption->setForegroundRole(QPalette::PlaceholderText);
    layout->addWidget(pipelineCaption);
    layout->addWidget(m_stageTiles);
    m_chartsCaption = new QLabel(this);
    m_chartsCaption->setObjectName(u"chartsCaption"_s);
    m_chartsCaption->setForegroundRole(QPalette::PlaceholderText);
    layout->addWidget(m_chartsCaption);

    m_funnel = new FunnelChart(this);
    m_histogram = new ScoreHistogramChart(this);
    m_timeInStage = new TimeInStageChart(this);
    m_trend = new TrendChart(this);
    auto *grid = new QGridLayout;
    grid->setSpacing(10);
    grid->addWidget(m_funnel, 0, 0);
    grid->addWidget(m_histogram, 0, 1);
    grid->addWidget(m_timeInStage, 1, 0);
    grid->addWidget(m_trend, 1, 1);
    grid->setColumnStretch(0, 1);
    grid->setColumnStretch(1, 1);
    layout->addLayout(grid, 1);
    for (Chart which : allCharts)
        addChartContextMenu(chart(which), which);

    m_reloadTimer->setSingleShot(true);
    connect(m_reloadTimer, &QTimer::timeout, this, [this] { reload(false); });

    m_stageSummary->setLoadedDeferred(true);
    connect(m_stageSummary, &StageSummaryModel::dataReady, this, [this] {
        m_summaryReady = true;
        maybeEmitLoaded();
    });
    connect(m_stageSummary, &StageSummaryModel::failed, this, &DashboardPage::reportError);
    connect(m_loader, &DashboardLoader::loaded, this, &DashboardPage::showData);
    connect(m_loader, &DashboardLoader::failed, this, &DashboardPage::reportError);
    connect(m_loader, &DashboardLoader::busyChanged, this, [this](bool busy) {
        m_busy->setVisible(busy);
        if (busy)
            m_status->setText(tr("Updating…"));
    });

    // Live: a commit by anyone (this app's workers, funnelctl ingest in another process) reloads the
    // page. While a load runs, the reload waits for it instead of superseding it again and again.
    auto *liveTimer = new QTimer(this);
    liveTimer->setSingleShot(true);
    liveTimer->setInterval(liveDelayMs);
    connect(m_watcher, &DatabaseWatcher::changed, liveTimer, qOverload<>(&QTimer::start));
    connect(liveTimer, &QTimer::timeout, this, [this, liveTimer] {
        if (m_loader->isBusy()) {
            liveTimer->start();
            return;
        }
        m_choicesLoaded = false; // a new owner or source may have arrived
        refresh();
    });

    connect(m_funnel, &FunnelChart::stageClicked, this, [this](Stage stage) {
        LeadFilter drill = m_data.filter.cohort();
        drill.reachedStage = stage;
        Q_EMIT drillDownRequested(drill);
    });
    connect(m_histogram, &ScoreHistogramChart::bucketClicked, this, [this](int lower) {
        LeadFilter drill = m_data.filter.cohort();
        drill.minScore = lower;
        drill.maxScore = lower + 9;
        Q_EMIT drillDownRequested(drill);
    });
}

DashboardPage::~DashboardPage() = default;

QWidget *DashboardPage::createFilterBar()
{
    auto *bar = new QWidget(this);
    auto *row = new QHBoxLayout(bar);
    row->setContentsMargins(0, 0, 0, 0);
    row->setSpacing(6);

    m_period = new QComboBox(bar);
    m_period->setObjectName(u"periodCombo"_s);
    for (auto preset : {DashboardPeriod::Preset::Last7Days, DashboardPeriod::Preset::Last30Days, DashboardPeriod::Preset::Last90Days,
                        DashboardPeriod::Preset::ThisQuarter, DashboardPeriod::Preset::Custom})
        m_period->addItem(DashboardPeriod::label(preset), int(preset));
    m_period->setCurrentIndex(m_period->findData(int(DashboardPeriod::Preset::Last30Days)));
    m_period->setToolTip(tr("The cohort: the funnel and the score distribution count the leads created in the period; "
                            "time in stage and the trend count the moves made in it."));
    m_from = new QDateEdit(bar);
    m_to = new QDateEdit(bar);
    for (QDateEdit *edit : {m_from, m_to}) {
        edit->setCalendarPopup(true);
        edit->setDisplayFormat(QLocale().dateFormat(QLocale::ShortFormat));
        edit->setMaximumDate(QDate::currentDate().addYears(1));
    }
    m_from->setObjectName(u"fromDate"_s);
    m_to->setObjectName(u"toDate"_s);
    m_from->setToolTip(tr("First day of the period"));
    m_to->setToolTip(tr("Last day of the period (included)"));
    m_owner = new QComboBox(bar);
    m_owner->setObjectName(u"ownerCombo"_s);
    m_owner->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    m_source = new QComboBox(bar);
    m_source->setObjectName(u"sourceCombo"_s);
    m_source->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    fillChoices(m_owner, {}, tr("All owners"));
    fillChoices(m_source, {}, tr("All sources"));

    m_busy = new QProgressBar(bar);
    m_busy->setObjectName(u"busyIndicator"_s);
    m_busy->setRange(0, 0);
    m_busy->setTextVisible(false);
    m_busy->setFixedSize(72, 6);
    m_busy->setVisible(false);
    m_busy->setAccessibleName(tr("Updating the charts"));
    m_status = new QLabel(bar);
    m_status->setForegroundRole(QPalette::PlaceholderText);

    m_export = new QToolButton(bar);
    m_export->setText(tr("Export"));
    m_export->setPopupMode(QToolButton::InstantPopup);
    m_export->setToolButtonStyle(Qt::ToolButtonTextOnly);
    m_export->setMenu(createExportMenu());

    row->addWidget(fieldLabel(tr("Period"), bar));
    row->addWidget(m_period);
    row->addWidget(m_from);
    row->addWidget(fieldLabel(tr("to"), bar));
    row->addWidget(m_to);
    row->addSpacing(12);
    row->addWidget(fieldLabel(tr("Owner"), bar));
    row->addWidget(m_owner);
    row->addSpacing(12);
    row->addWidget(fieldLabel(tr("Source"), bar));
    row->addWidget(m_source);
    row->addStretch(1);
    row->addWidget(m_busy);
    row->addWidget(m_status);
    row->addSpacing(8);
    row->addWidget(m_export);

    periodChosen();
    connect(m_period, &QComboBox::currentIndexChanged, this, &DashboardPage::periodChosen);
    for (QDateEdit *edit : {m_from, m_to})
        connect(edit, &QDateEdit::dateChanged, this, &DashboardPage::scheduleReload);
    connect(m_owner, &QComboBox::currentIndexChanged, this, &DashboardPage::scheduleReload);
    connect(m_source, &QComboBox::currentIndexChanged, this, &DashboardPage::scheduleReload);
    return bar;
}

QMenu *DashboardPage::createExportMenu()
{
    auto *menu = new QMenu(this);
    menu->addAction(tr("Report as PDF…"), this, &DashboardPage::chooseReportFile);
    menu->addSeparator();
    for (Chart which : allCharts) {
        QMenu *sub = menu->addMenu(chart(which) ? chart(which)->displayName() : QString());
        // The charts exist after the filter bar; name the submenus when the menu opens.
        connect(menu, &QMenu::aboutToShow, sub, [this, sub, which] { sub->setTitle(chart(which)->displayName()); });
        sub->addAction(tr("Image (PNG)…"), this, [this, which] { chooseImageFile(which, u"png"_s); });
        sub->addAction(tr("Image (SVG)…"), this, [this, which] { chooseImageFile(which, u"svg"_s); });
        sub->addAction(tr("Data (CSV)…"), this, [this, which] { chooseDataFile(which); });
    }
    return menu;
}

void DashboardPage::addChartContextMenu(DashboardChart *view, Chart which)
{
    view->setContextMenuPolicy(Qt::ActionsContextMenu);
    auto add = [view](const QString &text, auto slot) {
        auto *action = new QAction(text, view);
        QObject::connect(action, &QAction::triggered, view, slot);
        view->addAction(action);
    };
    add(tr("Save Image as PNG…"), [this, which] { chooseImageFile(which, u"png"_s); });
    add(tr("Save Image as SVG…"), [this, which] { chooseImageFile(which, u"svg"_s); });
    add(tr("Save Data as CSV…"), [this, which] { chooseDataFile(which); });
}

DashboardChart *DashboardPage::chart(Chart which) const
{
    switch (which) {
    case Chart::Funnel: return m_funnel;
    case Chart::ScoreHistogram: return m_histogram;
    case Chart::TimeInStage: return m_timeInStage;
    case Chart::Trend: return m_trend;
    }
    return nullptr;
}

void DashboardPage::fillChoices(QComboBox *combo, const QStringList &values, const QString &allLabel)
{
    const QString current = combo->currentData().toString();
    const QSignalBlocker blocker(combo);
    combo->clear();
    combo->addItem(allLabel, QString());
    for (const QString &value : values)
        combo->addItem(value, value);
    const int index = combo->findData(current);
    combo->setCurrentIndex(index >= 0 ? index : 0);
}

void DashboardPage::periodChosen()
{
    const auto preset = DashboardPeriod::Preset(m_period->currentData().toInt());
    const bool custom = preset == DashboardPeriod::Preset::Custom;
    m_from->setEnabled(custom);
    m_to->setEnabled(custom);
    if (!custom) {
        const auto [from, to] = DashboardPeriod::range(preset, QDate::currentDate());
        const QSignalBlocker fromBlocker(m_from);
        const QSignalBlocker toBlocker(m_to);
        m_from->setDate(from);
        m_to->setDate(to);
    }
    scheduleReload();
}

void DashboardPage::setPeriod(DashboardPeriod::Preset preset, QDate from, QDate lastDay)
{
    {
        const QSignalBlocker blocker(m_period);
        m_period->setCurrentIndex(m_period->findData(int(preset)));
    }
    if (preset == DashboardPeriod::Preset::Custom) {
        const QSignalBlocker fromBlocker(m_from);
        const QSignalBlocker toBlocker(m_to);
        if (from.isValid())
            m_from->setDate(from);
        if (lastDay.isValid())
            m_to->setDate(lastDay);
    }
    periodChosen();
}

void DashboardPage::setOwner(const QString &owner)
{
    if (m_owner->findData(owner) < 0)
        m_owner->addItem(owner, owner); // before the choices arrive
    m_owner->setCurrentIndex(m_owner->findData(owner));
}

void DashboardPage::setSource(const QString &source)
{
    if (m_source->findData(source) < 0)
        m_source->addItem(source, source);
    m_source->setCurrentIndex(m_source->findData(source));
}

DashboardFilter DashboardPage::filter() const
{
    DashboardFilter filter;
    QDate from = m_from->date();
    QDate to = m_to->date();
    if (to < from)
        std::swap(from, to); // a reversed custom range still means the days between the two
    filter.setDates(from, to);
    filter.owner = m_owner->currentData().toString();
    filter.source = m_source->currentData().toString();
    return filter;
}

QString DashboardPage::filterDescription() const
{
    const QLocale locale;
    QString period = tr("%1 (%2 – %3)")
                         .arg(m_period->currentText(), locale.toString(std::min(m_from->date(), m_to->date()), QLocale::ShortFormat),
                              locale.toString(std::max(m_from->date(), m_to->date()), QLocale::ShortFormat));
    const QString owner = m_owner->currentData().toString().isEmpty() ? tr("all owners") : tr("owner %1").arg(m_owner->currentText());
    const QString source =
        m_source->currentData().toString().isEmpty() ? tr("all sources") : tr("source %1").arg(m_source->currentText());
    return period + u" · "_s + owner + u" · "_s + source;
}

bool DashboardPage::isLoading() const
{
    return m_loader->isBusy() || m_stageSummary->isLoading() || m_reloadTimer->isActive();
}

void DashboardPage::openDatabase(const QString &path)
{
    m_databasePath = path;
    m_choicesLoaded = false;
    m_watcher->watch(path);
    refresh();
}

void DashboardPage::refresh()
{
    if (m_databasePath.isEmpty())
        return;
    m_summaryReady = false;
    m_stageSummary->reload(m_databasePath);
    reload(!m_choicesLoaded);
}

void DashboardPage::scheduleReload()
{
    if (m_databasePath.isEmpty())
        return;
    m_chartsReady = false;
    m_loadedPending = true;
    m_busy->setVisible(true);
    m_reloadTimer->start(reloadDelayMs);
}

void DashboardPage::reload(bool withChoices)
{
    if (m_databasePath.isEmpty())
        return;
    m_reloadTimer->stop();
    m_chartsReady = false;
    m_loadedPending = true;
    m_loader->load(m_databasePath, filter(), withChoices);
}

void DashboardPage::showData(const DashboardData &data)
{
    m_data = data;
    if (data.owners && data.sources) {
        fillChoices(m_owner, *data.owners, tr("All owners"));
        fillChoices(m_source, *data.sources, tr("All sources"));
        m_choicesLoaded = true;
        if (filter() != data.filter) {
            reload(false); // the owner or source chosen is gone: load what the bar now says
            return;
        }
    }
    for (Chart which : allCharts)
        chart(which)->setData(data);
    m_chartsCaption->setText(tr("Charts for %1").arg(filterDescription()));
    m_status->setText(tr("Updated %1").arg(QLocale().toString(QTime::currentTime(), QLocale::ShortFormat)));
    m_chartsReady = true;
    maybeEmitLoaded();
}

void DashboardPage::maybeEmitLoaded()
{
    if (!m_loadedPending || !m_chartsReady || !m_summaryReady || isLoading())
        return;
    m_loadedPending = false;
    // After the charts' pending layout (queued by setData) has run: paint them now, then say so.
    QTimer::singleShot(0, this, [this] {
        if (isLoading())
            return; // superseded meanwhile; the newer load will say loaded()
        QCoreApplication::sendPostedEvents(nullptr, QEvent::LayoutRequest);
        for (Chart which : allCharts) {
            DashboardChart *view = chart(which);
            if (view->isVisible())
                view->viewport()->repaint();
        }
        Q_EMIT loaded();
        m_stageSummary->announceLoaded();
    });
}

void DashboardPage::reportError(const QString &message)
{
    m_stageSummary->announceLoaded(); // nothing more to wait for
    m_status->setText(tr("Could not update"));
    m_status->setToolTip(message);
    Q_EMIT failed(message);
}

bool DashboardPage::exportChartImage(Chart which, const QString &path, QString *error)
{
    return chart(which)->saveImage(path, error);
}

bool DashboardPage::exportChartData(Chart which, const QString &path, QString *error)
{
    QFile file(path);
    const QByteArray csv = chart(which)->csv();
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate) || file.write(csv) != csv.size()) {
        if (error)
            *error = tr("Cannot write %1: %2").arg(QDir::toNativeSeparators(path), file.errorString());
        return false;
    }
    return true;
}

bool DashboardPage::exportReport(const QString &pdfPath, QString *error)
{
    const QLocale locale;
    const FunnelStats &stats = m_data.stats;
    DashboardReport report;
    report.title = tr("Funnel report");
    report.filters = filterDescription();
    report.figures.append(tr("%1 leads created").arg(locale.toString(stats.reached[0])));
    for (int rank = 1; rank < 4; ++rank) {
        const double share = stats.reached[0] ? double(stats.reached[rank]) / double(stats.reached[0]) : 0.0;
        report.figures.append(tr("reached %1: %2 (%3 %)")
                                  .arg(StageStyle::label(Stage(rank)), locale.toString(stats.reached[rank]),
                                       locale.toString(share * 100.0, 'f', 1)));
    }
    for (Chart which : allCharts)
        report.charts.append(chart(which));
    return report.write(pdfPath, error);
}

void DashboardPage::chooseImageFile(Chart which, const QString &suffix)
{
    const QString name = chart(which)->fileStem() + u"-"_s + QDate::currentDate().toString(Qt::ISODate) + u"."_s + suffix;
    const QString filterText = suffix == "svg"_L1 ? tr("SVG images (*.svg)") : tr("PNG images (*.png)");
    const QString path = QFileDialog::getSaveFileName(this, tr("Save Chart"), QDir(m_exportFolder).filePath(name), filterText);
    if (path.isEmpty())
        return;
    m_exportFolder = QFileInfo(path).absolutePath();
    QString error;
    if (!exportChartImage(which, path, &error))
        QMessageBox::warning(this, tr("Cannot Save Chart"), error);
}

void DashboardPage::chooseDataFile(Chart which)
{
    const QString name = chart(which)->fileStem() + u"-"_s + QDate::currentDate().toString(Qt::ISODate) + u".csv"_s;
    const QString path = QFileDialog::getSaveFileName(this, tr("Save Chart Data"), QDir(m_exportFolder).filePath(name),
                                                      tr("CSV files (*.csv)"));
    if (path.isEmpty())
        return;
    m_exportFolder = QFileInfo(path).absolutePath();
    QString error;
    if (!exportChartData(which, path, &error))
        QMessageBox::warning(this, tr("Cannot Save Data"), error);
}

void DashboardPage::chooseReportFile()
{
    const QString name = u"funnel-report-"_s + QDate::currentDate().toString(Qt::ISODate) + u".pdf"_s;
    const QString path = QFileDialog::getSaveFileName(this, tr("Save Report"), QDir(m_exportFolder).filePath(name),
                                                      tr("PDF documents (*.pdf)"));
    if (path.isEmpty())
        return;
    m_exportFolder = QFileInfo(path).absolutePath();
    QString error;
    if (!exportReport(path, &error))
        QMessageBox::warning(this, tr("Cannot Save Report"), error);
}

} // namespace funnel
