#include "core/campaigns/defaultcampaigns.h"
#include "core/scheduler/campaignscheduler.h"
#include "core/scheduler/campaignstore.h"
#include "core/storage/database.h"
#include "core/storage/ingestpipeline.h"
#include "core/storage/leadrepository.h"
#include "core/storage/outboxstore.h"

#include <QBuffer>
#include <QDateTime>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

using namespace funnel;
using namespace Qt::StringLiterals;

namespace {

constexpr qint64 minute = 60 * 1000;
const qint64 t0 = QDateTime(QDate(2026, 11, 23), QTime(8, 0), Qt::UTC).toMSecsSinceEpoch(); // a Monday

qint64 scalar(const Database &db, const QString &sql)
{
    QSqlQuery query(db.connection());
    if (!query.exec(sql) || !query.next())
        return -1;
    return query.value(0).toLongLong();
}

QByteArray eventLine(const QString &user, const QString &type, qint64 atMs, const QString &id)
{
    return QJsonDocument(QJsonObject{{u"eventId"_s, id},
                                     {u"userId"_s, user},
                                     {u"email"_s, QString(user + u"@example.com"_s)},
                                     {u"eventType"_s, type},
                                     {u"timestamp"_s, QDateTime::fromMSecsSinceEpoch(atMs, Qt::UTC).toString(Qt::ISODate)},
                                     {u"metadata"_s, QJsonObject{{u"endpoint"_s, u"/v1/search"_s}}}})
               .toJson(QJsonDocument::Compact)
        + '\n';
}

void ingest(Database &db, const QByteArray &jsonl)
{
    IngestPipeline pipeline(db, db.activeRules());
    QBuffer buffer;
    buffer.setData(jsonl);
    buffer.open(QIODevice::ReadOnly);
    const IngestReport report = pipeline.ingest(buffer);
    QVERIFY2(report.succeeded() && report.errorCount == 0, qPrintable(report.failure));
}

Campaign withTarget(Campaign campaign)
{
    for (CampaignStep &step : campaign.steps) {
        if (step.kind == CampaignStep::Kind::Webhook)
            step.webhook.url = u"http://127.0.0.1:9/hook"_s;
    }
    campaign.enabled = true;
    return campaign;
}

} // namespace

