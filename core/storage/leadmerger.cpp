#include "core/storage/leadmerger.h"

#include "core/domain/scoringengine.h"
#include "core/domain/transitiontable.h"
#include "core/storage/database.h"
#include "core/storage/leadstatecodec.h"
#include "core/storage/transaction.h"

#include <QCoreApplication>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSqlError>
#include <QSqlQuery>
#include <QSqlRecord>

namespace funnel {

using namespace Qt::StringLiterals;

namespace {

// This file's messages, in the translation context "LeadMerger" (lupdate reads the macro).
struct Messages {
    Q_DECLARE_TR_FUNCTIONS(LeadMerger)
};

QString quoted(const QString &identifier)
{
    return u'"' + QString(identifier).replace(u'"', u"\"\""_s) + u'"';
}

// Where a stage sits when two leads' stages are combined: further along wins, Lost loses to any
// open or won stage.
int stageWeight(Stage stage)
{
    return funnelRank(stage).value_or(-1);
}

class MergeRun
{
public:
    MergeRun(Database &database, DatabaseError &error) : m_database(database), m_db(database.connection()), m_error(error) {}

    bool exec(QSqlQuery &query)
    {
        if (query.exec())
            return true;
        m_error = m_database.errorFor(query.lastError());
        return false;
    }

    bool execSql(const QString &sql)
    {
        QSqlQuery query(m_db);
        if (query.exec(sql))
            return true;
        m_error = m_database.errorFor(query.lastError());
        return false;
    }

    // The leads row as it is; an empty Row when there is none.
    bool readLead(qint64 id, LeadMergeSnapshot::Row *row)
    {
        QSqlQuery query(m_db);
        query.prepare(u"SELECT * FROM leads WHERE id = ?"_s);
        query.addBindValue(id);
        if (!exec(query))
            return false;
        *row = {};
        if (query.next()) {
            const QSqlRecord record = query.record();
            for (int i = 0; i < record.count(); ++i) {
                row->columns.append(record.fieldName(i));
                row->values.append(record.value(i));
            }
        }
        return true;
    }

    // Every (table, column) whose foreign key points at leads. Asked of SQLite rather than listed,
    // so that tables added by later migrations (outbox, deliveries, ...) move with the lead as well.
    // SQLite-specific (pragma_foreign_key_list); a QPSQL backend would read information_schema.
    bool referencingColumns(QList<QPair<QString, QString>> *columns)
    {
        QSqlQuery query(m_db);
        query.setForwardOnly(true);
        if (!query.exec(u"SELECT m.name, f.\"from\" FROM sqlite_master AS m, pragma_foreign_key_list(m.name) AS f"
                        " WHERE m.type = 'table' AND f.\"table\" = 'leads' ORDER BY m.name"_s)) {
            m_error = m_database.errorFor(query.lastError());
            return false;
        }
        while (query.next())
            columns->append({query.value(0).toString(), query.value(1).toString()});
        return true;
    }

    bool insertRow(const QString &table, const LeadMergeSnapshot::Row &row)
    {
        QStringList names;
        QStringList marks;
        for (const QString &column : row.columns) {
            names.append(quoted(column));
            marks.append(u"?"_s);
        }
        QSqlQuery query(m_db);
        query.prepare(u"INSERT INTO "_s + quoted(table) + u" ("_s + names.join(u", "_s) + u") VALUES ("_s
                      + marks.join(u", "_s) + u")"_s);
        for (const QVariant &value : row.values)
            query.addBindValue(value);
        return exec(query);
    }

    bool updateLead(qint64 id, const LeadMergeSnapshot::Row &row)
    {
        // `reached` is derived from stage_history by triggers, which have already seen the history
        // rows this merge moved: a snapshot's value would be stale.
        const auto written = [](const QString &column) { return column != "id"_L1 && column != "reached"_L1; };
        QStringList assignments;
        for (const QString &column : row.columns) {
            if (written(column))
                assignments.append(quoted(column) + u" = ?"_s);
        }
        QSqlQuery query(m_db);
        query.prepare(u"UPDATE leads SET "_s + assignments.join(u", "_s) + u" WHERE id = ?"_s);
        for (qsizetype i = 0; i < row.columns.size(); ++i) {
            if (written(row.columns.at(i)))
                query.addBindValue(row.values.at(i));
        }
        query.addBindValue(id);
        return exec(query);
    }

