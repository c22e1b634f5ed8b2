#include "core/storage/rescorer.h"

#include "core/domain/compiledruleset.h"
#include "core/domain/rulesetreplay.h"
#include "core/storage/database.h"
#include "core/storage/integerrows.h"
#include "core/storage/leadstatecodec.h"
#include "core/storage/rawsqlite.h"
#include "core/storage/whatifquery.h"

#include <QElapsedTimer>
#include <QSqlError>
#include <QSqlQuery>
#include <QVariant>

#include <sqlite3.h>

#include <algorithm>
#include <memory>
#include <tuple>
#include <vector>

namespace funnel {
namespace {

using namespace Qt::StringLiterals;

constexpr qint64 stepSize = 1000; // progress steps per phase

// What a lead with events has stored, read in one pass over the leads table.
struct StoredLead {
    Stage stage = Stage::Cold;
    int score = 0;
    qint64 lastActivity = 0; // 0 for NULL
    int decaySteps = 0;
    QByteArray capUsage;     // empty for NULL
};

// A decay row of score_adjustments; eventId 0 for NULL.
struct DecayRow {
    qint64 leadId = 0;
    qint64 atMs = 0;
    int delta = 0;
    qint64 eventId = 0;
    qint64 rowId = 0; // stored rows only

    auto key() const { return std::tie(leadId, eventId, atMs, delta); }
};

struct LeadUpdate {
    qint64 id = 0;
    Stage from = Stage::Cold;
    Stage to = Stage::Cold;
    int score = 0;
    qint64 lastActivity = 0;
    int decaySteps = 0;
    QByteArray capUsage;
    bool onlyScore = false; // stage and last activity as stored
};

Stage stageFromInitial(const char *text)
{
    // The table's CHECK allows five names whose first letters differ.
    switch (text ? text[0] : 'C') {
    case 'M': return Stage::MQL;
    case 'S': return Stage::SQL;
    case 'W': return Stage::Won;
    case 'L': return Stage::Lost;
    default: return Stage::Cold;
    }
}

class Writer
{
public:
    explicit Writer(sqlite3 *db) : m_db(db) {}

