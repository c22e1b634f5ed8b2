#include "core/domain/compiledruleset.h"
#include "core/domain/eventhistory.h"
#include "core/domain/rulesetreplay.h"
#include "core/domain/scoringengine.h"
#include "core/domain/whatifanalysis.h"
#include "core/io/demodatagenerator.h"

#include <QDateTime>
#include <QHash>
#include <QMap>
#include <QTest>

using namespace funnel;
using namespace Qt::StringLiterals;

Q_DECLARE_METATYPE(funnel::RuleSet)

namespace {

const qint64 nowMs = QDateTime(QDate(2026, 11, 27), QTime(12, 0), Qt::UTC).toMSecsSinceEpoch();

// The demo data as an EventHistory: leads in order of first appearance, events in file order.
EventHistory demoHistory(QHash<qint64, QList<Event>> *eventsByLead)
{
    DemoDataGenerator::Options options;
    options.nowMs = nowMs;
    const DemoDataSet demo = DemoDataGenerator::generate(options);
    QHash<QString, qint64> leadIds;
    QHash<QString, qint32> typeIds;
    QMap<qint64, QList<std::pair<qint32, qint64>>> byLead;
    EventHistory history;
    for (const EventRecord &record : demo.events) {
        const QString user = record.userId.isEmpty() ? record.email : record.userId;
        const qint64 leadId = leadIds.value(user, leadIds.size() + 1);
        leadIds.insert(user, leadId);
        if (!typeIds.contains(record.eventType)) {
            typeIds.insert(record.eventType, qint32(history.typeNames.size()));
            history.typeNames.append(record.eventType);
        }
        const qint64 atMs = record.atMs.value_or(nowMs);
        byLead[leadId].append({typeIds.value(record.eventType), atMs});
        (*eventsByLead)[leadId].append(Event{record.eventType, atMs});
    }
    history.offsets.push_back(0);
    for (auto it = byLead.cbegin(); it != byLead.cend(); ++it) {
        history.leadIds.push_back(it.key());
        for (const auto &[type, at] : it.value()) {
            history.typeIds.push_back(type);
            history.times.push_back(at);
        }
        history.offsets.push_back(quint32(history.typeIds.size()));
    }
    return history;
}

LeadState foldApply(const QList<Event> &events, const RuleSet &rules, qint64 asOfMs)
{
    LeadState state;
    for (const Event &event : events)
        state = apply(state, event, rules).next;
    if (asOfMs > 0)
        state = applyDecay(state, asOfMs, rules).next;
    return state;
}

WhatIfAnalysis::Options options(qint64 asOfMs, int sampleSize)
{
    WhatIfAnalysis::Options options;
    options.asOfMs = asOfMs;
    options.sampleSize = sampleSize;
    return options;
}

RuleSet tunedRules()
{
    RuleSet rules = RuleSet::defaults();
    rules.setThresholds(25, 60);
    rules.setRule(Rule{u"VIEWED_PRICING"_s, 7, std::nullopt, {}, PointsCap{20, CapPeriod::Week}});
    rules.setRule(Rule{u"ABANDONED_CHECKOUT"_s, 25, Stage::MQL, {}, PointsCap{25, CapPeriod::Ever}});
    rules.removeRule(u"REQUESTED_DEMO"_s);
    rules.setDecay(DecayPolicy{true, 10, 3, 4, 5});
    return rules;
}

} // namespace

class TestRulesetReplay : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void equalsApplyOverDemoData_data();
    void equalsApplyOverDemoData();
    void gateTargetsFollowTheTransitionTable();
    void whatIfOfSameRulesMovesNothing();
    void whatIfCountsMovesAndExplainsThem();
    void whatIfCancels();
};

void TestRulesetReplay::equalsApplyOverDemoData_data()
{
    QTest::addColumn<RuleSet>("rules");
    QTest::addColumn<qint64>("asOfMs");
    RuleSet noDecay = RuleSet::defaults();
    noDecay.setDecay(DecayPolicy{});
    QTest::addRow("defaults, no final decay") << RuleSet::defaults() << qint64(0);
    QTest::addRow("defaults, decay at now") << RuleSet::defaults() << nowMs;
    QTest::addRow("defaults, decay a year later") << RuleSet::defaults() << nowMs + 365LL * 24 * 3600 * 1000;
    QTest::addRow("tuned, decay at now") << tunedRules() << nowMs;
    QTest::addRow("decay off") << noDecay << nowMs;
    QTest::addRow("empty rules") << RuleSet() << nowMs;
}

