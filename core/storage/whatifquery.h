#pragma once

#include "core/domain/eventhistory.h"
#include "core/domain/ruleset.h"
#include "core/domain/whatifanalysis.h"
#include "core/domain/whatifimpact.h"
#include "core/storage/databaseerror.h"

#include <QCoreApplication>

#include <functional>
#include <optional>

namespace funnel {

class Database;

// The what-if preview's storage side: one sequential scan of the events table into an EventHistory
// (raw sqlite3, like IngestPipeline: Qt SQL's per-row QVariants would cost more than the replay),
// then WhatIfAnalysis over it. Leads without events count as unchanged, with their stored stage;
// like a rescore (Rescorer), it keeps the stages people set and starts from imported scores, so the
// preview shows what applying the draft to all history would do.
// Run it off the GUI thread, on a Database opened in that thread.
class WhatIfQuery
{
    Q_DECLARE_TR_FUNCTIONS(WhatIfQuery)

public:
    // (step done, steps in all) with 0..1000 for loading and 1000..2000 for the replay; false cancels.
    using Progress = std::function<bool(qint64, qint64)>;

    // Below this many events one thread reads them all: a second connection costs more than it saves.
    static constexpr qint64 defaultParallelScanMinimum = 200'000;

    // nullopt on a database error (described in `error`, kind None when cancelled). From
    // parallelScanMinimum events on, a second thread with its own connection reads half of them
    // (inside a write transaction too: holding the write lock, this connection sees the newest
    // commit, and so does the helper). withStored also fills eventIds and storedPoints.
    static std::optional<EventHistory> loadHistory(const Database &database, const Progress &progress,
                                                   DatabaseError *error = nullptr,
                                                   qint64 parallelScanMinimum = defaultParallelScanMinimum,
                                                   bool withStored = false);

    // The draft replayed over every lead's history vs the stored scores and stages (what the board
    // shows, and what applying the draft to all history would change); asOfMs > 0 also counts the
    // decay due by then under the draft. `current` only matters without stored state (see
    // WhatIfAnalysis::Options).
    static std::optional<WhatIfImpact> run(const Database &database, const RuleSet &current, const RuleSet &draft,
                                           qint64 asOfMs, const Progress &progress = {},
                                           DatabaseError *error = nullptr);
};

} // namespace funnel
