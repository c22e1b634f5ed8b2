#include "ui/dashboard/scorehistogramchart.h"

#include "core/storage/funnelreportcsv.h"
#include "ui/common/stagestyle.h"
#include "ui/dashboard/chartstyle.h"

#include <QCategoryAxis>
#include <QBarSet>
#include <QLineSeries>
#include <QLocale>
#include <QPen>
#include <QStackedBarSeries>
#include <QValueAxis>

namespace funnel {

using namespace Qt::StringLiterals;

ScoreHistogramChart::ScoreHistogramChart(QWidget *parent) : DashboardChart(parent)
{
    setObjectName(u"scoreHistogramChart"_s);
    chart()->setTitle(ChartStyle::title(displayName(), tr("Loading…"), palette()));
}

QString ScoreHistogramChart::displayName() const
{
    return tr("Score distribution");
}

void ScoreHistogramChart::setData(const DashboardData &data)
{
    m_stats = data.stats;
    clearChart();
    m_lowers.clear();
    m_buckets.clear();
    // A continuous axis: empty buckets between filled ones show as gaps, not as nothing.
    if (!m_stats.histogram.isEmpty()) {
        int index = 0;
        for (int lower = m_stats.histogram.first().lower; lower <= m_stats.histogram.last().lower; lower += 10) {
            m_lowers.append(lower);
            if (m_stats.histogram.at(index).lower == lower)
                m_buckets.append(m_stats.histogram.at(index++));
            else
                m_buckets.append(FunnelStats::Bucket{lower, {}});
        }
    }

    m_series = new QStackedBarSeries;
    m_series->setBarWidth(0.92);
    qint64 tallest = 0;
    for (const FunnelStats::Bucket &bucket : std::as_const(m_buckets))
        tallest = std::max(tallest, bucket.total());
    for (Stage stage : allStages) {
        auto *set = new QBarSet(StageStyle::label(stage));
        for (const FunnelStats::Bucket &bucket : std::as_const(m_buckets))
            set->append(double(bucket.perStage[int(stage)]));
        set->setColor(StageStyle::color(stage));
        set->setBorderColor(palette().color(QPalette::AlternateBase));
        m_series->append(set);
    }
    chart()->addSeries(m_series);

    // Bars sit at 0, 1, 2, ...; a category axis labelled "on value" puts score labels on the bucket
    // edges, thinned to about ten so that they never crowd or get elided.
    auto *scores = new QCategoryAxis;
    scores->setLabelsPosition(QCategoryAxis::AxisLabelsPositionOnValue);
    const int buckets = int(m_lowers.size());
    scores->setRange(-0.5, std::max(0.5, double(buckets) - 0.5));
    scores->setStartValue(-0.5);
    if (buckets > 0) {
        int step = 1;
        for (int candidate : {1, 2, 5, 10, 20, 50, 100}) {
            step = candidate;
            if (buckets / candidate <= 10)
                break;
        }
        const int first = m_lowers.first();
        const int last = m_lowers.last() + 10;
        for (int score = first; score <= last; score += 10) {
            if (score % (10 * step) == 0)
                scores->append(QString::number(score), double(score - first) / 10.0 - 0.5);
        }
    }
    scores->setTitleText(tr("Current score (buckets of 10)"));
    auto *leads = new QValueAxis;
    leads->setRange(0, double(std::max<qint64>(tallest, 1)) * 1.05);
    leads->applyNiceNumbers();
    leads->setLabelFormat(u"%.0f"_s);
    leads->setTitleText(tr("Leads"));
    chart()->addAxis(scores, Qt::AlignBottom);
    chart()->addAxis(leads, Qt::AlignLeft);
    m_series->attachAxis(scores);
    m_series->attachAxis(leads);
    ChartStyle::applyTo(scores, palette());
    ChartStyle::applyTo(leads, palette());
    scores->setGridLineVisible(false);

    // The thresholds, where they fall inside (or at the edge of) the bars.
    if (!m_lowers.isEmpty()) {
        const std::array<std::pair<Stage, int>, 2> thresholds{{{Stage::MQL, data.mqlThreshold}, {Stage::SQL, data.sqlThreshold}}};
        for (const auto &[stage, value] : thresholds) {
            const double x = thresholdPosition(value, m_lowers.first());
            if (x < -0.5 || x > double(m_lowers.size()) - 0.5)
                continue;
            auto *line = new QLineSeries;
            line->setName(tr("%1 threshold (%2)").arg(StageStyle::label(stage)).arg(value));
            line->append(x, 0);
            line->append(x, leads->max());
            QPen pen(StageStyle::color(stage).lighter(120), 2, Qt::DashLine);
            line->setPen(pen);
            chart()->addSeries(line);
            line->attachAxis(scores);
            line->attachAxis(leads);
        }
    }

    const QLocale locale;
    chart()->setTitle(ChartStyle::title(
        displayName(),
        m_stats.totalLeads() ? tr("%1 leads of the cohort, by current score and stage").arg(locale.toString(m_stats.totalLeads()))
                             : tr("no leads created in the period"),
        palette()));
    setEmptyMessage(m_stats.totalLeads() ? QString() : tr("No leads were created in this period."));
    connect(m_series, &QStackedBarSeries::hovered, this, [this](bool status, int index, QBarSet *) { hover(status, index); });
    connect(m_series, &QStackedBarSeries::clicked, this, [this](int index, QBarSet *) {
        if (index >= 0 && index < m_lowers.size())
            Q_EMIT bucketClicked(m_lowers.at(index));
    });
    markLoaded();
}

void ScoreHistogramChart::hover(bool status, int index)
{
    if (!status || index < 0 || index >= m_buckets.size()) {
        showHover(false, {});
        return;
    }
    const QLocale locale;
    const FunnelStats::Bucket &bucket = m_buckets.at(index);
    QString text = tr("<b>Score %1 to %2</b>: %3 leads").arg(bucket.lower).arg(bucket.lower + 9).arg(locale.toString(bucket.total()));
    for (Stage stage : allStages) {
        if (const qint64 count = bucket.perStage[int(stage)])
            text += u"<br>"_s + tr("%1: %2").arg(StageStyle::label(stage), locale.toString(count));
    }
    text += u"<br><i>"_s + tr("Click to show these leads on the board.") + u"</i>"_s;
    showHover(true, text);
}

QByteArray ScoreHistogramChart::csv() const
{
    return FunnelReportCsv::histogram(m_stats);
}

} // namespace funnel
