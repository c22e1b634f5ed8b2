// funnelctl's commands for campaigns, the scheduler and webhooks: CtlApplication members kept apart
// from the lead and ingest commands in ctlapplication.cpp.

#include "app/funnelctl/ctlapplication.h"

#include "core/campaigns/campaignengine.h"
#include "core/campaigns/campaignjson.h"
#include "core/campaigns/cronschedule.h"
#include "core/scheduler/campaignrunner.h"
#include "core/scheduler/campaignscheduler.h"
#include "core/scheduler/campaignstore.h"
#include "core/storage/database.h"
#include "core/storage/outboxstore.h"
#include "core/webhooks/webhookdispatcher.h"
#include "core/webhooks/webhooksigner.h"

#include <QDateTime>
#include <QEventLoop>
#include <QFile>

namespace funnel {

using namespace Qt::StringLiterals;

namespace {

QString isoTime(qint64 ms)
{
    return ms > 0 ? QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC).toString(Qt::ISODate) : u"-"_s;
}

} // namespace

int CtlApplication::rejected(const QString &message)
{
    m_err << "funnelctl: " << message << '\n';
    m_err.flush();
    return InputRejected;
}

int CtlApplication::runScheduler(const QStringList &arguments)
{
    QCommandLineParser parser;
    prepareCommandParser(parser, u"run"_s, u"run [--until-idle]"_s,
                         tr("Run the campaign scheduler and the webhook sender without the desktop app: enroll leads, "
                            "run due campaign steps, send the outbox. Stops on Ctrl+C, or with --until-idle once "
                            "nothing is due now (retries due later stay pending)."));
    const QCommandLineOption untilIdle(u"until-idle"_s, tr("Exit once nothing is due now."));
    parser.addOption(untilIdle);
    if (!parser.parse(arguments))
        return commandUsage(parser, u"run"_s, parser.errorText());
    if (parser.isSet(u"help"_s))
        return commandUsage(parser, u"run"_s, {});
    if (parser.positionalArguments().size() != 1)
        return commandUsage(parser, u"run"_s, tr("run takes no arguments"));
    if (!openDatabase(parser.value(u"db"_s)))
        return DatabaseFailure;

    CampaignStore(*m_database).installDefaults(QDateTime::currentMSecsSinceEpoch());
    CampaignRunner runner(*m_database, CampaignRunner::Options{});
    QEventLoop loop;
    int exitCode = Success;
    if (parser.isSet(untilIdle))
        QObject::connect(&runner, &CampaignRunner::idle, &loop, &QEventLoop::quit);
    QObject::connect(&runner, &CampaignRunner::failed, &loop, [&](const QString &message) {
        m_err << "funnelctl: " << message << '\n';
        exitCode = DatabaseFailure;
        loop.quit();
    });
    runner.start();
    loop.exec();
    runner.stop();
    // Let requests in flight and claimed ones finish and be recorded (an idle exit has none).
    while (runner.isBusy())
        QCoreApplication::processEvents(QEventLoop::WaitForMoreEvents, 100);
    const CampaignRunner::Totals &totals = runner.totals();
    const qint64 enrolled = totals.enrolled;
    const qint64 written = totals.deliveriesWritten;
    const qint64 succeeded = totals.succeeded;
    const qint64 failed = totals.failedAttempts;
    m_out << tr("Enrolled %1, deliveries written %2, attempts succeeded %3, failed %4.")
                 .arg(enrolled)
                 .arg(written)
                 .arg(succeeded)
                 .arg(failed)
          << '\n';
    m_out.flush();
    m_err.flush();
    return exitCode;
}

namespace {

QString triggerSummary(const CampaignTrigger &trigger)
{
    switch (trigger.kind) {
    case CampaignTrigger::Kind::Event:
        return CtlApplication::tr("event %1").arg(trigger.eventType);
    case CampaignTrigger::Kind::StageEntered:
        return CtlApplication::tr("enters %1").arg(stageName(trigger.stage));
    case CampaignTrigger::Kind::ScoreCrossed:
        return CtlApplication::tr("score >= %1").arg(trigger.score);
    case CampaignTrigger::Kind::Schedule:
        return CtlApplication::tr("cron '%1' %2").arg(trigger.cron, trigger.timeZone);
    }
    return {};
}

} // namespace

