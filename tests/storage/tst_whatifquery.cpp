#include "core/domain/scoringengine.h"
#include "core/io/demodatagenerator.h"
#include "core/storage/database.h"
#include "core/storage/demodataloader.h"
#include "core/storage/leadreplay.h"
#include "core/storage/rescorer.h"
#include "core/storage/whatifquery.h"

#include <QDateTime>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

using namespace funnel;
using namespace Qt::StringLiterals;

namespace {

RuleSet draftRules()
{
    RuleSet rules = RuleSet::defaults();
    rules.setThresholds(30, 60);
    rules.setRule(Rule{u"VIEWED_PRICING"_s, 15, std::nullopt, {}, PointsCap{45, CapPeriod::Week}});
    return rules;
}

} // namespace

class TestWhatIfQuery : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void historyHoldsEveryEventGroupedByLead_data();
    void historyHoldsEveryEventGroupedByLead();
    void impactMatchesTheSlowReplay();
    void sameRulesMoveNothing();
    void cancelIsNotAnError();
    void emptyDatabase();

private:
    QTemporaryDir m_dir;
    QString m_path;
    qint64 m_now = 0;
};

void TestWhatIfQuery::initTestCase()
{
    QVERIFY(m_dir.isValid());
    m_path = m_dir.filePath(u"whatif.sqlite"_s);
    Database database;
    QVERIFY(database.open(m_path));
    DemoDataGenerator::Options options;
    options.leads = 1500;
    options.nowMs = QDateTime(QDate(2026, 11, 27), QTime(12, 0), Qt::UTC).toMSecsSinceEpoch();
    m_now = options.nowMs;
    const DemoLoadReport report = DemoDataLoader::load(database, DemoDataGenerator::generate(options), options.nowMs);
    QVERIFY2(report.succeeded(), qPrintable(report.failure));
    // A lead without events: counted as unchanged with its stored stage.
    QSqlQuery insert(database.connection());
    QVERIFY(insert.exec(u"INSERT INTO leads (external_id, stage, score, created_at, stage_entered_at)"
                        " VALUES ('no-events', 'Won', 7, 0, 0)"_s));
}

void TestWhatIfQuery::historyHoldsEveryEventGroupedByLead_data()
{
    QTest::addColumn<qint64>("parallelScanMinimum");
    QTest::addRow("one thread") << WhatIfQuery::defaultParallelScanMinimum;
    QTest::addRow("two threads") << qint64(0);
}

void TestWhatIfQuery::historyHoldsEveryEventGroupedByLead()
{
    QFETCH(qint64, parallelScanMinimum);
    Database database;
    QVERIFY(database.open(m_path));
    DatabaseError error;
    qint64 lastStep = 0;
    const auto history = WhatIfQuery::loadHistory(database, [&lastStep](qint64 done, qint64) {
        lastStep = done;
        return true;
    }, &error, parallelScanMinimum);
    QVERIFY2(history, qPrintable(error.message));

    QSqlQuery query(database.connection());
    QVERIFY(query.exec(u"SELECT lead_id, type, occurred_at FROM events ORDER BY lead_id, id"_s));
    qsizetype index = 0;
    qsizetype lead = -1;
    while (query.next()) {
        QVERIFY(index < history->eventCount());
        while (lead < 0 || history->offsets[size_t(lead) + 1] <= quint32(index))
            ++lead;
        QCOMPARE(history->leadIds[size_t(lead)], query.value(0).toLongLong());
        QCOMPARE(history->typeNames.value(history->typeIds[size_t(index)]), query.value(1).toString());
        QCOMPARE(history->times[size_t(index)], query.value(2).toLongLong());
        ++index;
    }
    QCOMPARE(index, history->eventCount());
    QVERIFY(index > 10000);
    QCOMPARE(qsizetype(history->offsets.size()), history->leadCount() + 1);
    QVERIFY(std::is_sorted(history->leadIds.cbegin(), history->leadIds.cend()));
    QCOMPARE(lastStep, qint64(1000));
}

