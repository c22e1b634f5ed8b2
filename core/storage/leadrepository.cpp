#include "core/storage/leadrepository.h"

#include "core/domain/scoringengine.h"
#include "core/domain/transitiontable.h"
#include "core/io/leadcsvreader.h"
#include "core/io/leadcsvwriter.h"
#include "core/storage/database.h"
#include "core/storage/leadstatecodec.h"
#include "core/storage/sqlvalues.h"
#include "core/storage/transaction.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QIODevice>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSqlError>
#include <QSqlQuery>
#include <QSqlRecord>

namespace funnel {

using namespace Qt::StringLiterals;

namespace {

constexpr int importBatchSize = 2000;
const QString attributeColumnsKey = u"attribute_columns"_s;

// This file's messages, in the translation context "LeadRepository" (lupdate reads the macro).
struct Messages {
    Q_DECLARE_TR_FUNCTIONS(LeadRepository)
};

QJsonObject attributesObject(const QString &json)
{
    return json.isEmpty() ? QJsonObject{} : QJsonDocument::fromJson(json.toUtf8()).object();
}

} // namespace

// Stores records one transaction per batch, looking each one up by external id, then by email.
class LeadRepository::ImportBatch
{
public:
    ImportBatch(Database &database, const QString &actor, LeadImportReport &report)
        : m_database(database), m_actor(actor), m_report(report), m_db(database.connection())
    {
        m_knownColumns = LeadRepository(database).attributeColumns();
    }

    bool add(const LeadRecord &record)
    {
        if (!m_transaction && !begin())
            return false;
        if (!store(record))
            return false;
        if (++m_pending >= importBatchSize)
            return finish();
        return true;
    }

    bool finish()
    {
        if (!m_transaction)
            return true;
        if (m_columnsChanged) {
            const QJsonArray columns = QJsonArray::fromStringList(m_knownColumns);
            if (!m_database.setSettingValue(attributeColumnsKey,
                                            QString::fromUtf8(QJsonDocument(columns).toJson(QJsonDocument::Compact))))
                return fail(m_database.lastError());
            m_columnsChanged = false;
        }
        if (!m_database.indexPendingSearch())
            return fail(m_database.lastError());
        const bool committed = m_transaction->commit();
        const DatabaseError error = m_transaction->error();
        m_transaction.reset();
        m_pending = 0;
        if (!committed)
            return fail(error);
        m_report.created += m_created;
        m_report.merged += m_merged;
        m_created = m_merged = 0;
        return true;
    }

private:
    bool begin()
    {
        m_transaction.emplace(m_database);
        if (!m_transaction->isActive())
            return fail(m_transaction->error());
        return true;
    }

    bool fail(const DatabaseError &error)
    {
        m_report.databaseError = error;
        m_transaction.reset();
        return false;
    }

    bool failQuery(const QSqlQuery &query) { return fail(m_database.errorFor(query.lastError())); }

    std::optional<QSqlRecord> findExisting(const LeadRecord &record)
    {
        QSqlQuery query(m_db);
        if (!record.externalId.isEmpty()) {
            query.prepare(u"SELECT * FROM leads WHERE external_id = ?"_s);
            query.addBindValue(record.externalId);
            if (query.exec() && query.next())
                return query.record();
        }
        if (!record.email.isEmpty()) {
            query.prepare(u"SELECT * FROM leads WHERE lower(email) = lower(?) AND email IS NOT NULL AND email <> ''"_s);
            query.addBindValue(record.email);
            if (query.exec() && query.next())
                return query.record();
        }
        return std::nullopt;
    }

    void rememberColumns(const LeadRecord &record)
    {
        for (const auto &[name, value] : record.attributes) {
            Q_UNUSED(value);
            if (!m_knownColumns.contains(name, Qt::CaseInsensitive)) {
                m_knownColumns.append(name);
                m_columnsChanged = true;
            }
        }
    }

    bool store(const LeadRecord &record)
    {
        rememberColumns(record);
        const qint64 now = QDateTime::currentMSecsSinceEpoch();
        const std::optional<QSqlRecord> existing = findExisting(record);
        return existing ? update(*existing, record, now) : insert(record, now);
    }

