#include "core/domain/rulesetdiff.h"
#include "core/domain/scoringengine.h"
#include "core/io/demodatagenerator.h"
#include "core/storage/database.h"
#include "core/storage/demodataloader.h"
#include "core/storage/ingestpipeline.h"
#include "core/storage/leaddetailsquery.h"
#include "core/storage/rescorer.h"
#include "core/storage/rulesetversionstore.h"
#include "core/storage/transaction.h"
#include "core/storage/whatifquery.h"

#include <QBuffer>
#include <QDateTime>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

using namespace funnel;
using namespace Qt::StringLiterals;

namespace {

constexpr qint64 dayMs = 24LL * 3600 * 1000;
const qint64 demoNow = QDateTime(QDate(2026, 11, 27), QTime(12, 0), Qt::UTC).toMSecsSinceEpoch();

RuleSet draftRules()
{
    RuleSet rules = RuleSet::defaults();
    rules.setThresholds(30, 60);
    rules.setRule(Rule{u"VIEWED_PRICING"_s, 15, std::nullopt, {}, PointsCap{45, CapPeriod::Week}});
    rules.setRule(Rule{u"OPENED_EMAIL"_s, 2, std::nullopt, {}, std::nullopt});
    return rules;
}

// Every lead's ledger through the lead panel's query: the lines add up to the stored score.
void verifyLedger(Database &database, const RuleSet &rules)
{
    QSqlQuery ids(database.connection());
    QVERIFY(ids.exec(u"SELECT id FROM leads ORDER BY id"_s));
    LeadDetailsQuery details(database);
    int leads = 0;
    while (ids.next()) {
        const qint64 id = ids.value(0).toLongLong();
        const std::optional<LeadDetails> lead = details.load(id, rules);
        QVERIFY(lead);
        QVERIFY2(lead->contributionTotal() == lead->score,
                 qPrintable(u"lead %1: ledger %2, stored %3"_s.arg(id).arg(lead->contributionTotal()).arg(lead->score)));
        ++leads;
    }
    QVERIFY(leads > 1000);
}

QList<std::pair<qint64, int>> scores(Database &database)
{
    QList<std::pair<qint64, int>> list;
    QSqlQuery query(database.connection());
    query.exec(u"SELECT id, score FROM leads ORDER BY id"_s);
    while (query.next())
        list.append({query.value(0).toLongLong(), query.value(1).toInt()});
    return list;
}

std::array<qint64, 5> stageCounts(Database &database)
{
    std::array<qint64, 5> counts{};
    QSqlQuery query(database.connection());
    query.exec(u"SELECT stage, count(*) FROM leads GROUP BY stage"_s);
    while (query.next())
        counts[size_t(*stageFromName(query.value(0).toString()))] = query.value(1).toLongLong();
    return counts;
}

} // namespace

class TestRescorer : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void ledgerHoldsAfterIngest();
    void rescoreUnderTheSameRulesChangesNothing();
    void applyToHistoryDoesWhatTheWhatIfSaid();
    void ledgerHoldsAfterDecay();
    void futureOnlyKeepsScores();
    void whatIfAfterFutureOnlyPredictsTheRescore();
    void undoRestoresVersionAndScores();
    void versionsListAndDiff();

private:
    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<Database> m_database;
};

void TestRescorer::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    m_database = std::make_unique<Database>();
    QVERIFY(m_database->open(m_dir->filePath(u"rescore.sqlite"_s)));
    DemoDataGenerator::Options options;
    options.leads = 1200;
    options.nowMs = demoNow;
    const DemoLoadReport report = DemoDataLoader::load(*m_database, DemoDataGenerator::generate(options), demoNow);
    QVERIFY2(report.succeeded(), qPrintable(report.failure));
}

void TestRescorer::ledgerHoldsAfterIngest()
{
    verifyLedger(*m_database, RuleSet::defaults());
    QSqlQuery decay(m_database->connection());
    QVERIFY(decay.exec(u"SELECT count(*) FROM score_adjustments WHERE reason = 'decay'"_s) && decay.next());
    QVERIFY(decay.value(0).toInt() > 0); // the demo's 90 days include silences long enough to decay
}

