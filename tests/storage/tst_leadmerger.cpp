#include "core/domain/scoringengine.h"
#include "core/storage/database.h"
#include "core/storage/ingestpipeline.h"
#include "core/storage/leaddetailsquery.h"
#include "core/storage/leadmerger.h"
#include "core/storage/leadrepository.h"
#include "core/storage/notestore.h"

#include <QBuffer>
#include <QDateTime>
#include <QSqlQuery>
#include <QSqlRecord>
#include <QTemporaryDir>
#include <QTest>

using namespace funnel;
using namespace Qt::StringLiterals;

namespace {

constexpr qint64 dayMs = 24LL * 3600 * 1000;
const qint64 t0 = QDateTime(QDate(2026, 1, 5), QTime(9, 0), Qt::UTC).toMSecsSinceEpoch();

QString iso(qint64 ms)
{
    return QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC).toString(Qt::ISODateWithMs);
}

QByteArray eventLine(const QString &id, const QString &user, const QString &type, qint64 atMs,
                     const QString &extra = {})
{
    return (u"{\"eventId\":\"%1\",\"userId\":\"%2\",\"eventType\":\"%3\",\"timestamp\":\"%4\"%5}\n"_s)
        .arg(id, user, type, iso(atMs), extra)
        .toUtf8();
}

// Every row of every table, as text: equal dumps mean equal databases (ids included).
QString dump(Database &database)
{
    QString text;
    for (const QString &table : {u"leads"_s, u"events"_s, u"score_adjustments"_s, u"stage_history"_s,
                                 u"enrollments"_s, u"notes"_s}) {
        QSqlQuery query(database.connection());
        query.exec(u"SELECT * FROM "_s + table + u" ORDER BY id"_s);
        while (query.next()) {
            text += table + u':';
            for (int i = 0; i < query.record().count(); ++i)
                text += query.value(i).toString() + (query.isNull(i) ? u"<null>|"_s : u"|"_s);
            text += u'\n';
        }
    }
    return text;
}

qint64 scalar(Database &database, const QString &sql)
{
    QSqlQuery query(database.connection());
    if (!query.exec(sql) || !query.next())
        return -1;
    return query.value(0).toLongLong();
}

} // namespace

class TestLeadMerger : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void mergesTheDuplicateIntoTheSurvivor();
    void undoRestoresBothLeadsExactly();
    void refuses_data();
    void refuses();

private:
    std::unique_ptr<QTemporaryDir> m_dir;
    Database m_db;
    qint64 m_ada = 0;   // the survivor: has an email, scored pricing views on day 0
    qint64 m_alias = 0; // the same person under a second user id, no email (it was taken)
};

void TestLeadMerger::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_db.open(m_dir->filePath(u"merge.sqlite"_s)));
    const QString adaContact = u",\"email\":\"ada@acme.io\",\"name\":\"Ada Lovelace\""_s;
    QByteArray jsonl;
    jsonl += eventLine(u"a1"_s, u"u-ada"_s, u"VIEWED_PRICING"_s, t0, adaContact);
    jsonl += eventLine(u"a2"_s, u"u-ada"_s, u"VIEWED_PRICING"_s, t0 + 1000);
    // Same address in another case: the email index keeps it off the second lead.
    jsonl += eventLine(u"b1"_s, u"u-ada-2"_s, u"VIEWED_PRICING"_s, t0 + 2000,
                       u",\"email\":\"ADA@acme.io\",\"company\":\"Analytical Engines\""_s);
    jsonl += eventLine(u"b2"_s, u"u-ada-2"_s, u"VIEWED_PRICING"_s, t0 + 3000);
    jsonl += eventLine(u"b3"_s, u"u-ada-2"_s, u"DOWNLOADED_API_DOCS"_s, t0 + 40 * dayMs);
    QBuffer buffer(&jsonl);
    QVERIFY(buffer.open(QIODevice::ReadOnly));
    IngestPipeline pipeline(m_db, RuleSet::defaults());
    const IngestReport report = pipeline.ingest(buffer);
    QVERIFY2(report.succeeded(), qPrintable(report.failure));
    QCOMPARE(report.eventsStored, 5);
    LeadRepository leads(m_db);
    m_ada = leads.idForExternalId(u"u-ada"_s).value_or(0);
    m_alias = leads.idForExternalId(u"u-ada-2"_s).value_or(0);
    QVERIFY(m_ada && m_alias && m_ada != m_alias);

    // A manual score adjustment and a note on the duplicate must survive the merge.
    QSqlQuery query(m_db.connection());
    QVERIFY(query.exec(u"INSERT INTO score_adjustments (lead_id, at, delta, reason) VALUES (%1, %2, 7, 'manual')"_s
                           .arg(m_alias)
                           .arg(t0 + 5000)));
    QVERIFY(query.exec(u"UPDATE leads SET score = score + 7 WHERE id = %1"_s.arg(m_alias)));
    NoteStore notes(m_db);
    QVERIFY(notes.add(m_alias, u"Asked about SSO"_s, u"rep"_s, t0 + 6000));
}

