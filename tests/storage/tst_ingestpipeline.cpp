#include "core/domain/transitiontable.h"
#include "core/storage/database.h"
#include "core/storage/ingestpipeline.h"
#include "core/storage/leadmovestore.h"
#include "core/storage/leadreplay.h"
#include "core/storage/leadstatecodec.h"
#include "tests/common/trickledevice.h"
#include "tests/storage/syntheticevents.h"

#include <QBuffer>
#include <QDateTime>
#include <QSqlError>
#include <QSqlQuery>
#include <QSqlRecord>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

#include <atomic>
#include <cstring>

using namespace funnel;
using namespace Qt::StringLiterals;

namespace {

const QStringList allTables = {u"leads"_s,       u"events"_s, u"score_adjustments"_s, u"stage_history"_s,
                               u"enrollments"_s, u"notes"_s,  u"settings"_s};

// Delivers its data, then fails like a broken pipe or a vanished disk.
class FailingDevice : public QIODevice
{
public:
    explicit FailingDevice(QByteArray data)
        : m_data(std::move(data))
    {
    }
    bool isSequential() const override { return true; }

protected:
    qint64 readData(char *data, qint64 maxSize) override
    {
        if (m_pos == m_data.size()) {
            setErrorString(u"the device went away"_s);
            return -1;
        }
        const qint64 n = qMin(maxSize, qint64(m_data.size()) - m_pos);
        std::memcpy(data, m_data.constData() + m_pos, size_t(n));
        m_pos += n;
        return n;
    }
    qint64 writeData(const char *, qint64) override { return -1; }

private:
    QByteArray m_data;
    qint64 m_pos = 0;
};

IngestReport ingestBytes(IngestPipeline &pipeline, const QByteArray &jsonl)
{
    QBuffer buffer;
    buffer.setData(jsonl);
    buffer.open(QIODevice::ReadOnly);
    return pipeline.ingest(buffer);
}

IngestReport ingestBytes(Database &db, const QByteArray &jsonl, int batchSize = IngestPipeline::defaultBatchSize)
{
    IngestPipeline pipeline(db, db.activeRules());
    pipeline.setBatchSize(batchSize);
    return ingestBytes(pipeline, jsonl);
}

QByteArray generate(const testing::SyntheticOptions &options)
{
    QBuffer buffer;
    buffer.open(QIODevice::WriteOnly);
    testing::SyntheticEventGenerator::writeJsonl(options, buffer);
    return buffer.data();
}

qint64 scalar(const Database &db, const QString &sql)
{
    QSqlQuery query(db.connection());
    if (!query.exec(sql) || !query.next()) {
        qWarning() << sql << query.lastError().text();
        return -1;
    }
    return query.value(0).toLongLong();
}

QVariantList row(const Database &db, const QString &sql)
{
    QSqlQuery query(db.connection());
    QVariantList values;
    if (!query.exec(sql) || !query.next())
        return values;
    for (int i = 0; i < query.record().count(); ++i)
        values << query.value(i);
    return values;
}

// Every table's rows as text, in id order; received_at is the wall clock and differs between runs.
QString dump(const Database &db)
{
    QString text;
    for (const QString &table : allTables) {
        QSqlQuery query(db.connection());
        query.exec(u"SELECT * FROM "_s + table + (table == u"settings"_s ? u" ORDER BY key"_s : u" ORDER BY id"_s));
        text += table + u":\n"_s;
        while (query.next()) {
            const QSqlRecord record = query.record();
            for (int i = 0; i < record.count(); ++i) {
                if (record.fieldName(i) == u"received_at"_s)
                    continue;
                text += record.fieldName(i) + u'=' + (query.isNull(i) ? u"NULL"_s : query.value(i).toString()) + u' ';
            }
            text += u'\n';
        }
    }
    return text;
}

QMap<QString, qint64> rowCounts(const Database &db)
{
    QMap<QString, qint64> counts;
    for (const QString &table : allTables)
        counts.insert(table, scalar(db, u"SELECT count(*) FROM "_s + table));
    return counts;
}

// Whoever wrote, and in whatever order: each lead's history is a chain (a row's from_stage is the row
// before's to_stage) that ends in the lead's stage, and lead_rollup adds up per stage.
void verifyHistoryChainsAndRollup(const Database &db)
{
    QCOMPARE(scalar(db, u"SELECT count(*) FROM (SELECT from_stage, lag(to_stage) OVER (PARTITION BY lead_id ORDER BY id)"
                        " AS before FROM stage_history) WHERE from_stage IS NOT before"_s),
             0);
    QCOMPARE(scalar(db, u"SELECT count(*) FROM leads l WHERE stage IS NOT (SELECT to_stage FROM stage_history h"
                        " WHERE h.lead_id = l.id ORDER BY id DESC LIMIT 1)"_s),
             0);
    QCOMPARE(scalar(db, u"SELECT count(*) FROM (SELECT stage, count(*) AS n, sum(score) AS total FROM leads GROUP BY stage"
                        " EXCEPT SELECT stage, sum(leads), sum(score_sum) FROM lead_rollup GROUP BY stage"
                        " HAVING sum(leads) <> 0)"_s),
             0);
}

QHash<qint64, LeadState> storedStates(const Database &db)
{
    QHash<qint64, LeadState> states;
    QSqlQuery query(db.connection());
    query.exec(u"SELECT id, stage, score, last_activity_at, decay_steps, cap_usage FROM leads"_s);
    while (query.next())
        states.insert(query.value(0).toLongLong(), LeadStateCodec::fromRecord(query.record()).value_or(LeadState{}));
    return states;
}

QByteArray line(const char *eventId, const char *userId, const char *type, const char *timestamp,
                const char *extra = "")
{
    QByteArray text = "{";
    if (eventId)
        text += "\"eventId\":\"" + QByteArray(eventId) + "\",";
    if (userId)
        text += "\"userId\":\"" + QByteArray(userId) + "\",";
    text += "\"eventType\":\"" + QByteArray(type) + "\",\"timestamp\":\"" + QByteArray(timestamp) + '"';
    text += extra;
    text += "}\n";
    return text;
}

} // namespace

class tst_IngestPipeline : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();
    void coldUserRequestsDemo();
    void pointsCapsAndEnrollments();
    void decayWritesAdjustments();
    void reingestChangesNothing();
    void eventsWithoutIdAreStoredAgain();
    void eventIdsAndMetadataStoredAsSent_data();
    void eventIdsAndMetadataStoredAsSent();
    void badLinesReported();
    void blankLinesAndLineBreaks();
    void sequentialDevice();
    void mergesByEmailAndFillsBlanks();
    void missingTimestampIsArrivalTime();
    void batchSizeDoesNotChangeResults_data();
    void batchSizeDoesNotChangeResults();
    void scoresMatchReplay();
    void effectsAfterCommit();
    void cancelAfterBatch();
    void newLeadsWaitForTheSearchIndex_data();
    void newLeadsWaitForTheSearchIndex();
    void batchEndsOnTime();
    void foreignKeysHoldAndComeBack();
    void walCopiedBackAfterTheRun();
    void errorListIsCapped();
    void databaseErrorStopsTheRun();
    void anotherWriterBetweenBatches();
    void repMovesALeadMidRun_data();
    void repMovesALeadMidRun();
    void repsMoveLeadsWhileIngestRuns();
    void otherTablesLeaveDecisionsStanding();
    void twoIngestsAtOnce();
    void inMemoryDatabase();
    void readFailureKeepsWhatWasRead();

