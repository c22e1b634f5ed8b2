#pragma once

#include "core/storage/dashboarddata.h"
#include "core/storage/dashboardperiod.h"
#include "core/storage/leadfilter.h"

#include <QWidget>

#include <array>

class QComboBox;
class QDateEdit;
class QLabel;
class QListView;
class QProgressBar;
class QTimer;
class QToolButton;

namespace funnel {

class DashboardChart;
class DashboardLoader;
class DatabaseWatcher;
class FunnelChart;
class ScoreHistogramChart;
class StageSummaryModel;
class TimeInStageChart;
class TrendChart;

// The manager's dashboard: a filter bar (period, owner, source) that drives every chart at once,
// the pipeline now as stage tiles, and four charts — funnel of the cohort, score distribution, time
// in stage, weekly trend. Aggregates run in SQL on a worker; the page follows commits made by anyone
// (DatabaseWatcher) without a restart. Charts export as PNG, SVG and CSV, the whole page as a PDF.
class DashboardPage : public QWidget
{
    Q_OBJECT

public:
    enum class Chart { Funnel, ScoreHistogram, TimeInStage, Trend };
    static constexpr std::array<Chart, 4> allCharts{Chart::Funnel, Chart::ScoreHistogram, Chart::TimeInStage, Chart::Trend};

    explicit DashboardPage(QWidget *parent = nullptr);
    ~DashboardPage() override;

    void openDatabase(const QString &path);
    void refresh();
    StageSummaryModel *stageSummary() const { return m_stageSummary; }

    // The filter bar, also for tests and scripts. Changing it reloads every chart.
    void setPeriod(DashboardPeriod::Preset preset, QDate from = {}, QDate lastDay = {});
    void setOwner(const QString &owner);   // empty = all owners
    void setSource(const QString &source); // empty = all sources
    DashboardFilter filter() const;
    // "Last 30 days (29 Oct – 27 Nov 2026) · owner Maya Patel · all sources", for people.
    QString filterDescription() const;

    bool isLoading() const;
    const DashboardData &data() const { return m_data; }
    DashboardChart *chart(Chart which) const;
    FunnelChart *funnelChart() const { return m_funnel; }
    ScoreHistogramChart *scoreHistogramChart() const { return m_histogram; }
    TimeInStageChart *timeInStageChart() const { return m_timeInStage; }
    TrendChart *trendChart() const { return m_trend; }

    // Exports; false with the reason in `error`. Images by suffix (.png, .svg).
    bool exportChartImage(Chart which, const QString &path, QString *error = nullptr);
    bool exportChartData(Chart which, const QString &path, QString *error = nullptr);
    bool exportReport(const QString &pdfPath, QString *error = nullptr);

Q_SIGNALS:
    // Every chart shows the current filter's data and has been painted.
    void loaded();
    void failed(const QString &message);
    // The leads behind a clicked funnel bar or histogram bucket; the main window shows them on the board.
    void drillDownRequested(const funnel::LeadFilter &filter);

private:
    QWidget *createFilterBar();
    QMenu *createExportMenu();
    void addChartContextMenu(DashboardChart *view, Chart which);
    void periodChosen();
    void scheduleReload();
    void reload(bool withChoices);
    void showData(const DashboardData &data);
    void fillChoices(QComboBox *combo, const QStringList &values, const QString &allLabel);
    void maybeEmitLoaded();
    void chooseImageFile(Chart which, const QString &suffix);
    void chooseDataFile(Chart which);
    void chooseReportFile();
    void reportError(const QString &message);

    StageSummaryModel *m_stageSummary = nullptr;
    QListView *m_stageTiles = nullptr;
    DashboardLoader *m_loader = nullptr;
    DatabaseWatcher *m_watcher = nullptr;
    QTimer *m_reloadTimer = nullptr;
    QComboBox *m_period = nullptr;
    QDateEdit *m_from = nullptr;
    QDateEdit *m_to = nullptr;
    QComboBox *m_owner = nullptr;
    QComboBox *m_source = nullptr;
    QProgressBar *m_busy = nullptr;
    QLabel *m_status = nullptr;
    QLabel *m_chartsCaption = nullptr;
    QToolButton *m_export = nullptr;
    FunnelChart *m_funnel = nullptr;
    ScoreHistogramChart *m_histogram = nullptr;
    TimeInStageChart *m_timeInStage = nullptr;
    TrendChart *m_trend = nullptr;
    DashboardData m_data;
    QString m_databasePath;
    QString m_exportFolder;
    bool m_chartsReady = false;
    bool m_summaryReady = false;
    bool m_choicesLoaded = false;
    bool m_reloadWithChoices = false;
    bool m_loadedPending = false;
};

} // namespace funnel
