#pragma once

#include "core/domain/ruleset.h"
#include "core/domain/stage.h"
#include "core/storage/databaseerror.h"

#include <QCoreApplication>
#include <QHash>
#include <QList>

#include <functional>
#include <optional>

namespace funnel {

class Database;

struct RescoreReport {
    qint64 leads = 0;          // leads with events, replayed
    qint64 events = 0;
    qint64 eventsRescored = 0; // events whose points changed
    qint64 leadsRescored = 0;  // leads whose score changed
    qint64 stageChanges = 0;
    QList<qint64> newSqls;     // leads promoted to SQL (the inbox and the notifier see them as usual)
    qint64 decayRowsWritten = 0; // decay rows deleted or inserted
    bool indexesRebuilt = false;
    // Where the time went (for benchmarks): reading, replaying, writing.
    qint64 readMs = 0;
    qint64 replayMs = 0;
    qint64 writeMs = 0;
    qint64 rowWritesMs = 0; // of writeMs, before the indexes were built again
};

// Re-scores every lead from its event history under a ruleset, so that the score ledger holds:
// leads.score = sum(events.points) + sum(score_adjustments.delta). Each event's points, the decay
// steps (reason 'decay', rewritten) and the lead's state are recomputed with funnel::apply, starting
// from the lead's other adjustments (import, manual) — as ingest would have done under these rules.
//
// The rules are taken to be the rules in force (settings 'rules_version'); that version is recorded
// as the one that scored every event (settings 'rules_rescored_version', for the ledger).
//
// Stages: leads in Won or Lost, and leads whose latest stage change a person or an import made, keep
// their stage (a rules change does not overrule people); the others take the replayed stage, with a
// stage_history row (cause 'rescore', reason e.g. "rules v3").
//
// At a million leads: the events are read with raw SQLite (WhatIfQuery::loadHistory, two threads),
// replayed with the compiled engine (RulesetReplay, equal to folding funnel::apply), and only what
// changed is written, each kind of row through one prepared statement: events whose points changed,
// the decay rows that differ, leads whose state changed, and their stage_history rows (whose
// triggers keep leads.reached, lead_rollup and the history's derived columns).
class Rescorer
{
    Q_DECLARE_TR_FUNCTIONS(Rescorer)

public:
    // (step done, steps in all): reading 0..1000, replaying 1000..2000, writing 2000..3000 of 3000.
    // Returning false cancels: rescoreAll then returns nullopt with an error of kind None, having
    // written perhaps part of its rows, which the caller's transaction rolls back.
    using Progress = std::function<bool(qint64 done, qint64 total)>;
    static constexpr qint64 progressSteps = 3000;

    // Inside a transaction the caller opened (see RulesetVersionStore); nullopt on a database error
    // or when cancelled. Needs SQLite. Stage changes are dated `nowMs`. Decay is taken as ingest
    // takes it, before each event; with decayUntilMs > 0 also the decay due by then after each
    // lead's last event (dated then).
    // From indexRebuildMinimum changed leads on, if they are a quarter of the leads or more, the
    // leads' indexes on what a rescore writes are dropped and built again after the writes.
    static constexpr qint64 defaultIndexRebuildMinimum = 50'000;
    static std::optional<RescoreReport> rescoreAll(Database &database, const RuleSet &rules, const QString &reason,
                                                   qint64 nowMs, qint64 decayUntilMs = 0,
                                                   DatabaseError *error = nullptr, const Progress &progress = {},
                                                   qint64 indexRebuildMinimum = defaultIndexRebuildMinimum);

    // Leads whose stage a rescore leaves alone, with that stage (see above). The what-if uses it too.
    // withWonLost false leaves out the leads pinned for being in Won or Lost (a caller that reads
    // the stages anyway saves reading 15 % of the leads twice).
    static std::optional<QHash<qint64, Stage>> pinnedStages(const Database &database, DatabaseError *error = nullptr,
                                                            bool withWonLost = true);

    // Per lead, the sum of its adjustments other than decay: where a replay of its events starts.
    static std::optional<QHash<qint64, int>> baseScores(const Database &database, DatabaseError *error = nullptr);
};

} // namespace funnel
