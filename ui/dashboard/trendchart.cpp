#include "ui/dashboard/trendchart.h"

#include "core/storage/funnelreportcsv.h"
#include "ui/common/stagestyle.h"
#include "ui/dashboard/chartstyle.h"

#include <QDateTime>
#include <QBarCategoryAxis>
#include <QLineSeries>
#include <QLocale>
#include <QPen>
#include <QValueAxis>

namespace funnel {

using namespace Qt::StringLiterals;

TrendChart::TrendChart(QWidget *parent) : DashboardChart(parent)
{
    setObjectName(u"trendChart"_s);
    chart()->setTitle(ChartStyle::title(displayName(), tr("Loading…"), palette()));
}

QString TrendChart::displayName() const
{
    return tr("Weekly trend");
}

void TrendChart::setData(const DashboardData &data)
{
    m_stats = data.stats;
    clearChart();
    qint64 highest = 0;
    const std::array<Stage, 3> stages{Stage::MQL, Stage::SQL, Stage::Won};
    m_names = {tr("New MQLs"), tr("New SQLs"), tr("Won")};
    const auto &names = m_names;
    std::array<qint64, 3> totals{};
    for (int index = 0; index < 3; ++index) {
        auto *line = new QLineSeries;
        line->setName(names[index]);
        for (const FunnelStats::Week &week : std::as_const(m_stats.trend)) {
            line->append(double(line->count()), double(week.entered[index]));
            highest = std::max(highest, week.entered[index]);
            totals[index] += week.entered[index];
        }
        QPen pen(StageStyle::color(stages[index]), 2.5);
        line->setPen(pen);
        line->setPointsVisible(true);
        line->setMarkerSize(5.5);
        m_lines[index] = line;
        chart()->addSeries(line);
        connect(line, &QLineSeries::hovered, this, [this, index](const QPointF &point, bool state) {
            const QLocale locale;
            const int week = qRound(point.x());
            if (!state || week < 0 || week >= m_stats.trend.size()) {
                showHover(false, {});
                return;
            }
            const FunnelStats::Week &data = m_stats.trend.at(week);
            const QDate monday = QDateTime::fromMSecsSinceEpoch(data.startMs, Qt::UTC).date();
            // Near a point the week's exact numbers, all three lines, the hovered one in bold.
            QString text = tr("<b>Week of %1</b>").arg(locale.toString(monday, QLocale::ShortFormat));
            for (int other = 0; other < 3; ++other) {
                const QString row = tr("%1: %2").arg(m_names[other], locale.toString(data.entered[other]));
                text += u"<br>"_s + (other == index ? u"<b>"_s + row + u"</b>"_s : row);
            }
            if (!m_partialNote.isEmpty() && (week == 0 || week == m_stats.trend.size() - 1))
                text += u"<br><i>"_s + m_partialNote + u"</i>"_s;
            showHover(true, text);
        });
    }

    // One category per week, labelled with its Monday: the points sit exactly on their labels,
    // whatever the local time zone (weeks are UTC).
    auto *weeks = new QBarCategoryAxis;
    QStringList labels;
    const QLocale dates;
    const int step = m_stats.trend.size() > 14 ? 4 : m_stats.trend.size() > 8 ? 2 : 1;
    for (int i = 0; i < m_stats.trend.size(); ++i) {
        const QDate monday = QDateTime::fromMSecsSinceEpoch(m_stats.trend.at(i).startMs, Qt::UTC).date();
        labels.append(i % step == 0 ? dates.toString(monday, u"d MMM"_s) : QString(i + 1, QChar(0x200B)));
    }
    weeks->append(labels.isEmpty() ? QStringList{QString()} : labels);
    weeks->setTitleText(tr("Week starting Monday (UTC)"));
    auto *count = new QValueAxis;
    count->setRange(0, double(std::max<qint64>(highest, 4)) * 1.1);
    count->applyNiceNumbers();
    count->setLabelFormat(u"%.0f"_s);
    count->setTitleText(tr("Leads per week"));
    chart()->addAxis(weeks, Qt::AlignBottom);
    chart()->addAxis(count, Qt::AlignLeft);
    for (QLineSeries *line : m_lines) {
        line->attachAxis(weeks);
        line->attachAxis(count);
    }
    ChartStyle::applyTo(weeks, palette());
    weeks->setGridLineVisible(false);
    ChartStyle::applyTo(count, palette());

    const QLocale locale;
    // A period that does not start on a Monday or end on a Sunday has partial first or last weeks:
    // say so, or their dip reads as a slump.
    bool partial = false;
    if (!m_stats.trend.isEmpty()) {
        partial = (data.filter.fromMs && *data.filter.fromMs > m_stats.trend.first().startMs)
            || (data.filter.toMs && *data.filter.toMs < m_stats.trend.last().startMs + FunnelStats::weekMs)
            || (data.filter.toMs && *data.filter.toMs > data.nowMs && data.nowMs < m_stats.trend.last().startMs + FunnelStats::weekMs);
    }
    m_partialNote = partial ? tr("first or last week partly outside the period") : QString();
    QString subtitle = tr("%1 new MQLs, %2 new SQLs, %3 won in the period")
                           .arg(locale.toString(totals[0]), locale.toString(totals[1]), locale.toString(totals[2]));
    if (partial)
        subtitle += u" · "_s + m_partialNote;
    chart()->setTitle(ChartStyle::title(displayName(), subtitle, palette()));
    setEmptyMessage(m_stats.trend.isEmpty() ? tr("No moves in this period.") : QString());
    markLoaded();
}

QByteArray TrendChart::csv() const
{
    return FunnelReportCsv::trend(m_stats);
}

} // namespace funnel
