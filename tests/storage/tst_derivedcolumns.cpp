// What migration 3 derives and triggers keep (leads.reached; stage_history.prev_at, owner and
// source; the lead_rollup table; the leads_search trigram index) stays equal to a from-scratch
// computation after every kind of write: demo load, a move, its undo, a merge, its undo, an edit,
// a deletion, a rules change applied to all history (the Rescorer's raw writes) and its undo, and
// bulk ingest, which writes that data itself with the triggers dropped in its transactions.

#include "core/domain/ruleset.h"
#include "core/io/demodatagenerator.h"
#include "core/storage/boardquery.h"
#include "core/storage/database.h"
#include "core/storage/demodataloader.h"
#include "core/storage/ingestpipeline.h"
#include "core/storage/leadeditor.h"
#include "core/storage/leadmerger.h"
#include "core/storage/leadmovestore.h"
#include "core/storage/rescorer.h"
#include "core/storage/rulesetversionstore.h"
#include "core/storage/transaction.h"

#include <QBuffer>
#include <QDateTime>
#include <QFile>
#include <QHash>
#include <QSqlError>
#include <QSqlQuery>
#include <QSqlRecord>
#include <QTemporaryDir>
#include <QTest>
#include <QTimeZone>

using namespace funnel;
using namespace Qt::StringLiterals;

namespace {

enum class Write {
    None,
    Move,
    MoveAndUndo,
    Merge,
    MergeAndUndo,
    Rename,
    Delete,
    RulesApply,
    RulesApplyAndUndo,
    RescoreRebuildingIndexes,
    Ingest,                  // stored and new leads, stage changes, events older than the history, bad lines
    IngestTwice,             // the same file again: nothing changes
    IngestAfterReassignment, // leads with another owner and source get events
    IngestWhileOthersWrite,  // between two batches another connection moves and reassigns cached leads
};

// "name sql" of every schema object of a type ('index', 'trigger'), by name.
QStringList schemaObjects(Database &database, const QString &type)
{
    QStringList list;
    QSqlQuery query(database.connection());
    query.prepare(u"SELECT name, sql FROM sqlite_master WHERE type = ? ORDER BY name"_s);
    query.addBindValue(type);
    query.exec();
    while (query.next())
        list.append(query.value(0).toString() + u' ' + query.value(1).toString());
    return list;
}

QString isoTime(qint64 ms)
{
    return QDateTime::fromMSecsSinceEpoch(ms, QTimeZone::utc()).toString(Qt::ISODateWithMs);
}

// Events JSONL for ingest cases: `emails` name stored leads, u-new-N users are new; gate events move
// leads (newsletter to MQL, demo to SQL, contract to Won), some lines are older than the leads'
// history, and bad lines sit between good ones.
QByteArray ingestFile(const QStringList &emails, qint64 nowMs)
{
    static const char *const types[] = {"VIEWED_PRICING", "SIGNED_UP_NEWSLETTER", "OPENED_EMAIL", "REQUESTED_DEMO",
                                        "DOWNLOADED_API_DOCS", "CONTRACT_SIGNED", "ABANDONED_CHECKOUT", "UNSUBSCRIBED"};
    QByteArray out;
    int line = 0;
    auto event = [&](const QString &who, bool byEmail, qint64 atMs) {
        const char *type = types[line % int(std::size(types))];
        out += "{\"eventId\":\"t-" + QByteArray::number(line) + "\","
            + QByteArray(byEmail ? "\"email\":\"" : "\"userId\":\"") + who.toUtf8() + "\""
            + ",\"eventType\":\"" + type + "\",\"timestamp\":\"" + isoTime(atMs).toUtf8() + "\"}\n";
        if (++line % 9 == 0)
            out += line % 2 ? "{not json\n" : "{\"userId\":\"u-bad\"}\n"; // invalid JSON; no eventType
    };
    for (int round = 0; round < 4; ++round) {
        for (int i = 0; i < emails.size(); ++i) {
            // Every fifth lead gets a line 40 days in the past, before much of its history.
            const qint64 at = (i % 5 == 0 && round == 1) ? nowMs - 40LL * 86'400'000 : nowMs + (round * 100 + i) * 1000LL;
            event(emails.at(i), true, at);
        }
        for (int i = 0; i < 30; ++i)
            event(u"u-new-%1"_s.arg(i), false, nowMs + (round * 100 + i) * 1000LL + 500);
    }
    return out;
}

int stageBit(const QString &stage)
{
    const std::optional<Stage> parsed = stageFromName(stage);
    return parsed ? 1 << int(*parsed) : 0;
}

qint64 leadIn(Database &database, const QString &where)
{
    QSqlQuery query(database.connection());
    return query.exec(u"SELECT id FROM leads WHERE "_s + where + u" ORDER BY id LIMIT 1"_s) && query.next()
        ? query.value(0).toLongLong()
        : 0;
}

} // namespace