private:
    QString dbPath(const QString &name = u"ingest.db"_s) const { return m_dir->filePath(name); }
    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<Database> m_db;
};

void tst_IngestPipeline::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    m_db = std::make_unique<Database>();
    QVERIFY2(m_db->open(dbPath()), qPrintable(m_db->lastError().message));
}

void tst_IngestPipeline::cleanup()
{
    m_db.reset();
    m_dir.reset();
}

void tst_IngestPipeline::coldUserRequestsDemo()
{
    QList<IngestPipeline::CommittedEffect> effects;
    IngestPipeline pipeline(*m_db, RuleSet::defaults());
    pipeline.setEffectsCallback([&effects](const QList<IngestPipeline::CommittedEffect> &batch) { effects += batch; });
    const IngestReport report = ingestBytes(
        pipeline, line("e-1", "u-42", "VIEWED_PRICING", "2026-11-27T10:00:00Z",
                       R"(,"email":"ada@acme.example","name":"Ada","company":"Acme")")
                      + line("e-2", "u-42", "REQUESTED_DEMO", "2026-11-27T10:05:00Z"));
    QVERIFY2(report.succeeded(), qPrintable(report.failure));
    QCOMPARE(report.linesRead, 2);
    QCOMPARE(report.eventsStored, 2);
    QCOMPARE(report.leadsCreated, 1);
    QCOMPARE(report.stageChanges, 1);
    QCOMPARE(report.errorCount, 0);

    const qint64 created = 1795773600000; // 2026-11-27T10:00:00Z
    QCOMPARE(row(*m_db, u"SELECT external_id, email, name, company, stage, score, created_at, stage_entered_at, "
                        "last_activity_at FROM leads"_s),
             (QVariantList{u"u-42"_s, u"ada@acme.example"_s, u"Ada"_s, u"Acme"_s, u"SQL"_s, 10, created,
                           created + 300000, created + 300000}));
    QVERIFY(row(*m_db, u"SELECT seen_at FROM leads"_s).value(0).isNull()); // unseen: a new SQL to triage

    QSqlQuery history(m_db->connection());
    QVERIFY(history.exec(u"SELECT from_stage, to_stage, at, cause, reason, actor, event_id FROM stage_history ORDER BY id"_s));
    QVERIFY(history.next());
    QVERIFY(history.isNull(0)); // "reached Cold" is in the history too
    QCOMPARE(history.value(1).toString(), u"Cold"_s);
    QCOMPARE(history.value(2).toLongLong(), created);
    QCOMPARE(history.value(3).toString(), u"created"_s);
    QCOMPARE(history.value(6).toLongLong(), scalar(*m_db, u"SELECT id FROM events WHERE event_uid = 'e-1'"_s));
    QVERIFY(history.next());
    QCOMPARE(history.value(0).toString(), u"Cold"_s);
    QCOMPARE(history.value(1).toString(), u"SQL"_s);
    QCOMPARE(history.value(2).toLongLong(), created + 300000);
    QCOMPARE(history.value(3).toString(), moveCauseName(MoveCause::GateEvent));
    QCOMPARE(history.value(4).toString(), u"REQUESTED_DEMO"_s);
    QCOMPARE(history.value(5).toString(), QString());
    QCOMPARE(history.value(6).toLongLong(), scalar(*m_db, u"SELECT id FROM events WHERE event_uid = 'e-2'"_s));
    QVERIFY(!history.next());

    const qint64 leadId = scalar(*m_db, u"SELECT id FROM leads"_s);
    bool notified = false;
    bool moved = false;
    for (const IngestPipeline::CommittedEffect &effect : effects) {
        QCOMPARE(effect.leadId, leadId);
        if (std::holds_alternative<NotifySales>(effect.effect))
            notified = true;
        if (const auto *change = std::get_if<StageChanged>(&effect.effect)) {
            moved = true;
            QCOMPARE(change->from, Stage::Cold);
            QCOMPARE(change->to, Stage::SQL);
            QCOMPARE(effect.eventRowId, scalar(*m_db, u"SELECT id FROM events WHERE event_uid = 'e-2'"_s));
        }
        QVERIFY(!std::holds_alternative<ScoreChanged>(effect.effect));
    }
    QVERIFY(notified);
    QVERIFY(moved);
}

void tst_IngestPipeline::pointsCapsAndEnrollments()
{
    const IngestReport report = ingestBytes(
        *m_db, line("p-1", "u-1", "VIEWED_PRICING", "2026-03-02T09:00:00Z", R"(,"metadata":{"page":"/pricing"})")
                   + line("p-2", "u-1", "VIEWED_PRICING", "2026-03-02T09:01:00Z")
                   + line("p-3", "u-1", "VIEWED_PRICING", "2026-03-02T09:02:00Z")
                   + line("p-4", "u-1", "VIEWED_PRICING", "2026-03-02T09:03:00Z") // over the daily cap of 30
                   + line("p-5", "u-1", "VIEWED_PRICING", "2026-03-03T09:00:00Z") // a new day
                   + line("d-1", "u-1", "DOWNLOADED_API_DOCS", "2026-03-03T10:00:00Z")
                   + line("c-1", "u-1", "ABANDONED_CHECKOUT", "2026-03-03T11:00:00Z")
                   + line("x-1", "u-1", "SOMETHING_NEW", "2026-03-03T12:00:00Z"));
    QVERIFY2(report.succeeded(), qPrintable(report.failure));
    QCOMPARE(report.eventsStored, 8);

    QSqlQuery events(m_db->connection());
    QVERIFY(events.exec(u"SELECT event_uid, type, points, metadata FROM events ORDER BY id"_s));
    QList<int> points;
    while (events.next())
        points << events.value(2).toInt();
    QCOMPARE(points, (QList<int>{10, 10, 10, 0, 10, 20, 15, 0}));
    QCOMPARE(row(*m_db, u"SELECT metadata FROM events WHERE event_uid = 'p-1'"_s),
             QVariantList{u"{\"page\":\"/pricing\"}"_s});
    QVERIFY(row(*m_db, u"SELECT metadata FROM events WHERE event_uid = 'p-2'"_s).value(0).isNull());

    // 40 points reach the MQL threshold at p-5; the API docs gate to MQL is then no news.
    QCOMPARE(row(*m_db, u"SELECT stage, score, cap_usage FROM leads"_s),
             (QVariantList{u"MQL"_s, 75, u"{\"VIEWED_PRICING\":[1772496000000,10]}"_s}));
    QCOMPARE(row(*m_db, u"SELECT h.cause, h.reason, e.event_uid FROM stage_history h JOIN events e ON e.id = h.event_id "
                        "WHERE h.to_stage = 'MQL'"_s),
             (QVariantList{u"threshold"_s, u"score 40 >= 40"_s, u"p-5"_s}));

    QSqlQuery enrollments(m_db->connection());
    QVERIFY(enrollments.exec(u"SELECT e.campaign, e.status, e.enrolled_at, ev.event_uid FROM enrollments e "
                             "JOIN events ev ON ev.id = e.event_id ORDER BY e.id"_s));
    QVERIFY(enrollments.next());
    QCOMPARE(enrollments.value(0).toString(), u"API_DEEP_DIVE_SEQUENCE"_s);
    QCOMPARE(enrollments.value(1).toString(), u"active"_s);
    QCOMPARE(enrollments.value(3).toString(), u"d-1"_s);
    QVERIFY(enrollments.next());
    QCOMPARE(enrollments.value(0).toString(), u"CART_RECOVERY_SEQUENCE"_s);
    QCOMPARE(enrollments.value(3).toString(), u"c-1"_s);
    QVERIFY(!enrollments.next());
}

