#include "core/domain/transitiontable.h"

#include <QTest>

using namespace funnel;

Q_DECLARE_METATYPE(funnel::Stage)
Q_DECLARE_METATYPE(funnel::MoveCause)

class TestTransitionTable : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void everyPair_data();
    void everyPair();
    void refusalsExplainThemselves();
    void manualTargets();
    void reasonsRequired();
};

// The table of DESIGN.md, written out independently of the implementation: for each cause, the
// (from, to) pairs it allows. Every other pair of the 5x5 grid must be refused.
void TestTransitionTable::everyPair_data()
{
    QTest::addColumn<Stage>("from");
    QTest::addColumn<Stage>("to");
    QTest::addColumn<MoveCause>("cause");
    QTest::addColumn<bool>("allowed");

    const QList<std::pair<Stage, Stage>> gate{{Stage::Cold, Stage::MQL}, {Stage::MQL, Stage::SQL},
                                              {Stage::Cold, Stage::SQL}, {Stage::SQL, Stage::Won}};
    const QList<std::pair<Stage, Stage>> threshold{{Stage::Cold, Stage::MQL}, {Stage::MQL, Stage::SQL}};
    const QList<std::pair<Stage, Stage>> manual{{Stage::Cold, Stage::MQL}, {Stage::MQL, Stage::SQL}, {Stage::SQL, Stage::Won},
                                                {Stage::Cold, Stage::Lost}, {Stage::MQL, Stage::Lost}, {Stage::SQL, Stage::Lost},
                                                {Stage::SQL, Stage::MQL}, {Stage::Lost, Stage::Cold}};
    const QList<std::pair<MoveCause, QList<std::pair<Stage, Stage>>>> causes{
        {MoveCause::GateEvent, gate}, {MoveCause::Threshold, threshold}, {MoveCause::Manual, manual}};

    for (const auto &[cause, allowedPairs] : causes) {
        for (Stage from : allStages) {
            for (Stage to : allStages) {
                const bool allowed = allowedPairs.contains(std::pair{from, to});
                QTest::addRow("%s %s->%s", qPrintable(moveCauseName(cause)), qPrintable(stageName(from)),
                              qPrintable(stageName(to)))
                    << from << to << cause << allowed;
            }
        }
    }
}

void TestTransitionTable::everyPair()
{
    QFETCH(Stage, from);
    QFETCH(Stage, to);
    QFETCH(MoveCause, cause);
    QFETCH(bool, allowed);

    const TransitionVerdict verdict = TransitionTable::check(from, to, cause);
    QCOMPARE(verdict.allowed, allowed);
    QCOMPARE(verdict.refusal.isEmpty(), allowed);
}

void TestTransitionTable::refusalsExplainThemselves()
{
    QVERIFY(TransitionTable::check(Stage::Won, Stage::Lost, MoveCause::Manual).refusal.contains(QStringLiteral("final")));
    QVERIFY(TransitionTable::check(Stage::Cold, Stage::SQL, MoveCause::Manual).refusal.contains(QStringLiteral("demo")));
    QVERIFY(TransitionTable::check(Stage::Lost, Stage::MQL, MoveCause::Manual).refusal.contains(QStringLiteral("recycled")));
    QVERIFY(TransitionTable::check(Stage::MQL, Stage::MQL, MoveCause::Manual).refusal.contains(QStringLiteral("already")));
    // Won can still be left through undo of the move that won it.
    QVERIFY(TransitionTable::check(Stage::Won, Stage::SQL, MoveCause::Undo).allowed);
}

void TestTransitionTable::manualTargets()
{
    QCOMPARE(TransitionTable::manualTargets(Stage::Cold), (QList<Stage>{Stage::MQL, Stage::Lost}));
    QCOMPARE(TransitionTable::manualTargets(Stage::SQL), (QList<Stage>{Stage::MQL, Stage::Won, Stage::Lost}));
    QCOMPARE(TransitionTable::manualTargets(Stage::Won), QList<Stage>{});
    QCOMPARE(TransitionTable::manualTargets(Stage::Lost), QList<Stage>{Stage::Cold});
}

void TestTransitionTable::reasonsRequired()
{
    QVERIFY(TransitionTable::requiresReason(Stage::Cold, Stage::Lost));
    QVERIFY(TransitionTable::requiresReason(Stage::SQL, Stage::MQL));
    QVERIFY(!TransitionTable::requiresReason(Stage::MQL, Stage::SQL));
    QVERIFY(!TransitionTable::requiresReason(Stage::Lost, Stage::Cold));
}

QTEST_GUILESS_MAIN(TestTransitionTable)
#include "tst_transitiontable.moc"