Q_DECLARE_METATYPE(Write)

class TestDerivedColumns : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void derivedColumnsMatchARecomputation_data();
    void derivedColumnsMatchARecomputation();
    void searchFollowsAnEdit();
    void aLeadWaitingForTheIndexIsFoundAndSafeToEdit();
    void rebuildRestoresWhatRawWritesLeftOut();

private:
    QString freshCopy(const QString &name);
    static void verifyDerivedColumns(Database &database);

    QTemporaryDir m_dir;
    QString m_template;
    qint64 m_now = 0;
};

void TestDerivedColumns::initTestCase()
{
    QVERIFY(m_dir.isValid());
    m_template = m_dir.filePath(u"template.sqlite"_s);
    Database database;
    QVERIFY(database.open(m_template));
    DemoDataGenerator::Options options;
    options.leads = 400;
    options.nowMs = QDateTime::currentMSecsSinceEpoch();
    m_now = options.nowMs;
    const DemoLoadReport report = DemoDataLoader::load(database, DemoDataGenerator::generate(options), options.nowMs);
    QVERIFY2(report.succeeded(), qPrintable(report.failure));
    QSqlQuery query(database.connection());
    QVERIFY(query.exec(u"PRAGMA wal_checkpoint(TRUNCATE)"_s));
}

QString TestDerivedColumns::freshCopy(const QString &name)
{
    const QString path = m_dir.filePath(name + u".sqlite"_s);
    QFile::remove(path);
    return QFile::copy(m_template, path) ? path : QString();
}

