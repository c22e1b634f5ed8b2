#pragma once

#include "core/domain/whatifimpact.h"

#include <QChartView>

namespace funnel {

// The score distribution under the rules in force and under the draft, overlaid: two series of
// the same buckets of 10 (a step outline for now, filled bars for the draft).
class WhatIfHistogramChart : public QChartView
{
    Q_OBJECT

public:
    explicit WhatIfHistogramChart(QWidget *parent = nullptr);
    void setImpact(const WhatIfImpact &impact);
    void clear();
};

} // namespace funnel
