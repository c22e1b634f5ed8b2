#include "ui/dashboard/timeinstagechart.h"

#include "core/storage/funnelreportcsv.h"
#include "core/storage/funnelreportjson.h"
#include "ui/common/stagestyle.h"
#include "ui/dashboard/chartstyle.h"

#include <QBarCategoryAxis>
#include <QBarSeries>
#include <QBarSet>
#include <QLocale>
#include <QValueAxis>

namespace funnel {

using namespace Qt::StringLiterals;

TimeInStageChart::TimeInStageChart(QWidget *parent) : DashboardChart(parent)
{
    setObjectName(u"timeInStageChart"_s);
    chart()->setTitle(ChartStyle::title(displayName(), tr("Loading…"), palette()));
}

QString TimeInStageChart::displayName() const
{
    return tr("Time in stage");
}

std::optional<double> TimeInStageChart::days(const FunnelStats &stats, int stageIndex, Measure measure)
{
    const FunnelStats::StageTime &time = stats.timeInStage[stageIndex];
    const std::optional<qint64> ms = measure == Measure::LeftMedian ? time.left.medianMs
        : measure == Measure::LeftP90                               ? time.left.p90Ms
        : measure == Measure::StillMedian                           ? time.still.medianMs
                                                                    : time.still.p90Ms;
    return ms ? std::optional<double>(FunnelReportJson::days(*ms)) : std::nullopt;
}

void TimeInStageChart::setData(const DashboardData &data)
{
    m_stats = data.stats;
    clearChart();
    m_series = new QBarSeries;
    m_series->setBarWidth(0.8);
    m_series->setLabelsVisible(true);
    m_series->setLabelsPosition(QAbstractBarSeries::LabelsOutsideEnd);
    m_series->setLabelsPrecision(3);
    double longest = 0;
    constexpr std::array<Measure, 4> measures{Measure::LeftMedian, Measure::LeftP90, Measure::StillMedian, Measure::StillP90};
    for (int index = 0; index < 3; ++index) {
        const Stage stage = Stage(index);
        auto *set = new QBarSet(StageStyle::label(stage));
        for (Measure measure : measures) {
            const double value = days(m_stats, index, measure).value_or(0.0);
            // One decimal is what a manager reads; the CSV and the tooltip keep the rest.
            set->append(std::round(value * 10.0) / 10.0);
            longest = std::max(longest, value);
        }
        set->setColor(StageStyle::color(stage));
        set->setBorderColor(StageStyle::color(stage));
        set->setLabelColor(palette().color(QPalette::Text));
        m_series->append(set);
        connect(set, &QBarSet::hovered, this, [this, index](bool status, int category) { hover(status, category, index); });
    }
    chart()->addSeries(m_series);

    auto *axis = new QBarCategoryAxis;
    axis->append({tr("median, left"), tr("90th pct, left"), tr("median, still in"), tr("90th pct, still in")});
    axis->setTitleText(tr("Left the stage in the period  ·  still in it now (time so far)"));
    auto *daysAxis = new QValueAxis;
    daysAxis->setRange(0, std::max(1.0, longest * 1.15));
    daysAxis->applyNiceNumbers();
    daysAxis->setLabelFormat(u"%.0f"_s);
    daysAxis->setTitleText(tr("Days"));
    chart()->addAxis(axis, Qt::AlignBottom);
    chart()->addAxis(daysAxis, Qt::AlignLeft);
    m_series->attachAxis(axis);
    m_series->attachAxis(daysAxis);
    ChartStyle::applyTo(axis, palette());
    ChartStyle::applyTo(daysAxis, palette());
    axis->setGridLineVisible(false);

    qint64 moves = 0;
    for (const FunnelStats::StageTime &time : m_stats.timeInStage)
        moves += time.left.count;
    chart()->setTitle(ChartStyle::title(
        displayName(), tr("%1 moves out of a stage in the period; nearest-rank percentiles").arg(QLocale().toString(moves)),
        palette()));
    setEmptyMessage({});
    markLoaded();
}

void TimeInStageChart::hover(bool status, int category, int stageIndex)
{
    if (!status || category < 0 || category > 3) {
        showHover(false, {});
        return;
    }
    const QLocale locale;
    const FunnelStats::StageTime &time = m_stats.timeInStage[stageIndex];
    const bool left = category < 2;
    const FunnelStats::Durations &durations = left ? time.left : time.still;
    const auto format = [&](const std::optional<qint64> &ms) {
        return ms ? tr("%1 days").arg(locale.toString(FunnelReportJson::days(*ms), 'f', 1)) : tr("–");
    };
    const QString stage = StageStyle::label(Stage(stageIndex));
    QString text = left ? tr("<b>%1</b>: %2 leads left %1 in the period").arg(stage, locale.toString(durations.count))
                        : tr("<b>%1</b>: %2 leads are in %1 now").arg(stage, locale.toString(durations.count));
    text += u"<br>"_s + tr("median %1, 90th percentile %2").arg(format(durations.medianMs), format(durations.p90Ms));
    text += u"<br><i>"_s
        + (left ? tr("From entering the stage to the lead's next move.") : tr("Time so far since entering the stage."))
        + u"</i>"_s;
    showHover(true, text);
}

QByteArray TimeInStageChart::csv() const
{
    return FunnelReportCsv::timeInStage(m_stats);
}

} // namespace funnel
