#pragma once

#include "ui/dashboard/dashboardchart.h"

#include <array>

class QLineSeries;

namespace funnel {

// New MQLs, SQLs and Won per week of the period, one line each in the stage's colour.
class TrendChart : public DashboardChart
{
    Q_OBJECT

public:
    explicit TrendChart(QWidget *parent = nullptr);

    void setData(const DashboardData &data) override;
    QByteArray csv() const override;
    QString fileStem() const override { return QStringLiteral("weekly-trend"); }
    QString displayName() const override;

    // MQL, SQL, Won.
    QLineSeries *line(int index) const { return m_lines[index]; }

private:
    FunnelStats m_stats;
    std::array<QLineSeries *, 3> m_lines{};
    std::array<QString, 3> m_names;
    QString m_partialNote;
};

} // namespace funnel
