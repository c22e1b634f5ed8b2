#pragma once

#include "core/storage/dashboardfilter.h"
#include "core/storage/funnelstats.h"

#include <QJsonObject>

namespace funnel {

// FunnelStats as the JSON `funnelctl stats --json` prints (keys: filter, totalLeads, stages, reached,
// conversion, overallConversion, histogram, timeInStage, trend). Durations are in days.
class FunnelReportJson
{
public:
    static QJsonObject toJson(const FunnelStats &stats, const DashboardFilter &filter);
    static double days(qint64 ms) { return double(ms) / 86'400'000.0; }
};

} // namespace funnel