class TestCampaignScheduler : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init()
    {
        QVERIFY(m_dir.isValid());
        m_db = std::make_unique<Database>();
        QVERIFY(m_db->open(m_dir.filePath(u"funnel-%1.db"_s.arg(++m_file))));
        m_now = t0;
        m_options.clock = [this] { return m_now; };
    }
    void cleanup() { m_db.reset(); }

    // 10 minutes after the event's own time, whenever the scheduler notices it.
    void waitCountsFromTheEventsTime_data()
    {
        QTest::addColumn<qint64>("eventAge");
        QTest::addColumn<qint64>("laterBy");
        QTest::addColumn<int>("deliveriesAtFirstRun");
        QTest::addColumn<int>("deliveriesAfterLater");
        QTest::addRow("fresh event: nothing yet, one after 10 min") << qint64(0) << 10 * minute << 0 << 1;
        QTest::addRow("noticed 5 min late: fires 5 min later") << 5 * minute << 5 * minute << 0 << 1;
        QTest::addRow("11 min old: fires at once") << 11 * minute << qint64(0) << 1 << 1;
        QTest::addRow("9 min old, 59 s later: not yet") << 9 * minute << 59 * 1000LL << 0 << 0;
    }
    void waitCountsFromTheEventsTime()
    {
        QFETCH(qint64, eventAge);
        QFETCH(qint64, laterBy);
        QFETCH(int, deliveriesAtFirstRun);
        QFETCH(int, deliveriesAfterLater);
        CampaignStore store(*m_db);
        QStringList problems;
        QVERIFY(store.save(withTarget(DefaultCampaigns::rateLimitHelp()), m_now, &problems));
        QVERIFY2(problems.isEmpty(), qPrintable(problems.join(u'\n')));
        ingest(*m_db, eventLine(u"u1"_s, u"HIT_RATE_LIMIT"_s, m_now - eventAge, u"e1"_s));

        CampaignScheduler scheduler(*m_db, m_options);
        const SchedulerReport first = scheduler.runOnce();
        QVERIFY2(!first.failed(), qPrintable(first.error));
        QCOMPARE(first.enrolled, 1);
        QCOMPARE(first.deliveries, deliveriesAtFirstRun);
        QCOMPARE(scalar(*m_db, u"SELECT trigger_at FROM enrollment_progress"_s), t0 - eventAge);
        m_now += laterBy;
        const SchedulerReport later = scheduler.runOnce();
        QVERIFY(!later.failed());
        QCOMPARE(scalar(*m_db, u"SELECT count(*) FROM deliveries"_s), qint64(deliveriesAfterLater));
        QCOMPARE(scalar(*m_db, u"SELECT count(*) FROM enrollments"_s), 1); // the rule's and the trigger's are one
        if (deliveriesAfterLater == 1) {
            QCOMPARE(scalar(*m_db, u"SELECT count(*) FROM enrollments WHERE status = 'completed'"_s), 1);
            QSqlQuery body(m_db->connection());
            QVERIFY(body.exec(u"SELECT body FROM deliveries"_s) && body.next());
            const QJsonObject json = QJsonDocument::fromJson(body.value(0).toByteArray()).object();
            QCOMPARE(json.value(u"endpoint"_s).toString(), u"/v1/search"_s);
            QCOMPARE(json.value(u"lead"_s).toObject().value(u"email"_s).toString(), u"u1@example.com"_s);
        }
    }

    // A crash after the commit, or a step that runs again, writes no second delivery.
    void exactlyOneDeliveryAcrossRestarts()
    {
        CampaignStore store(*m_db);
        QVERIFY(store.save(withTarget(DefaultCampaigns::rateLimitHelp()), m_now));
        ingest(*m_db, eventLine(u"u1"_s, u"HIT_RATE_LIMIT"_s, m_now - 11 * minute, u"e1"_s));
        {
            CampaignScheduler scheduler(*m_db, m_options);
            QCOMPARE(scheduler.runOnce().deliveries, 1);
        }
        // The restarted process, and the same event ingested again (its eventId is known).
        ingest(*m_db, eventLine(u"u1"_s, u"HIT_RATE_LIMIT"_s, m_now - 11 * minute, u"e1"_s));
        CampaignScheduler restarted(*m_db, m_options);
        QCOMPARE(restarted.runOnce().deliveries, 0);
        // As if the progress update had been lost: the step runs again, the outbox keeps one row.
        QSqlQuery rewind(m_db->connection());
        QVERIFY(rewind.exec(u"UPDATE enrollment_progress SET step_index = 1, due_at = 0"_s));
        QVERIFY(rewind.exec(u"UPDATE enrollments SET status = 'active'"_s));
        restarted.runOnce();
        QCOMPARE(scalar(*m_db, u"SELECT count(*) FROM deliveries"_s), 1);
        QCOMPARE(restarted.nextDueAt(), std::nullopt);
    }

    void ruleEnrollmentOfADisabledCampaignIsDeclined()
    {
        CampaignStore store(*m_db);
        QVERIFY(store.installDefaults(m_now));
        ingest(*m_db, eventLine(u"u1"_s, u"HIT_RATE_LIMIT"_s, m_now, u"e1"_s));
        QCOMPARE(scalar(*m_db, u"SELECT count(*) FROM enrollments"_s), 1); // ingest's Enroll effect
        CampaignScheduler scheduler(*m_db, m_options);
        const SchedulerReport report = scheduler.runOnce();
        QCOMPARE(report.declined, 1);
        QCOMPARE(scalar(*m_db, u"SELECT count(*) FROM enrollments WHERE status = 'declined'"_s), 1);
        QCOMPARE(scalar(*m_db, u"SELECT count(*) FROM campaign_activity"_s), 0); // no log flood for disabled ones
        QCOMPARE(scheduler.runOnce().declined, 0);
    }

    // Enabling a campaign acts on what arrives from then on, not on the events already stored.
    void eventsReceivedBeforeEnablingDoNotEnroll()
    {
        ingest(*m_db, eventLine(u"u1"_s, u"HIT_RATE_LIMIT"_s, m_now - 60 * minute, u"e1"_s));
        const qint64 enabledAt = QDateTime::currentMSecsSinceEpoch() + 1000; // after the ingest above
        QVERIFY(CampaignStore(*m_db).save(withTarget(DefaultCampaigns::rateLimitHelp()), enabledAt));
        CampaignScheduler scheduler(*m_db, m_options);
        const SchedulerReport report = scheduler.runOnce();
        QCOMPARE(report.enrolled, 0);
        QCOMPARE(report.declined, 1); // the scoring rule's enrollment
        QCOMPARE(report.deliveries, 0);
    }

    void reEnrollmentPolicy_data()
    {
        QTest::addColumn<int>("policy");
        QTest::addColumn<qint64>("secondEventAfter");
        QTest::addColumn<int>("enrollments");
        QTest::addRow("once") << int(ReEnrollmentPolicy::Kind::Once) << 30 * 24 * 60 * minute << 1;
        QTest::addRow("after 7 days, 3 days later") << int(ReEnrollmentPolicy::Kind::AfterDays) << 3 * 24 * 60 * minute << 1;
        QTest::addRow("after 7 days, 8 days later") << int(ReEnrollmentPolicy::Kind::AfterDays) << 8 * 24 * 60 * minute << 2;
        QTest::addRow("every time") << int(ReEnrollmentPolicy::Kind::EveryTime) << 60 * minute << 2;
    }
    void reEnrollmentPolicy()
    {
        QFETCH(int, policy);
        QFETCH(qint64, secondEventAfter);
        QFETCH(int, enrollments);
        Campaign campaign = withTarget(DefaultCampaigns::rateLimitHelp());
        campaign.reEnrollment = {ReEnrollmentPolicy::Kind(policy), 7};
        QVERIFY(CampaignStore(*m_db).save(campaign, m_now));
        CampaignScheduler scheduler(*m_db, m_options);
        ingest(*m_db, eventLine(u"u1"_s, u"HIT_RATE_LIMIT"_s, m_now, u"e1"_s));
        scheduler.runOnce();
        m_now += secondEventAfter;
        ingest(*m_db, eventLine(u"u1"_s, u"HIT_RATE_LIMIT"_s, m_now, u"e2"_s));
        scheduler.runOnce();
        QCOMPARE(scalar(*m_db, u"SELECT count(*) FROM enrollments WHERE status <> 'declined'"_s), enrollments);
        // The second event's rule enrollment, refused by the policy, says why in the activity log.
        QCOMPARE(scalar(*m_db, u"SELECT count(*) FROM campaign_activity WHERE kind = 'declined'"_s), 2 - enrollments);
    }

    // Audience, goal and a refused move: a campaign entered on MQL that moves the lead to Won.
    void stageEnteredTriggerAudienceAndRefusedMove()
    {
        Campaign campaign;
        campaign.name = u"MQL_WELCOME"_s;
        campaign.enabled = true;
        campaign.trigger.kind = CampaignTrigger::Kind::StageEntered;
        campaign.trigger.stage = Stage::MQL;
        campaign.audience.sources = {u"web"_s};
        CampaignStep score;
        score.id = u"bonus"_s;
        score.kind = CampaignStep::Kind::AdjustScore;
        score.scoreDelta = 5;
        CampaignStep move;
        move.id = u"win"_s;
        move.kind = CampaignStep::Kind::MoveStage;
        move.moveTo = Stage::Won; // MQL -> Won is not in the table
        CampaignStep notify;
        notify.id = u"tell"_s;
        notify.kind = CampaignStep::Kind::NotifySales;
        notify.notifyText = u"welcome sent"_s;
        campaign.steps = {score, move, notify};
        QStringList problems;
        QVERIFY(CampaignStore(*m_db).save(campaign, m_now, &problems));
        QVERIFY2(problems.isEmpty(), qPrintable(problems.join(u'\n')));

        ingest(*m_db, eventLine(u"web1"_s, u"VIEWED_PRICING"_s, m_now, u"e0"_s) + eventLine(u"ads1"_s, u"VIEWED_PRICING"_s, m_now, u"e1"_s));
        QSqlQuery source(m_db->connection());
        QVERIFY(source.exec(u"UPDATE leads SET source = CASE WHEN external_id = 'web1' THEN 'web' ELSE 'ads' END"_s));
        ingest(*m_db, eventLine(u"web1"_s, u"SIGNED_UP_NEWSLETTER"_s, m_now, u"e2"_s)
                          + eventLine(u"ads1"_s, u"SIGNED_UP_NEWSLETTER"_s, m_now, u"e3"_s));
        QCOMPARE(scalar(*m_db, u"SELECT count(*) FROM leads WHERE stage = 'MQL'"_s), 2);

        CampaignScheduler scheduler(*m_db, m_options);
        const SchedulerReport report = scheduler.runOnce();
        QVERIFY2(!report.failed(), qPrintable(report.error));
        QCOMPARE(report.enrolled, 1); // the 'ads' lead is outside the audience
        QCOMPARE(scalar(*m_db, u"SELECT score FROM leads WHERE external_id = 'web1'"_s), 15);
        QCOMPARE(scalar(*m_db, u"SELECT count(*) FROM score_adjustments WHERE delta = 5"_s), 1);
        QCOMPARE(scalar(*m_db, u"SELECT count(*) FROM leads WHERE stage = 'Won'"_s), 0);
        QCOMPARE(scalar(*m_db, u"SELECT count(*) FROM campaign_activity WHERE kind = 'move_refused'"_s), 1);
        QCOMPARE(scalar(*m_db, u"SELECT count(*) FROM campaign_activity WHERE kind = 'notify'"_s), 1);
        QCOMPARE(scalar(*m_db, u"SELECT count(*) FROM enrollments WHERE status = 'completed'"_s), 1);
    }

    // Mondays 09:00: down from Sunday to Wednesday, the missed Monday fires once on start.
    void missedCronSlotFiresOnce()
    {
        Campaign campaign = withTarget(DefaultCampaigns::weeklyBestPractices());
        QStringList problems;
        QVERIFY(CampaignStore(*m_db).save(campaign, m_now, &problems));
        QVERIFY2(problems.isEmpty(), qPrintable(problems.join(u'\n')));
        ingest(*m_db, eventLine(u"u1"_s, u"SIGNED_UP_NEWSLETTER"_s, m_now - 60 * minute, u"e1"_s)
                          + eventLine(u"u2"_s, u"VIEWED_PRICING"_s, m_now - 60 * minute, u"e2"_s));

        m_now = t0 - 24 * 60 * minute; // Sunday 08:00
        CampaignScheduler scheduler(*m_db, m_options);
        QCOMPARE(scheduler.runOnce().cronSlotsFired, 0);
        const qint64 monday9 = t0 + 60 * minute;
        QCOMPARE(scalar(*m_db, u"SELECT next_fire_at FROM campaign_schedule"_s), monday9);
        QCOMPARE(scheduler.nextDueAt(), std::optional<qint64>(monday9));

        m_now = t0 + 17 * 24 * 60 * minute; // two weeks and more later: three Mondays missed
        const SchedulerReport report = scheduler.runOnce();
        QCOMPARE(report.cronSlotsFired, 1);
        QCOMPARE(report.enrolled, 1); // the MQL only
        QCOMPARE(report.deliveries, 1);
        QCOMPARE(scheduler.runOnce().cronSlotsFired, 0);
        QCOMPARE(scalar(*m_db, u"SELECT last_fired_at FROM campaign_schedule"_s), monday9);
        QCOMPARE(scalar(*m_db, u"SELECT next_fire_at FROM campaign_schedule"_s), t0 + 21 * 24 * 60 * minute + 60 * minute);
    }

    // The global subscription: every stage change once, whoever made it.
    void leadEventsSubscription()
    {
        ingest(*m_db, eventLine(u"u0"_s, u"SIGNED_UP_NEWSLETTER"_s, m_now, u"e0"_s)); // before: not sent
        QVERIFY(CampaignScheduler::subscribeLeadEvents(*m_db, u"http://127.0.0.1:9/leads"_s));
        ingest(*m_db, eventLine(u"u1"_s, u"SIGNED_UP_NEWSLETTER"_s, m_now, u"e1"_s));
        CampaignScheduler scheduler(*m_db, m_options);
        QCOMPARE(scheduler.runOnce().deliveries, 1); // Cold -> MQL ("created" is no change)
        LeadRepository leads(*m_db);
        const LeadMoveResult moved = leads.moveLead(scalar(*m_db, u"SELECT id FROM leads WHERE external_id = 'u1'"_s), Stage::SQL,
                                                    MoveCause::Manual, u"called"_s, u"ada"_s, m_now);
        QVERIFY(moved.moved);
        QCOMPARE(scheduler.runOnce().deliveries, 2); // lead.stage_changed and lead.became_sql
        QCOMPARE(scheduler.runOnce().deliveries, 0);
        QSqlQuery types(m_db->connection());
        QVERIFY(types.exec(u"SELECT body FROM deliveries ORDER BY id"_s));
        QStringList seen;
        while (types.next())
            seen.append(QJsonDocument::fromJson(types.value(0).toByteArray()).object().value(u"type"_s).toString());
        QCOMPARE(seen, (QStringList{u"lead.stage_changed"_s, u"lead.stage_changed"_s, u"lead.became_sql"_s}));
    }

private:
    QTemporaryDir m_dir;
    int m_file = 0;
    std::unique_ptr<Database> m_db;
    qint64 m_now = 0;
    CampaignScheduler::Options m_options;
};

QTEST_GUILESS_MAIN(TestCampaignScheduler)
#include "tst_campaignscheduler.moc"