void TestRescorer::rescoreUnderTheSameRulesChangesNothing()
{
    const auto before = scores(*m_database);
    Transaction transaction(*m_database);
    DatabaseError error;
    const auto report = Rescorer::rescoreAll(*m_database, RuleSet::defaults(), u"rules v1"_s, demoNow, 0, &error);
    QVERIFY2(report, qPrintable(error.message));
    QVERIFY(transaction.commit());
    QCOMPARE(report->eventsRescored, qint64(0));
    QCOMPARE(report->leadsRescored, qint64(0));
    QCOMPARE(report->stageChanges, qint64(0));
    QCOMPARE(scores(*m_database), before);
}

void TestRescorer::applyToHistoryDoesWhatTheWhatIfSaid()
{
    const RuleSet draft = draftRules();
    const auto impact = WhatIfQuery::run(*m_database, RuleSet::defaults(), draft, 0);
    QVERIFY(impact);
    QVERIFY(impact->movedLeads > 0);
    QCOMPARE(stageCounts(*m_database), impact->currentStages);

    RulesetVersionStore store(*m_database);
    const auto applied = store.apply(draft, u"marketing"_s, u"pricing counts more"_s, RulesApplyMode::History, demoNow);
    QVERIFY2(applied, qPrintable(store.lastError().message));
    QCOMPARE(applied->version.id, qint64(2)); // v1 keeps the rules in force before
    QVERIFY(applied->rescore);
    QCOMPARE(applied->rescore->stageChanges, impact->movedLeads);
    QCOMPARE(stageCounts(*m_database), impact->draftStages);
    QCOMPARE(m_database->activeRules(), draft);

    QSqlQuery history(m_database->connection());
    QVERIFY(history.exec(u"SELECT count(*) FROM stage_history WHERE cause = 'rescore' AND reason = 'rules v2'"_s)
            && history.next());
    QCOMPARE(history.value(0).toLongLong(), impact->movedLeads);
    if (!applied->rescore->newSqls.isEmpty()) {
        QSqlQuery unseen(m_database->connection());
        QVERIFY(unseen.exec(u"SELECT seen_at IS NULL, stage FROM leads WHERE id = %1"_s.arg(applied->rescore->newSqls.first()))
                && unseen.next());
        QVERIFY(unseen.value(0).toBool()); // a new SQL for the inbox
        QCOMPARE(unseen.value(1).toString(), u"SQL"_s);
    }
    verifyLedger(*m_database, draft);
}

void TestRescorer::ledgerHoldsAfterDecay()
{
    // Decay taken at ingest: an event after a long silence.
    QSqlQuery quiet(m_database->connection());
    QVERIFY(quiet.exec(u"SELECT external_id FROM leads WHERE score > 20 AND external_id IS NOT NULL"
                       " ORDER BY last_activity_at LIMIT 1"_s)
            && quiet.next());
    const QByteArray line = "{\"userId\":\"" + quiet.value(0).toString().toUtf8()
        + "\",\"eventType\":\"OPENED_EMAIL\",\"timestamp\":\""
        + QDateTime::fromMSecsSinceEpoch(demoNow + 200 * dayMs, Qt::UTC).toString(Qt::ISODate).toUtf8() + "\"}\n";
    QBuffer input;
    input.setData(line);
    QVERIFY(input.open(QIODevice::ReadOnly));
    IngestPipeline pipeline(*m_database, RuleSet::defaults());
    QCOMPARE(pipeline.ingest(input).eventsStored, qint64(1));
    verifyLedger(*m_database, RuleSet::defaults());

    // Decay due by a later time, taken by a rescore.
    Transaction transaction(*m_database);
    const auto report = Rescorer::rescoreAll(*m_database, draftRules(), u"rules v9"_s, demoNow, demoNow + 365 * dayMs);
    QVERIFY(report);
    QVERIFY(transaction.commit());
    QVERIFY(report->leadsRescored > 0);
    verifyLedger(*m_database, draftRules());
}