int CtlApplication::campaigns(const QStringList &arguments)
{
    QCommandLineParser parser;
    prepareCommandParser(parser, u"campaigns"_s,
                         u"campaigns list | export [NAME] | import FILE | enable NAME | disable NAME"_s,
                         tr("Nurture campaigns. Export writes JSON to standard output; import replaces campaigns of "
                            "the same name. A campaign whose webhook target is missing or a placeholder cannot be "
                            "enabled."));
    parser.addPositionalArgument(u"action"_s, tr("list, export, import, enable or disable"), {});
    parser.addPositionalArgument(u"name"_s, tr("campaign name, or the file to import (- for standard input)"), {});
    if (!parser.parse(arguments))
        return commandUsage(parser, u"campaigns"_s, parser.errorText());
    if (parser.isSet(u"help"_s))
        return commandUsage(parser, u"campaigns"_s, {});
    const QStringList positional = parser.positionalArguments();
    const QString action = positional.value(1);
    const QString name = positional.value(2);
    const bool oneArgument = positional.size() == 3;
    const bool valid = (action == "list"_L1 && positional.size() == 2)
        || (action == "export"_L1 && positional.size() <= 3)
        || ((action == "import"_L1 || action == "enable"_L1 || action == "disable"_L1) && oneArgument);
    if (!valid) {
        return commandUsage(parser, u"campaigns"_s,
                            tr("expected list, export [NAME], import FILE, enable NAME or disable NAME"));
    }
    QByteArray importJson;
    if (action == "import"_L1) {
        std::unique_ptr<QIODevice> file;
        if (!openInput(name, file))
            return InputRejected;
        importJson = (file ? *file : m_stdin).readAll();
    }
    if (!openDatabase(parser.value(u"db"_s)))
        return DatabaseFailure;
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    CampaignStore store(*m_database);
    if (!store.installDefaults(now))
        return databaseFailure(store.lastError().message);

    if (action == "list"_L1) {
        m_out << tr("NAME").leftJustified(28) << tr("ENABLED").leftJustified(9) << tr("TRIGGER").leftJustified(34)
              << tr("ENROLLED").rightJustified(9) << tr("ACTIVE").rightJustified(8) << '\n';
        for (const StoredCampaign &stored : store.campaigns()) {
            m_out << stored.campaign.name.leftJustified(28) << (stored.campaign.enabled ? tr("yes") : tr("no")).leftJustified(9)
                  << triggerSummary(stored.campaign.trigger).leftJustified(34)
                  << QString::number(stored.enrolled).rightJustified(9) << QString::number(stored.active).rightJustified(8)
                  << '\n';
        }
        m_out.flush();
        return store.lastError().isError() ? databaseFailure(store.lastError().message) : Success;
    }
    if (action == "export"_L1) {
        CampaignBundle bundle;
        for (const StoredCampaign &stored : store.campaigns()) {
            if (name.isEmpty() || stored.campaign.name == name)
                bundle.campaigns.append(stored.campaign);
        }
        if (!name.isEmpty() && bundle.campaigns.isEmpty())
            return rejected(tr("There is no campaign named %1.").arg(name));
        m_out << QString::fromUtf8(CampaignJson::toJson(bundle));
        m_out.flush();
        return Success;
    }
    if (action == "import"_L1) {
        QString error;
        const std::optional<CampaignBundle> bundle = CampaignJson::fromJson(importJson, &error);
        if (!bundle)
            return rejected(tr("%1: %2").arg(name, error));
        OutboxStore outbox(*m_database);
        for (auto it = bundle->endpointSecrets.cbegin(); it != bundle->endpointSecrets.cend(); ++it) {
            if (!outbox.setEndpointSecret(it.key(), it.value(), now))
                return databaseFailure(outbox.lastError().message);
        }
        int refused = 0;
        for (const Campaign &campaign : bundle->campaigns) {
            QStringList problems;
            if (!store.save(campaign, now, &problems))
                return databaseFailure(store.lastError().message);
            if (campaign.enabled && !problems.isEmpty()) {
                ++refused;
                m_err << "funnelctl: "
                      << tr("%1 was imported disabled: %2.").arg(campaign.name, problems.join(u"; "_s)) << '\n';
            }
        }
        m_out << tr("Imported %n campaign(s).", nullptr, int(bundle->campaigns.size())) << '\n';
        m_out.flush();
        m_err.flush();
        return refused > 0 ? InputRejected : Success;
    }
    // enable / disable
    const bool enable = action == "enable"_L1;
    QStringList problems;
    if (!store.setEnabled(name, enable, now, &problems)) {
        if (store.lastError().isError())
            return databaseFailure(store.lastError().message);
        if (problems.size() == 1 && !store.campaign(name))
            return rejected(problems.first());
        return rejected(tr("%1 cannot be enabled: %2.").arg(name, problems.join(u"; "_s)));
    }
    m_out << (enable ? tr("%1 is enabled.") : tr("%1 is disabled.")).arg(name) << '\n';
    m_out.flush();
    return Success;
}

