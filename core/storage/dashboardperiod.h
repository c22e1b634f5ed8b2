#pragma once

#include <QDate>
#include <QString>

#include <utility>

namespace funnel {

// The dashboard's period choices, as whole local days ending today.
class DashboardPeriod
{
public:
    enum class Preset { Last7Days, Last30Days, Last90Days, ThisQuarter, Custom };

    // First and last day (inclusive) of a preset on `today`; Custom gives {} (the caller's dates).
    static std::pair<QDate, QDate> range(Preset preset, QDate today);
    static QString label(Preset preset);
};

} // namespace funnel
