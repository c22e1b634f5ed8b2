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
    chart->setTitle(tr("Score distribution: bars under the draft, line now"));

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

    // Bars sit at 0, 1, 2, ... on a hidden category axis; the visible axis is the score itself,
    // spanning the same width (a category label per bucket would crowd into "...").
    auto *positions = new QBarCategoryAxis;
    positions->append(labels);
    positions->setVisible(false);
    auto *lineX = new QValueAxis;
    lineX->setRange(-0.5, std::max(0.5, double(column) - 0.5));
    lineX->setVisible(false);
    const int first = impact.histogram.isEmpty() ? 0 : impact.histogram.first().lower;
    auto *scores = new QValueAxis;
    scores->setRange(first, first + 10.0 * std::max(1, column));
    scores->setTickType(QValueAxis::TicksDynamic);
    scores->setTickAnchor(0);
    scores->setTickInterval(column > 40 ? 100 : column > 15 ? 50 : 20);
    scores->setLabelFormat(QStringLiteral("%.0f"));
    scores->setTitleText(tr("score"));
    auto *counts = new QValueAxis;
    counts->setRange(0, double(tallest) * 1.08);
    counts->applyNiceNumbers();
    counts->setLabelFormat(QStringLiteral("%.0f"));
    counts->setTitleText(tr("leads"));
    ChartStyle::applyTo(scores, palette());
    ChartStyle::applyTo(counts, palette());
    chart->addAxis(scores, Qt::AlignBottom);
    chart->addAxis(positions, Qt::AlignBottom);
    chart->addAxis(lineX, Qt::AlignBottom);
    chart->addAxis(counts, Qt::AlignLeft);
    bars->attachAxis(positions);
    bars->attachAxis(counts);
    now->attachAxis(lineX);
    now->attachAxis(counts);
    // Two series of different kinds elide each other's legend labels; the title says which is which.
    chart->legend()->setVisible(false);
    setChart(chart);
}

} // namespace funnel
