#include "core/domain/scoringengine.h"

#include <QDateTime>
#include <QTest>

using namespace funnel;
using namespace Qt::StringLiterals;

Q_DECLARE_METATYPE(funnel::Stage)

namespace {

constexpr qint64 dayMs = 24LL * 3600 * 1000;
const qint64 t0 = QDateTime(QDate(2026, 11, 2), QTime(9, 0), Qt::UTC).toMSecsSinceEpoch(); // a Monday

LeadState lead(Stage stage, int score, qint64 lastActivityMs = t0)
{
    LeadState state;
    state.stage = stage;
    state.score = score;
    state.lastActivityMs = lastActivityMs;
    return state;
}

Event eventAt(const char *type, qint64 atMs = t0)
{
    return Event{QString::fromLatin1(type), atMs};
}

QList<std::pair<Stage, Stage>> moves(const Outcome &outcome)
{
    QList<std::pair<Stage, Stage>> result;
    for (const StageChanged &change : outcome.effectsOf<StageChanged>())
        result.append({change.from, change.to});
    return result;
}

} // namespace

class TestScoringEngine : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void defaultRules_data();
    void defaultRules();
    void sqlThreshold_data();
    void sqlThreshold();
    void coldLeadRequestingDemoGoesStraightToSql();
    void gateThenThresholdChain();
    void thresholdChainFromCold();
    void negativePointsNeverDemote();
    void caps_data();
    void caps();
    void capPeriodStarts();
    void decay_data();
    void decay();
    void decayIsIdempotent();
    void decayRespectsFloorAndNegativeScores();
    void unknownEventTypeScoresZero();
    void refusedGatesAreReported();
    void gatesNeverMoveBackwards();
    void manualMoves();
};

void TestScoringEngine::defaultRules_data()
{
    QTest::addColumn<QString>("type");
    QTest::addColumn<Stage>("from");
    QTest::addColumn<int>("delta");
    QTest::addColumn<Stage>("to");
    QTest::addColumn<QString>("campaign");

    const QString none;
    QTest::addRow("viewed pricing") << u"VIEWED_PRICING"_s << Stage::Cold << 10 << Stage::Cold << none;
    QTest::addRow("api docs") << u"DOWNLOADED_API_DOCS"_s << Stage::Cold << 20 << Stage::MQL << u"API_DEEP_DIVE_SEQUENCE"_s;
    QTest::addRow("abandoned checkout") << u"ABANDONED_CHECKOUT"_s << Stage::Cold << 15 << Stage::Cold << u"CART_RECOVERY_SEQUENCE"_s;
    QTest::addRow("newsletter") << u"SIGNED_UP_NEWSLETTER"_s << Stage::Cold << 0 << Stage::MQL << none;
    QTest::addRow("demo from MQL") << u"REQUESTED_DEMO"_s << Stage::MQL << 0 << Stage::SQL << none;
    QTest::addRow("rate limit") << u"HIT_RATE_LIMIT"_s << Stage::MQL << 0 << Stage::MQL << u"RATE_LIMIT_HELP_SEQUENCE"_s;
    QTest::addRow("contract signed") << u"CONTRACT_SIGNED"_s << Stage::SQL << 0 << Stage::Won << none;
    QTest::addRow("payment succeeded") << u"PAYMENT_SUCCEEDED"_s << Stage::SQL << 0 << Stage::Won << none;
    QTest::addRow("unsubscribed") << u"UNSUBSCRIBED"_s << Stage::MQL << -30 << Stage::MQL << none;
}

void TestScoringEngine::defaultRules()
{
    QFETCH(QString, type);
    QFETCH(Stage, from);
    QFETCH(int, delta);
    QFETCH(Stage, to);
    QFETCH(QString, campaign);

    const LeadState before = lead(from, 5);
    const Outcome outcome = apply(before, Event{type, t0 + 1000}, RuleSet::defaults());
    QCOMPARE(outcome.next.score, 5 + delta);
    QCOMPARE(outcome.points, delta);
    QCOMPARE(outcome.next.stage, to);
    QCOMPARE(outcome.next.lastActivityMs, t0 + 1000);
    const QList<Enroll> enrolls = outcome.effectsOf<Enroll>();
    QCOMPARE(enrolls.isEmpty(), campaign.isEmpty());
    if (!campaign.isEmpty())
        QCOMPARE(enrolls.first().campaign, campaign);
    if (to != from) {
        QCOMPARE(moves(outcome), (QList<std::pair<Stage, Stage>>{{from, to}}));
        QCOMPARE(outcome.effectsOf<StageChanged>().first().cause, MoveCause::GateEvent);
        QCOMPARE(outcome.effectsOf<StageChanged>().first().reason, type);
    } else {
        QVERIFY(moves(outcome).isEmpty());
    }
    QCOMPARE(outcome.effectsOf<NotifySales>().size(), to == Stage::SQL ? 1 : 0);
}