void TestDerivedColumns::verifyDerivedColumns(Database &database)
{
    QSqlQuery query(database.connection());
    // Recompute from stage_history alone: the bits of every stage entered, and each row's previous
    // row by (at, id).
    QHash<qint64, int> reached;
    QHash<qint64, std::optional<qint64>> previous; // history id -> expected prev_at
    QHash<qint64, std::optional<qint64>> stored;
    QVERIFY(query.exec(u"SELECT id, lead_id, to_stage, at, prev_at FROM stage_history ORDER BY lead_id, at, id"_s));
    qint64 lastLead = -1;
    std::optional<qint64> lastAt;
    while (query.next()) {
        const qint64 lead = query.value(1).toLongLong();
        if (lead != lastLead) {
            lastLead = lead;
            lastAt.reset();
        }
        reached[lead] |= stageBit(query.value(2).toString());
        previous.insert(query.value(0).toLongLong(), lastAt);
        stored.insert(query.value(0).toLongLong(),
                      query.isNull(4) ? std::nullopt : std::optional<qint64>(query.value(4).toLongLong()));
        lastAt = query.value(3).toLongLong();
    }
    QVERIFY(!previous.isEmpty());
    for (auto it = previous.cbegin(); it != previous.cend(); ++it)
        QVERIFY2(stored.value(it.key()) == it.value(), qPrintable(u"prev_at of history row %1"_s.arg(it.key())));

    QVERIFY(query.exec(u"SELECT id, reached FROM leads"_s));
    int leads = 0;
    while (query.next()) {
        ++leads;
        const qint64 lead = query.value(0).toLongLong();
        QVERIFY2(query.value(1).toInt() == reached.value(lead),
                 qPrintable(u"lead %1: reached %2, history says %3"_s.arg(lead).arg(query.value(1).toInt()).arg(reached.value(lead))));
    }
    QVERIFY(leads > 0);
    // lead_rollup holds exactly the leads grouped by its key (rows emptied to zero are allowed).
    const QString recomputed =
        u"SELECT stage, owner, source, CASE WHEN score < 0 THEN ((score - 9) / 10) * 10 ELSE (score / 10) * 10 END,"
        " CASE WHEN reached = 0 THEN -1 WHEN reached & 8 <> 0 THEN 3 WHEN reached & 4 <> 0 THEN 2"
        " WHEN reached & 2 <> 0 THEN 1 ELSE 0 END, COUNT(*), SUM(score) FROM leads GROUP BY 1, 2, 3, 4, 5"_s;
    const QString kept = u"SELECT stage, owner, source, bucket, furthest, leads, score_sum FROM lead_rollup"
                         " WHERE leads <> 0 OR score_sum <> 0"_s;
    for (const auto &[left, right] : {std::pair{recomputed, kept}, std::pair{kept, recomputed}}) {
        QVERIFY2(query.exec(u"SELECT COUNT(*) FROM ("_s + left + u" EXCEPT "_s + right + u")"_s), qPrintable(query.lastError().text()));
        QVERIFY(query.next());
        QCOMPARE(query.value(0).toInt(), 0);
    }
    // History rows carry their lead's current owner and source.
    QVERIFY(query.exec(u"SELECT COUNT(*) FROM stage_history h JOIN leads l ON l.id = h.lead_id"
                       " WHERE h.owner IS NOT l.owner OR h.source IS NOT l.source"_s));
    QVERIFY(query.next());
    QCOMPARE(query.value(0).toInt(), 0);
    // FTS5 compares its index with the content table (leads) when asked with rank 1; leads that a
    // writer left waiting (merge undo re-creates one) are indexed first.
    QVERIFY(database.indexPendingSearch());
    QVERIFY2(query.exec(u"INSERT INTO leads_search (leads_search, rank) VALUES ('integrity-check', 1)"_s),
             qPrintable(query.lastError().text()));
}

void TestDerivedColumns::derivedColumnsMatchARecomputation_data()
{
    QTest::addColumn<Write>("write");
    QTest::addRow("demo data as loaded") << Write::None;
    QTest::addRow("a move") << Write::Move;
    QTest::addRow("a move and its undo") << Write::MoveAndUndo;
    QTest::addRow("a merge") << Write::Merge;
    QTest::addRow("a merge and its undo") << Write::MergeAndUndo;
    QTest::addRow("a rename and reassignment") << Write::Rename;
    QTest::addRow("a deleted lead") << Write::Delete;
    QTest::addRow("rules applied to all history") << Write::RulesApply;
    QTest::addRow("rules applied and undone") << Write::RulesApplyAndUndo;
    QTest::addRow("a rescore that rebuilds the lead indexes") << Write::RescoreRebuildingIndexes;
    QTest::addRow("an ingest") << Write::Ingest;
    QTest::addRow("an ingest of the same file twice") << Write::IngestTwice;
    QTest::addRow("an ingest after a reassignment") << Write::IngestAfterReassignment;
    QTest::addRow("an ingest while another connection writes") << Write::IngestWhileOthersWrite;
}

