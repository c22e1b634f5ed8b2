#include "core/campaigns/campaignengine.h"
#include "core/campaigns/defaultcampaigns.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using namespace funnel;
using namespace Qt::StringLiterals;

namespace {

constexpr qint64 minute = 60 * 1000;
constexpr qint64 day = 24 * 60 * minute;
constexpr qint64 t0 = 1780000000000; // an arbitrary UTC instant

Campaign enabledCampaign()
{
    Campaign campaign = DefaultCampaigns::rateLimitHelp();
    campaign.enabled = true;
    campaign.steps[1].webhook.url = u"https://hooks.example.com/rate-limit"_s;
    return campaign;
}

TriggerOccurrence rateLimitEvent(qint64 atMs)
{
    TriggerOccurrence occurrence;
    occurrence.kind = CampaignTrigger::Kind::Event;
    occurrence.eventType = u"HIT_RATE_LIMIT"_s;
    occurrence.atMs = atMs;
    occurrence.eventMetadataJson = R"({"endpoint":"/v1/search"})";
    return occurrence;
}

CampaignStep step(const QString &id, CampaignStep::Kind kind)
{
    CampaignStep s;
    s.id = id;
    s.kind = kind;
    return s;
}

} // namespace

Q_DECLARE_METATYPE(EnrollmentDecision::Verdict)

