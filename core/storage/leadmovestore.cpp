#include "core/storage/leadmovestore.h"

#include "core/storage/database.h"
#include "core/storage/transaction.h"

#include <QCoreApplication>
#include <QSqlError>
#include <QSqlQuery>

namespace funnel {

using namespace Qt::StringLiterals;

namespace {

// This file's messages, in the translation context "LeadMoveStore" (lupdate reads the macro).
struct Messages {
    Q_DECLARE_TR_FUNCTIONS(LeadMoveStore)
};

} // namespace

LeadMoveStore::MoveOutcome LeadMoveStore::move(qint64 leadId, Stage to, const QString &reason, const QString &actor,
                                               qint64 atMs)
{
    MoveOutcome outcome;
    QSqlQuery before(m_database.connection());
    before.prepare(u"SELECT stage_entered_at FROM leads WHERE id = ?"_s);
    before.addBindValue(leadId);
    if (!before.exec()) {
        outcome.result.error = m_database.errorFor(before.lastError());
        return outcome;
    }
    const qint64 previousEnteredAt = before.next() ? before.value(0).toLongLong() : 0;
    before.finish();

    LeadRepository repository(m_database);
    outcome.result = repository.moveLead(leadId, to, MoveCause::Manual, reason, actor, atMs);
    if (!outcome.result.moved)
        return outcome;

    // The row moveLead added is the lead's latest; its from_stage is what the move really left.
    QSqlQuery added(m_database.connection());
    added.prepare(u"SELECT id, from_stage FROM stage_history WHERE lead_id = ? ORDER BY id DESC LIMIT 1"_s);
    added.addBindValue(leadId);
    if (!added.exec() || !added.next()) {
        outcome.result.error = m_database.errorFor(added.lastError());
        return outcome;
    }
    LeadMoveRecord record;
    record.leadId = leadId;
    record.from = stageFromName(added.value(1).toString()).value_or(Stage::Cold);
    record.to = to;
    record.previousEnteredAtMs = previousEnteredAt;
    record.historyId = added.value(0).toLongLong();
    record.atMs = atMs;
    outcome.record = record;
    return outcome;
}

LeadMoveStore::UndoOutcome LeadMoveStore::undo(const LeadMoveRecord &record)
{
    UndoOutcome outcome;
    Transaction transaction(m_database);
    if (!transaction.isActive()) {
        outcome.error = transaction.error();
        return outcome;
    }
    QSqlDatabase db = m_database.connection();
    QSqlQuery check(db);
    check.prepare(u"SELECT l.stage, (SELECT MAX(h.id) FROM stage_history h WHERE h.lead_id = l.id)"
                  " FROM leads l WHERE l.id = ?"_s);
    check.addBindValue(record.leadId);
    if (!check.exec()) {
        outcome.error = m_database.errorFor(check.lastError());
        return outcome;
    }
    if (!check.next()) {
        outcome.refusal = Messages::tr("Lead %1 no longer exists.").arg(record.leadId);
        return outcome;
    }
    if (check.value(0).toString() != stageName(record.to) || check.value(1).toLongLong() != record.historyId) {
        outcome.refusal = Messages::tr("Lead %1 has changed stage since; the move cannot be undone.").arg(record.leadId);
        return outcome;
    }
    check.finish();

    QSqlQuery remove(db);
    remove.prepare(u"DELETE FROM stage_history WHERE id = ?"_s);
    remove.addBindValue(record.historyId);
    QSqlQuery restore(db);
    restore.prepare(u"UPDATE leads SET stage = ?, stage_entered_at = ? WHERE id = ?"_s);
    restore.addBindValue(stageName(record.from));
    restore.addBindValue(record.previousEnteredAtMs);
    restore.addBindValue(record.leadId);
    if (!remove.exec()) {
        outcome.error = m_database.errorFor(remove.lastError());
        return outcome;
    }
    if (!restore.exec()) {
        outcome.error = m_database.errorFor(restore.lastError());
        return outcome;
    }
    if (!transaction.commit()) {
        outcome.error = transaction.error();
        return outcome;
    }
    outcome.undone = true;
    return outcome;
}

} // namespace funnel