void TestDerivedColumns::derivedColumnsMatchARecomputation()
{
    QFETCH(Write, write);
    const QString path = freshCopy(QString::fromLatin1(QTest::currentDataTag()).replace(u' ', u'_'));
    QVERIFY(!path.isEmpty());
    Database database;
    QVERIFY(database.open(path));
    const qint64 cold = leadIn(database, u"stage = 'Cold'"_s);
    const qint64 sql = leadIn(database, u"stage = 'SQL'"_s);
    QVERIFY(cold > 0 && sql > 0);
    switch (write) {
    case Write::None: break;
    case Write::Move:
    case Write::MoveAndUndo: {
        LeadMoveStore store(database);
        // reached gains MQL; prev_at of the new row is the lead's last history time.
        const auto moved = store.move(cold, Stage::MQL, {}, u"rep"_s, m_now + 1000);
        QVERIFY(moved.record);
        if (write == Write::MoveAndUndo)
            QVERIFY(store.undo(*moved.record).undone);
        break;
    }
    case Write::Merge:
    case Write::MergeAndUndo: {
        LeadMerger merger(database, RuleSet::defaults());
        const LeadMergeResult merged = merger.merge(cold, sql, u"rep"_s, m_now + 1000);
        QVERIFY2(merged.merged, qPrintable(merged.refusal + merged.error.message));
        if (write == Write::MergeAndUndo)
            QVERIFY2(merger.undo(merged.snapshot), qPrintable(merger.refusal()));
        break;
    }
    case Write::Rename: {
        LeadEditor editor(database);
        std::optional<LeadFields> fields = editor.fields(cold);
        QVERIFY(fields);
        fields->name = u"Zoë O'Hara-Quinn"_s;
        fields->company = u"Ünicode \"Quoted\" GmbH"_s;
        fields->owner = u"someone.new"_s; // reassigned: the history follows
        fields->source = u"partner"_s;
        QVERIFY(editor.setFields(cold, *fields));
        break;
    }
    case Write::Delete: {
        QSqlQuery query(database.connection());
        query.prepare(u"DELETE FROM leads WHERE id = ?"_s);
        query.addBindValue(sql);
        QVERIFY2(query.exec(), qPrintable(query.lastError().text()));
        break;
    }
    case Write::RulesApply:
    case Write::RulesApplyAndUndo: {
        // Lower thresholds and dearer pricing views: scores and stages move in both directions.
        RuleSet rules = RuleSet::defaults();
        rules.setThresholds(25, 50);
        rules.setRule(Rule{u"VIEWED_PRICING"_s, 18, std::nullopt, {}, PointsCap{36, CapPeriod::Week}});
        RulesetVersionStore store(database);
        const auto applied = store.apply(rules, u"rep"_s, {}, RulesApplyMode::History, m_now + 1000);
        QVERIFY2(applied && applied->rescore, qPrintable(store.lastError().message));
        QVERIFY(applied->rescore->stageChanges > 0);
        if (write == Write::RulesApplyAndUndo)
            QVERIFY2(store.undoLast(u"rep"_s, m_now + 2000), qPrintable(store.lastError().message));
        break;
    }
    case Write::RescoreRebuildingIndexes: {
        // Every lead moves: the leads' and the history's covering indexes are dropped and built again.
        RuleSet rules = RuleSet::defaults();
        rules.setRule(Rule{u"OPENED_EMAIL"_s, 3, std::nullopt, {}, std::nullopt});
        rules.setThresholds(1, 2);
        auto indexes = [&database] { return schemaObjects(database, u"index"_s); };
        const QStringList before = indexes();
        Transaction transaction(database);
        DatabaseError error;
        const auto report = Rescorer::rescoreAll(database, rules, u"test"_s, m_now + 1000, 0, &error, {}, 0);
        QVERIFY2(report, qPrintable(error.message));
        QVERIFY(report->indexesRebuilt);
        QVERIFY(report->stageChanges > 0);
        QVERIFY(transaction.commit());
        QCOMPARE(indexes(), before);
        break;
    }
    case Write::Ingest:
    case Write::IngestTwice:
    case Write::IngestAfterReassignment:
    case Write::IngestWhileOthersWrite: {
        QStringList emails;
        QList<qint64> ids;
        QSqlQuery query(database.connection());
        QVERIFY(query.exec(u"SELECT id, email FROM leads WHERE email IS NOT NULL AND email <> '' ORDER BY id LIMIT 40"_s));
        while (query.next()) {
            ids.append(query.value(0).toLongLong());
            emails.append(query.value(1).toString());
        }
        QCOMPARE(emails.size(), 40);
        auto reassign = [](Database &db, qint64 lead, const QString &owner) {
            LeadEditor editor(db);
            std::optional<LeadFields> fields = editor.fields(lead);
            QVERIFY(fields);
            fields->owner = owner;
            fields->source = owner + u"-source"_s;
            QVERIFY(editor.setFields(lead, *fields));
        };
        if (write == Write::IngestAfterReassignment) {
            for (int i = 0; i < ids.size(); i += 3)
                reassign(database, ids.at(i), u"owner-%1"_s.arg(i));
        }
        auto triggers = [&database] { return schemaObjects(database, u"trigger"_s); };
        const QStringList triggersBefore = triggers();
        for (const QString &name : Database::derivedDataTriggers())
            QVERIFY2(triggersBefore.filter(name + u' ').size() == 1, qPrintable(name));
        QByteArray file = ingestFile(emails, m_now);
        QBuffer input(&file);
        IngestPipeline pipeline(database, RuleSet::defaults());
        pipeline.setBatchSize(13);
        int batches = 0;
        if (write == Write::IngestWhileOthersWrite) {
            // Another connection changes leads this run has cached, after its first and third batch.
            pipeline.setProgressCallback([&](qint64) {
                ++batches;
                if (batches != 1 && batches != 3)
                    return true;
                Database other;
                if (!other.open(path))
                    return false;
                reassign(other, ids.at(batches), u"other-%1"_s.arg(batches));
                LeadMoveStore store(other);
                const auto moved = store.move(ids.at(batches + 1), Stage::Lost, u"gone quiet"_s, u"rep"_s, m_now + 50);
                return bool(moved.record);
            });
        }
        QVERIFY(input.open(QIODevice::ReadOnly));
        const IngestReport report = pipeline.ingest(input);
        QVERIFY2(report.succeeded() && !report.cancelled, qPrintable(report.failure));
        QVERIFY(report.errorCount > 0);
        QVERIFY(report.stageChanges > 0);
        QCOMPARE(report.leadsCreated, 30);
        if (write == Write::IngestWhileOthersWrite) {
            QVERIFY(batches > 3);
            QVERIFY(query.exec(u"SELECT stage FROM leads WHERE id = %1"_s.arg(ids.at(2))) && query.next());
            QCOMPARE(query.value(0).toString(), u"Lost"_s); // the move was not overwritten from a stale cache
        }
        if (write == Write::IngestTwice) {
            // Everything but the search index's pending rows, as a checksum of the tables' text.
            auto snapshot = [&database] {
                QSqlQuery dump(database.connection());
                QStringList rows;
                for (const QString &table : {u"leads"_s, u"events"_s, u"stage_history"_s, u"lead_rollup"_s, u"enrollments"_s}) {
                    dump.exec(u"SELECT * FROM "_s + table);
                    while (dump.next()) {
                        QStringList values;
                        for (int c = 0; c < dump.record().count(); ++c)
                            values.append(dump.value(c).toString());
                        rows.append(table + u':' + values.join(u'|'));
                    }
                }
                return rows;
            };
            const QStringList before = snapshot();
            QBuffer again(&file);
            QVERIFY(again.open(QIODevice::ReadOnly));
            const IngestReport second = pipeline.ingest(again);
            QVERIFY2(second.succeeded(), qPrintable(second.failure));
            QCOMPARE(second.eventsStored, 0);
            QCOMPARE(second.duplicatesSkipped, report.eventsStored);
            QCOMPARE(snapshot(), before);
        }
        // The triggers ingest dropped in its transactions are back, word for word.
        QCOMPARE(triggers(), triggersBefore);
        break;
    }
    }
    verifyDerivedColumns(database);
}