int CtlApplication::schedule(const QStringList &arguments)
{
    QCommandLineParser parser;
    prepareCommandParser(parser, u"schedule"_s, u"schedule preview NAME [--count N]"_s,
                         tr("The next fire times of a cron campaign, in the campaign's time zone."));
    parser.addPositionalArgument(u"action"_s, tr("preview"), {});
    parser.addPositionalArgument(u"name"_s, tr("campaign name"), {});
    const QCommandLineOption count(u"count"_s, tr("How many fire times (1 to 1000)."), tr("N"), u"5"_s);
    parser.addOption(count);
    if (!parser.parse(arguments))
        return commandUsage(parser, u"schedule"_s, parser.errorText());
    if (parser.isSet(u"help"_s))
        return commandUsage(parser, u"schedule"_s, {});
    const QStringList positional = parser.positionalArguments();
    bool countOk = false;
    const int n = parser.value(count).toInt(&countOk);
    if (positional.size() != 3 || positional.at(1) != "preview"_L1)
        return commandUsage(parser, u"schedule"_s, tr("expected 'schedule preview NAME'"));
    if (!countOk || n < 1 || n > 1000)
        return commandUsage(parser, u"schedule"_s, tr("--count must be a number from 1 to 1000"));
    if (!openDatabase(parser.value(u"db"_s)))
        return DatabaseFailure;
    CampaignStore store(*m_database);
    store.installDefaults(QDateTime::currentMSecsSinceEpoch());
    const std::optional<Campaign> campaign = store.campaign(positional.at(2));
    if (!campaign)
        return rejected(tr("There is no campaign named %1.").arg(positional.at(2)));
    if (campaign->trigger.kind != CampaignTrigger::Kind::Schedule)
        return rejected(tr("%1 is not a scheduled campaign; its trigger is %2.")
                            .arg(campaign->name, triggerSummary(campaign->trigger)));
    CronParseError error;
    const std::optional<CronSchedule> cron = CronSchedule::parse(campaign->trigger.cron, campaign->trigger.timeZone, &error);
    if (!cron)
        return rejected(tr("The schedule of %1 is not valid: %2").arg(campaign->name, error.toString()));
    const QDateTime now = QDateTime::currentDateTimeUtc().toTimeZone(cron->timeZone());
    for (const QDateTime &at : cron->nextFireTimes(now, n))
        m_out << at.toString(Qt::ISODate) << ' ' << at.timeZoneAbbreviation() << '\n';
    m_out.flush();
    return Success;
}

