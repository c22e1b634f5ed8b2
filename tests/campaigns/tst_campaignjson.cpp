#include "core/campaigns/campaignjson.h"
#include "core/campaigns/defaultcampaigns.h"

#include <QTest>

using namespace funnel;
using namespace Qt::StringLiterals;

class TestCampaignJson : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void roundTrip()
    {
        CampaignBundle bundle;
        bundle.campaigns = DefaultCampaigns::all();
        Campaign custom = DefaultCampaigns::rateLimitHelp();
        custom.name = u"CUSTOM"_s;
        custom.enabled = true;
        custom.trigger = {CampaignTrigger::Kind::ScoreCrossed, {}, Stage::MQL, 55, {}, u"UTC"_s};
        custom.audience = {{Stage::Cold, Stage::MQL}, 10, {u"web"_s}};
        custom.steps[1].webhook.headers = {{u"X-Team"_s, u"growth"_s}};
        custom.steps[1].webhook.method = u"PUT"_s;
        CampaignStep stage;
        stage.id = u"stage"_s;
        stage.kind = CampaignStep::Kind::Condition;
        stage.condition.kind = ConditionSpec::Kind::StageIs;
        stage.condition.stage = Stage::MQL;
        stage.yesStep = u"s1"_s;
        custom.steps.append(stage);
        CampaignStep move;
        move.id = u"mv"_s;
        move.kind = CampaignStep::Kind::MoveStage;
        move.moveTo = Stage::Lost;
        custom.steps.append(move);
        CampaignStep adjust;
        adjust.id = u"adj"_s;
        adjust.kind = CampaignStep::Kind::AdjustScore;
        adjust.scoreDelta = -5;
        custom.steps.append(adjust);
        bundle.campaigns.append(custom);
        bundle.endpointSecrets.insert(u"https://hooks.example.com/x"_s, u"whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"_s);

        QString error;
        const std::optional<CampaignBundle> back = CampaignJson::fromJson(CampaignJson::toJson(bundle), &error);
        QVERIFY2(back, qPrintable(error));
        QCOMPARE(back->campaigns.size(), bundle.campaigns.size());
        for (qsizetype i = 0; i < bundle.campaigns.size(); ++i)
            QVERIFY2(back->campaigns.at(i) == bundle.campaigns.at(i), qPrintable(bundle.campaigns.at(i).name));
        QCOMPARE(back->endpointSecrets, bundle.endpointSecrets);
    }

    void errorsNameTheField_data()
    {
        QTest::addColumn<QByteArray>("json");
        QTest::addColumn<QString>("field");
        QTest::addRow("not json") << QByteArray("{") << u"byte"_s;
        QTest::addRow("campaigns missing") << QByteArray("{}") << u"campaigns:"_s;
        QTest::addRow("name missing") << QByteArray("{\"campaigns\":[{\"trigger\":{\"type\":\"event\",\"eventType\":\"X\"},\"steps\":[]}]}")
                                      << u"campaigns[0].name: is missing"_s;
        QTest::addRow("bad trigger type")
            << QByteArray("{\"campaigns\":[{\"name\":\"a\",\"trigger\":{\"type\":\"sometimes\"},\"steps\":[]}]}")
            << u"campaigns[0].trigger.type"_s;
        QTest::addRow("bad stage in audience")
            << QByteArray("{\"campaigns\":[{\"name\":\"a\",\"trigger\":{\"type\":\"event\",\"eventType\":\"X\"},\"audience\":{\"stages\":[\"MQL\",\"Hot\"]},\"steps\":[]}]}")
            << u"campaigns[0].audience.stages[1]"_s;
        QTest::addRow("url not a string")
            << QByteArray("{\"campaigns\":[{\"name\":\"a\",\"trigger\":{\"type\":\"event\",\"eventType\":\"X\"},\"steps\":[{\"type\":\"wait\",\"duration\":\"1h\"},{\"type\":\"webhook\",\"url\":5}]}]}")
            << u"campaigns[0].steps[1].url"_s;
        QTest::addRow("bad duration")
            << QByteArray("{\"campaigns\":[{\"name\":\"a\",\"trigger\":{\"type\":\"event\",\"eventType\":\"X\"},\"steps\":[{\"type\":\"wait\",\"duration\":\"soon\"}]}]}")
            << u"campaigns[0].steps[0].duration"_s;
        QTest::addRow("bad policy")
            << QByteArray("{\"campaigns\":[{\"name\":\"a\",\"trigger\":{\"type\":\"event\",\"eventType\":\"X\"},\"reEnrollment\":{\"policy\":\"twice\"},\"steps\":[]}]}")
            << u"campaigns[0].reEnrollment.policy"_s;
        QTest::addRow("duplicate name")
            << QByteArray("{\"campaigns\":[{\"name\":\"a\",\"trigger\":{\"type\":\"event\",\"eventType\":\"X\"},\"steps\":[]},{\"name\":\"a\",\"trigger\":{\"type\":\"event\",\"eventType\":\"X\"},\"steps\":[]}]}")
            << u"campaigns[1].name"_s;
        QTest::addRow("secret not whsec")
            << QByteArray("{\"campaigns\":[],\"endpointSecrets\":{\"https://x.example.com\":\"hunter2\"}}")
            << u"endpointSecrets.https://x.example.com"_s;
        QTest::addRow("newer version") << QByteArray("{\"version\":9,\"campaigns\":[]}") << u"version"_s;
    }

    void errorsNameTheField()
    {
        QFETCH(QByteArray, json);
        QFETCH(QString, field);
        QString error;
        QVERIFY(!CampaignJson::fromJson(json, &error));
        QVERIFY2(error.contains(field), qPrintable(error));
    }

    void durations_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<qint64>("ms");
        QTest::addRow("minutes") << u"10m"_s << qint64(600000);
        QTest::addRow("hours") << u"2h"_s << qint64(7200000);
        QTest::addRow("days") << u"3d"_s << qint64(3 * 86400000LL);
        QTest::addRow("seconds") << u"45s"_s << qint64(45000);
        QTest::addRow("milliseconds") << u"1500ms"_s << qint64(1500);
    }

    void durations()
    {
        QFETCH(QString, text);
        QFETCH(qint64, ms);
        QCOMPARE(CampaignJson::parseDuration(text), std::optional<qint64>(ms));
        QCOMPARE(CampaignJson::formatDuration(ms), text);
    }
};

QTEST_GUILESS_MAIN(TestCampaignJson)
#include "tst_campaignjson.moc"