    QSqlDatabase db() const { return m_db; }

private:
    Database &m_database;
    QSqlDatabase m_db;
    DatabaseError &m_error;
};

QVariant valueOf(const LeadMergeSnapshot::Row &row, const QString &column)
{
    const qsizetype i = row.columns.indexOf(column);
    return i < 0 ? QVariant() : row.values.at(i);
}

void setValue(LeadMergeSnapshot::Row &row, const QString &column, const QVariant &value)
{
    const qsizetype i = row.columns.indexOf(column);
    if (i >= 0)
        row.values[i] = value;
}

} // namespace

LeadMerger::LeadMerger(Database &database, RuleSet rules)
    : m_database(database), m_rules(std::move(rules))
{
    QString ignored;
    if (m_database.isOpen() && m_rules == m_database.activeRules(&ignored))
        m_rulesVersion = m_database.settingValue(u"rules_version"_s).value_or(QString()).toLongLong();
}

LeadMergeResult LeadMerger::merge(qint64 survivorId, qint64 duplicateId, const QString &actor, qint64 nowMs)
{
    m_lastError = {};
    m_refusal.clear();
    LeadMergeResult result;
    auto refuse = [&](const QString &why) {
        m_refusal = why;
        result.refusal = why;
        return result;
    };
    auto failed = [&] {
        result.error = m_lastError;
        return result;
    };
    if (survivorId == duplicateId)
        return refuse(Messages::tr("A lead cannot be merged with itself."));

    Transaction transaction(m_database);
    if (!transaction.isActive()) {
        m_lastError = transaction.error();
        return failed();
    }
    MergeRun run(m_database, m_lastError);
    LeadMergeSnapshot snapshot;
    snapshot.survivorId = survivorId;
    snapshot.duplicateId = duplicateId;
    if (!run.readLead(survivorId, &snapshot.survivor) || !run.readLead(duplicateId, &snapshot.duplicate))
        return failed();
    if (snapshot.survivor.columns.isEmpty())
        return refuse(Messages::tr("There is no lead with id %1.").arg(survivorId));
    if (snapshot.duplicate.columns.isEmpty())
        return refuse(Messages::tr("There is no lead with id %1.").arg(duplicateId));
    const QSqlDatabase db = run.db();

    // 1. Decay rows of both leads go: the re-score writes them again from the merged history.
    {
        QSqlQuery query(db);
        query.setForwardOnly(true);
        query.prepare(u"SELECT * FROM score_adjustments WHERE lead_id IN (?, ?) AND reason = 'decay' ORDER BY id"_s);
        query.addBindValue(survivorId);
        query.addBindValue(duplicateId);
        if (!run.exec(query))
            return failed();
        while (query.next()) {
            const QSqlRecord record = query.record();
            LeadMergeSnapshot::Row row;
            for (int i = 0; i < record.count(); ++i) {
                row.columns.append(record.fieldName(i));
                row.values.append(record.value(i));
            }
            snapshot.removedAdjustments.append(row);
        }
        QSqlQuery remove(db);
        remove.prepare(u"DELETE FROM score_adjustments WHERE lead_id IN (?, ?) AND reason = 'decay'"_s);
        remove.addBindValue(survivorId);
        remove.addBindValue(duplicateId);
        if (!run.exec(remove))
            return failed();
    }

    // 2. Every row that references the duplicate moves to the survivor; its rowids are remembered.
    QList<QPair<QString, QString>> references;
    if (!run.referencingColumns(&references))
        return failed();
    for (const auto &[table, column] : references) {
        LeadMergeSnapshot::MovedRows moved{table, column, {}};
        QSqlQuery select(db);
        select.setForwardOnly(true);
        select.prepare(u"SELECT rowid FROM "_s + quoted(table) + u" WHERE "_s + quoted(column) + u" = ?"_s);
        select.addBindValue(duplicateId);
        if (!run.exec(select))
            return failed();
        while (select.next())
            moved.rowIds.append(select.value(0).toLongLong());
        if (moved.rowIds.isEmpty())
            continue;
        QSqlQuery update(db);
        update.prepare(u"UPDATE "_s + quoted(table) + u" SET "_s + quoted(column) + u" = ? WHERE "_s + quoted(column)
                       + u" = ?"_s);
        update.addBindValue(survivorId);
        update.addBindValue(duplicateId);
        if (!run.exec(update))
            return failed();
        snapshot.moved.append(moved);
    }

    // 3. The duplicate goes before the survivor takes its email or user id (both are unique).
    {
        QSqlQuery remove(db);
        remove.prepare(u"DELETE FROM leads WHERE id = ?"_s);
        remove.addBindValue(duplicateId);
        if (!run.exec(remove))
            return failed();
    }

    // 4. Re-score: the opening balance is what no event explains (imported or manual scores).
    qint64 openingBalance = 0;
    {
        QSqlQuery query(db);
        query.prepare(u"SELECT coalesce(sum(delta), 0) FROM score_adjustments WHERE lead_id = ?"_s);
        query.addBindValue(survivorId);
        if (!run.exec(query) || !query.next())
            return failed();
        openingBalance = query.value(0).toLongLong();
    }
    LeadState state;
    state.score = int(openingBalance);
    {
        QSqlQuery events(db);
        events.setForwardOnly(true);
        events.prepare(u"SELECT id, type, occurred_at, points, coalesce(rules_version, 0) FROM events WHERE lead_id = ?"
                       " ORDER BY occurred_at, id"_s);
        events.addBindValue(survivorId);
        if (!run.exec(events))
            return failed();
        QSqlQuery setPoints(db);
        // The new points are these rules' (the ledger names their version).
        setPoints.prepare(u"UPDATE events SET points = ?, rules_version = ? WHERE id = ?"_s);
        QSqlQuery addDecay(db);
        addDecay.prepare(u"INSERT INTO score_adjustments (lead_id, at, delta, reason, event_id) VALUES (?, ?, ?, 'decay', ?)"_s);
        while (events.next()) {
            const qint64 eventId = events.value(0).toLongLong();
            const qint64 atMs = events.value(2).toLongLong();
            const int oldPoints = events.value(3).toInt();
            const Outcome outcome = apply(state, Event{events.value(1).toString(), atMs}, m_rules);
            state = outcome.next;
            if (outcome.points != oldPoints) {
                snapshot.eventPoints.append({eventId, oldPoints, events.value(4).toLongLong()});
                setPoints.addBindValue(outcome.points);
                setPoints.addBindValue(m_rulesVersion > 0 ? QVariant(m_rulesVersion) : QVariant(QMetaType::fromType<qint64>()));
                setPoints.addBindValue(eventId);
                if (!run.exec(setPoints))
                    return failed();
            }
            for (const ScoreChanged &change : outcome.effectsOf<ScoreChanged>()) {
                if (change.rule != "decay"_L1)
                    continue;
                addDecay.addBindValue(survivorId);
                addDecay.addBindValue(atMs);
                addDecay.addBindValue(change.delta);
                addDecay.addBindValue(eventId);
                if (!run.exec(addDecay))
                    return failed();
                snapshot.addedAdjustmentIds.append(addDecay.lastInsertId().toLongLong());
            }
        }
    }

    // 5. The survivor's row: blanks filled, merged attributes, re-scored state, the combined stage.
    LeadMergeSnapshot::Row merged = snapshot.survivor;
    for (const QString &column : {u"external_id"_s, u"email"_s, u"name"_s, u"company"_s, u"title"_s, u"source"_s,
                                  u"owner"_s}) {
        const QVariant own = valueOf(merged, column);
        const QVariant other = valueOf(snapshot.duplicate, column);
        if (own.toString().isEmpty() && !other.toString().isEmpty())
            setValue(merged, column, other);
    }
    {
        QJsonObject attributes = QJsonDocument::fromJson(valueOf(merged, u"attributes"_s).toString().toUtf8()).object();
        const QJsonObject others = QJsonDocument::fromJson(valueOf(snapshot.duplicate, u"attributes"_s).toString().toUtf8()).object();
        for (auto it = others.begin(); it != others.end(); ++it) {
            if (!attributes.contains(it.key()) || attributes.value(it.key()).toString().isEmpty())
                attributes.insert(it.key(), it.value());
        }
        if (!attributes.isEmpty())
            setValue(merged, u"attributes"_s, QString::fromUtf8(QJsonDocument(attributes).toJson(QJsonDocument::Compact)));
    }
    setValue(merged, u"created_at"_s,
             qMin(valueOf(merged, u"created_at"_s).toLongLong(), valueOf(snapshot.duplicate, u"created_at"_s).toLongLong()));

    const Stage survivorStage = stageFromName(valueOf(snapshot.survivor, u"stage"_s).toString()).value_or(Stage::Cold);
    const Stage duplicateStage = stageFromName(valueOf(snapshot.duplicate, u"stage"_s).toString()).value_or(Stage::Cold);
    Stage stage = survivorStage;
    for (const Stage candidate : {duplicateStage, state.stage}) {
        if (stageWeight(candidate) > stageWeight(stage))
            stage = candidate;
    }
    qint64 stageEnteredAt = valueOf(snapshot.survivor, u"stage_entered_at"_s).toLongLong();
    if (stage != survivorStage)
        stageEnteredAt = stage == duplicateStage ? valueOf(snapshot.duplicate, u"stage_entered_at"_s).toLongLong() : nowMs;
    state.stage = stage;
    setValue(merged, u"stage"_s, stageName(stage));
    setValue(merged, u"stage_entered_at"_s, stageEnteredAt);
    setValue(merged, u"score"_s, state.score);
    const std::optional<qint64> lastActivity = LeadStateCodec::lastActivityColumn(state);
    setValue(merged, u"last_activity_at"_s, lastActivity ? QVariant(*lastActivity) : QVariant(QMetaType::fromType<qint64>()));
    setValue(merged, u"decay_steps"_s, state.decayStepsApplied);
    const QByteArray capUsage = LeadStateCodec::capUsageColumn(state);
    setValue(merged, u"cap_usage"_s, capUsage.isEmpty() ? QVariant(QMetaType::fromType<QString>()) : QVariant(QString::fromUtf8(capUsage)));
    if (!run.updateLead(survivorId, merged))
        return failed();

    if (stage != survivorStage) {
        QSqlQuery history(db);
        history.prepare(u"INSERT INTO stage_history (lead_id, from_stage, to_stage, at, cause, reason, actor)"
                        " VALUES (?, ?, ?, ?, ?, ?, ?)"_s);
        history.addBindValue(survivorId);
        history.addBindValue(stageName(survivorStage));
        history.addBindValue(stageName(stage));
        history.addBindValue(nowMs);
        history.addBindValue(moveCauseName(MoveCause::Rescore));
        history.addBindValue(Messages::tr("merged with lead %1").arg(duplicateId));
        history.addBindValue(actor.isNull() ? u""_s : actor);
        if (!run.exec(history))
            return failed();
        snapshot.addedHistoryId = history.lastInsertId().toLongLong();
    }

    if (!transaction.commit()) {
        m_lastError = transaction.error();
        return failed();
    }
    result.merged = true;
    result.snapshot = snapshot;
    result.stage = stage;
    result.score = state.score;
    return result;
}

bool LeadMerger::undo(const LeadMergeSnapshot &snapshot)
{
    m_lastError = {};
    m_refusal.clear();
    if (!snapshot.isValid()) {
        m_refusal = Messages::tr("Nothing to undo.");
        return false;
    }
    Transaction transaction(m_database);
    if (!transaction.isActive()) {
        m_lastError = transaction.error();
        return false;
    }
    MergeRun run(m_database, m_lastError);
    const QSqlDatabase db = run.db();
    LeadMergeSnapshot::Row current;
    if (!run.readLead(snapshot.survivorId, &current))
        return false;
    if (current.columns.isEmpty()) {
        m_refusal = Messages::tr("Lead %1 no longer exists; the merge cannot be undone.").arg(snapshot.survivorId);
        return false;
    }
    if (!run.readLead(snapshot.duplicateId, &current))
        return false;
    if (!current.columns.isEmpty()) {
        m_refusal = Messages::tr("Lead id %1 is in use again; the merge cannot be undone.").arg(snapshot.duplicateId);
        return false;
    }

    QSqlQuery query(db);
    if (snapshot.addedHistoryId) {
        query.prepare(u"DELETE FROM stage_history WHERE id = ?"_s);
        query.addBindValue(snapshot.addedHistoryId);
        if (!run.exec(query))
            return false;
    }
    query.prepare(u"DELETE FROM score_adjustments WHERE id = ?"_s);
    for (const qint64 id : snapshot.addedAdjustmentIds) {
        query.addBindValue(id);
        if (!run.exec(query))
            return false;
    }
    query.prepare(u"UPDATE events SET points = ?, rules_version = ? WHERE id = ?"_s);
    for (const LeadMergeSnapshot::EventPoints &points : snapshot.eventPoints) {
        query.addBindValue(points.points);
        query.addBindValue(points.rulesVersion > 0 ? QVariant(points.rulesVersion) : QVariant(QMetaType::fromType<qint64>()));
        query.addBindValue(points.eventId);
        if (!run.exec(query))
            return false;
    }
    // The survivor first: it gives back the email or user id it may have taken over.
    if (!run.updateLead(snapshot.survivorId, snapshot.survivor) || !run.insertRow(u"leads"_s, snapshot.duplicate))
        return false;
    for (const LeadMergeSnapshot::MovedRows &moved : snapshot.moved) {
        QSqlQuery update(db);
        update.prepare(u"UPDATE "_s + quoted(moved.table) + u" SET "_s + quoted(moved.column) + u" = ? WHERE rowid = ?"_s);
        for (const qint64 rowId : moved.rowIds) {
            update.addBindValue(snapshot.duplicateId);
            update.addBindValue(rowId);
            if (!run.exec(update))
                return false;
        }
    }
    for (const LeadMergeSnapshot::Row &row : snapshot.removedAdjustments) {
        if (!run.insertRow(u"score_adjustments"_s, row))
            return false;
    }
    if (!transaction.commit()) {
        m_lastError = transaction.error();
        return false;
    }
    return true;
}

} // namespace funnel
