#include "core/scheduler/campaignscheduler.h"

#include "core/campaigns/campaignengine.h"
#include "core/campaigns/campaignjson.h"
#include "core/campaigns/cronschedule.h"
#include "core/domain/transitiontable.h"
#include "core/storage/database.h"
#include "core/storage/outboxstore.h"
#include "core/storage/sqlvalues.h"
#include "core/storage/transaction.h"
#include "core/webhooks/webhooksigner.h"

#include <QDateTime>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSqlError>
#include <QSqlQuery>

#include <limits>

namespace funnel {

using namespace Qt::StringLiterals;

namespace {

// A finished enrollment keeps its progress row (step and failure stay readable) but is never due again.
constexpr qint64 neverDue = std::numeric_limits<qint64>::max();
const QString declinedStatus = u"declined"_s;

QVariant nullableId(qint64 id)
{
    return id > 0 ? QVariant(id) : QVariant(QMetaType::fromType<qint64>());
}

// A scoring rule's Enroll names the campaign itself: it is a trigger of its own, so the occurrence is
// made to match the campaign's trigger and only audience, goal and re-enrollment decide.
TriggerOccurrence occurrenceMatching(const CampaignTrigger &trigger, qint64 atMs, const QByteArray &metadata)
{
    TriggerOccurrence occurrence;
    occurrence.kind = trigger.kind;
    occurrence.eventType = trigger.eventType;
    occurrence.stage = trigger.stage;
    occurrence.scoreBefore = trigger.score - 1;
    occurrence.scoreAfter = trigger.score;
    occurrence.atMs = atMs;
    occurrence.eventMetadataJson = metadata;
    return occurrence;
}

bool needsEventTimes(const Campaign &campaign)
{
    for (const CampaignStep &step : campaign.steps) {
        if (step.kind == CampaignStep::Kind::Condition && step.condition.kind == ConditionSpec::Kind::HadEventWithin)
            return true;
    }
    return false;
}

} // namespace

// The work of one transaction: the open transaction, the queries it reuses and the first error.
struct CampaignScheduler::Batch {
    Database &database;
    Transaction transaction;
    OutboxStore outbox;
    qint64 now = 0;
    QString error;

    Batch(Database &db, qint64 nowMs) : database(db), transaction(db, Transaction::Mode::Immediate), outbox(db), now(nowMs)
    {
        if (!transaction.isActive())
            error = transaction.error().message;
    }

    bool ok() const { return error.isEmpty(); }

    bool exec(QSqlQuery &query)
    {
        if (query.exec())
            return true;
        error = database.errorFor(query.lastError()).message;
        return false;
    }

    bool commit()
    {
        if (!ok())
            return false;
        if (!transaction.commit()) {
            error = transaction.error().message;
            return false;
        }
        return true;
    }

    std::optional<CampaignLead> lead(qint64 id, bool withEventTimes)
    {
        QSqlQuery query(database.connection());
        query.prepare(u"SELECT id, coalesce(email, ''), name, company, source, stage, score FROM leads WHERE id = ?"_s);
        query.addBindValue(id);
        if (!exec(query) || !query.next())
            return std::nullopt;
        CampaignLead lead;
        lead.id = query.value(0).toLongLong();
        lead.email = query.value(1).toString();
        lead.name = query.value(2).toString();
        lead.company = query.value(3).toString();
        lead.source = query.value(4).toString();
        lead.stage = stageFromName(query.value(5).toString()).value_or(Stage::Cold);
        lead.score = query.value(6).toInt();
        if (withEventTimes) {
            QSqlQuery events(database.connection());
            events.prepare(u"SELECT type, max(occurred_at) FROM events WHERE lead_id = ? GROUP BY type"_s);
            events.addBindValue(id);
            if (!exec(events))
                return std::nullopt;
            while (events.next())
                lead.lastEventAtMs.insert(events.value(0).toString(), events.value(1).toLongLong());
        }
        return lead;
    }

    // Earlier enrollments of the lead in the campaign; declined ones never ran and do not count.
    std::optional<QList<PastEnrollment>> history(qint64 leadId, const QString &campaign, qint64 exceptEnrollment = 0)
    {
        QSqlQuery query(database.connection());
        query.prepare(u"SELECT enrolled_at, status FROM enrollments WHERE lead_id = ? AND campaign = ? AND id <> ?"
                      " AND status <> 'declined'"_s);
        query.addBindValue(leadId);
        query.addBindValue(campaign);
        query.addBindValue(exceptEnrollment);
        if (!exec(query))
            return std::nullopt;
        QList<PastEnrollment> list;
        while (query.next())
            list.append({query.value(0).toLongLong(), query.value(1).toString() == "active"_L1});
        return list;
    }

