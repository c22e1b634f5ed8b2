#include "core/storage/ingestwriter.h"

#include "core/domain/transitiontable.h"
#include "core/storage/database.h"
#include "core/storage/leadstatecodec.h"

#include <QCoreApplication>

#include <algorithm>

namespace funnel::ingest {

namespace {

using namespace Qt::StringLiterals;

// This file's messages, in the translation context "IngestPipeline" (lupdate reads the macro).
struct Messages {
    Q_DECLARE_TR_FUNCTIONS(IngestPipeline)
};

} // namespace

Writer::Writer(sqlite3 *db, QString path, qint64 rulesVersion, const QStringList &triggerDefinitions,
       bool collectEffects)
    : StatementSet(db, std::move(path))
    , m_rulesVersion(rulesVersion)
    , m_collectEffects(collectEffects)
{
    for (const QString &definition : triggerDefinitions)
        m_triggerDefinitions.append(definition.toUtf8());
}

bool Writer::prepareAll()
{
    const QByteArray refreshHistorySql = Database::historyRefreshSql().toUtf8();
    return prepare(m_insertLead, "INSERT INTO leads (external_id, email, name, company, created_at, "
                                 "stage_entered_at, stage, score, last_activity_at, decay_steps, cap_usage, reached) "
                                 "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)")
        // OR IGNORE: never fail a batch on an eventId; deciding has already skipped stored ones.
        && prepare(m_insertEvent, "INSERT OR IGNORE INTO events (event_uid, lead_id, type, occurred_at, "
                                  "received_at, points, metadata, rules_version) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)")
        && prepare(m_insertHistory, "INSERT INTO stage_history (lead_id, from_stage, to_stage, at, cause, reason, "
                                    "actor, event_id, prev_at, owner, source) "
                                    "VALUES (?1, ?2, ?3, ?4, ?5, ?6, '', ?7, ?8, ?9, ?10)")
        && prepare(m_insertAdjustment, "INSERT INTO score_adjustments (lead_id, at, delta, reason, event_id) "
                                       "VALUES (?1, ?2, ?3, ?4, ?5)")
        && prepare(m_insertEnrollment, "INSERT INTO enrollments (lead_id, campaign, event_id, enrolled_at) "
                                       "VALUES (?1, ?2, ?3, ?4)")
        && prepare(m_newLeadWaits, "INSERT OR IGNORE INTO leads_search_pending (id) VALUES (?1)")
        && prepare(m_countLeadWrites, "UPDATE lead_writes SET n = n + 1 RETURNING n")
        && prepare(m_lastHistoryAt, "SELECT max(at) FROM stage_history WHERE lead_id = ?1")
        && prepare(m_refreshHistory, refreshHistorySql.constData())
        && prepare(m_upsertRollup, "INSERT INTO lead_rollup (stage, owner, source, bucket, furthest, leads, score_sum) "
                                   "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7) ON CONFLICT DO UPDATE SET "
                                   "leads = leads + excluded.leads, score_sum = score_sum + excluded.score_sum");
}

bool Writer::start()
{
    if (!queryInteger("SELECT n FROM lead_writes", &m_leadWrites)
        || !queryInteger("SELECT max(id) FROM events", &m_maxEventId))
        return false;
    m_onlyOurEvents = m_maxEventId == 0;
    return true;
}

bool Writer::begin()
{
    m_foreignKeysOff.emplace(db);
    if (!exec("BEGIN IMMEDIATE")) {
        m_foreignKeysOff.reset();
        return false;
    }
    return dropDerivedDataTriggers();
}

bool Writer::isFresh(bool *fresh)
{
    qint64 leadWrites = 0;
    qint64 maxEventId = 0;
    if (!queryInteger("SELECT n FROM lead_writes", &leadWrites) || !queryInteger("SELECT max(id) FROM events", &maxEventId))
        return false;
    // The deciding side learns onlyOurEvents from the writer after each redo: it changes only here,
    // and only with a redo.
    const bool eventsOfOthers = maxEventId != m_maxEventId;
    if (eventsOfOthers)
        m_onlyOurEvents = false;
    *fresh = leadWrites == m_leadWrites && !eventsOfOthers;
    m_leadWrites = leadWrites;
    m_maxEventId = maxEventId;
    return true;
}

bool Writer::write(Batch &batch)
{
    if (batch.forgetLeads)
        m_leads.clear();
    for (const StoredLead &stored : batch.loaded) {
        Lead &lead = leadAt(stored.lead);
        lead = Lead{};
        lead.id = stored.id;
        lead.stored = stored.state;
        lead.storedCapUsage = stored.capUsage;
        lead.storedStageEnteredAt = stored.stageEnteredAt;
        lead.storedReached = stored.reached;
        lead.owner = stored.owner;
        lead.source = stored.source;
    }
    if (!(writeNewLeads(batch) && writeEvents(batch) && writeHistory(batch) && writeAdjustments(batch)
          && writeEnrollments(batch) && writeChangedLeads(batch) && writeRollup() && countLeadWrites()
          && restoreDerivedDataTriggers()))
        return false;
    collectCommittedEffects(batch);
    return true;
}

bool Writer::commit()
{
    const bool committed = exec("COMMIT");
    rollback(); // after a failed COMMIT (e.g. SQLITE_BUSY) the transaction is still open
    return committed;
}

void Writer::rollback()
{
    if (!sqlite3_get_autocommit(db))
        sqlite3_exec(db, "ROLLBACK", nullptr, nullptr, nullptr); // restores the dropped triggers too
    m_foreignKeysOff.reset();
}

Writer::Lead &Writer::leadAt(qsizetype index)
{
    if (size_t(index) >= m_leads.size())
        m_leads.resize(size_t(index) + 1);
    return m_leads[size_t(index)];
}

const Statement *Writer::updateStatement(int columns)
{
    Statement &statement = m_updateLead[columns];
    if (statement)
        return &statement;
    QByteArray sql = "UPDATE leads SET decay_steps = ?4, cap_usage = ?5";
    if (columns & ScoreColumn)
        sql += ", score = ?2";
    if (columns & ActivityColumn)
        sql += ", last_activity_at = ?3";
    if (columns & StageColumns)
        sql += ", stage = ?6, stage_entered_at = ?7";
    if (columns & ContactColumns)
        sql += ", external_id = ?8, email = ?9, name = ?10, company = ?11";
    if (columns & ReachedColumn)
        sql += ", reached = ?12";
    sql += " WHERE id = ?1";
    return prepare(statement, sql.constData()) ? &statement : nullptr;
}

bool Writer::dropDerivedDataTriggers()
{
    for (const QString &name : Database::derivedDataTriggers()) {
        const QByteArray drop = "DROP TRIGGER IF EXISTS \"" + name.toUtf8() + '"';
        if (!exec(drop.constData()))
            return false;
    }
    return true;
}

bool Writer::restoreDerivedDataTriggers()
{
    for (const QByteArray &sql : std::as_const(m_triggerDefinitions)) {
        if (!exec(sql.constData()))
            return false;
    }
    return true;
}

void Writer::addToRollup(const RollupKey &key, int sign, int score)
{
    RollupDelta &delta = m_rollup[key];
    delta.leads += sign;
    delta.scoreSum += qint64(sign) * score;
}

bool Writer::writeRollup()
{
    sqlite3_stmt *s = m_upsertRollup.get();
    for (auto it = m_rollup.cbegin(); it != m_rollup.cend(); ++it) {
        if (it->leads == 0 && it->scoreSum == 0)
            continue;
        const StatementReset reset(m_upsertRollup);
        bindUtf8(s, 1, utf8(stageName(it.key().stage)));
        bindText(s, 2, it.key().owner);
        bindText(s, 3, it.key().source);
        sqlite3_bind_int(s, 4, it.key().bucket);
        sqlite3_bind_int(s, 5, it.key().furthest);
        sqlite3_bind_int64(s, 6, it->leads);
        sqlite3_bind_int64(s, 7, it->scoreSum);
        if (!step(m_upsertRollup))
            return false;
    }
    m_rollup.clear();
    return true;
}

// Other writers that cache leads (another ingest) see that this one changed some.
bool Writer::countLeadWrites()
{
    const StatementReset reset(m_countLeadWrites);
    const int rc = sqlite3_step(m_countLeadWrites.get());
    if (rc != SQLITE_ROW)
        return fail(rc);
    m_leadWrites = sqlite3_column_int64(m_countLeadWrites.get(), 0);
    return true;
}

bool Writer::writeNewLeads(const Batch &batch)
{
    sqlite3_stmt *s = m_insertLead.get();
    for (const LeadSnapshot &created : batch.created) {
        const QByteArray capUsage = LeadStateCodec::capUsageColumn(created.state);
        const StatementReset reset(m_insertLead);
        bindTextOrNull(s, 1, created.externalId);
        bindTextOrNull(s, 2, created.email);
        bindText(s, 3, created.name);
        bindText(s, 4, created.company);
        sqlite3_bind_int64(s, 5, created.createdAt);
        sqlite3_bind_int64(s, 6, created.stageEnteredAt);
        bindUtf8(s, 7, utf8(stageName(created.state.stage)));
        sqlite3_bind_int(s, 8, created.state.score);
        if (const auto lastActivity = LeadStateCodec::lastActivityColumn(created.state))
            sqlite3_bind_int64(s, 9, *lastActivity);
        else
            sqlite3_bind_null(s, 9);
        sqlite3_bind_int(s, 10, created.state.decayStepsApplied);
        if (capUsage.isEmpty())
            sqlite3_bind_null(s, 11);
        else
            bindUtf8(s, 11, capUsage);
        sqlite3_bind_int(s, 12, created.reached);
        if (!step(m_insertLead))
            return false;
        Lead &lead = leadAt(created.lead);
        lead = Lead{};
        lead.id = sqlite3_last_insert_rowid(db);
        lead.stored = withoutCaps(created.state);
        lead.storedCapUsage = capUsage;
        lead.storedStageEnteredAt = created.stageEnteredAt;
        lead.storedReached = created.reached;
        lead.historyKnown = true; // none before its "created" row
        addToRollup(RollupKey(created.state.stage, lead.owner, lead.source, created.state.score, created.reached), 1,
                    created.state.score);
    }
    return indexNewLeadsForSearch(batch);
}

bool Writer::indexNewLeadsForSearch(const Batch &batch)
{
    for (const LeadSnapshot &created : batch.created) {
        const StatementReset reset(m_newLeadWaits);
        sqlite3_bind_int64(m_newLeadWaits.get(), 1, m_leads[size_t(created.lead)].id);
        if (!step(m_newLeadWaits))
            return false;
    }
    return true;
}

bool Writer::writeEvents(Batch &batch)
{
    sqlite3_stmt *s = m_insertEvent.get();
    batch.withRowIds.resize(batch.withRows.size());
    size_t nextWithRows = 0;
    for (size_t index = 0; index < batch.pending.size(); ++index) {
        const PendingEvent &event = batch.pending[index];
        const QByteArrayView eventId = batch.field(event, PendingEvent::EventId);
        const StatementReset reset(m_insertEvent);
        if (!eventId.isEmpty())
            bindUtf8(s, 1, eventId);
        else
            sqlite3_bind_null(s, 1);
        sqlite3_bind_int64(s, 2, m_leads[size_t(event.lead)].id);
        bindUtf8(s, 3, event.type);
        sqlite3_bind_int64(s, 4, event.atMs);
        sqlite3_bind_int64(s, 5, event.receivedMs);
        sqlite3_bind_int(s, 6, event.points);
        if (const QByteArrayView metadata = batch.field(event, PendingEvent::Metadata); !metadata.isEmpty())
            bindUtf8(s, 7, metadata);
        else
            sqlite3_bind_null(s, 7);
        if (m_rulesVersion > 0)
            sqlite3_bind_int64(s, 8, m_rulesVersion);
        else
            sqlite3_bind_null(s, 8);
        if (!step(m_insertEvent))
            return false;
        if (sqlite3_changes(db) != 1) { // deciding skipped stored eventIds; isFresh() saw no other writer
            error = {DatabaseError::Kind::Other,
                     DatabaseError::describe(DatabaseError::Kind::Other, path,
                                             Messages::tr("event %1 was stored by someone else meanwhile")
                                                 .arg(QString::fromUtf8(eventId))),
                     {}};
            return false;
        }
        m_maxEventId = sqlite3_last_insert_rowid(db); // rowids count up from the largest
        if (nextWithRows < batch.withRows.size() && batch.withRows[nextWithRows] == index)
            batch.withRowIds[nextWithRows++] = m_maxEventId;
    }
    return true;
}

bool Writer::writeHistoryRow(Lead &lead, const QString *from, const QString &to, qint64 atMs, const QString &cause,
                     const QString &reason, qint64 eventRowId)
{
    if (!lead.historyKnown) {
        const StatementReset reset(m_lastHistoryAt);
        sqlite3_bind_int64(m_lastHistoryAt.get(), 1, lead.id);
        const int rc = sqlite3_step(m_lastHistoryAt.get());
        if (rc != SQLITE_ROW)
            return fail(rc);
        lead.hasHistory = sqlite3_column_type(m_lastHistoryAt.get(), 0) != SQLITE_NULL;
        lead.lastHistoryAt = sqlite3_column_int64(m_lastHistoryAt.get(), 0);
        lead.historyKnown = true;
    }
    const bool inOrder = !lead.hasHistory || lead.lastHistoryAt <= atMs; // the new row's id is the largest
    {
        sqlite3_stmt *s = m_insertHistory.get();
        const StatementReset reset(m_insertHistory);
        sqlite3_bind_int64(s, 1, lead.id);
        if (from)
            bindUtf8(s, 2, utf8(*from));
        else
            sqlite3_bind_null(s, 2);
        bindUtf8(s, 3, utf8(to));
        sqlite3_bind_int64(s, 4, atMs);
        bindUtf8(s, 5, utf8(cause));
        bindText(s, 6, reason);
        sqlite3_bind_int64(s, 7, eventRowId);
        if (inOrder && lead.hasHistory)
            sqlite3_bind_int64(s, 8, lead.lastHistoryAt);
        else
            sqlite3_bind_null(s, 8);
        bindText(s, 9, lead.owner);
        bindText(s, 10, lead.source);
        if (!step(m_insertHistory))
            return false;
    }
    if (!inOrder) {
        const StatementReset reset(m_refreshHistory);
        sqlite3_bind_int64(m_refreshHistory.get(), 1, lead.id);
        sqlite3_bind_int64(m_refreshHistory.get(), 2, atMs);
        if (!step(m_refreshHistory))
            return false;
    }
    lead.lastHistoryAt = lead.hasHistory ? qMax(lead.lastHistoryAt, atMs) : atMs;
    lead.hasHistory = true;
    return true;
}

bool Writer::writeHistory(const Batch &batch)
{
    for (size_t row = 0; row < batch.withRows.size(); ++row) {
        const PendingEvent &event = batch.pending[batch.withRows[row]];
        const qint64 rowId = batch.withRowIds[row];
        Lead &lead = m_leads[size_t(event.lead)];
        if (event.createdLead
            && !writeHistoryRow(lead, nullptr, m_coldStage, event.atMs, m_createdCause, QString(), rowId))
            return false;
        for (const Effect &effect : batch.effectsOf(event)) {
            const auto *move = std::get_if<StageChanged>(&effect);
            if (!move)
                continue;
            const QString from = stageName(move->from);
            if (!writeHistoryRow(lead, &from, stageName(move->to), event.atMs, moveCauseName(move->cause),
                                 move->reason, rowId))
                return false;
        }
    }
    return true;
}

bool Writer::writeAdjustments(const Batch &batch)
{
    sqlite3_stmt *s = m_insertAdjustment.get();
    for (size_t row = 0; row < batch.withRows.size(); ++row) {
        const PendingEvent &event = batch.pending[batch.withRows[row]];
        for (const Effect &effect : batch.effectsOf(event)) {
            const auto *score = std::get_if<ScoreChanged>(&effect); // only decay is kept in `effects`
            if (!score)
                continue;
            const StatementReset reset(m_insertAdjustment);
            sqlite3_bind_int64(s, 1, m_leads[size_t(event.lead)].id);
            sqlite3_bind_int64(s, 2, event.atMs);
            sqlite3_bind_int(s, 3, score->delta);
            bindUtf8(s, 4, utf8(score->rule));
            sqlite3_bind_int64(s, 5, batch.withRowIds[row]);
            if (!step(m_insertAdjustment))
                return false;
        }
    }
    return true;
}

bool Writer::writeEnrollments(const Batch &batch)
{
    sqlite3_stmt *s = m_insertEnrollment.get();
    for (size_t row = 0; row < batch.withRows.size(); ++row) {
        const PendingEvent &event = batch.pending[batch.withRows[row]];
        for (const Effect &effect : batch.effectsOf(event)) {
            const auto *enroll = std::get_if<Enroll>(&effect);
            if (!enroll)
                continue;
            const StatementReset reset(m_insertEnrollment);
            sqlite3_bind_int64(s, 1, m_leads[size_t(event.lead)].id);
            bindUtf8(s, 2, utf8(enroll->campaign));
            sqlite3_bind_int64(s, 3, batch.withRowIds[row]);
            sqlite3_bind_int64(s, 4, event.atMs);
            if (!step(m_insertEnrollment))
                return false;
        }
    }
    return true;
}

bool Writer::writeChangedLeads(Batch &batch)
{
    std::sort(batch.changed.begin(), batch.changed.end(), [this](const LeadSnapshot &a, const LeadSnapshot &b) {
        return m_leads[size_t(a.lead)].id < m_leads[size_t(b.lead)].id;
    });
    for (const LeadSnapshot &changed : batch.changed) {
        Lead &lead = m_leads[size_t(changed.lead)];
        const LeadState &state = changed.state;
        int columns = 0;
        if (state.score != lead.stored.score)
            columns |= ScoreColumn;
        if (state.lastActivityMs != lead.stored.lastActivityMs)
            columns |= ActivityColumn;
        if (state.stage != lead.stored.stage || changed.stageEnteredAt != lead.storedStageEnteredAt)
            columns |= StageColumns | ScoreColumn | ActivityColumn; // every stage index moves anyway
        if (changed.contactChanged)
            columns |= ContactColumns;
        if (changed.reached != lead.storedReached)
            columns |= ReachedColumn;
        QByteArray capUsage = LeadStateCodec::capUsageColumn(state);
        const bool capsChanged = capUsage != lead.storedCapUsage;
        if (columns == 0 && !capsChanged && state.decayStepsApplied == lead.stored.decayStepsApplied)
            continue; // e.g. an older event of an unknown type: nothing to write

        const Statement *statement = updateStatement(columns);
        if (!statement)
            return false;
        if (capsChanged)
            lead.storedCapUsage = std::move(capUsage);
        sqlite3_stmt *s = statement->get();
        const StatementReset reset(*statement);
        sqlite3_bind_int64(s, 1, lead.id);
        // Parameters a variant does not use are bound all the same; SQLite ignores them.
        sqlite3_bind_int(s, 2, state.score);
        if (const auto lastActivity = LeadStateCodec::lastActivityColumn(state))
            sqlite3_bind_int64(s, 3, *lastActivity);
        else
            sqlite3_bind_null(s, 3);
        sqlite3_bind_int(s, 4, state.decayStepsApplied);
        if (lead.storedCapUsage.isEmpty())
            sqlite3_bind_null(s, 5);
        else
            bindUtf8(s, 5, lead.storedCapUsage);
        if (columns & StageColumns) {
            bindUtf8(s, 6, utf8(stageName(state.stage)));
            sqlite3_bind_int64(s, 7, changed.stageEnteredAt);
        }
        if (columns & ContactColumns) {
            bindTextOrNull(s, 8, changed.externalId);
            bindTextOrNull(s, 9, changed.email);
            bindText(s, 10, changed.name);
            bindText(s, 11, changed.company);
        }
        sqlite3_bind_int(s, 12, changed.reached);
        if (!step(*statement))
            return false;
        if (columns & (ScoreColumn | StageColumns | ReachedColumn)) {
            addToRollup(RollupKey(lead.stored.stage, lead.owner, lead.source, lead.stored.score, lead.storedReached),
                        -1, lead.stored.score);
            addToRollup(RollupKey(state.stage, lead.owner, lead.source, state.score, changed.reached), 1,
                        state.score);
        }
        lead.storedReached = changed.reached;
        lead.stored = withoutCaps(state);
        lead.storedStageEnteredAt = changed.stageEnteredAt;
    }
    return true;
}

void Writer::collectCommittedEffects(Batch &batch) const
{
    if (!m_collectEffects)
        return;
    for (size_t row = 0; row < batch.withRows.size(); ++row) {
        const PendingEvent &event = batch.pending[batch.withRows[row]];
        for (const Effect &effect : batch.effectsOf(event)) {
            if (!std::holds_alternative<ScoreChanged>(effect))
                batch.committedEffects.append(
                    IngestPipeline::CommittedEffect{m_leads[size_t(event.lead)].id, batch.withRowIds[row], effect});
        }
    }
}

} // namespace funnel::ingest
