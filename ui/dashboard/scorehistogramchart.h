#pragma once

#include "ui/dashboard/dashboardchart.h"

class QBarSet;
class QStackedBarSeries;

namespace funnel {

// Current scores of the cohort in buckets of 10, stacked by stage, with the MQL and SQL thresholds
// of the rules in force drawn as dashed lines.
class ScoreHistogramChart : public DashboardChart
{
    Q_OBJECT

public:
    explicit ScoreHistogramChart(QWidget *parent = nullptr);

    void setData(const DashboardData &data) override;
    QByteArray csv() const override;
    QString fileStem() const override { return QStringLiteral("score-histogram"); }
    QString displayName() const override;

    QStackedBarSeries *series() const { return m_series; }
    // Lower bound of each bar, left to right (empty buckets between filled ones included).
    QList<int> bucketLowers() const { return m_lowers; }
    // Where a threshold line is drawn, in category units (bar i spans i - 0.5 .. i + 0.5).
    static double thresholdPosition(int threshold, int firstLower) { return double(threshold - firstLower) / 10.0 - 0.5; }

Q_SIGNALS:
    void bucketClicked(int lowerScore); // scores lowerScore .. lowerScore + 9

private:
    void hover(bool status, int index);

    FunnelStats m_stats;
    QStackedBarSeries *m_series = nullptr;
    QList<int> m_lowers;
    QList<FunnelStats::Bucket> m_buckets; // parallel to m_lowers
};

} // namespace funnel
