#include "core/storage/database.h"
#include "core/storage/leadstatecodec.h"

#include <QSqlQuery>
#include <QSqlRecord>
#include <QTemporaryDir>
#include <QTest>

using namespace funnel;
using namespace Qt::StringLiterals;

namespace {

LeadState state(Stage stage, int score, qint64 lastActivityMs, int decaySteps, QMap<QString, CapUsage> caps = {})
{
    LeadState s;
    s.stage = stage;
    s.score = score;
    s.lastActivityMs = lastActivityMs;
    s.decayStepsApplied = decaySteps;
    s.capUsage = std::move(caps);
    return s;
}

} // namespace

class tst_LeadStateCodec : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void roundTrip_data();
    void roundTrip();
    void readsColumns_data();
    void readsColumns();
    void throughSqlite();
};

void tst_LeadStateCodec::roundTrip_data()
{
    QTest::addColumn<LeadState>("lead");
    QTest::addColumn<QByteArray>("capUsageJson");

    QTest::addRow("new lead") << LeadState() << QByteArray();
    QTest::addRow("no caps") << state(Stage::MQL, 55, 1767225600000, 2) << QByteArray();
    QTest::addRow("negative score") << state(Stage::Lost, -30, 1, 0) << QByteArray();
    QTest::addRow("one cap") << state(Stage::SQL, 90, 1767225600000, 0, {{u"VIEWED_PRICING"_s, {1767225600000, 30}}})
                             << R"({"VIEWED_PRICING":[1767225600000,30]})"_ba;
    QTest::addRow("caps sorted by type")
        << state(Stage::Won, 120, 1767225600000, 0,
                 {{u"ZED"_s, {0, 5}}, {u"ALPHA"_s, {1767225600000, 10}}, {u"MIDDLE"_s, {-86400000, 1}}})
        << R"({"ALPHA":[1767225600000,10],"MIDDLE":[-86400000,1],"ZED":[0,5]})"_ba;
    QTest::addRow("odd event type") << state(Stage::Cold, 1, 2, 0, {{u"say \"hi\"\\\n日本"_s, {0, 1}}})
                                    << "{\"say \\\"hi\\\"\\\\\\n日本\":[0,1]}"_ba;
}

void tst_LeadStateCodec::roundTrip()
{
    QFETCH(LeadState, lead);
    QFETCH(QByteArray, capUsageJson);

    const QByteArray caps = LeadStateCodec::capUsageColumn(lead);
    QCOMPARE(caps, capUsageJson);
    const std::optional<qint64> lastActivity = LeadStateCodec::lastActivityColumn(lead);
    QCOMPARE(lastActivity.has_value(), lead.lastActivityMs != 0);
    const std::optional<LeadState> back = LeadStateCodec::fromColumns(stageName(lead.stage), lead.score, lastActivity,
                                                                       lead.decayStepsApplied, caps);
    QVERIFY(back);
    QVERIFY(*back == lead);
}

void tst_LeadStateCodec::readsColumns_data()
{
    QTest::addColumn<QString>("stage");
    QTest::addColumn<QByteArray>("capUsageJson");
    QTest::addColumn<bool>("valid");
    QTest::addColumn<int>("caps");

    QTest::addRow("stage in other case") << u"mql"_s << QByteArray() << true << 0;
    QTest::addRow("not a stage") << u"Warm"_s << QByteArray() << false << 0;
    QTest::addRow("empty stage") << QString() << QByteArray() << false << 0;
    // Unreadable cap usage only limits points: it is dropped, the lead still reads.
    QTest::addRow("cap usage not JSON") << u"Cold"_s << "{oops"_ba << true << 0;
    QTest::addRow("cap usage wrong shape") << u"Cold"_s << R"({"A":{"points":3},"B":[1],"C":[0,2]})"_ba << true << 1;
    QTest::addRow("cap usage an array") << u"Cold"_s << "[1,2]"_ba << true << 0;
}

void tst_LeadStateCodec::readsColumns()
{
    QFETCH(QString, stage);
    QFETCH(QByteArray, capUsageJson);
    QFETCH(bool, valid);
    QFETCH(int, caps);

    const std::optional<LeadState> lead = LeadStateCodec::fromColumns(stage, 12, std::nullopt, 0, capUsageJson);
    QCOMPARE(lead.has_value(), valid);
    if (lead) {
        QCOMPARE(lead->score, 12);
        QCOMPARE(lead->lastActivityMs, 0);
        QCOMPARE(lead->capUsage.size(), caps);
    }
}

void tst_LeadStateCodec::throughSqlite()
{
    QTemporaryDir dir;
    Database db;
    QVERIFY(db.open(dir.filePath(u"codec.db"_s)));
    QSqlQuery query(db.connection());
    QVERIFY(query.exec(u"INSERT INTO leads (id, created_at, stage_entered_at) VALUES (1, 0, 0), (2, 0, 0)"_s));

    const LeadState written = state(Stage::SQL, 85, 1767225600123, 3, {{u"VIEWED_PRICING"_s, {1767225600000, 20}}});
    QVERIFY(query.prepare(u"UPDATE leads SET stage = :stage, score = :score, last_activity_at = :last_activity_at, "
                          "decay_steps = :decay_steps, cap_usage = :cap_usage WHERE id = 1"_s));
    LeadStateCodec::bindValues(query, written);
    QVERIFY(query.exec());
    QVERIFY(query.prepare(u"UPDATE leads SET stage = :stage, score = :score, last_activity_at = :last_activity_at, "
                          "decay_steps = :decay_steps, cap_usage = :cap_usage WHERE id = 2"_s));
    LeadStateCodec::bindValues(query, LeadState());
    QVERIFY(query.exec());

    QVERIFY(query.exec(u"SELECT stage, score, last_activity_at, decay_steps, cap_usage FROM leads ORDER BY id"_s));
    QVERIFY(query.next());
    std::optional<LeadState> read = LeadStateCodec::fromRecord(query.record());
    QVERIFY(read);
    QVERIFY(*read == written);
    QVERIFY(query.next());
    QVERIFY(query.isNull(2)); // no activity yet: NULL, not 0
    QVERIFY(query.isNull(4));
    read = LeadStateCodec::fromRecord(query.record());
    QVERIFY(read);
    QVERIFY(*read == LeadState());
}

QTEST_GUILESS_MAIN(tst_LeadStateCodec)
#include "tst_leadstatecodec.moc"