    bool insert(const LeadRecord &record, qint64 now)
    {
        QJsonObject attributes;
        for (const auto &[name, value] : record.attributes)
            attributes.insert(name, value);
        const qint64 createdAt = record.createdAtMs.value_or(now);
        const Stage stage = record.stage.value_or(Stage::Cold);
        const int score = record.score.value_or(0);

        QSqlQuery query(m_db);
        query.prepare(u"INSERT INTO leads (external_id, email, name, company, title, source, owner, stage, score,"
                      " created_at, stage_entered_at, attributes)"
                      " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"_s);
        query.addBindValue(nullIfEmpty(record.externalId));
        query.addBindValue(nullIfEmpty(record.email));
        query.addBindValue(notNull(record.name));
        query.addBindValue(notNull(record.company));
        query.addBindValue(notNull(record.title));
        query.addBindValue(notNull(record.source));
        query.addBindValue(notNull(record.owner));
        query.addBindValue(stageName(stage));
        query.addBindValue(score);
        query.addBindValue(createdAt);
        query.addBindValue(stage == Stage::Cold ? createdAt : now);
        query.addBindValue(attributes.isEmpty() ? QVariant(QMetaType::fromType<QString>())
                                                : QVariant(QString::fromUtf8(QJsonDocument(attributes).toJson(QJsonDocument::Compact))));
        if (!query.exec())
            return failQuery(query);
        const qint64 leadId = query.lastInsertId().toLongLong();
        if (!addHistory(leadId, std::nullopt, Stage::Cold, createdAt, u"created"_s, {}))
            return false;
        if (stage != Stage::Cold && !addHistory(leadId, Stage::Cold, stage, now, moveCauseName(MoveCause::Import), {}))
            return false;
        if (score != 0 && !addAdjustment(leadId, now, score))
            return false;
        ++m_created;
        return true;
    }

    bool update(const QSqlRecord &existing, const LeadRecord &record, qint64 now)
    {
        const qint64 leadId = existing.value(u"id"_s).toLongLong();
        auto merged = [&](const QString &column, const QString &incoming) {
            return incoming.isEmpty() ? existing.value(column).toString() : incoming;
        };
        QJsonObject attributes = attributesObject(existing.value(u"attributes"_s).toString());
        for (const auto &[name, value] : record.attributes)
            attributes.insert(name, value);

        const Stage oldStage = stageFromName(existing.value(u"stage"_s).toString()).value_or(Stage::Cold);
        const Stage stage = record.stage.value_or(oldStage);
        const int oldScore = existing.value(u"score"_s).toInt();
        const int score = record.score.value_or(oldScore);

        QSqlQuery query(m_db);
        query.prepare(u"UPDATE leads SET external_id = ?, email = ?, name = ?, company = ?, title = ?, source = ?,"
                      " owner = ?, stage = ?, score = ?, stage_entered_at = ?, attributes = ? WHERE id = ?"_s);
        // An existing external id is the key events use: a merge never changes it.
        const QString existingId = existing.value(u"external_id"_s).toString();
        query.addBindValue(nullIfEmpty(existingId.isEmpty() ? record.externalId : existingId));
        query.addBindValue(nullIfEmpty(merged(u"email"_s, record.email)));
        query.addBindValue(notNull(merged(u"name"_s, record.name)));
        query.addBindValue(notNull(merged(u"company"_s, record.company)));
        query.addBindValue(notNull(merged(u"title"_s, record.title)));
        query.addBindValue(notNull(merged(u"source"_s, record.source)));
        query.addBindValue(notNull(merged(u"owner"_s, record.owner)));
        query.addBindValue(stageName(stage));
        query.addBindValue(score);
        query.addBindValue(stage == oldStage ? existing.value(u"stage_entered_at"_s).toLongLong() : now);
        query.addBindValue(attributes.isEmpty() ? QVariant(QMetaType::fromType<QString>())
                                                : QVariant(QString::fromUtf8(QJsonDocument(attributes).toJson(QJsonDocument::Compact))));
        query.addBindValue(leadId);
        if (!query.exec())
            return failQuery(query);
        if (stage != oldStage && !addHistory(leadId, oldStage, stage, now, moveCauseName(MoveCause::Import), {}))
            return false;
        if (score != oldScore && !addAdjustment(leadId, now, score - oldScore))
            return false;
        ++m_merged;
        return true;
    }