int CtlApplication::deliveries(const QStringList &arguments)
{
    QCommandLineParser parser;
    prepareCommandParser(parser, u"deliveries"_s,
                         u"deliveries list [--status pending|succeeded|dead] [--campaign C] | replay ID|--dead"_s,
                         tr("The webhook delivery log, newest first; replay sends dead deliveries again with the same "
                            "webhook-id."));
    parser.addPositionalArgument(u"action"_s, tr("list or replay"), {});
    const QCommandLineOption status(u"status"_s, tr("Only deliveries in this state."), tr("state"));
    const QCommandLineOption campaign(u"campaign"_s, tr("Only deliveries of this campaign."), tr("name"));
    const QCommandLineOption dead(u"dead"_s, tr("replay: every dead delivery."));
    const QCommandLineOption limit(u"limit"_s, tr("list: at most this many rows."), tr("N"), u"100"_s);
    parser.addOptions({status, campaign, dead, limit});
    if (!parser.parse(arguments))
        return commandUsage(parser, u"deliveries"_s, parser.errorText());
    if (parser.isSet(u"help"_s))
        return commandUsage(parser, u"deliveries"_s, {});
    const QStringList positional = parser.positionalArguments();
    const QString action = positional.value(1);
    OutboxStore::ListFilter filter;
    if (parser.isSet(status)) {
        filter.status = deliveryStatusFromName(parser.value(status));
        if (!filter.status)
            return commandUsage(parser, u"deliveries"_s, tr("--status is pending, succeeded or dead"));
    }
    filter.campaign = parser.value(campaign);
    bool limitOk = false;
    filter.limit = parser.value(limit).toInt(&limitOk);
    if (!limitOk || filter.limit < 1)
        return commandUsage(parser, u"deliveries"_s, tr("--limit must be a positive number"));
    bool idOk = false;
    const qint64 id = positional.value(2).toLongLong(&idOk);
    const bool listing = action == "list"_L1 && positional.size() == 2;
    const bool replaying = action == "replay"_L1
        && ((positional.size() == 2 && parser.isSet(dead)) || (positional.size() == 3 && idOk && !parser.isSet(dead)));
    if (!listing && !replaying)
        return commandUsage(parser, u"deliveries"_s, tr("expected 'deliveries list' or 'deliveries replay ID|--dead'"));
    if (!openDatabase(parser.value(u"db"_s)))
        return DatabaseFailure;
    OutboxStore outbox(*m_database);
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    if (replaying) {
        const int replayed = parser.isSet(dead) ? outbox.replayAllDead(now) : outbox.replay(id, now);
        if (outbox.lastError().isError())
            return databaseFailure(outbox.lastError().message);
        if (replayed == 0 && !parser.isSet(dead))
            return rejected(tr("Delivery %1 does not exist or is not dead.").arg(id));
        m_out << tr("Replaying %n delivery(ies); 'funnelctl run' or the desktop app sends them.", nullptr, replayed) << '\n';
        m_out.flush();
        return Success;
    }
    m_out << tr("ID").rightJustified(7) << ' ' << tr("STATUS").leftJustified(10) << tr("TRIES").rightJustified(5) << ' '
          << tr("HTTP").rightJustified(4) << ' ' << tr("MS").rightJustified(6) << ' ' << tr("CREATED").leftJustified(21)
          << tr("CAMPAIGN").leftJustified(26) << tr("URL") << '\n';
    for (const DeliveryRecord &record : outbox.deliveries(filter)) {
        m_out << QString::number(record.id).rightJustified(7) << ' ' << deliveryStatusName(record.status).leftJustified(10)
              << QString::number(record.attempts).rightJustified(5) << ' '
              << (record.lastStatusCode ? QString::number(record.lastStatusCode) : u"-"_s).rightJustified(4) << ' '
              << (record.attempts ? QString::number(record.lastLatencyMs) : u"-"_s).rightJustified(6) << ' '
              << isoTime(record.createdAtMs).leftJustified(21)
              << (record.campaign.isEmpty() ? u"-"_s : record.campaign).leftJustified(26) << record.url << '\n';
    }
    m_out.flush();
    return outbox.lastError().isError() ? databaseFailure(outbox.lastError().message) : Success;
}