void tst_IngestPipeline::decayWritesAdjustments()
{
    const IngestReport report = ingestBytes(
        *m_db, line("a", "u-1", "DOWNLOADED_API_DOCS", "2026-01-01T00:00:00Z")
                   + line("b", "u-1", "VIEWED_PRICING", "2026-01-01T00:10:00Z")
                   // 60 days of silence: 1 + (60 - 30) / 7 = 5 decay steps of 5 points
                   + line("c", "u-1", "OPENED_EMAIL", "2026-03-02T00:10:00Z"));
    QVERIFY2(report.succeeded(), qPrintable(report.failure));
    QCOMPARE(row(*m_db, u"SELECT score, decay_steps FROM leads"_s), (QVariantList{5, 0}));
    QCOMPARE(row(*m_db, u"SELECT a.delta, a.reason, a.at, e.event_uid FROM score_adjustments a "
                        "JOIN events e ON e.id = a.event_id"_s),
             (QVariantList{-25, u"decay"_s, 1772410200000LL, u"c"_s}));
}

void tst_IngestPipeline::reingestChangesNothing()
{
    testing::SyntheticOptions options;
    options.events = 3000;
    options.users = 150;
    options.percentEmailOnly = 5;
    const QByteArray jsonl = generate(options);

    const IngestReport first = ingestBytes(*m_db, jsonl, 500);
    QVERIFY2(first.succeeded(), qPrintable(first.failure));
    QCOMPARE(first.eventsStored, 3000);
    QCOMPARE(first.duplicatesSkipped, 0);
    QVERIFY(first.leadsCreated > 100);
    const QMap<QString, qint64> counts = rowCounts(*m_db);
    const QString before = dump(*m_db);

    const IngestReport second = ingestBytes(*m_db, jsonl, 500);
    QVERIFY2(second.succeeded(), qPrintable(second.failure));
    QCOMPARE(second.linesRead, 3000);
    QCOMPARE(second.eventsStored, 0);
    QCOMPARE(second.duplicatesSkipped, 3000);
    QCOMPARE(second.leadsCreated, 0);
    QCOMPARE(second.stageChanges, 0);
    QCOMPARE(rowCounts(*m_db), counts);
    QCOMPARE(dump(*m_db), before);
}

void tst_IngestPipeline::eventsWithoutIdAreStoredAgain()
{
    const QByteArray jsonl = line(nullptr, "u-1", "VIEWED_PRICING", "2026-05-01T10:00:00Z")
        + line(nullptr, "u-1", "OPENED_EMAIL", "2026-05-01T10:01:00Z")
        + line("with-id", "u-1", "OPENED_EMAIL", "2026-05-01T10:02:00Z");
    QCOMPARE(ingestBytes(*m_db, jsonl).eventsStored, 3);
    const IngestReport again = ingestBytes(*m_db, jsonl);
    QCOMPARE(again.eventsStored, 2);
    QCOMPARE(again.duplicatesSkipped, 1);
    QCOMPARE(scalar(*m_db, u"SELECT count(*) FROM events"_s), 5);
    QCOMPARE(scalar(*m_db, u"SELECT count(*) FROM events WHERE event_uid IS NULL"_s), 4);
    QCOMPARE(scalar(*m_db, u"SELECT count(*) FROM leads"_s), 1);
}

void tst_IngestPipeline::eventIdsAndMetadataStoredAsSent_data()
{
    QTest::addColumn<QString>("eventId");
    QTest::addColumn<int>("batchSize");
    QTest::newRow("ascii, one batch") << u"evt-0001"_s << 100;
    QTest::newRow("ascii, a batch per line") << u"evt-0001"_s << 1;
    QTest::newRow("accents and CJK, one batch") << u"\u00e9v\u00e9nement-\u4e8b\u4ef6-7"_s << 100;
    QTest::newRow("accents and CJK, a batch per line") << u"\u00e9v\u00e9nement-\u4e8b\u4ef6-7"_s << 1;
    QTest::newRow("emoji (surrogate pair)") << u"id-\U0001F680"_s << 100;
}

// The eventId goes to SQLite as UTF-8 from the batch's own buffer: whatever its characters, a repeat
// in the same batch or in a later run is recognised, and the stored text is the one sent.
void tst_IngestPipeline::eventIdsAndMetadataStoredAsSent()
{
    QFETCH(QString, eventId);
    QFETCH(int, batchSize);
    const QByteArray id = eventId.toUtf8();
    const QByteArray metadata = R"(,"metadata":{"page":"/preise/übersicht","n":3})";
    const QByteArray jsonl = line(id.constData(), "u-1", "VIEWED_PRICING", "2026-05-01T10:00:00Z", metadata.constData())
        + line("other", "u-1", "OPENED_EMAIL", "2026-05-01T10:01:00Z")
        + line(id.constData(), "u-1", "VIEWED_PRICING", "2026-05-01T10:02:00Z"); // a repeat in the same run
    const IngestReport first = ingestBytes(*m_db, jsonl, batchSize);
    QVERIFY2(first.succeeded(), qPrintable(first.failure));
    QCOMPARE(first.eventsStored, 2);
    QCOMPARE(first.duplicatesSkipped, 1);
    const IngestReport again = ingestBytes(*m_db, jsonl, batchSize);
    QCOMPARE(again.eventsStored, 0);
    QCOMPARE(again.duplicatesSkipped, 3);

    QSqlQuery query(m_db->connection());
    QVERIFY(query.exec(u"SELECT event_uid, metadata FROM events ORDER BY id"_s));
    QVERIFY(query.next());
    QCOMPARE(query.value(0).toString(), eventId);
    QCOMPARE(query.value(1).toString(), u"{\"page\":\"/preise/\u00fcbersicht\",\"n\":3}"_s);
    QVERIFY(query.next());
    QCOMPARE(query.value(0).toString(), u"other"_s);
    QVERIFY(query.isNull(1));
    QVERIFY(!query.next());
}

