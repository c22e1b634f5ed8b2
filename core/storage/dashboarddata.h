#pragma once

#include "core/storage/dashboardfilter.h"
#include "core/storage/funnelstats.h"

#include <QStringList>

#include <optional>

namespace funnel {

// Everything the dashboard shows for one filter: the aggregates, the scoring thresholds drawn on the
// histogram, and the owners and sources the filter bar offers.
struct DashboardData {
    DashboardFilter filter;
    qint64 nowMs = 0;
    FunnelStats stats;
    int mqlThreshold = 0;
    int sqlThreshold = 0;
    std::optional<QStringList> owners;  // loaded on request only (they change rarely)
    std::optional<QStringList> sources;
};

} // namespace funnel