int CtlApplication::endpoints(const QStringList &arguments)
{
    QCommandLineParser parser;
    prepareCommandParser(parser, u"endpoints"_s, u"endpoints list | add URL [--lead-events]"_s,
                         tr("Webhook endpoints with their health. 'add' creates an endpoint and prints its signing "
                            "secret (whsec_...) once; --lead-events also subscribes it to lead.stage_changed and "
                            "lead.became_sql."));
    parser.addPositionalArgument(u"action"_s, tr("list or add"), {});
    const QCommandLineOption leadEvents(u"lead-events"_s, tr("add: send every stage change of a lead to this URL."));
    parser.addOption(leadEvents);
    if (!parser.parse(arguments))
        return commandUsage(parser, u"endpoints"_s, parser.errorText());
    if (parser.isSet(u"help"_s))
        return commandUsage(parser, u"endpoints"_s, {});
    const QStringList positional = parser.positionalArguments();
    const QString action = positional.value(1);
    if (!(action == "list"_L1 && positional.size() == 2) && !(action == "add"_L1 && positional.size() == 3))
        return commandUsage(parser, u"endpoints"_s, tr("expected 'endpoints list' or 'endpoints add URL'"));
    if (action == "add"_L1) {
        QString why;
        if (!CampaignEngine::isValidTarget(positional.at(2), &why))
            return rejected(why);
    }
    if (!openDatabase(parser.value(u"db"_s)))
        return DatabaseFailure;
    OutboxStore outbox(*m_database);
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    if (action == "add"_L1) {
        const QString url = positional.at(2);
        if (outbox.endpointForUrl(url))
            return rejected(tr("The endpoint %1 exists already; its secret is not shown again.").arg(url));
        const QString secret = WebhookSigner::generateSecret();
        if (!outbox.ensureEndpoint(url, secret, now))
            return databaseFailure(outbox.lastError().message);
        QString error;
        if (parser.isSet(leadEvents) && !CampaignScheduler::subscribeLeadEvents(*m_database, url, &error))
            return databaseFailure(error);
        m_out << tr("Added %1. Its signing secret (shown only now):").arg(url) << '\n' << secret << '\n';
        m_out.flush();
        return Success;
    }
    const QString subscribed = m_database->settingValue(CampaignScheduler::leadEventsUrlKey).value_or(QString());
    m_out << tr("URL").leftJustified(44) << tr("STATE").leftJustified(10) << tr("PENDING").rightJustified(8)
          << tr("DEAD").rightJustified(6) << tr("FAILS").rightJustified(6) << tr("LAST").rightJustified(5) << ' '
          << tr("LAST SUCCESS") << '\n';
    for (const OutboxEndpoint &endpoint : outbox.endpoints()) {
        const QString state = endpoint.isEnabled() ? tr("enabled") : tr("disabled");
        m_out << QString(endpoint.url + (endpoint.url == subscribed ? u" *"_s : QString())).leftJustified(43) << ' '
              << state.leftJustified(10) << QString::number(endpoint.pending).rightJustified(8)
              << QString::number(endpoint.deadLetters).rightJustified(6)
              << QString::number(endpoint.consecutiveFailures).rightJustified(6)
              << (endpoint.lastStatusCode ? QString::number(endpoint.lastStatusCode) : u"-"_s).rightJustified(5) << ' '
              << isoTime(endpoint.lastSuccessAtMs);
        if (!endpoint.isEnabled() && !endpoint.disabledReason.isEmpty())
            m_out << "  (" << endpoint.disabledReason << ')';
        m_out << '\n';
    }
    if (!subscribed.isEmpty())
        m_out << tr("* receives lead.stage_changed and lead.became_sql") << '\n';
    m_out.flush();
    return outbox.lastError().isError() ? databaseFailure(outbox.lastError().message) : Success;
}

} // namespace funnel