class TestCampaignEngine : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void enrollmentDecision_data()
    {
        QTest::addColumn<Campaign>("campaign");
        QTest::addColumn<CampaignLead>("lead");
        QTest::addColumn<TriggerOccurrence>("occurrence");
        QTest::addColumn<QList<PastEnrollment>>("history");
        QTest::addColumn<EnrollmentDecision::Verdict>("verdict");
        using V = EnrollmentDecision::Verdict;

        const Campaign campaign = enabledCampaign();
        CampaignLead lead;
        lead.stage = Stage::MQL;
        lead.score = 30;
        lead.source = u"Web"_s;
        const TriggerOccurrence event = rateLimitEvent(t0);

        QTest::addRow("first time") << campaign << lead << event << QList<PastEnrollment>{} << V::Enroll;
        Campaign disabled = campaign;
        disabled.enabled = false;
        QTest::addRow("disabled") << disabled << lead << event << QList<PastEnrollment>{} << V::CampaignDisabled;
        TriggerOccurrence other = event;
        other.eventType = u"VIEWED_PRICING"_s;
        QTest::addRow("other event") << campaign << lead << other << QList<PastEnrollment>{} << V::TriggerMismatch;

        Campaign audience = campaign;
        audience.audience.stages = {Stage::Cold};
        QTest::addRow("stage outside audience") << audience << lead << event << QList<PastEnrollment>{} << V::OutsideAudience;
        audience = campaign;
        audience.audience.minimumScore = 31;
        QTest::addRow("score below minimum") << audience << lead << event << QList<PastEnrollment>{} << V::OutsideAudience;
        audience.audience.minimumScore = 30;
        QTest::addRow("score at minimum") << audience << lead << event << QList<PastEnrollment>{} << V::Enroll;
        audience = campaign;
        audience.audience.sources = {u"web"_s};
        QTest::addRow("source matches case-insensitively") << audience << lead << event << QList<PastEnrollment>{} << V::Enroll;
        audience.audience.sources = {u"partner"_s};
        QTest::addRow("other source") << audience << lead << event << QList<PastEnrollment>{} << V::OutsideAudience;

        Campaign goal = campaign;
        goal.goal.exitStages = {Stage::MQL};
        QTest::addRow("already at goal") << goal << lead << event << QList<PastEnrollment>{} << V::AlreadyAtGoal;

        QTest::addRow("active enrollment") << campaign << lead << event << QList<PastEnrollment>{{t0 - 30 * day, true}}
                                           << V::AlreadyActive;
        // RATE_LIMIT_HELP_SEQUENCE enrolls again after 7 days.
        QTest::addRow("after days: too soon") << campaign << lead << event
                                              << QList<PastEnrollment>{{t0 - 7 * day + 1, false}} << V::TooSoon;
        QTest::addRow("after days: exactly N days") << campaign << lead << event
                                                    << QList<PastEnrollment>{{t0 - 7 * day, false}} << V::Enroll;
        Campaign once = campaign;
        once.reEnrollment.kind = ReEnrollmentPolicy::Kind::Once;
        QTest::addRow("once") << once << lead << event << QList<PastEnrollment>{{t0 - 300 * day, false}}
                              << V::EnrolledBefore;
        Campaign every = campaign;
        every.reEnrollment.kind = ReEnrollmentPolicy::Kind::EveryTime;
        QTest::addRow("every time") << every << lead << event << QList<PastEnrollment>{{t0 - 1, false}} << V::Enroll;

        Campaign stage = campaign;
        stage.trigger = {CampaignTrigger::Kind::StageEntered, {}, Stage::MQL, 0, {}, u"UTC"_s};
        TriggerOccurrence entered;
        entered.kind = CampaignTrigger::Kind::StageEntered;
        entered.stage = Stage::MQL;
        QTest::addRow("stage entered") << stage << lead << entered << QList<PastEnrollment>{} << V::Enroll;
        entered.stage = Stage::SQL;
        QTest::addRow("other stage entered") << stage << lead << entered << QList<PastEnrollment>{} << V::TriggerMismatch;

        Campaign crossing = campaign;
        crossing.trigger = {CampaignTrigger::Kind::ScoreCrossed, {}, Stage::MQL, 50, {}, u"UTC"_s};
        TriggerOccurrence score;
        score.kind = CampaignTrigger::Kind::ScoreCrossed;
        score.scoreBefore = 45;
        score.scoreAfter = 50;
        QTest::addRow("score crosses upwards") << crossing << lead << score << QList<PastEnrollment>{} << V::Enroll;
        score.scoreBefore = 50;
        score.scoreAfter = 60;
        QTest::addRow("score already above") << crossing << lead << score << QList<PastEnrollment>{} << V::TriggerMismatch;
        score.scoreBefore = 60;
        score.scoreAfter = 40;
        QTest::addRow("score falls") << crossing << lead << score << QList<PastEnrollment>{} << V::TriggerMismatch;
    }

    void enrollmentDecision()
    {
        QFETCH(Campaign, campaign);
        QFETCH(CampaignLead, lead);
        QFETCH(TriggerOccurrence, occurrence);
        QFETCH(QList<PastEnrollment>, history);
        QFETCH(EnrollmentDecision::Verdict, verdict);
        const EnrollmentDecision decision = CampaignEngine::enrollmentDecision(campaign, lead, occurrence, history);
        QCOMPARE(decision.verdict, verdict);
        QCOMPARE(decision.reason.isEmpty(), verdict == EnrollmentDecision::Verdict::Enroll);
    }

    void rateLimitWaitsTenMinutesAfterTheEventsOwnTime()
    {
        const Campaign campaign = enabledCampaign();
        CampaignLead lead;
        lead.email = u"ada@example.com"_s;
        lead.name = u"Ada"_s;
        // The event happened at t0; the app notices it 4 minutes later.
        const EnrollmentState start = CampaignEngine::start(campaign, 7, rateLimitEvent(t0));
        QCOMPARE(start.dueAtMs, t0);

        AdvanceResult first = CampaignEngine::advance(campaign, start, lead, t0 + 4 * minute);
        QVERIFY(first.effects.isEmpty());
        QCOMPARE(first.next.stepIndex, 1);
        QCOMPARE(first.next.dueAtMs, t0 + 10 * minute); // not 14 minutes
        QCOMPARE(first.next.status, EnrollmentState::Status::Active);

        const AdvanceResult early = CampaignEngine::advance(campaign, first.next, lead, t0 + 10 * minute - 1);
        QVERIFY(early.effects.isEmpty());
        QCOMPARE(early.next, first.next);

        const AdvanceResult due = CampaignEngine::advance(campaign, first.next, lead, t0 + 10 * minute);
        QCOMPARE(due.effects.size(), 1);
        const auto *request = std::get_if<WebhookRequest>(&due.effects.first());
        QVERIFY(request);
        QCOMPARE(request->stepId, u"optimise-queries"_s);
        QCOMPARE(request->method, u"POST"_s);
        QCOMPARE(request->url, QUrl(u"https://hooks.example.com/rate-limit"_s));
        const QJsonObject body = QJsonDocument::fromJson(request->body).object();
        QCOMPARE(body.value(u"endpoint"_s).toString(), u"/v1/search"_s);
        QCOMPARE(body.value(u"campaign"_s).toString(), u"RATE_LIMIT_HELP_SEQUENCE"_s);
        QCOMPARE(body.value(u"lead"_s).toObject().value(u"email"_s).toString(), u"ada@example.com"_s);
        QCOMPARE(due.next.status, EnrollmentState::Status::Completed);

        // Advancing the same state again gives the same request: the outbox dedupes by (enrollment, step).
        const AdvanceResult again = CampaignEngine::advance(campaign, first.next, lead, t0 + 11 * minute);
        QCOMPARE(again.effects, due.effects);
    }

    void conditionsBranch()
    {
        Campaign campaign = enabledCampaign();
        CampaignStep condition = step(u"check"_s, CampaignStep::Kind::Condition);
        condition.condition.kind = ConditionSpec::Kind::HadEventWithin;
        condition.condition.eventType = u"VIEWED_PRICING"_s;
        condition.condition.withinMs = day;
        condition.yesStep = u"bump"_s;
        condition.noStep = CampaignStep::endOfCampaign;
        CampaignStep bump = step(u"bump"_s, CampaignStep::Kind::AdjustScore);
        bump.scoreDelta = 25;
        CampaignStep scoreCheck = step(u"score"_s, CampaignStep::Kind::Condition);
        scoreCheck.condition.kind = ConditionSpec::Kind::ScoreAtLeast;
        scoreCheck.condition.score = 80;
        scoreCheck.yesStep = CampaignStep::nextStep;
        scoreCheck.noStep = CampaignStep::endOfCampaign;
        CampaignStep move = step(u"move"_s, CampaignStep::Kind::MoveStage);
        move.moveTo = Stage::SQL;
        CampaignStep tell = step(u"tell"_s, CampaignStep::Kind::NotifySales);
        tell.notifyText = u"hot"_s;
        campaign.steps = {condition, bump, scoreCheck, move, tell};
        campaign.goal.exitStages = {Stage::Won};
        QVERIFY2(CampaignEngine::problems(campaign).isEmpty(), qPrintable(CampaignEngine::problems(campaign).join(u'\n')));

        CampaignLead lead;
        lead.stage = Stage::MQL;
        lead.score = 60;
        EnrollmentState state = CampaignEngine::start(campaign, 1, rateLimitEvent(t0));

        // No pricing view within a day: the "no" branch ends the campaign.
        lead.lastEventAtMs.insert(u"VIEWED_PRICING"_s, t0 - 2 * day);
        AdvanceResult result = CampaignEngine::advance(campaign, state, lead, t0);
        QVERIFY(result.effects.isEmpty());
        QCOMPARE(result.next.status, EnrollmentState::Status::Completed);

        // A recent view: +25 takes the score to 85, the lead moves to SQL and sales hears of it.
        lead.lastEventAtMs.insert(u"VIEWED_PRICING"_s, t0 - minute);
        result = CampaignEngine::advance(campaign, state, lead, t0);
        QCOMPARE(result.effects.size(), 3);
        QCOMPARE(std::get<ScoreChanged>(result.effects.at(0)).delta, 25);
        QCOMPARE(std::get<StageChanged>(result.effects.at(1)).to, Stage::SQL);
        QCOMPARE(std::get<NotifySales>(result.effects.at(2)).text, u"hot"_s);
        QCOMPARE(result.lead.score, 85);
        QCOMPARE(result.lead.stage, Stage::SQL);
        QCOMPARE(result.next.status, EnrollmentState::Status::Completed);

        // A Won lead reached the goal before any step runs.
        lead.stage = Stage::Won;
        result = CampaignEngine::advance(campaign, state, lead, t0);
        QVERIFY(result.effects.isEmpty());
        QCOMPARE(result.next.status, EnrollmentState::Status::ReachedGoal);
    }

    void refusedMoveIsAnEffect()
    {
        Campaign campaign = enabledCampaign();
        CampaignStep move = step(u"move"_s, CampaignStep::Kind::MoveStage);
        move.moveTo = Stage::SQL;
        campaign.steps = {move};
        CampaignLead lead;
        lead.stage = Stage::Won; // Won is terminal
        const AdvanceResult result = CampaignEngine::advance(campaign, CampaignEngine::start(campaign, 1, rateLimitEvent(t0)), lead, t0);
        QCOMPARE(result.effects.size(), 1);
        const auto *refused = std::get_if<MoveRefused>(&result.effects.first());
        QVERIFY(refused);
        QVERIFY(!refused->reason.isEmpty());
        QCOMPARE(result.lead.stage, Stage::Won);
    }

    void loopWithoutWaitFails()
    {
        Campaign campaign = enabledCampaign();
        CampaignStep loop = step(u"loop"_s, CampaignStep::Kind::Condition);
        loop.yesStep = u"loop"_s;
        loop.noStep = u"loop"_s;
        campaign.steps = {loop};
        const AdvanceResult result = CampaignEngine::advance(campaign, CampaignEngine::start(campaign, 1, rateLimitEvent(t0)), {}, t0);
        QCOMPARE(result.next.status, EnrollmentState::Status::Failed);
        QVERIFY(!result.next.failure.isEmpty());
    }

    void defaultsCannotBeEnabledUntilTargetsAreSet()
    {
        const QList<Campaign> defaults = DefaultCampaigns::all();
        QCOMPARE(defaults.size(), 4);
        QStringList names;
        for (const Campaign &campaign : defaults) {
            names.append(campaign.name);
            QVERIFY(!campaign.enabled);
            const QStringList problems = CampaignEngine::problems(campaign);
            QVERIFY2(!problems.isEmpty(), qPrintable(campaign.name));
            for (const QString &problem : problems)
                QVERIFY2(problem.contains(u"placeholder"_s), qPrintable(problem));

            Campaign fixed = campaign;
            for (CampaignStep &s : fixed.steps)
                s.webhook.url = u"https://hooks.example.com/x"_s;
            QVERIFY2(CampaignEngine::problems(fixed).isEmpty(), qPrintable(CampaignEngine::problems(fixed).join(u'\n')));
        }
        QCOMPARE(names, (QStringList{u"API_DEEP_DIVE_SEQUENCE"_s, u"CART_RECOVERY_SEQUENCE"_s,
                                     u"RATE_LIMIT_HELP_SEQUENCE"_s, u"WEEKLY_BEST_PRACTICES"_s}));
        QCOMPARE(defaults.at(3).trigger.kind, CampaignTrigger::Kind::Schedule);
        QCOMPARE(defaults.at(3).audience.stages, QList<Stage>{Stage::MQL});
    }

    void targets_data()
    {
        QTest::addColumn<QString>("url");
        QTest::addColumn<bool>("valid");
        QTest::addRow("https") << u"https://hooks.slack.com/services/T/B/X"_s << true;
        QTest::addRow("http localhost") << u"http://127.0.0.1:8080/hook"_s << true;
        QTest::addRow("empty") << QString() << false;
        QTest::addRow("placeholder") << CampaignEngine::placeholderUrl() << false;
        QTest::addRow("ftp") << u"ftp://example.com/x"_s << false;
        QTest::addRow("no host") << u"https:///path"_s << false;
        QTest::addRow("garbage") << u"not a url"_s << false;
    }

    void targets()
    {
        QFETCH(QString, url);
        QFETCH(bool, valid);
        QString why;
        QCOMPARE(CampaignEngine::isValidTarget(url, &why), valid);
        QCOMPARE(why.isEmpty(), valid);
    }

    void problemsNameTheStep()
    {
        Campaign campaign = enabledCampaign();
        campaign.steps[1].webhook.bodyTemplate = u"{\"a\": }"_s;
        campaign.trigger = {CampaignTrigger::Kind::Schedule, {}, Stage::MQL, 0, u"61 * * * *"_s, u"UTC"_s};
        const QStringList problems = CampaignEngine::problems(campaign);
        QCOMPARE(problems.size(), 2);
        QVERIFY(problems.at(0).contains(u"minute"_s));
        QVERIFY(problems.at(1).contains(u"step 2"_s));
        QVERIFY(problems.at(1).contains(u"column 7"_s));
    }
};

QTEST_GUILESS_MAIN(TestCampaignEngine)
#include "tst_campaignengine.moc"
