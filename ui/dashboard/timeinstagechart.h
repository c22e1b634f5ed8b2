#pragma once

#include "ui/dashboard/dashboardchart.h"

class QBarSeries;

namespace funnel {

// Days spent in Cold, MQL and SQL: median and 90th percentile for the leads that left the stage in
// the period, and the time so far of the leads in it now. Bars are coloured by stage.
class TimeInStageChart : public DashboardChart
{
    Q_OBJECT

public:
    enum class Measure { LeftMedian, LeftP90, StillMedian, StillP90 };

    explicit TimeInStageChart(QWidget *parent = nullptr);

    void setData(const DashboardData &data) override;
    QByteArray csv() const override;
    QString fileStem() const override { return QStringLiteral("time-in-stage"); }
    QString displayName() const override;

    QBarSeries *series() const { return m_series; }
    // The shown value in days for a stage (Cold, MQL, SQL) and measure; nullopt when no lead counts.
    static std::optional<double> days(const FunnelStats &stats, int stageIndex, Measure measure);

private:
    void hover(bool status, int index, int stageIndex);

    FunnelStats m_stats;
    QBarSeries *m_series = nullptr;
};

} // namespace funnel