void TestScoringEngine::sqlThreshold_data()
{
    QTest::addColumn<int>("scoreAfter");
    QTest::addColumn<Stage>("expected");
    QTest::addRow("79 stays MQL") << 79 << Stage::MQL;
    QTest::addRow("80 becomes SQL") << 80 << Stage::SQL;
    QTest::addRow("81 becomes SQL") << 81 << Stage::SQL;
}

void TestScoringEngine::sqlThreshold()
{
    QFETCH(int, scoreAfter);
    QFETCH(Stage, expected);

    const Outcome outcome = apply(lead(Stage::MQL, scoreAfter - 10), eventAt("VIEWED_PRICING"), RuleSet::defaults());
    QCOMPARE(outcome.next.score, scoreAfter);
    QCOMPARE(outcome.next.stage, expected);
    if (expected == Stage::SQL) {
        const QList<StageChanged> changes = outcome.effectsOf<StageChanged>();
        QCOMPARE(changes.size(), 1);
        QCOMPARE(changes.first().cause, MoveCause::Threshold);
        QCOMPARE(outcome.effectsOf<NotifySales>().size(), 1);
    } else {
        QVERIFY(outcome.effectsOf<StageChanged>().isEmpty());
        QVERIFY(outcome.effectsOf<NotifySales>().isEmpty());
    }
}

void TestScoringEngine::coldLeadRequestingDemoGoesStraightToSql()
{
    const Outcome outcome = apply(LeadState{}, eventAt("REQUESTED_DEMO"), RuleSet::defaults());
    QCOMPARE(outcome.next.stage, Stage::SQL);
    QCOMPARE(moves(outcome), (QList<std::pair<Stage, Stage>>{{Stage::Cold, Stage::SQL}}));
    QCOMPARE(outcome.effectsOf<NotifySales>().size(), 1);
}

void TestScoringEngine::gateThenThresholdChain()
{
    // 70 + 20 = 90: the docs gate lifts the lead to MQL, then the SQL threshold takes it on.
    const Outcome outcome = apply(lead(Stage::Cold, 70), eventAt("DOWNLOADED_API_DOCS"), RuleSet::defaults());
    QCOMPARE(outcome.next.stage, Stage::SQL);
    QCOMPARE(moves(outcome), (QList<std::pair<Stage, Stage>>{{Stage::Cold, Stage::MQL}, {Stage::MQL, Stage::SQL}}));
    const QList<StageChanged> changes = outcome.effectsOf<StageChanged>();
    QCOMPARE(changes.at(0).cause, MoveCause::GateEvent);
    QCOMPARE(changes.at(1).cause, MoveCause::Threshold);
    QCOMPARE(outcome.effectsOf<Enroll>().size(), 1);
}

void TestScoringEngine::thresholdChainFromCold()
{
    // Cold never jumps to SQL by score alone: it passes through MQL, and history shows both steps.
    RuleSet rules = RuleSet::defaults();
    rules.setRule(Rule{u"BIG_INTENT"_s, 100, std::nullopt, {}, std::nullopt});
    const Outcome outcome = apply(LeadState{}, eventAt("BIG_INTENT"), rules);
    QCOMPARE(moves(outcome), (QList<std::pair<Stage, Stage>>{{Stage::Cold, Stage::MQL}, {Stage::MQL, Stage::SQL}}));
    QVERIFY(outcome.effectsOf<StageChanged>().at(0).reason.contains(u"100 >= 40"_s));
}

void TestScoringEngine::negativePointsNeverDemote()
{
    const Outcome outcome = apply(lead(Stage::SQL, 10), eventAt("UNSUBSCRIBED"), RuleSet::defaults());
    QCOMPARE(outcome.next.score, -20);
    QCOMPARE(outcome.next.stage, Stage::SQL);
    QCOMPARE(outcome.effectsOf<ScoreChanged>(), (QList<ScoreChanged>{{-30, u"UNSUBSCRIBED"_s, -30}}));
}