void tst_IngestPipeline::badLinesReported()
{
    QByteArray huge = R"({"userId":"u-2","eventType":"X","name":")"_ba;
    huge += QByteArray(10 * 1024 * 1024, 'n');
    huge += "\"}\n";

    const QByteArray jsonl = line("g-1", "u-1", "VIEWED_PRICING", "2026-05-01T10:00:00Z") // 1
        + "{\"userId\":\"u-1\",\"eventType\":\n"_ba                                          // 2 invalid JSON
        + line("g-2", "u-1", "OPENED_EMAIL", "2026-05-01T10:01:00Z")                        // 3
        + "{\"eventId\":\"b-1\",\"userId\":\"u-1\"}\n"_ba                                   // 4 no eventType
        + "\n"_ba                                                                           // 5 empty
        + "{\"userId\":\"u-1\",\"eventType\":\"X\",\"timestamp\":12}\n"_ba                 // 6 wrong type
        + huge                                                                              // 7 10 MB
        + "{\"userId\":\"u-1\",\"eventType\":\"X\",\"timestamp\":\"soon\"}\n"_ba           // 8 bad time
        + "[]\n"_ba                                                                         // 9 not an object
        + line("g-3", "u-3", "REQUESTED_DEMO", "2026-05-01T10:02:00Z").chopped(1);          // 10, no line break
    const IngestReport report = ingestBytes(*m_db, jsonl);
    QVERIFY2(report.succeeded(), qPrintable(report.failure));
    QCOMPARE(report.linesRead, 10);
    QCOMPARE(report.eventsStored, 3);
    QCOMPARE(report.errorCount, 6);
    QList<qint64> lines;
    for (const IngestError &error : report.errors)
        lines << error.line;
    QCOMPARE(lines, (QList<qint64>{2, 4, 6, 7, 8, 9}));
    QVERIFY(report.errors.at(0).message.startsWith(u"invalid JSON: "_s));
    QCOMPARE(report.errors.at(1).message, u"\"eventType\" is required"_s);
    QVERIFY(report.errors.at(2).message.startsWith(u"\"timestamp\": expected"_s));
    QCOMPARE(report.errors.at(3).message,
             u"the line is %1 bytes long; the limit is 1048576 bytes"_s.arg(huge.size() - 1));
    QCOMPARE(report.errors.at(4).message, u"\"timestamp\": expected ISO 8601 such as 2026-11-27T10:00:00Z"_s);
    QCOMPARE(report.errors.at(5).message, u"expected a JSON object per line, found an array"_s);

    QCOMPARE(scalar(*m_db, u"SELECT count(*) FROM events WHERE event_uid IN ('g-1', 'g-2', 'g-3')"_s), 3);
    QCOMPARE(scalar(*m_db, u"SELECT count(*) FROM leads"_s), 2); // u-2 was only on the huge line
    QCOMPARE(row(*m_db, u"SELECT stage FROM leads WHERE external_id = 'u-3'"_s), QVariantList{u"SQL"_s});
}

void tst_IngestPipeline::blankLinesAndLineBreaks()
{
    const QByteArray jsonl = "\xEF\xBB\xBF"_ba + line("a", "u-1", "X", "2026-05-01T10:00:00Z").chopped(1) + "\r\n"
        + "   \r\n\r\n\n\t\n" + line("b", "u-1", "Y", "2026-05-01T10:01:00Z").chopped(1) + "\r\n";
    const IngestReport report = ingestBytes(*m_db, jsonl);
    QCOMPARE(report.errorCount, 0);
    QCOMPARE(report.linesRead, 6);
    QCOMPARE(report.eventsStored, 2);
}

void tst_IngestPipeline::sequentialDevice()
{
    testing::SyntheticOptions options;
    options.events = 500;
    options.users = 40;
    const QByteArray jsonl = generate(options);

    TrickleDevice device(jsonl, 7);
    QVERIFY(device.open(QIODevice::ReadOnly | QIODevice::Unbuffered));
    IngestPipeline pipeline(*m_db, RuleSet::defaults());
    qint64 lastProgress = 0;
    pipeline.setBatchSize(100);
    pipeline.setProgressCallback([&lastProgress](qint64 bytes) {
        lastProgress = bytes;
        return true;
    });
    const IngestReport report = pipeline.ingest(device);
    QVERIFY2(report.succeeded(), qPrintable(report.failure));
    QCOMPARE(report.errorCount, 0);
    QCOMPARE(report.eventsStored, 500);
    QCOMPARE(lastProgress, qint64(jsonl.size()));

    // Same content as reading it from a file-like buffer.
    Database other;
    QVERIFY(other.open(dbPath(u"other.db"_s)));
    QCOMPARE(ingestBytes(other, jsonl).eventsStored, 500);
    QCOMPARE(dump(other), dump(*m_db));
}

void tst_IngestPipeline::mergesByEmailAndFillsBlanks()
{
    const QByteArray jsonl =
        // known by email only: a lead without external id
        line("1", nullptr, "OPENED_EMAIL", "2026-05-01T10:00:00Z", R"(,"email":"Ada@Acme.example")")
        // the same person, now with a userId and the email in other letter case: merged, external id set
        + line("2", "u-ada", "VIEWED_PRICING", "2026-05-01T10:01:00Z", R"(,"email":"ada@ACME.example","name":"Ada")")
        // a name never overwrites one that is there; the company fills the blank
        + line("3", "u-ada", "VIEWED_PRICING", "2026-05-01T10:02:00Z", R"(,"name":"Bob","company":"Acme")")
        // by email alone it still finds her
        + line("4", nullptr, "VIEWED_PRICING", "2026-05-01T10:03:00Z", R"(,"email":"ADA@acme.example")")
        // another user claiming her email gets a lead of their own, without the email
        + line("5", "u-eve", "VIEWED_PRICING", "2026-05-01T10:04:00Z", R"(,"email":"ada@acme.example","name":"Eve")")
        // a lead without email gets one when an event brings a free one
        + line("6", "u-eve", "OPENED_EMAIL", "2026-05-01T10:05:00Z", R"(,"email":"eve@evil.example")")
        // but not one that belongs to someone else
        + line("7", "u-bob", "OPENED_EMAIL", "2026-05-01T10:06:00Z")
        + line("8", "u-bob", "OPENED_EMAIL", "2026-05-01T10:07:00Z", R"(,"email":"EVE@evil.example")");
    const IngestReport report = ingestBytes(*m_db, jsonl);
    QVERIFY2(report.succeeded(), qPrintable(report.failure));
    QCOMPARE(report.errorCount, 0);
    QCOMPARE(report.leadsCreated, 3);

    QSqlQuery leads(m_db->connection());
    QVERIFY(leads.exec(u"SELECT external_id, email, name, company, score, "
                       "(SELECT count(*) FROM events WHERE lead_id = leads.id) FROM leads ORDER BY id"_s));
    QVERIFY(leads.next());
    QCOMPARE(leads.value(0).toString(), u"u-ada"_s);
    QCOMPARE(leads.value(1).toString(), u"Ada@Acme.example"_s);
    QCOMPARE(leads.value(2).toString(), u"Ada"_s);
    QCOMPARE(leads.value(3).toString(), u"Acme"_s);
    QCOMPARE(leads.value(4).toInt(), 30);
    QCOMPARE(leads.value(5).toInt(), 4);
    QVERIFY(leads.next());
    QCOMPARE(leads.value(0).toString(), u"u-eve"_s);
    QCOMPARE(leads.value(1).toString(), u"eve@evil.example"_s);
    QCOMPARE(leads.value(2).toString(), u"Eve"_s);
    QVERIFY(leads.next());
    QCOMPARE(leads.value(0).toString(), u"u-bob"_s);
    QVERIFY(leads.isNull(1));
    QVERIFY(!leads.next());

    // A second run finds the same leads through the database instead of the cache.
    const IngestReport again = ingestBytes(
        *m_db, line("9", "u-ada", "OPENED_EMAIL", "2026-05-02T10:00:00Z")
                   + line("10", nullptr, "OPENED_EMAIL", "2026-05-02T10:00:00Z", R"(,"email":"eve@EVIL.example")"));
    QCOMPARE(again.eventsStored, 2);
    QCOMPARE(again.leadsCreated, 0);
}