void TestRescorer::futureOnlyKeepsScores()
{
    const auto before = scores(*m_database);
    RulesetVersionStore store(*m_database);
    const auto applied = store.apply(draftRules(), u"marketing"_s, {}, RulesApplyMode::Future, demoNow);
    QVERIFY(applied);
    QVERIFY(!applied->rescore);
    QCOMPARE(scores(*m_database), before);
    QCOMPARE(m_database->activeRules(), draftRules());
    QCOMPARE(store.currentVersionId(), applied->version.id);
}

void TestRescorer::whatIfAfterFutureOnlyPredictsTheRescore()
{
    // Stored scores now come from other rules than those in force: "now" is what is stored, so the
    // preview of re-scoring under the rules in force still predicts exactly what a rescore does.
    RulesetVersionStore store(*m_database);
    QVERIFY(store.apply(draftRules(), u"marketing"_s, {}, RulesApplyMode::Future, demoNow));
    const auto impact = WhatIfQuery::run(*m_database, draftRules(), draftRules(), 0);
    QVERIFY(impact);
    QVERIFY(impact->movedLeads > 0);
    QCOMPARE(stageCounts(*m_database), impact->currentStages);
    const auto restored = store.restore(2, u"marketing"_s, demoNow);
    QVERIFY2(restored && restored->rescore, qPrintable(store.lastError().message));
    QCOMPARE(restored->rescore->stageChanges, impact->movedLeads);
    QCOMPARE(restored->rescore->leadsRescored, impact->rescoredLeads);
    QCOMPARE(stageCounts(*m_database), impact->draftStages);
}

void TestRescorer::undoRestoresVersionAndScores()
{
    const auto before = scores(*m_database);
    const auto stagesBefore = stageCounts(*m_database);
    RulesetVersionStore store(*m_database);
    QVERIFY(store.apply(draftRules(), u"marketing"_s, {}, RulesApplyMode::History, demoNow));
    QVERIFY(scores(*m_database) != before);
    const auto undone = store.undoLast(u"marketing"_s, demoNow);
    QVERIFY2(undone, qPrintable(store.lastError().message));
    QCOMPARE(undone->version.id, qint64(3));
    QCOMPARE(undone->version.note, u"restore of v1"_s);
    QCOMPARE(m_database->activeRules(), RuleSet::defaults());
    QCOMPARE(scores(*m_database), before);
    QCOMPARE(stageCounts(*m_database), stagesBefore);
    verifyLedger(*m_database, RuleSet::defaults());
}

void TestRescorer::versionsListAndDiff()
{
    RulesetVersionStore store(*m_database);
    QCOMPARE(store.versions()->size(), 0);
    QCOMPARE(store.currentVersionId(), qint64(0));
    QVERIFY(!store.undoLast(u"x"_s, demoNow));
    QVERIFY(store.apply(draftRules(), u"ada"_s, u"first"_s, RulesApplyMode::Future, demoNow));
    const auto versions = store.versions();
    QVERIFY(versions);
    QCOMPARE(versions->size(), 2);
    QCOMPARE(versions->first().author, u"ada"_s);
    QCOMPARE(versions->first().note, u"first"_s);
    QCOMPARE(versions->first().rules, draftRules());
    QCOMPARE(versions->last().rules, RuleSet::defaults());

    const QStringList changes = RuleSetDiff::compare(versions->last().rules, versions->first().rules);
    QVERIFY2(changes.contains(u"MQL threshold 40 -> 30"_s), qPrintable(changes.join(u'\n')));
    QVERIFY(changes.contains(u"SQL threshold 80 -> 60"_s));
    QVERIFY2(changes.contains(u"VIEWED_PRICING: points 10 -> 15, cap 30/day -> 45/week"_s), qPrintable(changes.join(u'\n')));
    QVERIFY(changes.contains(u"OPENED_EMAIL: added (+2)"_s));
    QCOMPARE(changes.size(), 4);
    QVERIFY(RuleSetDiff::compare(draftRules(), draftRules()).isEmpty());
}

QTEST_GUILESS_MAIN(TestRescorer)
#include "tst_rescorer.moc"