void TestScoringEngine::caps_data()
{
    QTest::addColumn<QString>("period");
    QTest::addColumn<QList<qint64>>("offsets"); // event times after t0 (a Monday 09:00 UTC)
    QTest::addColumn<int>("expectedScore");

    const qint64 h = 3600 * 1000;
    QTest::addRow("day: 4 views in a day give 30") << u"day"_s << QList<qint64>{0, h, 2 * h, 3 * h} << 30;
    QTest::addRow("day: the next day starts again") << u"day"_s << QList<qint64>{0, h, 2 * h, 3 * h, dayMs} << 40;
    QTest::addRow("day: UTC midnight splits periods") << u"day"_s << QList<qint64>{14 * h, 14 * h, 15 * h, 15 * h} << 40;
    QTest::addRow("week: Sunday and Monday differ") << u"week"_s << QList<qint64>{0, 6 * dayMs, 6 * dayMs, 6 * dayMs, 7 * dayMs} << 40;
    QTest::addRow("ever: never more than 30") << u"ever"_s << QList<qint64>{0, h, 10 * dayMs, 100 * dayMs} << 30;
}

void TestScoringEngine::caps()
{
    QFETCH(QString, period);
    QFETCH(QList<qint64>, offsets);
    QFETCH(int, expectedScore);

    RuleSet rules = RuleSet::defaults();
    rules.setDecay(DecayPolicy{});
    rules.setThresholds(1000, 2000);
    rules.setRule(Rule{u"VIEWED_PRICING"_s, 10, std::nullopt, {}, PointsCap{30, *capPeriodFromName(period)}});
    LeadState state;
    int ledger = 0;
    for (qint64 offset : offsets) {
        const Outcome outcome = apply(state, Event{u"VIEWED_PRICING"_s, t0 + offset}, rules);
        ledger += outcome.points;
        state = outcome.next;
    }
    QCOMPARE(state.score, expectedScore);
    QCOMPARE(ledger, expectedScore);
}

void TestScoringEngine::capPeriodStarts()
{
    const qint64 monday = t0 - 9 * 3600 * 1000;
    QCOMPARE(capPeriodStart(CapPeriod::Day, t0), monday);
    QCOMPARE(capPeriodStart(CapPeriod::Week, t0 + 6 * dayMs), monday);
    QCOMPARE(capPeriodStart(CapPeriod::Week, t0 + 7 * dayMs), monday + 7 * dayMs);
    QCOMPARE(capPeriodStart(CapPeriod::Week, 0), -3 * dayMs); // 1970-01-01 was a Thursday
    QCOMPARE(capPeriodStart(CapPeriod::Day, -1), -dayMs);
}

void TestScoringEngine::decay_data()
{
    QTest::addColumn<int>("silentDays");
    QTest::addColumn<int>("expectedScore");
    // Defaults: after 30 silent days, -5 every 7 days, floor 0. The event itself (VIEWED_PRICING)
    // adds 10 after the decay due before it.
    QTest::addRow("29 days: nothing") << 29 << 60;
    QTest::addRow("30 days: one step") << 30 << 55;
    QTest::addRow("36 days: one step") << 36 << 55;
    QTest::addRow("37 days: two steps") << 37 << 50;
    QTest::addRow("44 days: three steps") << 44 << 45;
    QTest::addRow("400 days: down to the floor") << 400 << 10;
}

void TestScoringEngine::decay()
{
    QFETCH(int, silentDays);
    QFETCH(int, expectedScore);

    const Outcome outcome = apply(lead(Stage::MQL, 50), eventAt("VIEWED_PRICING", t0 + silentDays * dayMs), RuleSet::defaults());
    QCOMPARE(outcome.next.score, expectedScore);
    QCOMPARE(outcome.next.decayStepsApplied, 0); // the event is fresh activity
    int ledger = 50;
    for (const ScoreChanged &change : outcome.effectsOf<ScoreChanged>())
        ledger += change.delta;
    QCOMPARE(ledger, expectedScore);
}

void TestScoringEngine::decayIsIdempotent()
{
    const RuleSet rules = RuleSet::defaults();
    const Outcome first = applyDecay(lead(Stage::MQL, 50), t0 + 44 * dayMs, rules);
    QCOMPARE(first.next.score, 35);
    QCOMPARE(first.next.decayStepsApplied, 3);
    const Outcome again = applyDecay(first.next, t0 + 44 * dayMs, rules);
    QCOMPARE(again.next, first.next);
    QVERIFY(again.effects.isEmpty());
    const Outcome later = applyDecay(first.next, t0 + 51 * dayMs, rules);
    QCOMPARE(later.next.score, 30);
    // A later event accounts only for steps not yet taken.
    const Outcome withEvent = apply(later.next, eventAt("VIEWED_PRICING", t0 + 52 * dayMs), rules);
    QCOMPARE(withEvent.next.score, 40);
}