void tst_IngestPipeline::missingTimestampIsArrivalTime()
{
    const qint64 before = QDateTime::currentMSecsSinceEpoch();
    QCOMPARE(ingestBytes(*m_db, "{\"userId\":\"u\",\"eventType\":\"X\"}\n"_ba).eventsStored, 1);
    const qint64 after = QDateTime::currentMSecsSinceEpoch();
    const QVariantList values = row(*m_db, u"SELECT occurred_at, received_at FROM events"_s);
    QVERIFY(values.value(0).toLongLong() >= before && values.value(0).toLongLong() <= after);
    QCOMPARE(values.value(0), values.value(1));
    QCOMPARE(row(*m_db, u"SELECT created_at FROM leads"_s).value(0), values.value(0));
}

void tst_IngestPipeline::batchSizeDoesNotChangeResults_data()
{
    QTest::addColumn<int>("batchSize");
    QTest::addRow("1") << 1;
    QTest::addRow("7") << 7;
    QTest::addRow("333") << 333;
}

void tst_IngestPipeline::batchSizeDoesNotChangeResults()
{
    QFETCH(int, batchSize);
    testing::SyntheticOptions options;
    options.events = 2000;
    options.users = 120;
    options.days = 200; // long silences: decay
    options.percentWithoutEventId = 10;
    options.percentRepeated = 5;
    options.percentEmailOnly = 5;
    const QByteArray jsonl = generate(options);

    const IngestReport reference = ingestBytes(*m_db, jsonl, 10000);
    QVERIFY2(reference.succeeded(), qPrintable(reference.failure));
    QVERIFY(reference.duplicatesSkipped > 0);

    Database other;
    QVERIFY(other.open(dbPath(u"batched.db"_s)));
    const IngestReport batched = ingestBytes(other, jsonl, batchSize);
    QVERIFY2(batched.succeeded(), qPrintable(batched.failure));
    QCOMPARE(batched.eventsStored, reference.eventsStored);
    QCOMPARE(batched.duplicatesSkipped, reference.duplicatesSkipped);
    QCOMPARE(batched.leadsCreated, reference.leadsCreated);
    QCOMPARE(batched.stageChanges, reference.stageChanges);
    QCOMPARE(dump(other), dump(*m_db));
}

void tst_IngestPipeline::scoresMatchReplay()
{
    testing::SyntheticOptions options;
    options.events = 5000;
    options.users = 300;
    options.days = 180;
    options.percentWithoutEventId = 5;
    options.percentRepeated = 3;
    // Two files, the second continuing where the first stopped: the second run loads leads from disk.
    const QByteArray jsonl = generate(options);
    const qsizetype half = jsonl.indexOf('\n', jsonl.size() / 2) + 1;
    QVERIFY(ingestBytes(*m_db, jsonl.left(half), 700).succeeded());
    QVERIFY(ingestBytes(*m_db, jsonl.mid(half), 700).succeeded());

    const RuleSet rules = RuleSet::defaults();
    const QHash<qint64, LeadState> stored = storedStates(*m_db);
    const std::optional<QHash<qint64, LeadState>> replayed = LeadReplay::replayAll(*m_db, rules);
    QVERIFY(replayed);
    QCOMPARE(replayed->size(), stored.size());
    QSet<Stage> stages;
    for (auto it = stored.cbegin(); it != stored.cend(); ++it) {
        const std::optional<LeadState> one = LeadReplay::replayLead(*m_db, it.key(), rules);
        QVERIFY(one);
        QVERIFY2(*one == it.value(), qPrintable(u"lead %1"_s.arg(it.key())));
        QVERIFY(replayed->value(it.key()) == it.value());
        stages.insert(it.value().stage);
    }
    QVERIFY(stages.size() >= 3); // the data exercised the funnel, not just Cold
}

void tst_IngestPipeline::effectsAfterCommit()
{
    testing::SyntheticOptions options;
    options.events = 1000;
    options.users = 50;
    const QByteArray jsonl = generate(options);

    // In the callback another connection must already see the batch: it runs after commit.
    Database observer;
    QVERIFY(observer.open(dbPath()));
    IngestPipeline pipeline(*m_db, RuleSet::defaults());
    pipeline.setBatchSize(100);
    int calls = 0;
    qint64 enrollEffects = 0;
    bool allVisible = true;
    pipeline.setEffectsCallback([&](const QList<IngestPipeline::CommittedEffect> &effects) {
        ++calls;
        for (const IngestPipeline::CommittedEffect &effect : effects) {
            if (std::holds_alternative<Enroll>(effect.effect))
                ++enrollEffects;
        }
        const qint64 lastEvent = effects.last().eventRowId;
        allVisible = allVisible
            && scalar(observer, u"SELECT count(*) FROM events WHERE id = %1"_s.arg(lastEvent)) == 1;
    });
    const IngestReport report = ingestBytes(pipeline, jsonl);
    QVERIFY(report.succeeded());
    QVERIFY(calls > 1);
    QVERIFY(allVisible);
    QCOMPARE(enrollEffects, scalar(*m_db, u"SELECT count(*) FROM enrollments"_s));
}

void tst_IngestPipeline::cancelAfterBatch()
{
    testing::SyntheticOptions options;
    options.events = 100;
    options.users = 10;
    IngestPipeline pipeline(*m_db, RuleSet::defaults());
    pipeline.setBatchSize(30);
    int calls = 0;
    pipeline.setProgressCallback([&calls](qint64 bytes) {
        Q_UNUSED(bytes);
        return ++calls < 2;
    });
    const IngestReport report = ingestBytes(pipeline, generate(options));
    QVERIFY(report.cancelled);
    QVERIFY(report.succeeded());
    QCOMPARE(report.linesRead, 60);
    QCOMPARE(report.eventsStored, 60);
    QCOMPARE(scalar(*m_db, u"SELECT count(*) FROM events"_s), 60);
    // Stopped before its input ended, the run left its new leads waiting for the search index, where
    // searches find them by LIKE and the next writer's indexPendingSearch() picks them up.
    QCOMPARE(scalar(*m_db, u"SELECT count(*) FROM leads_search_pending"_s), report.leadsCreated);
    QCOMPARE(scalar(*m_db, u"SELECT count(*) FROM leads_search WHERE leads_search MATCH '\"person\"'"_s), 0);
}

void tst_IngestPipeline::newLeadsWaitForTheSearchIndex_data()
{
    QTest::addColumn<qint64>("chunk");
    QTest::newRow("one lead per transaction") << qint64(1);
    QTest::newRow("chunks of 7") << qint64(7);
    QTest::newRow("exactly all (then an empty chunk)") << qint64(31);
    QTest::newRow("default") << IngestPipeline::defaultSearchIndexChunk;
}

