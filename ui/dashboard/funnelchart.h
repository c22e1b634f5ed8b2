#pragma once

#include "ui/dashboard/dashboardchart.h"

#include "core/domain/stage.h"

#include <array>

class QBarSet;
class QGraphicsSimpleTextItem;
class QHorizontalStackedBarSeries;

namespace funnel {

// The funnel of the cohort: how many leads created in the period reached Cold, MQL, SQL and Won,
// as centred bars (a stacked series with a transparent padding set: Qt Charts has no funnel series),
// with counts, the share of the cohort and the stage-to-stage conversion written on it.
class FunnelChart : public DashboardChart
{
    Q_OBJECT

public:
    explicit FunnelChart(QWidget *parent = nullptr);

    void setData(const DashboardData &data) override;
    QByteArray csv() const override;
    QString fileStem() const override { return QStringLiteral("funnel"); }
    QString displayName() const override;

    QHorizontalStackedBarSeries *series() const { return m_series; }
    // The bar of a funnel stage (Cold .. Won) and the text written on it, for tests.
    QBarSet *barSet(Stage stage) const;
    QString barText(Stage stage) const;
    QPointF barCentre(Stage stage) const; // in view coordinates
    static QString reachedExplanation();

Q_SIGNALS:
    void stageClicked(funnel::Stage stage);

protected:
    void placeLabels() override;

private:
    static int categoryOf(int rank) { return 3 - rank; } // Cold on top
    void hover(bool status, int index, QBarSet *set);

    FunnelStats m_stats;
    QHorizontalStackedBarSeries *m_series = nullptr;
    QBarSet *m_padding = nullptr;
    std::array<QBarSet *, 4> m_sets{};
    std::array<QGraphicsSimpleTextItem *, 4> m_barLabels{};
    std::array<QGraphicsSimpleTextItem *, 3> m_stepLabels{};
    qint64 m_max = 0;
};

} // namespace funnel
