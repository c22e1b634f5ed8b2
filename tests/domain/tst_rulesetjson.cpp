#include "core/io/rulesetjson.h"

#include <QTest>

using namespace funnel;
using namespace Qt::StringLiterals;

class TestRuleSetJson : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void defaultsRoundTrip();
    void editedRulesRoundTrip();
    void minimalDocument();
    void errorsNameTheField_data();
    void errorsNameTheField();
};

void TestRuleSetJson::defaultsRoundTrip()
{
    QString error;
    const auto parsed = RuleSetJson::fromJson(RuleSetJson::toJson(RuleSet::defaults()), &error);
    QVERIFY2(parsed, qPrintable(error));
    QCOMPARE(*parsed, RuleSet::defaults());
    QCOMPARE(parsed->ruleFor(u"REQUESTED_DEMO"_s)->gate, Stage::SQL);
    QCOMPARE(parsed->ruleFor(u"VIEWED_PRICING"_s)->cap->points, 30);
}

void TestRuleSetJson::editedRulesRoundTrip()
{
    RuleSet rules = RuleSet::defaults();
    rules.setThresholds(35, 90);
    rules.setDecay(DecayPolicy{true, 14, 3, 2, -5});
    rules.setRule(Rule{u"WATCHED_WEBINAR"_s, 7, Stage::MQL, u"WEBINAR_FOLLOW_UP"_s, PointsCap{14, CapPeriod::Week}});
    rules.removeRule(u"UNSUBSCRIBED"_s);
    QString error;
    const auto parsed = RuleSetJson::fromJson(RuleSetJson::toJson(rules), &error);
    QVERIFY2(parsed, qPrintable(error));
    QCOMPARE(*parsed, rules);
    QVERIFY(parsed->ruleFor(u"UNSUBSCRIBED"_s) == nullptr);
}

void TestRuleSetJson::minimalDocument()
{
    QString error;
    const auto parsed = RuleSetJson::fromJson(R"({"rules":[{"eventType":"X","points":3}]})", &error);
    QVERIFY2(parsed, qPrintable(error));
    QCOMPARE(parsed->rules().size(), 1);
    QCOMPARE(parsed->mqlThreshold(), RuleSet::defaultMqlThreshold);
    QVERIFY(!parsed->decay().enabled);
}

void TestRuleSetJson::errorsNameTheField_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<QString>("expected");

    QTest::addRow("not json") << QByteArray("{rules:") << u"invalid JSON at offset"_s;
    QTest::addRow("array root") << QByteArray("[]") << u"expected a JSON object"_s;
    QTest::addRow("wrong format") << QByteArray(R"({"format":"other"})") << u"format: expected \"funnelboard-rules\""_s;
    QTest::addRow("newer version") << QByteArray(R"({"version":7})") << u"version: expected 1 or lower"_s;
    QTest::addRow("points as text") << QByteArray(R"({"rules":[{"eventType":"A","points":1},{"eventType":"B","points":"ten"}]})")
                                    << u"rules[1].points: expected a whole number, found \"ten\""_s;
    QTest::addRow("fractional points") << QByteArray(R"({"rules":[{"eventType":"A","points":1.5}]})")
                                       << u"rules[0].points: expected a whole number, found 1.5"_s;
    QTest::addRow("missing type") << QByteArray(R"({"rules":[{"points":1}]})") << u"rules[0].eventType: expected a non-empty string"_s;
    QTest::addRow("bad gate") << QByteArray(R"({"rules":[{"eventType":"A","gate":"Lost"}]})")
                              << u"rules[0].gate: expected one of MQL, SQL, Won, found \"Lost\""_s;
    QTest::addRow("bad cap period") << QByteArray(R"({"rules":[{"eventType":"A","cap":{"points":3,"per":"month"}}]})")
                                    << u"rules[0].cap.per: expected one of day, week, ever"_s;
    QTest::addRow("negative cap") << QByteArray(R"({"rules":[{"eventType":"A","cap":{"points":-3,"per":"day"}}]})")
                                  << u"rules[0].cap.points: expected a whole number of 0 or more"_s;
    QTest::addRow("duplicate rule") << QByteArray(R"({"rules":[{"eventType":"A"},{"eventType":"A"}]})")
                                    << u"rules[1].eventType: \"A\" has a rule already"_s;
    QTest::addRow("rules not array") << QByteArray(R"({"rules":{}})") << u"rules: expected an array"_s;
    QTest::addRow("thresholds inverted") << QByteArray(R"({"thresholds":{"mql":50,"sql":50}})")
                                         << u"thresholds.sql: expected a threshold above the MQL threshold (50)"_s;
    QTest::addRow("decay every 0 days") << QByteArray(R"({"decay":{"everyDays":0}})")
                                        << u"decay.everyDays: expected a whole number of 1 or more, found 0"_s;
    QTest::addRow("decay enabled as text") << QByteArray(R"({"decay":{"enabled":"yes"}})")
                                           << u"decay.enabled: expected true or false"_s;
}

void TestRuleSetJson::errorsNameTheField()
{
    QFETCH(QByteArray, json);
    QFETCH(QString, expected);
    QString error;
    QVERIFY(!RuleSetJson::fromJson(json, &error));
    QVERIFY2(error.contains(expected), qPrintable(u"got: "_s + error));
}

QTEST_GUILESS_MAIN(TestRuleSetJson)
#include "tst_rulesetjson.moc"