// New leads wait outside the text search index while the run reads (one pass at the end costs half
// of what indexing batch by batch did); when it ends, every one is in the index, and so is a lead
// another writer left waiting.
void tst_IngestPipeline::newLeadsWaitForTheSearchIndex()
{
    QFETCH(qint64, chunk);
    QSqlQuery other(m_db->connection());
    QVERIFY(other.exec(u"INSERT INTO leads (name, email, company, created_at, stage_entered_at)"
                       " VALUES ('Waiting Walter', 'walter@elsewhere.example', 'Elsewhere', 0, 0)"_s));
    QCOMPARE(scalar(*m_db, u"SELECT count(*) FROM leads_search_pending"_s), 1);

    testing::SyntheticOptions options;
    options.events = 300;
    options.users = 30;
    IngestPipeline pipeline(*m_db, RuleSet::defaults());
    pipeline.setBatchSize(50);
    pipeline.setSearchIndexChunk(chunk);
    QList<qint64> waitingAfterCommits;
    pipeline.setProgressCallback([&](qint64) {
        waitingAfterCommits.append(scalar(*m_db, u"SELECT count(*) FROM leads_search_pending"_s));
        return true;
    });
    const IngestReport report = ingestBytes(pipeline, generate(options));
    QVERIFY2(report.succeeded(), qPrintable(report.failure));
    QCOMPARE(report.leadsCreated, 30);
    QVERIFY(waitingAfterCommits.size() > 1);
    QCOMPARE(waitingAfterCommits.last(), 1 + 30); // nothing indexed while reading

    QCOMPARE(scalar(*m_db, u"SELECT count(*) FROM leads_search_pending"_s), 0);
    QCOMPARE(scalar(*m_db, u"SELECT count(*) FROM leads_search WHERE leads_search MATCH '\"person\"'"_s), 30);
    QCOMPARE(scalar(*m_db, u"SELECT count(*) FROM leads_search WHERE leads_search MATCH '\"waiting walter\"'"_s), 1);
    QCOMPARE(scalar(*m_db, u"SELECT count(*) FROM leads l JOIN leads_search s ON s.rowid = l.id"
                           " WHERE s.leads_search MATCH '\"' || l.name || '\"'"_s),
             31);
    QVERIFY2(other.exec(u"INSERT INTO leads_search (leads_search) VALUES ('integrity-check')"_s),
             qPrintable(other.lastError().text()));
}

// A batch holds the write lock: with no line limit in reach, the time limit ends batches.
void tst_IngestPipeline::batchEndsOnTime()
{
    testing::SyntheticOptions options;
    options.events = 3000;
    options.users = 100;
    IngestPipeline pipeline(*m_db, RuleSet::defaults());
    pipeline.setBatchSize(1'000'000);
    pipeline.setMaxBatchMillis(1);
    int commits = 0;
    pipeline.setProgressCallback([&commits](qint64) {
        ++commits;
        return true;
    });
    const IngestReport report = ingestBytes(pipeline, generate(options));
    QVERIFY2(report.succeeded(), qPrintable(report.failure));
    QCOMPARE(report.eventsStored, 3000);
    QVERIFY2(commits > 1, qPrintable(u"%1 commit(s)"_s.arg(commits)));
    QCOMPARE(scalar(*m_db, u"SELECT count(*) FROM events"_s), 3000);
}

// Ingest turns SQLite's foreign key checks off for its own batches (it writes only ids it knows):
// what it wrote must pass them all the same, and the connection gets them back.
void tst_IngestPipeline::foreignKeysHoldAndComeBack()
{
    testing::SyntheticOptions options;
    options.events = 3000;
    options.users = 150;
    options.days = 200;
    options.percentEmailOnly = 5;
    const QByteArray jsonl = generate(options);
    const qsizetype half = jsonl.indexOf('\n', jsonl.size() / 2) + 1;
    QVERIFY(ingestBytes(*m_db, jsonl.left(half), 250).succeeded());
    QVERIFY(ingestBytes(*m_db, jsonl.mid(half), 250).succeeded());
    QVERIFY(scalar(*m_db, u"SELECT count(*) FROM stage_history"_s) > 0);
    QVERIFY(scalar(*m_db, u"SELECT count(*) FROM enrollments"_s) > 0);

    QCOMPARE(scalar(*m_db, u"PRAGMA foreign_keys"_s), 1);
    QSqlQuery check(m_db->connection());
    QVERIFY(check.exec(u"PRAGMA foreign_key_check"_s));
    QVERIFY2(!check.next(), qPrintable(u"%1 row %2 points nowhere"_s.arg(check.value(0).toString(),
                                                                        check.value(1).toString())));

    // The checks are really on again: a dangling event is refused.
    QSqlQuery dangling(m_db->connection());
    QVERIFY(!dangling.exec(u"INSERT INTO events (lead_id, type, occurred_at, received_at) VALUES (999999, 'X', 0, 0)"_s));
}

// Checkpoints run on a thread of their own during the run; when it ends, every WAL frame is in the
// database file and the connection's automatic checkpoints are as they were.
void tst_IngestPipeline::walCopiedBackAfterTheRun()
{
    QVERIFY(QSqlQuery(m_db->connection()).exec(u"PRAGMA wal_autocheckpoint = 777"_s));
    testing::SyntheticOptions options;
    options.events = 4000;
    options.users = 200;
    IngestPipeline pipeline(*m_db, RuleSet::defaults());
    pipeline.setBatchSize(500);
    QVERIFY(ingestBytes(pipeline, generate(options)).succeeded());
    QCOMPARE(scalar(*m_db, u"PRAGMA wal_autocheckpoint"_s), 777);

    // immutable=1 reads the database file alone, without the WAL.
    {
        QSqlDatabase file = QSqlDatabase::addDatabase(u"QSQLITE"_s, u"file-only"_s);
        file.setConnectOptions(u"QSQLITE_OPEN_URI;QSQLITE_OPEN_READONLY"_s);
        file.setDatabaseName(u"file:"_s + dbPath() + u"?immutable=1"_s);
        QVERIFY(file.open());
        QSqlQuery count(file);
        QVERIFY(count.exec(u"SELECT count(*) FROM events"_s) && count.next());
        QCOMPARE(count.value(0).toInt(), 4000);
    }
    QSqlDatabase::removeDatabase(u"file-only"_s);
}

void tst_IngestPipeline::errorListIsCapped()
{
    QByteArray jsonl;
    for (int i = 0; i < 1500; ++i)
        jsonl += "not json\n";
    jsonl += line("ok", "u", "X", "2026-01-01T00:00:00Z");
    const IngestReport report = ingestBytes(*m_db, jsonl);
    QCOMPARE(report.errorCount, 1500);
    QCOMPARE(report.errors.size(), IngestReport::maxListedErrors);
    QCOMPARE(report.errors.last().line, 1000);
    QCOMPARE(report.eventsStored, 1);
}

