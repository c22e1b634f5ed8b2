#pragma once

#include "core/domain/event.h"
#include "core/domain/leadstate.h"
#include "core/domain/ruleset.h"
#include "core/storage/databaseerror.h"

#include <QHash>
#include <QList>

#include <optional>

namespace funnel {

class Database;

// Recomputes lead states from scratch: funnel::apply over the stored events in events.id order,
// starting from a Cold lead with score 0. Tests compare it with what ingest stored; the `rescore`
// command and the what-if preview are the same fold with other rules.
class LeadReplay
{
public:
    static LeadState replay(const QList<Event> &events, const RuleSet &rules);

    // One lead; nullopt on a database error (described in `error`).
    static std::optional<LeadState> replayLead(const Database &database, qint64 leadId, const RuleSet &rules,
                                               DatabaseError *error = nullptr);

    // Every lead that has events, in one pass over the events table.
    static std::optional<QHash<qint64, LeadState>> replayAll(const Database &database, const RuleSet &rules,
                                                             DatabaseError *error = nullptr);
};

} // namespace funnel
