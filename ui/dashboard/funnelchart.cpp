#include "ui/dashboard/funnelchart.h"

#include "core/storage/funnelreportcsv.h"
#include "ui/common/stagestyle.h"
#include "ui/dashboard/chartstyle.h"

#include <QBarCategoryAxis>
#include <QBarSet>
#include <QGraphicsSimpleTextItem>
#include <QHorizontalStackedBarSeries>
#include <QLegend>
#include <QLocale>
#include <QValueAxis>

namespace funnel {

using namespace Qt::StringLiterals;

namespace {

QString percent(double ratio)
{
    return QLocale().toString(ratio * 100.0, 'f', ratio < 0.1 ? 1 : 1) + u" %"_s;
}

} // namespace

FunnelChart::FunnelChart(QWidget *parent) : DashboardChart(parent)
{
    setObjectName(u"funnelChart"_s);
    chart()->legend()->hide();
    setToolTip(reachedExplanation());
    for (auto &label : m_barLabels) {
        label = new QGraphicsSimpleTextItem(chart());
        label->setZValue(10);
        QFont font = label->font();
        font.setBold(true);
        label->setFont(font);
    }
    for (auto &label : m_stepLabels) {
        label = new QGraphicsSimpleTextItem(chart());
        label->setZValue(10);
        label->setBrush(palette().color(QPalette::PlaceholderText));
    }
    chart()->setTitle(ChartStyle::title(displayName(), tr("Loading…"), palette()));
}

QString FunnelChart::displayName() const
{
    return tr("Funnel");
}

QString FunnelChart::reachedExplanation()
{
    return tr("Leads created in the period, by the furthest stage along the funnel they reached (from the stage "
              "history). Reaching a stage counts for every stage before it: a lead that jumped from Cold to SQL "
              "counts as having reached MQL, and a lead now Won or Lost counts for the stages it passed.");
}

void FunnelChart::setData(const DashboardData &data)
{
    m_stats = data.stats;
    clearChart();
    m_series = new QHorizontalStackedBarSeries;
    m_series->setBarWidth(0.72);
    m_padding = new QBarSet(u"padding"_s);
    m_padding->setColor(Qt::transparent);
    m_padding->setBorderColor(Qt::transparent);
    m_max = std::max<qint64>(1, m_stats.reached[0]);
    QList<qreal> padding(4, 0.0);
    for (int rank = 0; rank < 4; ++rank)
        padding[categoryOf(rank)] = double(m_max - m_stats.reached[rank]) / 2.0;
    m_padding->append(padding);
    m_series->append(m_padding);
    for (int rank = 0; rank < 4; ++rank) {
        const Stage stage = Stage(rank);
        auto *set = new QBarSet(StageStyle::label(stage));
        QList<qreal> values(4, 0.0);
        values[categoryOf(rank)] = double(m_stats.reached[rank]);
        set->append(values);
        set->setColor(StageStyle::color(stage));
        set->setBorderColor(StageStyle::color(stage));
        m_sets[rank] = set;
        m_series->append(set);
    }
    chart()->addSeries(m_series);

    auto *stages = new QBarCategoryAxis;
    stages->append({StageStyle::label(Stage::Won), StageStyle::label(Stage::SQL), StageStyle::label(Stage::MQL),
                    StageStyle::label(Stage::Cold)});
    auto *count = new QValueAxis;
    count->setRange(0, double(m_max));
    chart()->addAxis(stages, Qt::AlignLeft);
    chart()->addAxis(count, Qt::AlignBottom);
    m_series->attachAxis(stages);
    m_series->attachAxis(count);
    ChartStyle::applyTo(stages, palette());
    QFont stageFont = stages->labelsFont();
    stageFont.setBold(true);
    stages->setLabelsFont(stageFont);
    stages->setGridLineVisible(false);
    stages->setLineVisible(false);
    count->setVisible(false);

    const QLocale locale;
    const qint64 cohort = m_stats.reached[0];
    for (int rank = 0; rank < 4; ++rank) {
        const qint64 reached = m_stats.reached[rank];
        m_barLabels[rank]->setText(cohort ? locale.toString(reached) + u"  ·  "_s + percent(double(reached) / double(cohort))
                                          : locale.toString(reached));
        m_barLabels[rank]->setVisible(cohort > 0);
        if (rank < 3) {
            const auto rate = m_stats.conversion(rank);
            m_stepLabels[rank]->setText(tr("%1 → %2: %3")
                                            .arg(StageStyle::label(Stage(rank)), StageStyle::label(Stage(rank + 1)),
                                                 rate ? percent(*rate) : u"–"_s));
            m_stepLabels[rank]->setVisible(cohort > 0);
        }
    }
    const auto overall = m_stats.overallConversion();
    chart()->setTitle(ChartStyle::title(
        displayName(), cohort ? tr("%1 leads in the cohort · %2 won overall").arg(locale.toString(cohort), percent(*overall))
                              : tr("no leads created in the period"),
        palette()));
    setEmptyMessage(cohort ? QString() : tr("No leads were created in this period."));

    connect(m_series, &QHorizontalStackedBarSeries::hovered, this, &FunnelChart::hover);
    connect(m_series, &QHorizontalStackedBarSeries::clicked, this, [this](int index, QBarSet *set) {
        if (set == m_padding || !set)
            return;
        Q_EMIT stageClicked(Stage(3 - index));
    });
    markLoaded();
    placeLabels();
}

void FunnelChart::hover(bool status, int index, QBarSet *set)
{
    if (!status || set == m_padding || index < 0 || index > 3) {
        showHover(false, {});
        return;
    }
    const int rank = 3 - index;
    const QLocale locale;
    const QString stage = StageStyle::label(Stage(rank));
    QString text = tr("<b>%1</b>: %2 leads reached %1").arg(stage, locale.toString(m_stats.reached[rank]));
    if (m_stats.reached[0])
        text += u"<br>"_s + tr("%1 of the %2 leads created in the period")
                                .arg(percent(double(m_stats.reached[rank]) / double(m_stats.reached[0])),
                                     locale.toString(m_stats.reached[0]));
    if (rank > 0) {
        if (const auto rate = m_stats.conversion(rank - 1))
            text += u"<br>"_s + tr("%1 of those that reached %2").arg(percent(*rate), StageStyle::label(Stage(rank - 1)));
    }
    text += u"<br><i>"_s + tr("Click to show these leads on the board.") + u"</i>"_s;
    showHover(true, text);
}

QBarSet *FunnelChart::barSet(Stage stage) const
{
    const auto rank = funnelRank(stage);
    return rank ? m_sets[*rank] : nullptr;
}

QString FunnelChart::barText(Stage stage) const
{
    const auto rank = funnelRank(stage);
    return rank ? m_barLabels[*rank]->text() : QString();
}

QPointF FunnelChart::barCentre(Stage stage) const
{
    const auto rank = funnelRank(stage);
    if (!rank || !m_series)
        return {};
    const QPointF inChart = chart()->mapToPosition(QPointF(double(m_max) / 2.0, categoryOf(*rank)), m_series);
    return mapFromScene(chart()->mapToScene(inChart));
}

void FunnelChart::placeLabels()
{
    if (!m_series)
        return;
    const QRectF area = chart()->plotArea();
    const QColor dark(0x11, 0x14, 0x1a);
    for (int rank = 0; rank < 4; ++rank) {
        QGraphicsSimpleTextItem *label = m_barLabels[rank];
        const QPointF centre = chart()->mapToPosition(QPointF(double(m_max) / 2.0, categoryOf(rank)), m_series);
        const qreal barWidth = area.width() * double(m_stats.reached[rank]) / double(m_max);
        const QRectF box = label->boundingRect();
        if (box.width() + 12 <= barWidth) {
            // On the bar, dark on the light stage colour.
            label->setBrush(dark);
            label->setPos(centre.x() - box.width() / 2, centre.y() - box.height() / 2);
        } else {
            // Beside a bar too narrow to hold it.
            label->setBrush(palette().color(QPalette::Text));
            label->setPos(centre.x() + barWidth / 2 + 8, centre.y() - box.height() / 2);
        }
    }
    for (int rank = 0; rank < 3; ++rank) {
        // Between two bars, at the right edge where the narrower bar below leaves room.
        QGraphicsSimpleTextItem *label = m_stepLabels[rank];
        const QPointF upper = chart()->mapToPosition(QPointF(0, categoryOf(rank)), m_series);
        const QPointF lower = chart()->mapToPosition(QPointF(0, categoryOf(rank + 1)), m_series);
        const QRectF box = label->boundingRect();
        label->setPos(area.right() - box.width(), (upper.y() + lower.y()) / 2 - box.height() / 2);
    }
}

QByteArray FunnelChart::csv() const
{
    return FunnelReportCsv::funnel(m_stats);
}

} // namespace funnel