void tst_IngestPipeline::databaseErrorStopsTheRun()
{
    // A trigger that fails on one event stands in for a full disk: the batch in flight rolls back,
    // earlier batches stay, and the report says why.
    QSqlQuery query(m_db->connection());
    QVERIFY(query.exec(u"CREATE TRIGGER refuse BEFORE INSERT ON events WHEN NEW.event_uid = 'e-1-150' "
                       "BEGIN SELECT RAISE(ABORT, 'refused by test'); END"_s));
    testing::SyntheticOptions options;
    options.events = 300;
    options.users = 20;
    const IngestReport report = ingestBytes(*m_db, generate(options), 100);
    QVERIFY(!report.succeeded());
    QVERIFY2(report.failure.contains(dbPath()), qPrintable(report.failure));
    QVERIFY(report.failure.contains(u"refused by test"_s));
    QCOMPARE(report.eventsStored, 100);
    QCOMPARE(scalar(*m_db, u"SELECT count(*) FROM events"_s), 100);
    QCOMPARE(storedStates(*m_db), *LeadReplay::replayAll(*m_db, RuleSet::defaults()));
}

void tst_IngestPipeline::anotherWriterBetweenBatches()
{
    // Between two batches another connection stores an event whose eventId comes later in the file:
    // the pipeline notices that the table is no longer only its own and skips that line.
    QByteArray jsonl;
    for (int i = 1; i <= 30; ++i) {
        jsonl += line(QByteArray("e-" + QByteArray::number(i)).constData(), "u-1", "VIEWED_PRICING",
                      QByteArray("2026-06-" + QByteArray::number(i).rightJustified(2, '0') + "T10:00:00Z").constData());
    }
    Database other;
    QVERIFY(other.open(dbPath()));
    IngestPipeline pipeline(*m_db, RuleSet::defaults());
    pipeline.setBatchSize(10);
    bool inserted = false;
    pipeline.setProgressCallback([&](qint64) {
        if (!inserted) {
            QSqlQuery query(other.connection());
            inserted = query.exec(u"INSERT INTO leads (id, external_id, created_at, stage_entered_at) "
                                  "VALUES (1000, 'someone-else', 0, 0)"_s)
                && query.exec(u"INSERT INTO events (event_uid, lead_id, type, occurred_at, received_at) "
                              "VALUES ('e-25', 1000, 'IMPORTED', 0, 0)"_s);
        }
        return true;
    });
    const IngestReport report = ingestBytes(pipeline, jsonl);
    QVERIFY(inserted);
    QVERIFY2(report.succeeded(), qPrintable(report.failure));
    QCOMPARE(report.eventsStored, 29);
    QCOMPARE(report.duplicatesSkipped, 1);
    QCOMPARE(scalar(*m_db, u"SELECT lead_id FROM events WHERE event_uid = 'e-25'"_s), 1000);
    QCOMPARE(storedStates(*m_db), *LeadReplay::replayAll(*m_db, RuleSet::defaults()));
}

void tst_IngestPipeline::repMovesALeadMidRun_data()
{
    QTest::addColumn<int>("batchSize");
    QTest::addColumn<int>("afterCommits");
    QTest::addRow("batches of 10, after the first") << 10 << 1;
    QTest::addRow("batches of 10, after the second") << 10 << 2;
    QTest::addRow("batches of 3, after the fifth") << 3 << 5;
}

// The pipeline decides a batch ahead while the one before it is written. A rep's move committed in
// between makes that batch's decisions stale (its lead cache says Cold): it is decided again, so the
// move stands, the lead's later events score on top of it, and every score matches a replay.
void tst_IngestPipeline::repMovesALeadMidRun()
{
    QFETCH(int, batchSize);
    QFETCH(int, afterCommits);
    QByteArray jsonl;
    for (int i = 1; i <= 40; ++i) {
        const QByteArray eventId = "e-" + QByteArray::number(i);
        const QByteArray at = "2026-06-" + QByteArray::number(1 + i / 2).rightJustified(2, '0') + "T10:00:0"
            + QByteArray::number(i % 2) + 'Z';
        jsonl += line(eventId.constData(), i % 2 ? "u-1" : "u-2", "VIEWED_PRICING", at.constData());
    }
    Database rep;
    QVERIFY(rep.open(dbPath()));
    IngestPipeline pipeline(*m_db, RuleSet::defaults());
    pipeline.setBatchSize(batchSize);
    int commits = 0;
    bool moved = false;
    pipeline.setProgressCallback([&](qint64) {
        if (++commits == afterCommits) {
            const qint64 id = scalar(rep, u"SELECT id FROM leads WHERE external_id = 'u-1'"_s);
            // Right after the last stored event, before the next in the file: a replay sees what ingest saw.
            const qint64 atMs = scalar(rep, u"SELECT max(occurred_at) FROM events"_s) + 1;
            moved = LeadMoveStore(rep).move(id, Stage::Lost, u"went with a competitor"_s, u"rep"_s, atMs)
                        .record.has_value();
        }
        return true;
    });
    const IngestReport report = ingestBytes(pipeline, jsonl);
    QVERIFY(moved);
    QVERIFY2(report.succeeded(), qPrintable(report.failure));
    QVERIFY(report.batchesDecidedAgain > 0);
    QCOMPARE(report.eventsStored, 40);
    QCOMPARE(scalar(*m_db, u"SELECT count(*) FROM events"_s), 40);
    QSqlQuery lead(m_db->connection());
    QVERIFY(lead.exec(u"SELECT stage FROM leads WHERE external_id = 'u-1'"_s) && lead.next());
    QCOMPARE(lead.value(0).toString(), stageName(Stage::Lost));
    QCOMPARE(scalar(*m_db, u"SELECT count(*) FROM stage_history WHERE actor = 'rep'"_s), 1);
    // A replay knows events, not moves: it agrees on everything but u-1's stage.
    QHash<qint64, LeadState> replayed = *LeadReplay::replayAll(*m_db, RuleSet::defaults());
    const qint64 movedId = scalar(*m_db, u"SELECT id FROM leads WHERE external_id = 'u-1'"_s);
    QVERIFY(replayed.contains(movedId));
    QCOMPARE_NE(replayed[movedId].stage, Stage::Lost);
    replayed[movedId].stage = Stage::Lost;
    QCOMPARE(storedStates(*m_db), replayed);
}

