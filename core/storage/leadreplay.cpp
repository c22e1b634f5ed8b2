#include "core/storage/leadreplay.h"

#include "core/domain/scoringengine.h"
#include "core/storage/database.h"

#include <QSqlError>
#include <QSqlQuery>

namespace funnel {

using namespace Qt::StringLiterals;

LeadState LeadReplay::replay(const QList<Event> &events, const RuleSet &rules)
{
    LeadState state;
    for (const Event &event : events)
        state = apply(state, event, rules).next;
    return state;
}

std::optional<LeadState> LeadReplay::replayLead(const Database &database, qint64 leadId, const RuleSet &rules,
                                                DatabaseError *error)
{
    QSqlQuery query(database.connection());
    query.setForwardOnly(true);
    query.prepare(u"SELECT type, occurred_at FROM events WHERE lead_id = ? ORDER BY id"_s);
    query.addBindValue(leadId);
    if (!query.exec()) {
        if (error)
            *error = database.errorFor(query.lastError());
        return std::nullopt;
    }
    LeadState state;
    while (query.next())
        state = apply(state, Event{query.value(0).toString(), query.value(1).toLongLong()}, rules).next;
    return state;
}

std::optional<QHash<qint64, LeadState>> LeadReplay::replayAll(const Database &database, const RuleSet &rules,
                                                              DatabaseError *error)
{
    QSqlQuery query(database.connection());
    query.setForwardOnly(true);
    if (!query.exec(u"SELECT lead_id, type, occurred_at FROM events ORDER BY lead_id, id"_s)) {
        if (error)
            *error = database.errorFor(query.lastError());
        return std::nullopt;
    }
    QHash<qint64, LeadState> states;
    while (query.next()) {
        LeadState &state = states[query.value(0).toLongLong()];
        state = apply(state, Event{query.value(1).toString(), query.value(2).toLongLong()}, rules).next;
    }
    return states;
}

} // namespace funnel