    bool startProgress(qint64 enrollmentId, const EnrollmentState &state)
    {
        QSqlQuery query(database.connection());
        query.prepare(u"INSERT INTO enrollment_progress (enrollment_id, step_index, due_at, trigger_at, event_metadata,"
                      " updated_at) VALUES (?, ?, ?, ?, ?, ?)"_s);
        query.addBindValue(enrollmentId);
        query.addBindValue(state.stepIndex);
        query.addBindValue(state.dueAtMs);
        query.addBindValue(state.triggerAtMs);
        query.addBindValue(state.eventMetadataJson.isEmpty() ? QVariant(QMetaType::fromType<QString>())
                                                             : QVariant(QString::fromUtf8(state.eventMetadataJson)));
        query.addBindValue(now);
        return exec(query);
    }

    bool enroll(const Campaign &campaign, qint64 leadId, qint64 eventId, const TriggerOccurrence &occurrence)
    {
        QSqlQuery query(database.connection());
        query.prepare(u"INSERT INTO enrollments (lead_id, campaign, event_id, enrolled_at, status)"
                      " VALUES (?, ?, ?, ?, 'active')"_s);
        query.addBindValue(leadId);
        query.addBindValue(campaign.name);
        query.addBindValue(nullableId(eventId));
        query.addBindValue(occurrence.atMs);
        if (!exec(query))
            return false;
        return startProgress(query.lastInsertId().toLongLong(), CampaignEngine::start(campaign, leadId, occurrence));
    }

    // Decides and, when the campaign takes the lead, enrolls it. Returns false only on errors.
    bool offer(const Campaign &campaign, const CampaignLead &lead, qint64 eventId, const TriggerOccurrence &occurrence,
               bool *enrolled)
    {
        *enrolled = false;
        const std::optional<QList<PastEnrollment>> past = history(lead.id, campaign.name);
        if (!past)
            return false;
        if (!CampaignEngine::enrollmentDecision(campaign, lead, occurrence, *past).enroll())
            return true;
        *enrolled = enroll(campaign, lead.id, eventId, occurrence);
        return *enrolled;
    }

    bool log(const QString &campaign, qint64 leadId, qint64 enrollmentId, const QString &kind, const QString &text)
    {
        QSqlQuery query(database.connection());
        query.prepare(u"INSERT INTO campaign_activity (at, campaign, lead_id, enrollment_id, kind, text)"
                      " VALUES (?, ?, ?, ?, ?, ?)"_s);
        query.addBindValue(now);
        query.addBindValue(campaign);
        query.addBindValue(nullableId(leadId));
        query.addBindValue(nullableId(enrollmentId));
        query.addBindValue(kind);
        query.addBindValue(notNull(text));
        return exec(query);
    }

    bool enqueue(const OutboxMessage &message)
    {
        if (!outbox.ensureEndpoint(message.url, WebhookSigner::generateSecret(), now) || !outbox.enqueue(message, now)) {
            error = outbox.lastError().message;
            return false;
        }
        return true;
    }

    std::optional<qint64> cursor(const QString &key)
    {
        const std::optional<QString> value = database.settingValue(key);
        if (!value && database.lastError().isError()) {
            error = database.lastError().message;
            return std::nullopt;
        }
        return value ? value->toLongLong() : 0;
    }

    bool setCursor(const QString &key, qint64 value)
    {
        if (database.setSettingValue(key, QString::number(value)))
            return true;
        error = database.lastError().message;
        return false;
    }

