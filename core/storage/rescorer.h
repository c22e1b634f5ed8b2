#pragma once

#include "core/domain/ruleset.h"
#include "core/domain/stage.h"
#include "core/storage/databaseerror.h"

#include <QCoreApplication>
#include <QHash>
#include <QList>

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
};

// Re-scores every lead from its event history under a ruleset, so that the score ledger holds:
// leads.score = sum(events.points) + sum(score_adjustments.delta). Each event's points, the decay
// steps (reason 'decay', rewritten) and the lead's state are recomputed with funnel::apply, starting
// from the lead's other adjustments (import, manual) — as ingest would have done under these rules.
//
// Stages: leads in Won or Lost, and leads whose latest stage change a person or an import made, keep
// their stage (a rules change does not overrule people); the others take the replayed stage, with a
// stage_history row (cause 'rescore', reason e.g. "rules v3").
class Rescorer
{
    Q_DECLARE_TR_FUNCTIONS(Rescorer)

public:
    // Inside a transaction the caller opened (see RulesetVersionStore); nullopt on a database error.
    // Stage changes are dated `nowMs`. Decay is taken as ingest takes it, before each event; with
    // decayUntilMs > 0 also the decay due by then after each lead's last event (dated then).
    static std::optional<RescoreReport> rescoreAll(Database &database, const RuleSet &rules, const QString &reason,
                                                   qint64 nowMs, qint64 decayUntilMs = 0,
                                                   DatabaseError *error = nullptr);

    // Leads whose stage a rescore leaves alone, with that stage (see above). The what-if uses it too.
    // withWonLost false leaves out the leads pinned for being in Won or Lost (a caller that reads
    // the stages anyway saves reading 15 % of the leads twice).
    static std::optional<QHash<qint64, Stage>> pinnedStages(const Database &database, DatabaseError *error = nullptr,
                                                            bool withWonLost = true);

    // Per lead, the sum of its adjustments other than decay: where a replay of its events starts.
    static std::optional<QHash<qint64, int>> baseScores(const Database &database, DatabaseError *error = nullptr);
};

} // namespace funnel
