#pragma once

#include "core/storage/leadfilter.h"

#include <QDate>
#include <QString>

#include <optional>

namespace funnel {

// What the manager's dashboard and `funnelctl stats` aggregate over. The period selects the cohort
// (leads created in it) for the funnel and the score histogram, and the moves counted by the time in
// stage and the trend; owner and source narrow every aggregate. Empty fields mean "any".
struct DashboardFilter {
    std::optional<qint64> fromMs; // inclusive, UTC ms
    std::optional<qint64> toMs;   // exclusive, UTC ms
    QString owner;
    QString source;

    bool hasPeriod() const { return fromMs.has_value() || toMs.has_value(); }

    // Whole local days: `from` 00:00 to the end of `lastDay` (so a single day is from == lastDay).
    // Both the GUI's date pickers and funnelctl's --from/--to dates go through this.
    void setDates(QDate from, QDate lastDay);

    // The board filter for the leads behind the funnel or the histogram (the cohort).
    LeadFilter cohort() const;

    friend bool operator==(const DashboardFilter &, const DashboardFilter &) = default;
};

} // namespace funnel