void TestWhatIfQuery::impactMatchesTheSlowReplay()
{
    Database database;
    QVERIFY(database.open(m_path));
    const RuleSet draft = draftRules();
    QList<qint64> progressSteps;
    DatabaseError error;
    const auto impact = WhatIfQuery::run(database, RuleSet::defaults(), draft, m_now,
                                         [&progressSteps](qint64 done, qint64 all) {
                                             progressSteps.append(done * 100 / all);
                                             return true;
                                         },
                                         &error);
    QVERIFY2(impact, qPrintable(error.message));
    QVERIFY(!progressSteps.isEmpty());
    QCOMPARE(progressSteps.last(), 100);
    QVERIFY(std::is_sorted(progressSteps.cbegin(), progressSteps.cend()));

    // The slow path: funnel::apply over each lead's stored events (LeadReplay), plus the decay due now.
    const auto current = LeadReplay::replayAll(database, RuleSet::defaults());
    const auto drafted = LeadReplay::replayAll(database, draft);
    QVERIFY(current && drafted);
    // Like a rescore, the preview keeps the stages people set (Won, Lost, manual moves).
    const auto pinned = Rescorer::pinnedStages(database);
    QVERIFY(pinned && !pinned->isEmpty());
    std::array<std::array<qint64, 5>, 5> moves{};
    qint64 moved = 0;
    for (auto it = current->cbegin(); it != current->cend(); ++it) {
        const Stage now = pinned->value(it.key(), it.value().stage);
        const Stage then = pinned->value(it.key(), drafted->value(it.key()).stage);
        ++moves[size_t(now)][size_t(then)];
        moved += now == then ? 0 : 1;
    }
    ++moves[size_t(Stage::Won)][size_t(Stage::Won)]; // the lead without events
    QCOMPARE(impact->moves, moves);
    QCOMPARE(impact->movedLeads, moved);
    QVERIFY(moved > 0);

    QSqlQuery count(database.connection());
    QVERIFY(count.exec(u"SELECT count(*) FROM leads"_s) && count.next());
    QCOMPARE(impact->leads, count.value(0).toLongLong());
    qint64 current0 = 0;
    qint64 draft0 = 0;
    for (const WhatIfImpact::Bucket &bucket : impact->histogram) {
        current0 += bucket.current;
        draft0 += bucket.draft;
    }
    QCOMPARE(current0, impact->leads);
    QCOMPARE(draft0, impact->leads);
    QVERIFY(!impact->sample.isEmpty());
    for (const WhatIfImpact::MovingLead &lead : impact->sample)
        QCOMPARE(applyDecay(drafted->value(lead.leadId), m_now, draft).next.score, lead.draftScore);
}

void TestWhatIfQuery::sameRulesMoveNothing()
{
    Database database;
    QVERIFY(database.open(m_path));
    const auto impact = WhatIfQuery::run(database, RuleSet::defaults(), RuleSet::defaults(), m_now);
    QVERIFY(impact);
    QCOMPARE(impact->movedLeads, qint64(0));
    QCOMPARE(impact->currentStages, impact->draftStages);
}

void TestWhatIfQuery::cancelIsNotAnError()
{
    Database database;
    QVERIFY(database.open(m_path));
    DatabaseError error;
    error.kind = DatabaseError::Kind::Other;
    const auto impact = WhatIfQuery::run(database, RuleSet::defaults(), draftRules(), m_now,
                                         [](qint64 done, qint64) { return done < 1000; }, &error);
    QVERIFY(!impact);
    QCOMPARE(error.kind, DatabaseError::Kind::None);
}

void TestWhatIfQuery::emptyDatabase()
{
    QTemporaryDir dir;
    Database database;
    QVERIFY(database.open(dir.filePath(u"empty.sqlite"_s)));
    const auto impact = WhatIfQuery::run(database, RuleSet::defaults(), draftRules(), m_now);
    QVERIFY(impact);
    QCOMPARE(impact->leads, qint64(0));
    QVERIFY(impact->histogram.isEmpty());
}

QTEST_GUILESS_MAIN(TestWhatIfQuery)
#include "tst_whatifquery.moc"