void TestScoringEngine::decayRespectsFloorAndNegativeScores()
{
    RuleSet rules = RuleSet::defaults();
    rules.setDecay(DecayPolicy{true, 10, 1, 5, 20});
    QCOMPARE(applyDecay(lead(Stage::Cold, 50), t0 + 100 * dayMs, rules).next.score, 20);
    QCOMPARE(applyDecay(lead(Stage::Cold, -10), t0 + 100 * dayMs, rules).next.score, -10);
    rules.setDecay(DecayPolicy{});
    QCOMPARE(applyDecay(lead(Stage::Cold, 50), t0 + 100 * dayMs, rules).next.score, 50);
    // A lead that never had an event has nothing to decay from.
    QCOMPARE(applyDecay(lead(Stage::Cold, 50, 0), t0 + 100 * dayMs, RuleSet::defaults()).next.score, 50);
}

void TestScoringEngine::unknownEventTypeScoresZero()
{
    const Outcome outcome = apply(lead(Stage::MQL, 42), eventAt("WATCHED_WEBINAR", t0 + 5000), RuleSet::defaults());
    QCOMPARE(outcome.next.score, 42);
    QCOMPARE(outcome.points, 0);
    QCOMPARE(outcome.next.stage, Stage::MQL);
    QVERIFY(outcome.effects.isEmpty());
    QCOMPARE(outcome.next.lastActivityMs, t0 + 5000);
}

void TestScoringEngine::refusedGatesAreReported()
{
    const Outcome cold = apply(lead(Stage::Cold, 0), eventAt("CONTRACT_SIGNED"), RuleSet::defaults());
    QCOMPARE(cold.next.stage, Stage::Cold);
    QCOMPARE(cold.effectsOf<MoveRefused>().size(), 1);
    QCOMPARE(cold.effectsOf<MoveRefused>().first().to, Stage::Won);

    const Outcome lost = apply(lead(Stage::Lost, 0), eventAt("REQUESTED_DEMO"), RuleSet::defaults());
    QCOMPARE(lost.next.stage, Stage::Lost);
    QCOMPARE(lost.effectsOf<MoveRefused>().size(), 1);
    QVERIFY(!lost.effectsOf<MoveRefused>().first().reason.isEmpty());
}

void TestScoringEngine::gatesNeverMoveBackwards()
{
    const Outcome won = apply(lead(Stage::Won, 0), eventAt("REQUESTED_DEMO"), RuleSet::defaults());
    QCOMPARE(won.next.stage, Stage::Won);
    QVERIFY(won.effectsOf<StageChanged>().isEmpty());
    QVERIFY(won.effectsOf<MoveRefused>().isEmpty());
    const Outcome sql = apply(lead(Stage::SQL, 0), eventAt("SIGNED_UP_NEWSLETTER"), RuleSet::defaults());
    QCOMPARE(sql.next.stage, Stage::SQL);
    QVERIFY(sql.effects.isEmpty());
}

void TestScoringEngine::manualMoves()
{
    const Outcome promoted = applyMove(lead(Stage::MQL, 10), Stage::SQL, MoveCause::Manual, {});
    QCOMPARE(promoted.next.stage, Stage::SQL);
    QCOMPARE(promoted.effectsOf<NotifySales>().size(), 1);

    const Outcome noReason = applyMove(lead(Stage::SQL, 10), Stage::Lost, MoveCause::Manual, u"  "_s);
    QCOMPARE(noReason.next.stage, Stage::SQL);
    QVERIFY(noReason.effectsOf<MoveRefused>().first().reason.contains(u"reason"_s));

    const Outcome lost = applyMove(lead(Stage::SQL, 10), Stage::Lost, MoveCause::Manual, u"went with a competitor"_s);
    QCOMPARE(lost.next.stage, Stage::Lost);
    QCOMPARE(lost.effectsOf<StageChanged>().first().reason, u"went with a competitor"_s);

    const Outcome refused = applyMove(lead(Stage::Won, 10), Stage::Lost, MoveCause::Manual, u"oops"_s);
    QCOMPARE(refused.next.stage, Stage::Won);
    QCOMPARE(refused.effectsOf<MoveRefused>().size(), 1);

    const Outcome undo = applyMove(lead(Stage::Won, 10), Stage::SQL, MoveCause::Undo, {});
    QCOMPARE(undo.next.stage, Stage::SQL);
    QVERIFY(undo.effectsOf<NotifySales>().isEmpty());
}

QTEST_GUILESS_MAIN(TestScoringEngine)
#include "tst_scoringengine.moc"