    // Cursors over tables without AUTOINCREMENT: SQLite reuses the ids of deleted newest rows (an undone
    // move deletes its stage_history row), so a cursor beyond the newest row is pulled back to it.
    std::optional<qint64> clampedCursor(const QString &key, const QString &table)
    {
        const std::optional<qint64> stored = cursor(key);
        if (!stored)
            return std::nullopt;
        QSqlQuery query(database.connection());
        query.prepare(u"SELECT coalesce(max(id), 0) FROM "_s + table);
        if (!exec(query) || !query.next())
            return std::nullopt;
        const qint64 newest = query.value(0).toLongLong();
        return std::min(*stored, newest);
    }
};

CampaignScheduler::CampaignScheduler(Database &database) : CampaignScheduler(database, Options{}) {}

bool CampaignScheduler::subscribeLeadEvents(Database &database, const QString &url, QString *error)
{
    Transaction transaction(database);
    QSqlQuery newest(database.connection());
    const bool ok = transaction.isActive() && newest.exec(u"SELECT coalesce(max(id), 0) FROM stage_history"_s)
        && newest.next() && database.setSettingValue(leadEventsUrlKey, url.trimmed())
        && database.setSettingValue(leadEventsFromKey, newest.value(0).toString()) && transaction.commit();
    if (!ok && error) {
        *error = transaction.error().isError() ? transaction.error().message
            : newest.lastError().isValid()     ? database.errorFor(newest.lastError()).message
                                               : database.lastError().message;
    }
    return ok;
}

CampaignScheduler::CampaignScheduler(Database &database, const Options &options)
    : m_database(database), m_options(options)
{
    m_options.batchSize = std::max(1, m_options.batchSize);
}

qint64 CampaignScheduler::now() const
{
    return m_options.clock ? m_options.clock() : QDateTime::currentMSecsSinceEpoch();
}

bool CampaignScheduler::loadCampaigns(QString *error)
{
    m_enabled.clear();
    m_enabledAt.clear();
    QSqlQuery query(m_database.connection());
    if (!query.exec(u"SELECT name, definition, coalesce(enabled_at, 0) FROM campaigns WHERE enabled = 1"_s)) {
        *error = m_database.errorFor(query.lastError()).message;
        return false;
    }
    while (query.next()) {
        std::optional<Campaign> campaign = CampaignJson::campaignFromJson(query.value(1).toByteArray());
        if (!campaign)
            continue;
        campaign->name = query.value(0).toString();
        campaign->enabled = true;
        m_enabled.insert(campaign->name, *campaign);
        m_enabledAt.insert(campaign->name, query.value(2).toLongLong());
    }
    return true;
}

SchedulerReport CampaignScheduler::runOnce()
{
    SchedulerReport report;
    if (!loadCampaigns(&report.error))
        return report;
    using Phase = bool (CampaignScheduler::*)(SchedulerReport &, bool *);
    // Due steps first: an enrollment that finished before a new trigger must not count as active.
    for (const Phase phase : {&CampaignScheduler::advanceDue, &CampaignScheduler::adoptNewEnrollments,
                              &CampaignScheduler::scanEvents, &CampaignScheduler::scanHistory}) {
        bool more = true;
        for (int batch = 0; more && batch < m_options.maximumBatchesPerRun; ++batch) {
            if (!(this->*phase)(report, &more))
                return report;
        }
    }
    if (!fireCron(report))
        return report;
    bool more = true;
    for (int batch = 0; more && batch < m_options.maximumBatchesPerRun; ++batch) {
        if (!advanceDue(report, &more))
            return report;
    }
    return report;
}

bool CampaignScheduler::adoptNewEnrollments(SchedulerReport &report, bool *more)
{
    Batch batch(m_database, now());
    QSqlQuery query(m_database.connection());
    query.prepare(u"SELECT e.id, e.lead_id, e.campaign, e.enrolled_at, ev.occurred_at, ev.metadata, ev.received_at"
                  " FROM enrollments e"
                  " LEFT JOIN enrollment_progress p ON p.enrollment_id = e.id"
                  " LEFT JOIN events ev ON ev.id = e.event_id"
                  " WHERE e.status = 'active' AND p.enrollment_id IS NULL ORDER BY e.id LIMIT ?"_s);
    query.addBindValue(m_options.batchSize);
    if (!batch.ok() || !batch.exec(query)) {
        report.error = batch.error;
        return false;
    }
    int rows = 0;
    int enrolled = 0;
    int declined = 0;
    while (query.next() && batch.ok()) {
        ++rows;
        const qint64 enrollmentId = query.value(0).toLongLong();
        const qint64 leadId = query.value(1).toLongLong();
        const QString name = query.value(2).toString();
        const qint64 atMs = query.isNull(4) ? query.value(3).toLongLong() : query.value(4).toLongLong();
        const QByteArray metadata = query.value(5).toString().toUtf8();

        QString reason;
        bool loggable = false;
        const auto campaign = m_enabled.constFind(name);
        if (campaign == m_enabled.constEnd()) {
            reason = tr("the campaign %1 does not exist or is not enabled").arg(name);
        } else if (!query.isNull(6) && query.value(6).toLongLong() < m_enabledAt.value(name)) {
            reason = tr("the event arrived before the campaign %1 was enabled").arg(name);
        } else {
            const std::optional<CampaignLead> lead = batch.lead(leadId, false);
            const std::optional<QList<PastEnrollment>> past = batch.history(leadId, name, enrollmentId);
            if (!lead || !past)
                break;
            const TriggerOccurrence occurrence = occurrenceMatching(campaign->trigger, atMs, metadata);
            const EnrollmentDecision decision = CampaignEngine::enrollmentDecision(*campaign, *lead, occurrence, *past);
            if (decision.enroll()) {
                EnrollmentState state = CampaignEngine::start(*campaign, leadId, occurrence);
                state.id = enrollmentId;
                if (batch.startProgress(enrollmentId, state))
                    ++enrolled;
                continue;
            }
            reason = decision.reason;
            loggable = true;
        }
        // Declined rather than deleted: the rule did ask. The activity log says why only when the
        // campaign runs; a disabled one (after an upgrade: every stored rule enrollment) would flood it.
        QSqlQuery decline(m_database.connection());
        decline.prepare(u"UPDATE enrollments SET status = ? WHERE id = ?"_s);
        decline.addBindValue(declinedStatus);
        decline.addBindValue(enrollmentId);
        if (batch.exec(decline) && (!loggable || batch.log(name, leadId, enrollmentId, u"declined"_s, reason)))
            ++declined;
    }
    if (!batch.commit()) {
        report.error = batch.error;
        return false;
    }
    report.enrolled += enrolled;
    report.declined += declined;
    *more = rows == m_options.batchSize;
    return true;
}

bool CampaignScheduler::scanEvents(SchedulerReport &report, bool *more)
{
    *more = false;
    bool interested = false;
    for (const Campaign &campaign : std::as_const(m_enabled)) {
        interested = interested || campaign.trigger.kind == CampaignTrigger::Kind::Event
            || campaign.trigger.kind == CampaignTrigger::Kind::ScoreCrossed;
    }
    Batch batch(m_database, now());
    const std::optional<qint64> from = batch.clampedCursor(eventsCursorKey, u"events"_s);
    if (!from) {
        report.error = batch.error;
        return false;
    }
    QSqlQuery query(m_database.connection());
    if (!interested) {
        // Nothing listens to events: skip them all, or a campaign enabled later would act on old ones.
        query.prepare(u"SELECT coalesce(max(id), 0) FROM events"_s);
    } else {
        query.prepare(u"SELECT id, lead_id, type, occurred_at, metadata, points, received_at FROM events WHERE id > ?"
                      " ORDER BY id LIMIT ?"_s);
        query.addBindValue(*from);
        query.addBindValue(m_options.batchSize);
    }
    if (!batch.exec(query)) {
        report.error = batch.error;
        return false;
    }
    qint64 last = *from;
    int rows = 0;
    int enrolled = 0;
    if (!interested) {
        if (query.next())
            last = query.value(0).toLongLong();
    }
    while (interested && query.next() && batch.ok()) {
        ++rows;
        const qint64 eventId = query.value(0).toLongLong();
        const qint64 leadId = query.value(1).toLongLong();
        const QString type = query.value(2).toString();
        const qint64 atMs = query.value(3).toLongLong();
        const QByteArray metadata = query.value(4).toString().toUtf8();
        const int points = query.value(5).toInt();
        const qint64 receivedAtMs = query.value(6).toLongLong();
        last = eventId;
        std::optional<CampaignLead> lead;
        for (const Campaign &campaign : std::as_const(m_enabled)) {
            if (receivedAtMs < m_enabledAt.value(campaign.name))
                continue;
            TriggerOccurrence occurrence;
            occurrence.atMs = atMs;
            occurrence.eventMetadataJson = metadata;
            if (campaign.trigger.kind == CampaignTrigger::Kind::Event && campaign.trigger.eventType == type) {
                occurrence.kind = CampaignTrigger::Kind::Event;
                occurrence.eventType = type;
                // The scoring rule of this event may have enrolled the lead already (ingest's Enroll).
                QSqlQuery existing(m_database.connection());
                existing.prepare(u"SELECT 1 FROM enrollments WHERE event_id = ? AND campaign = ?"_s);
                existing.addBindValue(eventId);
                existing.addBindValue(campaign.name);
                if (!batch.exec(existing))
                    break;
                if (existing.next())
                    continue;
            } else if (campaign.trigger.kind == CampaignTrigger::Kind::ScoreCrossed && points != 0) {
                // The score right after this event: today's score less the points of the lead's later
                // events. Decay and manual adjustments since are not subtracted; a crossing they hide or
                // fake is rare and harmless (the audience and goal still decide).
                QSqlQuery later(m_database.connection());
                later.prepare(u"SELECT coalesce(sum(points), 0) FROM events WHERE lead_id = ? AND id > ?"_s);
                later.addBindValue(leadId);
                later.addBindValue(eventId);
                if (!lead)
                    lead = batch.lead(leadId, false);
                if (!lead || !batch.exec(later) || !later.next())
                    break;
                occurrence.kind = CampaignTrigger::Kind::ScoreCrossed;
                occurrence.scoreAfter = lead->score - later.value(0).toInt();
                occurrence.scoreBefore = occurrence.scoreAfter - points;
            } else {
                continue;
            }
            if (!lead)
                lead = batch.lead(leadId, false);
            bool added = false;
            if (!lead || !batch.offer(campaign, *lead, eventId, occurrence, &added))
                break;
            enrolled += added ? 1 : 0;
        }
    }
    if (batch.ok() && last != *from)
        batch.setCursor(eventsCursorKey, last);
    if (!batch.commit()) {
        report.error = batch.error;
        return false;
    }
    report.enrolled += enrolled;
    *more = interested && rows == m_options.batchSize;
    return true;
}

bool CampaignScheduler::scanHistory(SchedulerReport &report, bool *more)
{
    *more = false;
    Batch batch(m_database, now());
    const std::optional<qint64> from = batch.clampedCursor(historyCursorKey, u"stage_history"_s);
    const std::optional<QString> leadEventsUrl = m_database.settingValue(leadEventsUrlKey);
    const qint64 leadEventsFrom = m_database.settingValue(leadEventsFromKey).value_or(QString()).toLongLong();
    if (!from) {
        report.error = batch.error;
        return false;
    }
    bool stageTriggers = false;
    for (const Campaign &campaign : std::as_const(m_enabled))
        stageTriggers = stageTriggers || campaign.trigger.kind == CampaignTrigger::Kind::StageEntered;
    const bool subscribed = leadEventsUrl && !leadEventsUrl->trimmed().isEmpty();

    // Lead events come from here rather than from each writer of a stage change (ingest's raw sqlite3
    // path, board moves, undo, campaign steps, other processes): one reader over the table every one of
    // them writes, with its cursor committed beside the outbox rows, cannot miss a writer nor send twice.
    QSqlQuery query(m_database.connection());
    query.prepare(u"SELECT h.id, h.lead_id, h.from_stage, h.to_stage, h.at, h.cause, h.reason, h.actor,"
                  " coalesce(l.email, ''), l.name, l.company, l.score, coalesce(l.external_id, '')"
                  " FROM stage_history h JOIN leads l ON l.id = h.lead_id WHERE h.id > ? ORDER BY h.id LIMIT ?"_s);
    query.addBindValue(*from);
    query.addBindValue(m_options.batchSize);
    if (!batch.exec(query)) {
        report.error = batch.error;
        return false;
    }
    qint64 last = *from;
    int rows = 0;
    int enrolled = 0;
    int deliveries = 0;
    while (query.next() && batch.ok()) {
        ++rows;
        last = query.value(0).toLongLong();
        const qint64 leadId = query.value(1).toLongLong();
        const bool created = query.isNull(2);
        const QString fromStage = query.value(2).toString();
        const QString toStage = query.value(3).toString();
        const qint64 atMs = query.value(4).toLongLong();
        const std::optional<Stage> stage = stageFromName(toStage);
        if (!stage)
            continue;
        if (stageTriggers) {
            std::optional<CampaignLead> lead;
            for (const Campaign &campaign : std::as_const(m_enabled)) {
                if (campaign.trigger.kind != CampaignTrigger::Kind::StageEntered || campaign.trigger.stage != *stage)
                    continue;
                if (!lead)
                    lead = batch.lead(leadId, false);
                TriggerOccurrence occurrence;
                occurrence.kind = CampaignTrigger::Kind::StageEntered;
                occurrence.stage = *stage;
                occurrence.atMs = atMs;
                bool added = false;
                if (!lead || !batch.offer(campaign, *lead, 0, occurrence, &added))
                    break;
                enrolled += added ? 1 : 0;
            }
        }
        if (!subscribed || created || last <= leadEventsFrom || !batch.ok())
            continue;
        const QJsonObject data{
            {u"lead"_s,
             QJsonObject{{u"id"_s, leadId}, {u"userId"_s, query.value(12).toString()}, {u"email"_s, query.value(8).toString()},
                         {u"name"_s, query.value(9).toString()}, {u"company"_s, query.value(10).toString()},
                         {u"score"_s, query.value(11).toInt()}}},
            {u"from"_s, fromStage},
            {u"to"_s, toStage},
            {u"at"_s, QDateTime::fromMSecsSinceEpoch(atMs, Qt::UTC).toString(Qt::ISODateWithMs)},
            {u"cause"_s, query.value(5).toString()},
            {u"reason"_s, query.value(6).toString()},
            {u"actor"_s, query.value(7).toString()},
        };
        QStringList types{u"lead.stage_changed"_s};
        if (*stage == Stage::SQL)
            types.append(u"lead.became_sql"_s);
        for (const QString &type : std::as_const(types)) {
            OutboxMessage message;
            message.url = leadEventsUrl->trimmed();
            message.body = QJsonDocument(QJsonObject{{u"type"_s, type},
                                                     {u"timestamp"_s, QDateTime::fromMSecsSinceEpoch(atMs, Qt::UTC)
                                                                          .toString(Qt::ISODateWithMs)},
                                                     {u"data"_s, data}})
                               .toJson(QJsonDocument::Compact);
            message.leadId = leadId;
            if (!batch.enqueue(message))
                break;
            ++deliveries;
        }
    }
    if (batch.ok() && last != *from)
        batch.setCursor(historyCursorKey, last);
    if (!batch.commit()) {
        report.error = batch.error;
        return false;
    }
    report.enrolled += enrolled;
    report.deliveries += deliveries;
    *more = rows == m_options.batchSize;
    return true;
}

bool CampaignScheduler::fireCron(SchedulerReport &report)
{
    for (const Campaign &campaign : std::as_const(m_enabled)) {
        if (campaign.trigger.kind != CampaignTrigger::Kind::Schedule)
            continue;
        const std::optional<CronSchedule> schedule = CronSchedule::parse(campaign.trigger.cron, campaign.trigger.timeZone);
        if (!schedule)
            continue; // CampaignStore does not enable such a campaign
        Batch batch(m_database, now());
        QSqlQuery slot(m_database.connection());
        slot.prepare(u"SELECT next_fire_at FROM campaign_schedule WHERE campaign = ?"_s);
        slot.addBindValue(campaign.name);
        if (!batch.exec(slot)) {
            report.error = batch.error;
            return false;
        }
        const bool hasSlot = slot.next() && !slot.isNull(0);
        const qint64 dueAt = hasSlot ? slot.value(0).toLongLong() : 0;
        if (hasSlot && dueAt > batch.now)
            continue; // the transaction rolls back nothing
        int enrolled = 0;
        if (hasSlot) {
            // Due: the audience enrolls once for this slot. Slots missed while nothing ran are not
            // caught up one by one; the next slot is the first after now.
            QSqlQuery leads(m_database.connection());
            leads.prepare(u"SELECT id, coalesce(email, ''), name, company, source, stage, score FROM leads"_s);
            QHash<qint64, QList<PastEnrollment>> past;
            QSqlQuery history(m_database.connection());
            history.prepare(u"SELECT lead_id, enrolled_at, status FROM enrollments WHERE campaign = ?"
                            " AND status <> 'declined'"_s);
            history.addBindValue(campaign.name);
            if (!batch.exec(leads) || !batch.exec(history)) {
                report.error = batch.error;
                return false;
            }
            while (history.next())
                past[history.value(0).toLongLong()].append({history.value(1).toLongLong(), history.value(2).toString() == "active"_L1});
            TriggerOccurrence occurrence;
            occurrence.kind = CampaignTrigger::Kind::Schedule;
            occurrence.atMs = dueAt;
            while (leads.next() && batch.ok()) {
                CampaignLead lead;
                lead.id = leads.value(0).toLongLong();
                lead.email = leads.value(1).toString();
                lead.name = leads.value(2).toString();
                lead.company = leads.value(3).toString();
                lead.source = leads.value(4).toString();
                lead.stage = stageFromName(leads.value(5).toString()).value_or(Stage::Cold);
                lead.score = leads.value(6).toInt();
                if (CampaignEngine::enrollmentDecision(campaign, lead, occurrence, past.value(lead.id)).enroll()
                    && batch.enroll(campaign, lead.id, 0, occurrence))
                    ++enrolled;
            }
        }
        const QDateTime next = schedule->nextFireAfter(QDateTime::fromMSecsSinceEpoch(batch.now, Qt::UTC));
        QSqlQuery store(m_database.connection());
        store.prepare(u"INSERT INTO campaign_schedule (campaign, next_fire_at, last_fired_at) VALUES (?, ?, ?)"
                      " ON CONFLICT (campaign) DO UPDATE SET next_fire_at = excluded.next_fire_at,"
                      " last_fired_at = coalesce(excluded.last_fired_at, last_fired_at)"_s);
        store.addBindValue(campaign.name);
        store.addBindValue(next.isValid() ? QVariant(next.toMSecsSinceEpoch()) : QVariant(QMetaType::fromType<qint64>()));
        store.addBindValue(hasSlot ? QVariant(dueAt) : QVariant(QMetaType::fromType<qint64>()));
        if (batch.ok())
            batch.exec(store);
        if (!batch.commit()) {
            report.error = batch.error;
            return false;
        }
        report.enrolled += enrolled;
        report.cronSlotsFired += hasSlot ? 1 : 0;
    }
    return true;
}

bool CampaignScheduler::advanceDue(SchedulerReport &report, bool *more)
{
    Batch batch(m_database, now());
    QSqlQuery query(m_database.connection());
    // Enrollments of a disabled campaign pause (they stay active and resume when it is enabled again).
    query.prepare(u"SELECT p.enrollment_id, e.lead_id, e.campaign, p.step_index, p.due_at, p.trigger_at,"
                  " p.event_metadata FROM enrollment_progress p"
                  " JOIN enrollments e ON e.id = p.enrollment_id"
                  " JOIN campaigns c ON c.name = e.campaign AND c.enabled = 1"
                  " WHERE p.due_at <= ? AND e.status = 'active' ORDER BY p.due_at LIMIT ?"_s);
    query.addBindValue(batch.now);
    query.addBindValue(m_options.batchSize);
    if (!batch.ok() || !batch.exec(query)) {
        report.error = batch.error;
        return false;
    }
    int rows = 0;
    int advanced = 0;
    int deliveries = 0;
    while (query.next() && batch.ok()) {
        ++rows;
        EnrollmentState state;
        state.id = query.value(0).toLongLong();
        state.leadId = query.value(1).toLongLong();
        state.campaign = query.value(2).toString();
        state.stepIndex = query.value(3).toInt();
        state.dueAtMs = query.value(4).toLongLong();
        state.triggerAtMs = query.value(5).toLongLong();
        state.eventMetadataJson = query.value(6).toString().toUtf8();
        const auto found = m_enabled.constFind(state.campaign);
        if (found == m_enabled.constEnd())
            continue; // enabled by another process after runOnce() read the campaigns: next run
        const Campaign &campaign = *found;
        const std::optional<CampaignLead> lead = batch.lead(state.leadId, needsEventTimes(campaign));
        if (!lead)
            break;
        const AdvanceResult result = CampaignEngine::advance(campaign, state, *lead, batch.now);
        const QString actor = tr("campaign %1").arg(campaign.name);
        CampaignLead current = *lead;
        for (const CampaignEffect &effect : result.effects) {
            if (!batch.ok())
                break;
            if (const auto *request = std::get_if<WebhookRequest>(&effect)) {
                if (!request->error.isEmpty()) {
                    batch.log(campaign.name, state.leadId, state.id, u"webhook_invalid"_s, request->error);
                    continue;
                }
                OutboxMessage message;
                message.url = request->url.toString();
                message.method = request->method;
                message.headers = request->headers;
                message.body = request->body;
                message.enrollmentId = state.id;
                message.stepId = request->stepId;
                message.campaign = campaign.name;
                message.leadId = state.leadId;
                if (batch.enqueue(message))
                    ++deliveries;
            } else if (const auto *score = std::get_if<ScoreChanged>(&effect)) {
                QSqlQuery update(m_database.connection());
                update.prepare(u"UPDATE leads SET score = score + ? WHERE id = ?"_s);
                update.addBindValue(score->delta);
                update.addBindValue(state.leadId);
                QSqlQuery adjustment(m_database.connection());
                adjustment.prepare(u"INSERT INTO score_adjustments (lead_id, at, delta, reason) VALUES (?, ?, ?, ?)"_s);
                adjustment.addBindValue(state.leadId);
                adjustment.addBindValue(batch.now);
                adjustment.addBindValue(score->delta);
                adjustment.addBindValue(score->rule);
                if (batch.exec(update))
                    batch.exec(adjustment);
                current.score += score->delta;
            } else if (const auto *moved = std::get_if<StageChanged>(&effect)) {
                QSqlQuery update(m_database.connection());
                update.prepare(u"UPDATE leads SET stage = ?, stage_entered_at = ? WHERE id = ?"_s);
                update.addBindValue(stageName(moved->to));
                update.addBindValue(batch.now);
                update.addBindValue(state.leadId);
                QSqlQuery history(m_database.connection());
                history.prepare(u"INSERT INTO stage_history (lead_id, from_stage, to_stage, at, cause, reason, actor)"
                                " VALUES (?, ?, ?, ?, ?, ?, ?)"_s);
                history.addBindValue(state.leadId);
                history.addBindValue(stageName(moved->from));
                history.addBindValue(stageName(moved->to));
                history.addBindValue(batch.now);
                history.addBindValue(moveCauseName(moved->cause));
                history.addBindValue(notNull(moved->reason));
                history.addBindValue(actor);
                if (batch.exec(update))
                    batch.exec(history);
            } else if (const auto *refused = std::get_if<MoveRefused>(&effect)) {
                batch.log(campaign.name, state.leadId, state.id, u"move_refused"_s,
                          tr("%1 → %2 refused: %3").arg(stageName(refused->from), stageName(refused->to), refused->reason));
            } else if (const auto *notify = std::get_if<NotifySales>(&effect)) {
                batch.log(campaign.name, state.leadId, state.id, u"notify"_s, notify->text);
            }
        }
        const EnrollmentState &next = result.next;
        const bool finished = next.status != EnrollmentState::Status::Active;
        QSqlQuery progress(m_database.connection());
        progress.prepare(u"UPDATE enrollment_progress SET step_index = ?, due_at = ?, failure = ?, updated_at = ?"
                         " WHERE enrollment_id = ?"_s);
        progress.addBindValue(next.stepIndex);
        progress.addBindValue(finished ? neverDue : next.dueAtMs);
        progress.addBindValue(nullIfEmpty(next.failure));
        progress.addBindValue(batch.now);
        progress.addBindValue(state.id);
        QSqlQuery status(m_database.connection());
        status.prepare(u"UPDATE enrollments SET status = ? WHERE id = ?"_s);
        status.addBindValue(enrollmentStatusName(next.status));
        status.addBindValue(state.id);
        if (batch.ok() && batch.exec(progress) && batch.exec(status))
            ++advanced;
    }
    if (!batch.commit()) {
        report.error = batch.error;
        return false;
    }
    report.advanced += advanced;
    report.deliveries += deliveries;
    *more = rows == m_options.batchSize;
    return true;
}

std::optional<qint64> CampaignScheduler::nextDueAt()
{
    const qint64 current = now();
    QString error;
    if (!loadCampaigns(&error))
        return current; // let runOnce() report it
    QSqlQuery query(m_database.connection());
    // Work that is due at once: unadopted enrollments, unread events (when someone listens), unread history.
    const std::optional<QString> eventsCursor = m_database.settingValue(eventsCursorKey);
    const std::optional<QString> historyCursor = m_database.settingValue(historyCursorKey);
    query.prepare(u"SELECT (SELECT count(*) FROM enrollments e LEFT JOIN enrollment_progress p"
                  "          ON p.enrollment_id = e.id WHERE e.status = 'active' AND p.enrollment_id IS NULL),"
                  " (SELECT coalesce(max(id), 0) FROM events), (SELECT coalesce(max(id), 0) FROM stage_history)"_s);
    if (!query.exec() || !query.next())
        return current;
    bool listensToEvents = false;
    for (const Campaign &campaign : std::as_const(m_enabled)) {
        listensToEvents = listensToEvents || campaign.trigger.kind == CampaignTrigger::Kind::Event
            || campaign.trigger.kind == CampaignTrigger::Kind::ScoreCrossed;
    }
    if (query.value(0).toLongLong() > 0
        || (listensToEvents && query.value(1).toLongLong() > eventsCursor.value_or(u"0"_s).toLongLong())
        || query.value(2).toLongLong() > historyCursor.value_or(u"0"_s).toLongLong())
        return current;

    std::optional<qint64> earliest;
    QSqlQuery due(m_database.connection());
    // ORDER BY ... LIMIT 1 rather than min(): SQLite then walks the due_at index and stops at the first
    // active row (finished enrollments sit at the far end, never due).
    if (due.exec(u"SELECT p.due_at FROM enrollment_progress p JOIN enrollments e ON e.id = p.enrollment_id"
                 " JOIN campaigns c ON c.name = e.campaign AND c.enabled = 1 WHERE e.status = 'active'"
                 " ORDER BY p.due_at LIMIT 1"_s)
        && due.next() && !due.isNull(0))
        earliest = due.value(0).toLongLong();
    for (const Campaign &campaign : std::as_const(m_enabled)) {
        if (campaign.trigger.kind != CampaignTrigger::Kind::Schedule)
            continue;
        QSqlQuery slot(m_database.connection());
        slot.prepare(u"SELECT next_fire_at FROM campaign_schedule WHERE campaign = ?"_s);
        slot.addBindValue(campaign.name);
        if (!slot.exec())
            continue;
        // No slot stored yet: runOnce() stores the first one now.
        const qint64 at = slot.next() && !slot.isNull(0) ? slot.value(0).toLongLong() : current;
        earliest = earliest ? std::min(*earliest, at) : at;
    }
    return earliest;
}

} // namespace funnel
