#pragma once

#include "core/storage/funnelstats.h"

#include <QByteArray>

namespace funnel {

// The data behind each dashboard chart as CSV (RFC 4180, UTF-8, '.' decimals, days for durations,
// ISO dates), for a spreadsheet.
class FunnelReportCsv
{
public:
    static QByteArray funnel(const FunnelStats &stats);
    static QByteArray histogram(const FunnelStats &stats);
    static QByteArray timeInStage(const FunnelStats &stats);
    static QByteArray trend(const FunnelStats &stats);
};

} // namespace funnel