    bool addHistory(qint64 leadId, std::optional<Stage> from, Stage to, qint64 at, const QString &cause, const QString &reason)
    {
        QSqlQuery query(m_db);
        query.prepare(u"INSERT INTO stage_history (lead_id, from_stage, to_stage, at, cause, reason, actor)"
                      " VALUES (?, ?, ?, ?, ?, ?, ?)"_s);
        query.addBindValue(leadId);
        query.addBindValue(from ? QVariant(stageName(*from)) : QVariant(QMetaType::fromType<QString>()));
        query.addBindValue(stageName(to));
        query.addBindValue(at);
        query.addBindValue(cause);
        query.addBindValue(notNull(reason));
        query.addBindValue(notNull(m_actor));
        return query.exec() || failQuery(query);
    }

    // An imported score is part of the score's explanation: it is a ledger line like any other.
    bool addAdjustment(qint64 leadId, qint64 at, int delta)
    {
        QSqlQuery query(m_db);
        query.prepare(u"INSERT INTO score_adjustments (lead_id, at, delta, reason) VALUES (?, ?, ?, 'import')"_s);
        query.addBindValue(leadId);
        query.addBindValue(at);
        query.addBindValue(delta);
        return query.exec() || failQuery(query);
    }

    Database &m_database;
    QString m_actor;
    LeadImportReport &m_report;
    QSqlDatabase m_db;
    std::optional<Transaction> m_transaction;
    QStringList m_knownColumns;
    bool m_columnsChanged = false;
    int m_pending = 0;
    int m_created = 0;
    int m_merged = 0;
};

LeadImportReport LeadRepository::importCsv(QIODevice &device, const QString &actor)
{
    LeadImportReport report;
    ImportBatch batch(m_database, actor, report);
    bool stored = true;
    LeadCsvReader reader;
    const bool read = reader.read(
        device,
        [&](LeadRecord &&record) {
            if (stored)
                stored = batch.add(record);
        },
        [&](CsvRowError &&error) { report.errors.append(std::move(error)); });
    if (stored)
        batch.finish();
    if (!read)
        report.fileError = reader.fileError();
    return report;
}

LeadImportReport LeadRepository::importRecords(const QList<LeadRecord> &records, const QString &actor)
{
    LeadImportReport report;
    ImportBatch batch(m_database, actor, report);
    for (const LeadRecord &record : records) {
        if (!batch.add(record))
            return report;
    }
    batch.finish();
    return report;
}

QStringList LeadRepository::attributeColumns() const
{
    const std::optional<QString> stored = m_database.settingValue(attributeColumnsKey);
    QStringList columns;
    if (stored) {
        for (const QJsonValue &value : QJsonDocument::fromJson(stored->toUtf8()).array())
            columns.append(value.toString());
    }
    return columns;
}

bool LeadRepository::forEachLead(const ExportFilter &filter,
                                 const std::function<bool(const LeadRecord &, const QString &)> &onLead, QString *error)
{
    QSqlQuery query(m_database.connection());
    query.setForwardOnly(true);
    query.prepare(u"SELECT external_id, email, name, company, title, source, owner, stage, score, created_at, attributes"
                  " FROM leads"_s
                  + (filter.stage ? u" WHERE stage = ?"_s : QString()) + u" ORDER BY id"_s);
    if (filter.stage)
        query.addBindValue(stageName(*filter.stage));
    if (!query.exec()) {
        if (error)
            *error = m_database.errorFor(query.lastError()).message;
        return false;
    }
    while (query.next()) {
        LeadRecord record;
        record.externalId = query.value(0).toString();
        record.email = query.value(1).toString();
        record.name = query.value(2).toString();
        record.company = query.value(3).toString();
        record.title = query.value(4).toString();
        record.source = query.value(5).toString();
        record.owner = query.value(6).toString();
        record.stage = stageFromName(query.value(7).toString());
        record.score = query.value(8).toInt();
        record.createdAtMs = query.value(9).toLongLong();
        const QString attributesJson = query.value(10).toString();
        const QJsonObject attributes = attributesObject(attributesJson);
        for (auto it = attributes.begin(); it != attributes.end(); ++it)
            record.attributes.append({it.key(), it.value().toString()});
        if (!onLead(record, attributesJson)) {
            if (error)
                *error = Messages::tr("Could not write the export: the output refused the data.");
            return false;
        }
    }
    return true;
}

bool LeadRepository::exportCsv(QIODevice &device, const ExportFilter &filter, QString *error)
{
    LeadCsvWriter writer(device, attributeColumns());
    if (!writer.writeHeader()) {
        if (error)
            *error = writer.errorString();
        return false;
    }
    return forEachLead(filter, [&](const LeadRecord &record, const QString &) { return writer.writeRecord(record); }, error);
}

bool LeadRepository::exportJsonl(QIODevice &device, const ExportFilter &filter, QString *error)
{
    return forEachLead(
        filter,
        [&](const LeadRecord &record, const QString &attributesJson) {
            QJsonObject object{{u"id"_s, record.externalId},
                               {u"email"_s, record.email},
                               {u"name"_s, record.name},
                               {u"company"_s, record.company},
                               {u"title"_s, record.title},
                               {u"source"_s, record.source},
                               {u"owner"_s, record.owner},
                               {u"stage"_s, record.stage ? stageName(*record.stage) : QString()},
                               {u"score"_s, record.score.value_or(0)},
                               {u"created_at"_s, LeadCsvWriter::formatTimestamp(record.createdAtMs.value_or(0))}};
            if (!attributesJson.isEmpty())
                object.insert(u"attributes"_s, attributesObject(attributesJson));
            const QByteArray line = QJsonDocument(object).toJson(QJsonDocument::Compact) + '\n';
            return device.write(line) == line.size();
        },
        error);
}

std::optional<qint64> LeadRepository::idForExternalId(const QString &externalId) const
{
    QSqlQuery query(m_database.connection());
    query.prepare(u"SELECT id FROM leads WHERE external_id = ?"_s);
    query.addBindValue(externalId);
    if (query.exec() && query.next())
        return query.value(0).toLongLong();
    return std::nullopt;
}

std::optional<qint64> LeadRepository::idForEmail(const QString &email) const
{
    QSqlQuery query(m_database.connection());
    query.prepare(u"SELECT id FROM leads WHERE lower(email) = lower(?) AND email IS NOT NULL AND email <> ''"_s);
    query.addBindValue(email);
    if (query.exec() && query.next())
        return query.value(0).toLongLong();
    return std::nullopt;
}

LeadMoveResult LeadRepository::moveLead(qint64 leadId, Stage to, MoveCause cause, const QString &reason,
                                        const QString &actor, qint64 atMs)
{
    LeadMoveResult result;
    Transaction transaction(m_database);
    if (!transaction.isActive()) {
        result.error = transaction.error();
        return result;
    }
    QSqlDatabase db = m_database.connection();
    QSqlQuery query(db);
    query.prepare(u"SELECT stage, score, last_activity_at, decay_steps, cap_usage FROM leads WHERE id = ?"_s);
    query.addBindValue(leadId);
    if (!query.exec()) {
        result.error = m_database.errorFor(query.lastError());
        return result;
    }
    if (!query.next()) {
        result.refusal = Messages::tr("There is no lead with id %1.").arg(leadId);
        return result;
    }
    const std::optional<LeadState> state = LeadStateCodec::fromRecord(query.record());
    if (!state) {
        result.refusal = Messages::tr("Lead %1 has an unreadable stage.").arg(leadId);
        return result;
    }
    const Outcome outcome = applyMove(*state, to, cause, reason);
    for (const Effect &effect : outcome.effects) {
        if (const auto *refused = std::get_if<MoveRefused>(&effect)) {
            result.refusal = refused->reason;
            return result;
        }
    }
    QSqlQuery update(db);
    update.prepare(u"UPDATE leads SET stage = ?, stage_entered_at = ? WHERE id = ?"_s);
    update.addBindValue(stageName(outcome.next.stage));
    update.addBindValue(atMs);
    update.addBindValue(leadId);
    QSqlQuery history(db);
    history.prepare(u"INSERT INTO stage_history (lead_id, from_stage, to_stage, at, cause, reason, actor)"
                    " VALUES (?, ?, ?, ?, ?, ?, ?)"_s);
    history.addBindValue(leadId);
    history.addBindValue(stageName(state->stage));
    history.addBindValue(stageName(outcome.next.stage));
    history.addBindValue(atMs);
    history.addBindValue(moveCauseName(cause));
    history.addBindValue(notNull(reason));
    history.addBindValue(notNull(actor));
    if (!update.exec() || !history.exec()) {
        result.error = m_database.errorFor(update.lastError().isValid() ? update.lastError() : history.lastError());
        return result;
    }
    if (!transaction.commit()) {
        result.error = transaction.error();
        return result;
    }
    result.moved = true;
    result.effects = outcome.effects;
    return result;
}

} // namespace funnel
