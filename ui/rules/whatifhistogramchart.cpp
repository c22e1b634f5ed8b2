#include "ui/rules/whatifhistogramchart.h"

#include "ui/dashboard/chartstyle.h"

#include <QBarCategoryAxis>
#include <QBarSeries>
#include <QBarSet>
#include <QChart>
#include <QLineSeries>
#include <QValueAxis>

namespace funnel {

WhatIfHistogramChart::WhatIfHistogramChart(QWidget *parent) : QChartView(parent)
{
    setObjectName(QStringLiteral("whatIfHistogram"));
    setRenderHint(QPainter::Antialiasing);
    setMinimumHeight(220);
    clear();
}

void WhatIfHistogramChart::clear()
{
    auto *chart = new QChart;
    ChartStyle::applyTo(chart, palette());
    chart->setTitle(tr("Score distribution: run a what-if to compare"));
    setChart(chart); // takes ownership, deletes the previous chart
}

void WhatIfHistogramChart::setImpact(const WhatIfImpact &impact)
{
    auto *chart = new QChart;
    ChartStyle::applyTo(chart, palette());
    chart->setTitle(tr("Score distribution, now and under the draft"));

    // Draft as bars, the rules in force as a step line over them: both read at a glance.
    auto *draft = new QBarSet(tr("Draft"));
    draft->setColor(QColor(0x4c, 0x8d, 0xf6, 170));
    draft->setBorderColor(QColor(0x4c, 0x8d, 0xf6));
    auto *now = new QLineSeries;
    now->setName(tr("Now"));
    now->setPen(QPen(QColor(0xf5, 0xb9, 0x42), 2));
    QStringList labels;
    qint64 tallest = 1;
    int column = 0;
    for (const WhatIfImpact::Bucket &bucket : impact.histogram) {
        labels.append(QString::number(bucket.lower));
        draft->append(double(bucket.draft));
        now->append(column - 0.5, double(bucket.current));
        now->append(column + 0.5, double(bucket.current));
        tallest = std::max({tallest, bucket.current, bucket.draft});
        ++column;
    }
    auto *bars = new QBarSeries;
    bars->setBarWidth(0.9);
    bars->append(draft);
    chart->addSeries(bars);
    chart->addSeries(now);

    auto *scores = new QBarCategoryAxis;
    scores->append(labels);
    scores->setTitleText(tr("score (buckets of 10)"));
    auto *counts = new QValueAxis;
    counts->setRange(0, double(tallest) * 1.08);
    counts->setLabelFormat(QStringLiteral("%d"));
    counts->setTitleText(tr("leads"));
    ChartStyle::applyTo(scores, palette());
    ChartStyle::applyTo(counts, palette());
    chart->addAxis(scores, Qt::AlignBottom);
    chart->addAxis(counts, Qt::AlignLeft);
    bars->attachAxis(scores);
    bars->attachAxis(counts);
    // The line shares the bars' positions (0, 1, 2, ...) on a hidden value axis of the same range.
    auto *positions = new QValueAxis;
    positions->setRange(-0.5, std::max(0.5, double(column) - 0.5));
    positions->setVisible(false);
    chart->addAxis(positions, Qt::AlignBottom);
    now->attachAxis(positions);
    now->attachAxis(counts);
    setChart(chart);
}

} // namespace funnel
