#pragma once

#include "core/domain/stage.h"

#include <QList>

#include <array>

namespace funnel {

// Aggregates the manager reads; computed in SQL by StatsQuery, shown by funnelctl stats and the GUI.
struct FunnelStats {
    struct StageTotals {
        qint64 leads = 0;
        qint64 scoreSum = 0;
    };
    struct Bucket {
        int lower = 0; // scores in [lower, lower + 10)
        std::array<qint64, 5> perStage{}; // indexed by Stage
        qint64 total() const
        {
            qint64 sum = 0;
            for (qint64 count : perStage)
                sum += count;
            return sum;
        }
    };

    std::array<StageTotals, 5> stages{}; // current stage, indexed by Stage
    // Leads whose history reached at least Cold, MQL, SQL, Won (a lead that jumped from Cold to SQL
    // counts as having reached MQL: the funnel is monotonic).
    std::array<qint64, 4> reached{};
    QList<Bucket> histogram; // ascending, only buckets with leads

    qint64 totalLeads() const
    {
        qint64 sum = 0;
        for (const StageTotals &totals : stages)
            sum += totals.leads;
        return sum;
    }

    // reached[rank + 1] / reached[rank]; nullopt when nobody reached the earlier stage.
    std::optional<double> conversion(int fromRank) const
    {
        if (fromRank < 0 || fromRank >= 3 || reached[fromRank] == 0)
            return std::nullopt;
        return double(reached[fromRank + 1]) / double(reached[fromRank]);
    }
};

} // namespace funnel