    Statement prepare(const char *sql)
    {
        sqlite3_stmt *statement = nullptr;
        if (sqlite3_prepare_v2(m_db, sql, -1, &statement, nullptr) != SQLITE_OK)
            m_failed = true;
        return Statement(statement);
    }
    bool step(const Statement &statement)
    {
        const int rc = sqlite3_step(statement.get());
        sqlite3_reset(statement.get());
        sqlite3_clear_bindings(statement.get());
        if (rc != SQLITE_DONE)
            m_failed = true;
        return rc == SQLITE_DONE;
    }
    bool failed() const { return m_failed; }

private:
    sqlite3 *m_db;
    bool m_failed = false;
};

bool execute(sqlite3 *db, const QByteArray &sql)
{
    return sqlite3_exec(db, sql.constData(), nullptr, nullptr, nullptr) == SQLITE_OK;
}

// A bigger page cache while the rescore writes (the leads' covering indexes and the history's are
// written at random places), back to the connection's own size afterwards.
class CacheBoost
{
public:
    CacheBoost(sqlite3 *db, qint64 kib) : m_db(db)
    {
        sqlite3_stmt *raw = nullptr;
        if (sqlite3_prepare_v2(db, "PRAGMA cache_size", -1, &raw, nullptr) != SQLITE_OK)
            return;
        const Statement statement(raw);
        if (sqlite3_step(raw) != SQLITE_ROW)
            return;
        m_previous = sqlite3_column_int64(raw, 0);
        if (m_previous >= 0 || -m_previous >= kib) // in pages, or big enough already
            return;
        m_boosted = execute(db, "PRAGMA cache_size = " + QByteArray::number(-kib));
    }
    ~CacheBoost()
    {
        if (m_boosted)
            execute(m_db, "PRAGMA cache_size = " + QByteArray::number(m_previous));
    }
    CacheBoost(const CacheBoost &) = delete;
    CacheBoost &operator=(const CacheBoost &) = delete;

private:
    sqlite3 *m_db;
    qint64 m_previous = 0;
    bool m_boosted = false;
};

// Secondary indexes of `table` matching `condition` (SQL over sqlite_master's name and sql): name and
// CREATE statement, to drop before a bulk write and create again after it.
std::optional<std::vector<std::pair<QByteArray, QByteArray>>> indexesOf(sqlite3 *db, const char *table,
                                                                        const char *condition)
{
    const QByteArray sql = QByteArray("SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = '") + table
        + "' AND sql IS NOT NULL AND " + condition;
    sqlite3_stmt *raw = nullptr;
    if (sqlite3_prepare_v2(db, sql.constData(), -1, &raw, nullptr) != SQLITE_OK)
        return std::nullopt;
    const Statement statement(raw);
    std::vector<std::pair<QByteArray, QByteArray>> indexes;
    int rc = SQLITE_ROW;
    while ((rc = sqlite3_step(raw)) == SQLITE_ROW) {
        indexes.emplace_back(QByteArray(reinterpret_cast<const char *>(sqlite3_column_text(raw, 0))),
                             QByteArray(reinterpret_cast<const char *>(sqlite3_column_text(raw, 1))));
    }
    if (rc != SQLITE_DONE)
        return std::nullopt;
    return indexes;
}

qint64 integerOf(sqlite3 *db, const char *sql)
{
    sqlite3_stmt *raw = nullptr;
    if (sqlite3_prepare_v2(db, sql, -1, &raw, nullptr) != SQLITE_OK)
        return 0;
    const Statement statement(raw);
    return sqlite3_step(raw) == SQLITE_ROW ? sqlite3_column_int64(raw, 0) : 0;
}

void bindText(sqlite3_stmt *statement, int index, const QByteArray &utf8)
{
    sqlite3_bind_text(statement, index, utf8.constData(), int(utf8.size()), SQLITE_TRANSIENT);
}

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
    QHash<qint64, int> bases;
    QString message;
    if (!forEachIntegerRow(database.connection(),
                           u"SELECT lead_id, sum(delta) FROM score_adjustments WHERE reason <> 'decay' GROUP BY lead_id"_s,
                           {}, 2, [&](std::span<const qint64> row) { bases.insert(row[0], int(row[1])); }, &message)) {
        if (error)
            *error = {DatabaseError::Kind::Other, DatabaseError::describe(DatabaseError::Kind::Other, database.path(), message), {}};
        return std::nullopt;
    }
    return bases;
}

std::optional<RescoreReport> Rescorer::rescoreAll(Database &database, const RuleSet &rules, const QString &reason,
                                                  qint64 nowMs, qint64 decayUntilMs, DatabaseError *error,
                                                  const Progress &progress, qint64 indexRebuildMinimum)
{
    sqlite3 *db = database.sqliteHandle();
    auto fail = [&](int code) -> std::optional<RescoreReport> {
        if (error)
            *error = DatabaseError::fromSqliteCode(code, database.path(),
                                                   db ? QString::fromUtf8(sqlite3_errmsg(db)) : QString());
        return std::nullopt;
    };
    auto cancelled = [&]() -> std::optional<RescoreReport> {
        if (error)
            *error = {};
        return std::nullopt;
    };
    auto report = [&](qint64 phase, qint64 done, qint64 all) {
        return !progress || progress(phase * stepSize + (all > 0 ? std::min(done, all) * stepSize / all : 0), progressSteps);
    };
    if (!db)
        return fail(SQLITE_MISUSE);
    QElapsedTimer timer;
    timer.start();
    RescoreReport result;

    const std::optional<QHash<qint64, Stage>> pinned = pinnedStages(database, error);
    if (!pinned)
        return std::nullopt;
    // Adjustments other than decay (an imported score, a manual correction) are the starting score.
    const std::optional<QHash<qint64, int>> bases = baseScores(database, error);
    if (!bases)
        return std::nullopt;

    // Read everything first, write after: SQLite leaves a scan undefined when its own connection
    // changes the table under it.
    const WhatIfQuery::Progress loading = [&](qint64 done, qint64) { return report(0, done, stepSize); };
    const std::optional<EventHistory> history =
        WhatIfQuery::loadHistory(database, loading, error, WhatIfQuery::defaultParallelScanMinimum, true);
    if (!history)
        return std::nullopt;
    const auto leadCount = size_t(history->leadCount());

    std::vector<StoredLead> stored(leadCount);
    {
        sqlite3_stmt *raw = nullptr;
        if (sqlite3_prepare_v2(db, "SELECT id, stage, score, last_activity_at, decay_steps, cap_usage FROM leads ORDER BY id",
                               -1, &raw, nullptr) != SQLITE_OK)
            return fail(sqlite3_errcode(db));
        const Statement leads(raw);
        size_t next = 0;
        int rc = SQLITE_ROW;
        while (next < leadCount && (rc = sqlite3_step(raw)) == SQLITE_ROW) {
            const qint64 id = sqlite3_column_int64(raw, 0);
            while (next < leadCount && history->leadIds[next] < id)
                ++next;
            if (next == leadCount || history->leadIds[next] != id)
                continue;
            StoredLead &lead = stored[next];
            lead.stage = stageFromInitial(reinterpret_cast<const char *>(sqlite3_column_text(raw, 1)));
            lead.score = sqlite3_column_int(raw, 2);
            lead.lastActivity = sqlite3_column_int64(raw, 3);
            lead.decaySteps = sqlite3_column_int(raw, 4);
            if (sqlite3_column_type(raw, 5) != SQLITE_NULL)
                lead.capUsage = QByteArray(reinterpret_cast<const char *>(sqlite3_column_blob(raw, 5)),
                                           sqlite3_column_bytes(raw, 5));
        }
        if (rc != SQLITE_ROW && rc != SQLITE_DONE)
            return fail(rc);
    }
    std::vector<DecayRow> oldDecay;
    {
        QString message;
        if (!forEachIntegerRow(database.connection(),
                               u"SELECT lead_id, at, delta, coalesce(event_id, 0), id FROM score_adjustments"
                               " WHERE reason = 'decay'"_s,
                               {}, 5,
                               [&](std::span<const qint64> row) {
                                   oldDecay.push_back({row[0], row[1], int(row[2]), row[3], row[4]});
                               },
                               &message))
            return fail(sqlite3_errcode(db));
    }

    // Replay, collecting what differs from what is stored.
    const CompiledRuleSet compiled(rules, history->typeNames);
    RulesetReplay replay(compiled);
    QList<std::pair<int, QString>> capSlots; // slot, event type
    for (qsizetype type = 0; type < compiled.typeCount(); ++type) {
        if (compiled.rule(type).capSlot >= 0)
            capSlots.append({compiled.rule(type).capSlot, history->typeNames.at(type)});
    }
    std::vector<int> points;
    std::vector<int> decayBefore;
    std::vector<std::pair<qint64, int>> pointUpdates; // event id, points
    std::vector<DecayRow> newDecay;
    std::vector<LeadUpdate> leadUpdates;
    result.readMs = timer.restart();
    for (size_t i = 0; i < leadCount; ++i) {
        if ((i & 0xFFFF) == 0 && !report(1, qint64(i), qint64(leadCount)))
            return cancelled();
        const qint64 leadId = history->leadIds[i];
        const quint32 first = history->offsets[i];
        const auto count = qsizetype(history->offsets[i + 1] - first);
        if (points.size() < size_t(count)) {
            points.resize(size_t(count));
            decayBefore.resize(size_t(count));
        }
        const ReplayedLead lead = replay.replay(history->typeIds.data() + first, history->times.data() + first, count,
                                                decayUntilMs, bases->value(leadId),
                                                ReplayLedger{points.data(), decayBefore.data()});
        for (qsizetype e = 0; e < count; ++e) {
            const size_t at = first + size_t(e);
            if (points[size_t(e)] != history->storedPoints[at])
                pointUpdates.emplace_back(history->eventIds[at], points[size_t(e)]);
            if (decayBefore[size_t(e)] != 0)
                newDecay.push_back({leadId, history->times[at], decayBefore[size_t(e)], history->eventIds[at], 0});
        }
        if (lead.finalDecay != 0)
            newDecay.push_back({leadId, decayUntilMs, lead.finalDecay, 0, 0});
        result.events += count;

        LeadState state; // for the cap usage column only
        for (const auto &[slot, type] : std::as_const(capSlots)) {
            if (const auto usage = replay.capUsage(slot))
                state.capUsage.insert(type, CapUsage{usage->periodStartMs, usage->points});
        }
        const QByteArray capUsage = LeadStateCodec::capUsageColumn(state);
        const StoredLead &old = stored[i];
        const auto pin = pinned->constFind(leadId);
        const Stage stage = pin != pinned->cend() ? pin.value() : lead.stage;
        if (lead.score != old.score)
            ++result.leadsRescored;
        if (stage == old.stage && lead.score == old.score && lead.decayStepsApplied == old.decaySteps
            && capUsage == old.capUsage && lead.lastActivityMs == old.lastActivity)
            continue;
        leadUpdates.push_back({leadId, old.stage, stage, lead.score, lead.lastActivityMs, lead.decayStepsApplied,
                               capUsage, stage == old.stage && lead.lastActivityMs == old.lastActivity});
    }
    result.leads = qint64(leadCount);
    result.eventsRescored = qint64(pointUpdates.size());
    if (!report(2, 0, 1))
        return cancelled();

    // Decay rows: keep the ones that stay, delete the others, insert the new ones.
    std::sort(oldDecay.begin(), oldDecay.end(), [](const DecayRow &a, const DecayRow &b) { return a.key() < b.key(); });
    std::sort(newDecay.begin(), newDecay.end(), [](const DecayRow &a, const DecayRow &b) { return a.key() < b.key(); });
    std::vector<qint64> decayDeletes;
    std::vector<const DecayRow *> decayInserts;
    {
        auto o = oldDecay.cbegin();
        auto n = newDecay.cbegin();
        while (o != oldDecay.cend() || n != newDecay.cend()) {
            if (n == newDecay.cend() || (o != oldDecay.cend() && o->key() < n->key())) {
                decayDeletes.push_back((o++)->rowId);
            } else if (o == oldDecay.cend() || n->key() < o->key()) {
                decayInserts.push_back(&*n++);
            } else {
                ++o;
                ++n;
            }
        }
    }
    // In rowid order: each page is written once.
    std::sort(pointUpdates.begin(), pointUpdates.end());
    result.decayRowsWritten = qint64(decayDeletes.size() + decayInserts.size());
    result.replayMs = timer.restart();

    // Writing a million leads row by row costs each of the leads' five covering indexes a delete and
    // an insert at a random place (and every new history row one more through leads.reached): ten
    // times what building the indexes anew costs. So when a large share of the leads changes, the
    // indexes are dropped and built again inside the transaction (a rollback brings them back;
    // other connections re-prepare on the schema change). SQLite-specific, as all of this file.
    std::vector<std::pair<QByteArray, QByteArray>> droppedIndexes;
    const CacheBoost cache(db, 512 * 1024);
    auto dropIndexes = [&](const std::optional<std::vector<std::pair<QByteArray, QByteArray>>> &indexes) {
        if (!indexes)
            return false;
        for (const auto &[name, sql] : *indexes) {
            if (!execute(db, "DROP INDEX \"" + name + '"'))
                return false;
            droppedIndexes.emplace_back(name, sql);
        }
        return true;
    };
    qint64 stageChanges = 0;
    for (const LeadUpdate &update : leadUpdates)
        stageChanges += update.to != update.from ? 1 : 0;
    if (qint64(leadUpdates.size()) >= indexRebuildMinimum && leadUpdates.size() * 4 >= leadCount) {
        // Unique and partial indexes stay: a rescore writes none of their columns.
        if (!dropIndexes(indexesOf(db, "leads",
                                   "sql NOT LIKE 'CREATE UNIQUE%' AND sql NOT LIKE '% WHERE %'"
                                   " AND (sql LIKE '%score%' OR sql LIKE '%stage%' OR sql LIKE '%reached%'"
                                   " OR sql LIKE '%activity%')")))
            return fail(sqlite3_errcode(db));
    }
    // Each new history row is written by its insert and again by its trigger (prev_at, owner,
    // source): the history's covering indexes too, when many rows arrive. The index by lead stays,
    // the trigger finds the lead's rows through it.
    if (stageChanges >= indexRebuildMinimum
        && stageChanges * 8 >= integerOf(db, "SELECT coalesce(max(id), 0) FROM stage_history")) {
        if (!dropIndexes(indexesOf(db, "stage_history", "sql NOT LIKE 'CREATE UNIQUE%' AND sql NOT LIKE '%(lead_id%'")))
            return fail(sqlite3_errcode(db));
    }
    result.indexesRebuilt = !droppedIndexes.empty();

    Writer writer(db);
    const Statement deleteDecay = writer.prepare("DELETE FROM score_adjustments WHERE id = ?1");
    const Statement insertDecay = writer.prepare(
        "INSERT INTO score_adjustments (lead_id, at, delta, reason, event_id) VALUES (?1, ?2, ?3, 'decay', ?4)");
    const Statement setPoints = writer.prepare("UPDATE events SET points = ?1 WHERE id = ?2");
    // A lead whose stage and activity stay writes only columns no stage index holds.
    const Statement setScore = writer.prepare("UPDATE leads SET score = ?1, decay_steps = ?2, cap_usage = ?3 WHERE id = ?4");
    const Statement setLead = writer.prepare(
        "UPDATE leads SET score = ?1, decay_steps = ?2, cap_usage = ?3, stage = ?5, last_activity_at = ?6,"
        " stage_entered_at = CASE WHEN stage = ?5 THEN stage_entered_at ELSE ?7 END,"
        " seen_at = CASE WHEN stage = ?5 OR ?5 <> 'SQL' THEN seen_at END"
        " WHERE id = ?4");
    const Statement addHistory = writer.prepare(
        "INSERT INTO stage_history (lead_id, from_stage, to_stage, at, cause, reason, actor)"
        " VALUES (?1, ?2, ?3, ?4, 'rescore', ?5, '')");
    if (writer.failed())
        return fail(sqlite3_errcode(db));
    const QByteArray reasonUtf8 = reason.toUtf8();
    const qint64 writes = qint64(decayDeletes.size() + decayInserts.size() + pointUpdates.size() + leadUpdates.size());
    qint64 written = 0;
    auto wrote = [&] { return (++written & 0x3FFF) != 0 || report(2, written, writes); };

    for (const qint64 id : decayDeletes) {
        sqlite3_bind_int64(deleteDecay.get(), 1, id);
        if (!writer.step(deleteDecay))
            return fail(sqlite3_errcode(db));
        if (!wrote())
            return cancelled();
    }
    for (const DecayRow *row : decayInserts) {
        sqlite3_stmt *s = insertDecay.get();
        sqlite3_bind_int64(s, 1, row->leadId);
        sqlite3_bind_int64(s, 2, row->atMs);
        sqlite3_bind_int(s, 3, row->delta);
        if (row->eventId)
            sqlite3_bind_int64(s, 4, row->eventId);
        if (!writer.step(insertDecay))
            return fail(sqlite3_errcode(db));
        if (!wrote())
            return cancelled();
    }
    for (const auto &[eventId, value] : pointUpdates) {
        sqlite3_bind_int(setPoints.get(), 1, value);
        sqlite3_bind_int64(setPoints.get(), 2, eventId);
        if (!writer.step(setPoints))
            return fail(sqlite3_errcode(db));
        if (!wrote())
            return cancelled();
    }
    for (const LeadUpdate &update : leadUpdates) {
        const Statement &statement = update.onlyScore ? setScore : setLead;
        sqlite3_stmt *s = statement.get();
        sqlite3_bind_int(s, 1, update.score);
        sqlite3_bind_int(s, 2, update.decaySteps);
        if (!update.capUsage.isEmpty())
            bindText(s, 3, update.capUsage);
        sqlite3_bind_int64(s, 4, update.id);
        const QByteArray to = stageName(update.to).toUtf8();
        if (!update.onlyScore) {
            bindText(s, 5, to);
            if (update.lastActivity != 0)
                sqlite3_bind_int64(s, 6, update.lastActivity);
            sqlite3_bind_int64(s, 7, nowMs);
        }
        if (!writer.step(statement))
            return fail(sqlite3_errcode(db));
        if (update.to != update.from) {
            ++result.stageChanges;
            if (update.to == Stage::SQL)
                result.newSqls.append(update.id); // seen_at NULL above: a new SQL in the inbox
            sqlite3_stmt *h = addHistory.get();
            sqlite3_bind_int64(h, 1, update.id);
            bindText(h, 2, stageName(update.from).toUtf8());
            bindText(h, 3, to);
            sqlite3_bind_int64(h, 4, nowMs);
            bindText(h, 5, reasonUtf8);
            if (!writer.step(addHistory))
                return fail(sqlite3_errcode(db));
        }
        if (!wrote())
            return cancelled();
    }
    result.rowWritesMs = timer.elapsed();
    for (const auto &[name, sql] : droppedIndexes) {
        if (!execute(db, sql))
            return fail(sqlite3_errcode(db));
    }
    // Every event is now scored by the rules in force (the ledger reads it; see schema step 7).
    if (!execute(db, "INSERT INTO settings (key, value) SELECT 'rules_rescored_version', coalesce(("
                     "SELECT value FROM settings WHERE key = 'rules_version'), '0')"
                     " WHERE true ON CONFLICT (key) DO UPDATE SET value = excluded.value"))
        return fail(sqlite3_errcode(db));
    if (!report(3, 0, 1))
        return cancelled();
    result.writeMs = timer.elapsed();

    return result;
}

} // namespace funnel