void TestLeadMerger::mergesTheDuplicateIntoTheSurvivor()
{
    QCOMPARE(scalar(m_db, u"SELECT score FROM leads WHERE id = %1"_s.arg(m_ada)), 20);

    LeadMerger merger(m_db, RuleSet::defaults());
    const LeadMergeResult result = merger.merge(m_ada, m_alias, u"rep"_s, t0 + 50 * dayMs);
    QVERIFY2(result.merged, qPrintable(result.refusal + result.error.message));

    QCOMPARE(scalar(m_db, u"SELECT count(*) FROM leads WHERE id = %1"_s.arg(m_alias)), 0);
    QCOMPARE(scalar(m_db, u"SELECT count(*) FROM events WHERE lead_id = %1"_s.arg(m_ada)), 5);
    QCOMPARE(scalar(m_db, u"SELECT count(*) FROM notes WHERE lead_id = %1"_s.arg(m_ada)), 1);
    QCOMPARE(scalar(m_db, u"SELECT count(*) FROM enrollments WHERE lead_id = %1"_s.arg(m_ada)), 1);

    // Replayed in time order over the manual 7: four pricing views on one day hit the 30-point cap,
    // 40 days of silence decay 2 steps (-10), the API docs add 20 and gate to MQL.
    const int expected = 7 + 30 - 10 + 20;
    QCOMPARE(result.score, expected);
    QCOMPARE(result.stage, Stage::MQL);

    LeadDetailsQuery query(m_db);
    const std::optional<LeadDetails> details = query.load(m_ada, RuleSet::defaults());
    QVERIFY(details);
    QCOMPARE(details->score, expected);
    QCOMPARE(details->contributionTotal(), qint64(expected)); // the ledger still explains the score
    QCOMPARE(details->company, u"Analytical Engines"_s);     // a blank filled from the duplicate
    QCOMPARE(details->email, u"ada@acme.io"_s);               // the survivor's own value kept
    QCOMPARE(details->stage, Stage::MQL);
    const auto capped = std::count_if(details->contributions.begin(), details->contributions.end(),
                                      [](const ScoreContribution &c) { return c.kind == ScoreContribution::Kind::Capped; });
    QCOMPARE(capped, 1);
    QVERIFY(std::any_of(details->contributions.begin(), details->contributions.end(), [](const ScoreContribution &c) {
        return c.kind == ScoreContribution::Kind::Decay && c.points == -10;
    }));
    QCOMPARE(details->history.last().cause, u"rescore"_s);
    QCOMPARE(details->history.last().to, Stage::MQL);
}

void TestLeadMerger::undoRestoresBothLeadsExactly()
{
    const QString before = dump(m_db);
    LeadMerger merger(m_db, RuleSet::defaults());
    const LeadMergeResult result = merger.merge(m_ada, m_alias, u"rep"_s, t0 + 50 * dayMs);
    QVERIFY(result.merged);
    QVERIFY(dump(m_db) != before);
    QVERIFY2(merger.undo(result.snapshot), qPrintable(merger.refusal() + merger.lastError().message));
    QCOMPARE(dump(m_db), before);

    // Redo after undo works from the restored state, and a second undo restores it again.
    const LeadMergeResult again = merger.merge(m_ada, m_alias, u"rep"_s, t0 + 50 * dayMs);
    QVERIFY(again.merged);
    QCOMPARE(again.score, result.score);
    QVERIFY(merger.undo(again.snapshot));
    QCOMPARE(dump(m_db), before);
}

void TestLeadMerger::refuses_data()
{
    QTest::addColumn<bool>("sameLead");
    QTest::addColumn<bool>("missingDuplicate");
    QTest::addRow("with itself") << true << false;
    QTest::addRow("a lead that does not exist") << false << true;
}

void TestLeadMerger::refuses()
{
    QFETCH(bool, sameLead);
    QFETCH(bool, missingDuplicate);
    const QString before = dump(m_db);
    LeadMerger merger(m_db, RuleSet::defaults());
    const qint64 other = sameLead ? m_ada : missingDuplicate ? 999999 : m_alias;
    const LeadMergeResult result = merger.merge(m_ada, other, u"rep"_s, t0);
    QVERIFY(!result.merged);
    QVERIFY(!result.refusal.isEmpty());
    QCOMPARE(dump(m_db), before);
}

QTEST_GUILESS_MAIN(TestLeadMerger)
#include "tst_leadmerger.moc"