void TestDerivedColumns::searchFollowsAnEdit()
{
    const QString path = freshCopy(u"search"_s);
    Database database;
    QVERIFY(database.open(path));
    const qint64 lead = leadIn(database, u"stage = 'MQL'"_s);
    LeadEditor editor(database);
    std::optional<LeadFields> fields = editor.fields(lead);
    QVERIFY(fields);
    const QString oldName = fields->name;
    fields->name = u"Quetzalcoatl Xylophone"_s;
    QVERIFY(editor.setFields(lead, *fields));

    BoardQuery query(database);
    LeadFilter filter;
    filter.text = u"ZALCOATL xylo"_s; // any case, across the space, in the middle of the name
    auto totals = query.totals(Stage::MQL, filter, m_now);
    QVERIFY(totals);
    QCOMPARE(totals->count, 1);
    const auto page = query.page(Stage::MQL, filter, BoardSort::Score, {}, 10, m_now);
    QVERIFY(page);
    QCOMPARE(page->cards.size(), 1);
    QCOMPARE(page->cards.first().id, lead);

    // The old name is gone from the index (unless another lead shares it).
    filter.text = oldName;
    QSqlQuery count(database.connection());
    count.prepare(u"SELECT COUNT(*) FROM leads WHERE stage = 'MQL' AND name = ?"_s);
    count.addBindValue(oldName);
    QVERIFY(count.exec() && count.next());
    totals = query.totals(Stage::MQL, filter, m_now);
    QVERIFY(totals);
    QVERIFY(totals->count >= count.value(0).toLongLong());
    QSqlQuery self(database.connection());
    self.prepare(u"SELECT COUNT(*) FROM leads_search WHERE leads_search MATCH ? AND rowid = ?"_s);
    self.addBindValue(QString(u'"' + oldName + u'"'));
    self.addBindValue(lead);
    QVERIFY(self.exec() && self.next());
    QCOMPARE(self.value(0).toInt(), 0);
}

