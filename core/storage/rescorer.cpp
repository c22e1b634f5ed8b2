#include "core/storage/rescorer.h"

#include "core/domain/scoringengine.h"
#include "core/storage/database.h"
#include "core/storage/leadstatecodec.h"
#include "core/storage/sqlvalues.h"

#include <QSqlError>
#include <QSqlQuery>
#include <QVariant>

#include <vector>

namespace funnel {
namespace {

using namespace Qt::StringLiterals;

struct StoredLead {
    qint64 id = 0;
    Stage stage = Stage::Cold;
    int score = 0;
    std::optional<qint64> lastActivity;
    int decaySteps = 0;
    QString capUsage;
};

} // namespace

std::optional<QHash<qint64, Stage>> Rescorer::pinnedStages(const Database &database, DatabaseError *error,
                                                           bool withWonLost)
{
    QSqlQuery query(database.connection());
    query.setForwardOnly(true);
    // Won and Lost through the stage index; then the few people's moves that are still a lead's latest
    // history row. (A max(id) per lead over all history would read every row: 1 s at 1M leads.)
    const QString people = u"SELECT h.lead_id, h.to_stage FROM stage_history h"
                           " WHERE (h.cause = 'manual' OR h.cause = 'undo' OR h.cause = 'import')"
                           " AND h.to_stage <> 'Won' AND h.to_stage <> 'Lost'"
                           " AND h.id = (SELECT max(x.id) FROM stage_history x WHERE x.lead_id = h.lead_id)"_s;
    if (!query.exec(withWonLost ? u"SELECT l.id, l.stage FROM leads l WHERE l.stage = 'Won' OR l.stage = 'Lost'"
                                  " UNION ALL "_s + people
                                : people)) {
        if (error)
            *error = database.errorFor(query.lastError());
        return std::nullopt;
    }
    QHash<qint64, Stage> pinned;
    while (query.next())
        pinned.insert(query.value(0).toLongLong(), stageFromName(query.value(1).toString()).value_or(Stage::Cold));
    return pinned;
}

std::optional<QHash<qint64, int>> Rescorer::baseScores(const Database &database, DatabaseError *error)
{
    QSqlQuery query(database.connection());
    query.setForwardOnly(true);
    if (!query.exec(u"SELECT lead_id, sum(delta) FROM score_adjustments WHERE reason <> 'decay' GROUP BY lead_id"_s)) {
        if (error)
            *error = database.errorFor(query.lastError());
        return std::nullopt;
    }
    QHash<qint64, int> bases;
    while (query.next())
        bases.insert(query.value(0).toLongLong(), query.value(1).toInt());
    return bases;
}

std::optional<RescoreReport> Rescorer::rescoreAll(Database &database, const RuleSet &rules, const QString &reason,
                                                  qint64 nowMs, qint64 decayUntilMs, DatabaseError *error)
{
    const QSqlDatabase db = database.connection();
    auto fail = [&](const QSqlQuery &query) -> std::optional<RescoreReport> {
        if (error)
            *error = database.errorFor(query.lastError());
        return std::nullopt;
    };
    const std::optional<QHash<qint64, Stage>> pinned = pinnedStages(database, error);
    if (!pinned)
        return std::nullopt;

    // Adjustments other than decay (an imported score, a manual correction) are the starting score.
    const std::optional<QHash<qint64, int>> bases = baseScores(database, error);
    if (!bases)
        return std::nullopt;
    QHash<qint64, StoredLead> stored;
    {
        QSqlQuery query(db);
        query.setForwardOnly(true);
        if (!query.exec(u"SELECT id, stage, score, last_activity_at, decay_steps, cap_usage FROM leads"
                        " WHERE id IN (SELECT DISTINCT lead_id FROM events)"_s))
            return fail(query);
        while (query.next()) {
            StoredLead lead{query.value(0).toLongLong(), stageFromName(query.value(1).toString()).value_or(Stage::Cold),
                            query.value(2).toInt(),
                            query.value(3).isNull() ? std::nullopt : std::optional<qint64>(query.value(3).toLongLong()),
                            query.value(4).toInt(), query.value(5).toString()};
            stored.insert(lead.id, lead);
        }
    }

    // Read everything first, write after: SQLite leaves a scan undefined when its own connection
    // changes the table under it.
    struct DecayRow {
        qint64 leadId;
        qint64 atMs;
        int delta;
        std::optional<qint64> eventId;
    };
    struct LeadUpdate {
        qint64 id;
        LeadState state;
        Stage from;
    };
    std::vector<std::pair<qint64, int>> pointUpdates; // event id, points
    std::vector<DecayRow> decayRows;
    std::vector<LeadUpdate> leadUpdates;
    RescoreReport report;

    auto finishLead = [&](qint64 leadId, LeadState state) {
        if (decayUntilMs > 0) {
            const Outcome decayed = applyDecay(state, decayUntilMs, rules);
            for (const ScoreChanged &change : decayed.effectsOf<ScoreChanged>())
                decayRows.push_back({leadId, decayUntilMs, change.delta, std::nullopt});
            state = decayed.next;
        }
        ++report.leads;
        const StoredLead old = stored.value(leadId);
        const auto pin = pinned->constFind(leadId);
        if (pin != pinned->cend())
            state.stage = pin.value();
        if (state.score != old.score)
            ++report.leadsRescored;
        if (state.stage == old.stage && state.score == old.score && state.decayStepsApplied == old.decaySteps
            && QString::fromUtf8(LeadStateCodec::capUsageColumn(state)) == old.capUsage
            && LeadStateCodec::lastActivityColumn(state) == old.lastActivity)
            return;
        leadUpdates.push_back({leadId, std::move(state), old.stage});
    };
    {
        QSqlQuery events(db);
        events.setForwardOnly(true);
        if (!events.exec(u"SELECT id, lead_id, type, occurred_at, points FROM events ORDER BY lead_id, id"_s))
            return fail(events);
        qint64 currentLead = -1;
        LeadState state;
        while (events.next()) {
            const qint64 eventId = events.value(0).toLongLong();
            const qint64 leadId = events.value(1).toLongLong();
            if (leadId != currentLead) {
                if (currentLead >= 0)
                    finishLead(currentLead, state);
                currentLead = leadId;
                state = LeadState{};
                state.score = bases->value(leadId);
            }
            const qint64 atMs = events.value(3).toLongLong();
            const Outcome outcome = apply(state, Event{events.value(2).toString(), atMs}, rules);
            for (const ScoreChanged &change : outcome.effectsOf<ScoreChanged>()) {
                if (change.rule == "decay"_L1)
                    decayRows.push_back({leadId, atMs, change.delta, eventId});
            }
            ++report.events;
            if (outcome.points != events.value(4).toInt())
                pointUpdates.emplace_back(eventId, outcome.points);
            state = outcome.next;
        }
        if (events.lastError().isValid())
            return fail(events);
        if (currentLead >= 0)
            finishLead(currentLead, state);
    }
    report.eventsRescored = qint64(pointUpdates.size());

    QSqlQuery write(db);
    if (!write.exec(u"DELETE FROM score_adjustments WHERE reason = 'decay'"_s))
        return fail(write);
    write.prepare(u"UPDATE events SET points = ? WHERE id = ?"_s);
    for (const auto &[eventId, points] : pointUpdates) {
        write.addBindValue(points);
        write.addBindValue(eventId);
        if (!write.exec())
            return fail(write);
    }
    write.prepare(u"INSERT INTO score_adjustments (lead_id, at, delta, reason, event_id) VALUES (?, ?, ?, 'decay', ?)"_s);
    for (const DecayRow &row : decayRows) {
        write.addBindValue(row.leadId);
        write.addBindValue(row.atMs);
        write.addBindValue(row.delta);
        write.addBindValue(row.eventId ? QVariant(*row.eventId) : QVariant(QMetaType::fromType<qint64>()));
        if (!write.exec())
            return fail(write);
    }
    QSqlQuery history(db);
    history.prepare(u"INSERT INTO stage_history (lead_id, from_stage, to_stage, at, cause, reason, actor)"
                    " VALUES (?, ?, ?, ?, 'rescore', ?, '')"_s);
    write.prepare(u"UPDATE leads SET stage = ?, score = ?, last_activity_at = ?, decay_steps = ?, cap_usage = ?,"
                  " stage_entered_at = CASE WHEN stage = ? THEN stage_entered_at ELSE ? END,"
                  " seen_at = CASE WHEN stage = ? OR ? <> 'SQL' THEN seen_at END"
                  " WHERE id = ?"_s);
    for (const LeadUpdate &update : leadUpdates) {
        const QString to = stageName(update.state.stage);
        const std::optional<qint64> lastActivity = LeadStateCodec::lastActivityColumn(update.state);
        const QByteArray capUsage = LeadStateCodec::capUsageColumn(update.state);
        write.addBindValue(to);
        write.addBindValue(update.state.score);
        write.addBindValue(lastActivity ? QVariant(*lastActivity) : QVariant(QMetaType::fromType<qint64>()));
        write.addBindValue(update.state.decayStepsApplied);
        write.addBindValue(capUsage.isEmpty() ? QVariant(QMetaType::fromType<QString>()) : QVariant(QString::fromUtf8(capUsage)));
        write.addBindValue(to);
        write.addBindValue(nowMs);
        write.addBindValue(to);
        write.addBindValue(to);
        write.addBindValue(update.id);
        if (!write.exec())
            return fail(write);
        if (update.state.stage == update.from)
            continue;
        ++report.stageChanges;
        if (update.state.stage == Stage::SQL)
            report.newSqls.append(update.id); // seen_at NULL above: a new SQL in the inbox
        history.addBindValue(update.id);
        history.addBindValue(stageName(update.from));
        history.addBindValue(to);
        history.addBindValue(nowMs);
        history.addBindValue(notNull(reason));
        if (!history.exec())
            return fail(history);
    }
    return report;
}

} // namespace funnel
