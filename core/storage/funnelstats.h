#pragma once

#include "core/domain/stage.h"

#include <QList>

#include <array>
#include <optional>

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

    // Days spent in a stage, nearest-rank percentiles (no interpolation: every figure is a real lead's).
    struct Durations {
        qint64 count = 0;
        std::optional<qint64> medianMs;
        std::optional<qint64> p90Ms;
    };
    struct StageTime {
        Durations left;  // moves out of the stage in the period: entering it until the next history row
        Durations still; // leads in the stage now: time so far
    };
    // Moves into MQL, SQL and Won in one week (Monday 00:00 UTC); backward moves (SQL -> MQL) do not
    // count as new MQLs.
    struct Week {
        qint64 startMs = 0;
        std::array<qint64, 3> entered{}; // MQL, SQL, Won
    };
    static constexpr qint64 weekMs = 7 * 24 * 3600 * qint64(1000);
    static constexpr qint64 firstMondayMs = 4 * 24 * 3600 * qint64(1000); // 1970-01-05, a Monday

    std::array<StageTotals, 5> stages{}; // current stage, indexed by Stage
    // Leads whose history reached at least Cold, MQL, SQL, Won (a lead that jumped from Cold to SQL
    // counts as having reached MQL: the funnel is monotonic).
    std::array<qint64, 4> reached{};
    QList<Bucket> histogram; // ascending, only buckets with leads
    std::array<StageTime, 3> timeInStage{}; // Cold, MQL, SQL (Won is terminal, Lost off the funnel)
    QList<Week> trend; // ascending, every week of the period (zeros included)

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
    // reached[Won] / reached[Cold].
    std::optional<double> overallConversion() const
    {
        if (reached[0] == 0)
            return std::nullopt;
        return double(reached[3]) / double(reached[0]);
    }
};

} // namespace funnel