void TestDerivedColumns::aLeadWaitingForTheIndexIsFoundAndSafeToEdit()
{
    const QString path = freshCopy(u"pending"_s);
    Database database;
    QVERIFY(database.open(path));
    QSqlQuery insert(database.connection());
    // A writer that does not call indexPendingSearch(): both leads wait outside the index.
    QVERIFY(insert.exec(u"INSERT INTO leads (name, email, company, created_at, stage_entered_at)"
                        " VALUES ('Waiting Wendell', 'ww@pending.test', 'Limbo Ltd', 1, 1),"
                        " ('Gone Gustav', 'gg@pending.test', 'Limbo Ltd', 1, 1)"_s));
    BoardQuery query(database);
    LeadFilter filter;
    filter.text = u"limbo"_s;
    auto totals = query.totals(Stage::Cold, filter, m_now);
    QVERIFY(totals);
    QCOMPARE(totals->count, 2); // found by LIKE while waiting

    // Edits and deletions of waiting leads leave the index alone (it has nothing of theirs).
    QVERIFY(insert.exec(u"UPDATE leads SET company = 'Purgatory Plc' WHERE name = 'Waiting Wendell'"_s));
    QVERIFY(insert.exec(u"DELETE FROM leads WHERE name = 'Gone Gustav'"_s));
    totals = query.totals(Stage::Cold, filter, m_now);
    QVERIFY(totals);
    QCOMPARE(totals->count, 0);
    filter.text = u"PURGATORY"_s;
    totals = query.totals(Stage::Cold, filter, m_now);
    QVERIFY(totals);
    QCOMPARE(totals->count, 1);

    QVERIFY(database.indexPendingSearch());
    QVERIFY(insert.exec(u"SELECT COUNT(*) FROM leads_search_pending"_s) && insert.next());
    QCOMPARE(insert.value(0).toInt(), 0);
    totals = query.totals(Stage::Cold, filter, m_now);
    QVERIFY(totals);
    QCOMPARE(totals->count, 1); // now through the trigram index
    verifyDerivedColumns(database);
}