// Reps move leads from another thread while the pipeline writes one batch and decides the next: every
// move lands (it waits for the write lock, never longer than a batch), and no write from a stale cache
// undoes one. Each lead's history stays a chain whose last row names its stage, and the derived
// rollup adds up.
void tst_IngestPipeline::repsMoveLeadsWhileIngestRuns()
{
    testing::SyntheticOptions options;
    options.events = 100000;
    options.users = 2000;
    options.percentRepeated = 2;
    const QByteArray jsonl = generate(options);
    IngestPipeline pipeline(*m_db, RuleSet::defaults());
    pipeline.setBatchSize(2000);

    std::atomic<bool> ingesting{true};
    int moves = 0;
    QStringList failures;
    std::unique_ptr<QThread> reps(QThread::create([&] {
        Database rep;
        if (!rep.open(dbPath())) {
            failures.append(rep.lastError().message);
            return;
        }
        LeadMoveStore store(rep);
        while (ingesting.load()) {
            QSqlQuery pick(rep.connection());
            if (!pick.exec(u"SELECT id FROM leads WHERE stage IN ('Cold', 'MQL', 'SQL') ORDER BY random() LIMIT 1"_s)) {
                failures.append(pick.lastError().text());
                return;
            }
            if (pick.next()) {
                const qint64 lead = pick.value(0).toLongLong();
                pick.finish(); // its read snapshot would refuse the move's write lock
                const LeadMoveStore::MoveOutcome outcome =
                    store.move(lead, Stage::Lost, u"no budget"_s, u"rep"_s, QDateTime::currentMSecsSinceEpoch());
                if (outcome.result.error.isError())
                    failures.append(outcome.result.error.message);
                moves += outcome.record ? 1 : 0;
            }
            QThread::msleep(2);
        }
    }));
    reps->start();
    const IngestReport report = ingestBytes(pipeline, jsonl);
    ingesting = false;
    reps->wait();

    QVERIFY2(report.succeeded(), qPrintable(report.failure));
    QVERIFY2(failures.isEmpty(), qPrintable(failures.join(u'\n')));
    QVERIFY2(moves > 5, qPrintable(u"%1 moves"_s.arg(moves)));
    QCOMPARE(report.eventsStored + report.duplicatesSkipped, options.events);
    QCOMPARE(scalar(*m_db, u"SELECT count(*) FROM events"_s), report.eventsStored);
    QCOMPARE(scalar(*m_db, u"SELECT count(*) FROM stage_history WHERE actor = 'rep'"_s), moves);
    verifyHistoryChainsAndRollup(*m_db);
}

// Between batches another connection writes what does not bear on ingest's decisions (the campaign
// runner's outbox and enrollment steps follow every batch of an import; here: settings). Nothing is
// decided again, and the result is a run's without those writes.
void tst_IngestPipeline::otherTablesLeaveDecisionsStanding()
{
    testing::SyntheticOptions options;
    options.events = 3000;
    options.users = 150;
    options.percentRepeated = 3;
    const QByteArray jsonl = generate(options);
    const IngestReport reference = ingestBytes(*m_db, jsonl, 250);
    QVERIFY2(reference.succeeded(), qPrintable(reference.failure));

    Database other;
    QVERIFY(other.open(dbPath(u"other.db"_s)));
    Database runner;
    QVERIFY(runner.open(dbPath(u"other.db"_s)));
    IngestPipeline pipeline(other, RuleSet::defaults());
    pipeline.setBatchSize(250);
    int writes = 0;
    pipeline.setProgressCallback([&](qint64) {
        writes += runner.setSettingValue(u"runner/tick"_s, QString::number(writes)) ? 1 : 0;
        return true;
    });
    const IngestReport report = ingestBytes(pipeline, jsonl);
    QVERIFY2(report.succeeded(), qPrintable(report.failure));
    QVERIFY(writes > 5);
    QCOMPARE(report.batchesDecidedAgain, 0);
    QCOMPARE(report.eventsStored, reference.eventsStored);
    QVERIFY(QSqlQuery(runner.connection()).exec(u"DELETE FROM settings WHERE key = 'runner/tick'"_s));
    QCOMPARE(dump(other), dump(*m_db));
}

// Two ingests of different files for the same users write into one database at once, each deciding
// ahead while the other commits: every event is stored once, each lead's score is the sum of its
// events' points and adjustments, its history a chain ending in its stage, and the rollup adds up.
void tst_IngestPipeline::twoIngestsAtOnce()
{
    testing::SyntheticOptions first;
    first.events = 40000;
    first.users = 500;
    testing::SyntheticOptions second = first;
    second.seed = 2;
    QByteArray secondJsonl = generate(second);
    secondJsonl.replace("\"eventId\":\"e-", "\"eventId\":\"second-"); // its own eventIds
    const QByteArray firstJsonl = generate(first);

    IngestReport secondReport;
    std::unique_ptr<QThread> thread(QThread::create([&] {
        Database database;
        if (!database.open(dbPath())) {
            secondReport.failure = database.lastError().message;
            return;
        }
        secondReport = ingestBytes(database, secondJsonl, 1000);
    }));
    thread->start();
    const IngestReport firstReport = ingestBytes(*m_db, firstJsonl, 1000);
    thread->wait();

    QVERIFY2(firstReport.succeeded(), qPrintable(firstReport.failure));
    QVERIFY2(secondReport.succeeded(), qPrintable(secondReport.failure));
    QCOMPARE(firstReport.eventsStored + secondReport.eventsStored, first.events + second.events);
    QCOMPARE(scalar(*m_db, u"SELECT count(*) FROM events"_s), first.events + second.events);
    QCOMPARE(scalar(*m_db, u"SELECT count(*) FROM leads"_s), first.users);
    QVERIFY2(firstReport.batchesDecidedAgain + secondReport.batchesDecidedAgain > 0,
             "the runs did not overlap: the test proves nothing");
    QCOMPARE(scalar(*m_db, u"SELECT count(*) FROM leads l WHERE score <> (SELECT coalesce(sum(points), 0) FROM events"
                           " WHERE lead_id = l.id) + (SELECT coalesce(sum(delta), 0) FROM score_adjustments"
                           " WHERE lead_id = l.id)"_s),
             0);
    verifyHistoryChainsAndRollup(*m_db);
}

// A database without a file has no second connection to decide with: batches are decided and written
// in turn on its one connection, with the same result.
void tst_IngestPipeline::inMemoryDatabase()
{
    testing::SyntheticOptions options;
    options.events = 2000;
    options.users = 120;
    options.days = 200;
    options.percentWithoutEventId = 10;
    options.percentRepeated = 5;
    options.percentEmailOnly = 5;
    const QByteArray jsonl = generate(options);
    const IngestReport onFile = ingestBytes(*m_db, jsonl, 300);
    QVERIFY2(onFile.succeeded(), qPrintable(onFile.failure));

    Database memory;
    QVERIFY(memory.open(u":memory:"_s));
    const IngestReport inMemory = ingestBytes(memory, jsonl, 300);
    QVERIFY2(inMemory.succeeded(), qPrintable(inMemory.failure));
    QCOMPARE(inMemory.eventsStored, onFile.eventsStored);
    QCOMPARE(inMemory.duplicatesSkipped, onFile.duplicatesSkipped);
    QCOMPARE(dump(memory), dump(*m_db));
}

void tst_IngestPipeline::readFailureKeepsWhatWasRead()
{
    const QByteArray jsonl = line("a", "u-1", "VIEWED_PRICING", "2026-01-01T00:00:00Z")
        + line("b", "u-1", "VIEWED_PRICING", "2026-01-01T00:01:00Z")
        + R"({"eventId":"c","userId":"u-1","eventT)"_ba; // cut off mid-line
    FailingDevice device(jsonl);
    QVERIFY(device.open(QIODevice::ReadOnly | QIODevice::Unbuffered));
    IngestPipeline pipeline(*m_db, RuleSet::defaults());
    const IngestReport report = pipeline.ingest(device);
    QVERIFY(!report.succeeded());
    QCOMPARE(report.failure, u"Reading the events failed after line 2: the device went away"_s);
    QCOMPARE(report.eventsStored, 2);
    QCOMPARE(scalar(*m_db, u"SELECT count(*) FROM events"_s), 2);
}

QTEST_GUILESS_MAIN(tst_IngestPipeline)
#include "tst_ingestpipeline.moc"