void TestRulesetReplay::equalsApplyOverDemoData()
{
    QFETCH(RuleSet, rules);
    QFETCH(qint64, asOfMs);
    QHash<qint64, QList<Event>> eventsByLead;
    const EventHistory history = demoHistory(&eventsByLead);
    QVERIFY(history.leadCount() > 1000);
    QVERIFY(history.eventCount() > 50000);

    const CompiledRuleSet compiled(rules, history.typeNames);
    RulesetReplay replay(compiled);
    int moved = 0;
    for (qsizetype i = 0; i < history.leadCount(); ++i) {
        const quint32 begin = history.offsets[size_t(i)];
        const ReplayedLead fast = replay.replay(history.typeIds.data() + begin, history.times.data() + begin,
                                                qsizetype(history.offsets[size_t(i) + 1] - begin), asOfMs);
        const LeadState slow = foldApply(eventsByLead.value(history.leadIds[size_t(i)]), rules, asOfMs);
        const QByteArray where = "lead " + QByteArray::number(history.leadIds[size_t(i)]);
        QVERIFY2(fast.stage == slow.stage, where.constData());
        QVERIFY2(fast.score == slow.score, where.constData());
        QVERIFY2(fast.lastActivityMs == slow.lastActivityMs, where.constData());
        QVERIFY2(fast.decayStepsApplied == slow.decayStepsApplied, where.constData());
        moved += fast.moved ? 1 : 0;
    }
    if (!rules.rules().isEmpty())
        QVERIFY(moved > 0); // the data exercises gates and thresholds
}

void TestRulesetReplay::gateTargetsFollowTheTransitionTable()
{
    const CompiledRuleSet rules(RuleSet::defaults(), {});
    QCOMPARE(rules.gateTarget(Stage::Cold, Stage::SQL), Stage::SQL);
    QCOMPARE(rules.gateTarget(Stage::Cold, Stage::Won), Stage::Cold); // refused
    QCOMPARE(rules.gateTarget(Stage::SQL, Stage::MQL), Stage::SQL);   // never backwards
    QCOMPARE(rules.gateTarget(Stage::Lost, Stage::MQL), Stage::Lost);
    QCOMPARE(rules.gateTarget(Stage::SQL, Stage::Won), Stage::Won);
}

void TestRulesetReplay::whatIfOfSameRulesMovesNothing()
{
    QHash<qint64, QList<Event>> eventsByLead;
    const EventHistory history = demoHistory(&eventsByLead);
    const auto impact = WhatIfAnalysis::compare(history, RuleSet::defaults(), RuleSet::defaults(), options(nowMs, 20));
    QVERIFY(impact);
    QCOMPARE(impact->movedLeads, qint64(0));
    QCOMPARE(impact->rescoredLeads, qint64(0));
    QCOMPARE(impact->currentStages, impact->draftStages);
    QVERIFY(impact->sample.isEmpty());
    QCOMPARE(impact->leads, history.leadCount());
    qint64 inHistogram = 0;
    for (const WhatIfImpact::Bucket &bucket : impact->histogram) {
        QCOMPARE(bucket.current, bucket.draft);
        inHistogram += bucket.current;
    }
    QCOMPARE(inHistogram, impact->leads);
}

void TestRulesetReplay::whatIfCountsMovesAndExplainsThem()
{
    QHash<qint64, QList<Event>> eventsByLead;
    const EventHistory history = demoHistory(&eventsByLead);
    const RuleSet draft = tunedRules();
    const auto impact = WhatIfAnalysis::compare(history, RuleSet::defaults(), draft, options(nowMs, 5));
    QVERIFY(impact);
    QVERIFY(impact->movedLeads > 0);
    QCOMPARE(impact->sample.size(), 5);

    // Every count is backed by the slow path, lead by lead.
    std::array<std::array<qint64, 5>, 5> moves{};
    for (auto it = eventsByLead.cbegin(); it != eventsByLead.cend(); ++it) {
        const Stage now = foldApply(it.value(), RuleSet::defaults(), nowMs).stage;
        const Stage then = foldApply(it.value(), draft, nowMs).stage;
        ++moves[size_t(now)][size_t(then)];
    }
    QCOMPARE(impact->moves, moves);
    qint64 offDiagonal = 0;
    for (Stage from : allStages) {
        qint64 row = 0;
        for (Stage to : allStages) {
            row += impact->moves[size_t(from)][size_t(to)];
            offDiagonal += from == to ? 0 : impact->moves[size_t(from)][size_t(to)];
        }
        QCOMPARE(row, impact->currentStages[size_t(from)]);
    }
    QCOMPARE(offDiagonal, impact->movedLeads);

    for (const WhatIfImpact::MovingLead &lead : impact->sample) {
        QVERIFY(lead.from != lead.to);
        QVERIFY2(!lead.reason.isEmpty(), qPrintable(QString::number(lead.leadId)));
        QCOMPARE(foldApply(eventsByLead.value(lead.leadId), draft, nowMs).score, lead.draftScore);
    }
}

void TestRulesetReplay::whatIfCancels()
{
    QHash<qint64, QList<Event>> eventsByLead;
    const EventHistory history = demoHistory(&eventsByLead);
    int calls = 0;
    WhatIfAnalysis::Options cancelling = options(nowMs, 20);
    cancelling.progress = [&calls](qsizetype done, qsizetype) {
        ++calls;
        return done == 0;
    };
    QVERIFY(!WhatIfAnalysis::compare(history, RuleSet::defaults(), tunedRules(), cancelling));
    QCOMPARE(calls, 2);
}

QTEST_GUILESS_MAIN(TestRulesetReplay)
#include "tst_rulesetreplay.moc"