// A bulk loader writes base rows with the triggers dropped (tests/bench/common/largedatabase.cpp),
// then rebuilds: every derived value comes back, and so do the triggers.
void TestDerivedColumns::rebuildRestoresWhatRawWritesLeftOut()
{
    const QString path = freshCopy(u"rebuild"_s);
    Database database;
    QVERIFY(database.open(path));
    const QStringList triggersBefore = schemaObjects(database, u"trigger"_s);
    QSqlQuery query(database.connection());
    QStringList dropped;
    for (const QString &name : Database::derivedDataTriggers()) {
        QVERIFY(query.exec(u"SELECT sql FROM sqlite_master WHERE name = '"_s + name + u"'"_s) && query.next());
        dropped.append(query.value(0).toString());
        QVERIFY(query.exec(u"DROP TRIGGER "_s + name));
    }
    // Raw writes that no trigger follows: a lead with a history of its own, history rows without
    // their derived columns, stale reached bits and rollup rows, a search index that lost its rows.
    QVERIFY(query.exec(u"INSERT INTO leads (id, name, email, company, owner, source, stage, score, created_at,"
                       " stage_entered_at) VALUES (90001, 'Raw Rosalind', 'rr@raw.test', 'Bulk Bakery', 'Ann', 'Ads',"
                       " 'SQL', 95, 10, 30)"_s));
    QVERIFY(query.exec(u"INSERT INTO stage_history (lead_id, from_stage, to_stage, at, cause, reason, actor)"
                       " VALUES (90001, NULL, 'Cold', 10, 'created', '', ''), (90001, 'Cold', 'MQL', 20, 'gate', '', ''),"
                       " (90001, 'MQL', 'SQL', 30, 'gate', '', '')"_s));
    QVERIFY(query.exec(u"UPDATE stage_history SET prev_at = NULL, owner = 'nobody' WHERE id % 3 = 0"_s));
    QVERIFY(query.exec(u"UPDATE leads SET reached = 0 WHERE id % 4 = 0"_s));
    QVERIFY(query.exec(u"UPDATE lead_rollup SET leads = leads + 7"_s));
    QVERIFY(query.exec(u"INSERT INTO leads_search (leads_search) VALUES ('delete-all')"_s));
    for (const QString &trigger : std::as_const(dropped))
        QVERIFY(query.exec(trigger));

    QVERIFY2(database.rebuildDerivedData(), qPrintable(database.lastError().message));

    QCOMPARE(schemaObjects(database, u"trigger"_s), triggersBefore);
    QVERIFY(query.exec(u"SELECT reached FROM leads WHERE id = 90001"_s) && query.next());
    QCOMPARE(query.value(0).toInt(), stageBit(u"Cold"_s) | stageBit(u"MQL"_s) | stageBit(u"SQL"_s));
    QVERIFY(query.exec(u"SELECT COUNT(*) FROM leads_search WHERE leads_search MATCH 'bakery'"_s) && query.next());
    QCOMPARE(query.value(0).toInt(), 1);
    QVERIFY(query.exec(u"SELECT COUNT(*) FROM leads_search_pending"_s) && query.next());
    QCOMPARE(query.value(0).toInt(), 0);
    verifyDerivedColumns(database);
}

QTEST_GUILESS_MAIN(TestDerivedColumns)
#include "tst_derivedcolumns.moc"
