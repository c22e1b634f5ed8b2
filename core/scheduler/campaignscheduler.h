#pragma once

#include "core/campaigns/campaign.h"
#include "core/scheduler/schedulerreport.h"

#include <QCoreApplication>
#include <QHash>
#include <QString>

#include <functional>
#include <optional>

namespace funnel {

class Database;

// The imperative shell around CampaignEngine: enrolls leads and runs the campaigns' due steps.
//
// runOnce() works in batches, one IMMEDIATE transaction each, in this order (after a first pass of
// step 5, so that an enrollment which finished before a new trigger no longer counts as active):
//  1. enrollments a scoring rule wrote (ingest's Enroll effects) that have no progress row yet:
//     the campaign decides (enabled, audience, goal, re-enrollment) and they start or are declined;
//  2. events since a persisted cursor: event triggers and score crossings enroll;
//     (in 1 and 2, an event received before the campaign was enabled does not enroll: enabling a
//     campaign acts on what arrives from then on, not on the history already stored)
//  3. stage_history since a persisted cursor: stage-entered triggers enroll, and the global
//     lead-events subscription (setting leadEventsUrlKey) gets lead.stage_changed / lead.became_sql;
//  4. cron campaigns whose persisted slot is due: the audience enrolls once, however many slots
//     passed while nothing ran, and the next slot after now is stored;
//  5. due steps: CampaignEngine::advance, whose effects (webhook deliveries, score, stage, notes for
//     sales, refused moves) are written in the same transaction as the enrollment's new step, so a
//     crash either loses both or keeps both; UNIQUE (enrollment, step) keeps a re-run from writing a
//     second delivery.
// Cursors move in the transaction of the rows they cover: each row is acted on exactly once.
// Use on the thread that opened the Database.
class CampaignScheduler
{
    Q_DECLARE_TR_FUNCTIONS(CampaignScheduler)

public:
    static inline const QString leadEventsUrlKey = QStringLiteral("webhooks.lead_events_url");
    static inline const QString eventsCursorKey = QStringLiteral("scheduler.events_cursor");
    static inline const QString historyCursorKey = QStringLiteral("scheduler.history_cursor");
    // The newest stage_history id when the subscription was set: older changes are not sent.
    static inline const QString leadEventsFromKey = QStringLiteral("webhooks.lead_events_from_id");

    // Sets (or with an empty url clears) the lead-events subscription; it covers stage changes from now on.
    static bool subscribeLeadEvents(Database &database, const QString &url, QString *error = nullptr);

    struct Options {
        int batchSize = 200;
        int maximumBatchesPerRun = 50; // then runOnce() returns, so a caller's loop stays responsive
        std::function<qint64()> clock; // ms since the epoch; the system clock when empty
    };

    explicit CampaignScheduler(Database &database);
    CampaignScheduler(Database &database, const Options &options);

    SchedulerReport runOnce();

    // When runOnce() next has work: now when events, stage changes or new enrollments wait, else the
    // earliest due step or cron slot of an enabled campaign; nullopt when nothing is scheduled.
    std::optional<qint64> nextDueAt();

    qint64 now() const;

private:
    struct Batch;
    bool loadCampaigns(QString *error);
    bool adoptNewEnrollments(SchedulerReport &report, bool *more);
    bool scanEvents(SchedulerReport &report, bool *more);
    bool scanHistory(SchedulerReport &report, bool *more);
    bool fireCron(SchedulerReport &report);
    bool advanceDue(SchedulerReport &report, bool *more);

    Database &m_database;
    Options m_options;
    QHash<QString, Campaign> m_enabled; // enabled campaigns by name, read at the start of runOnce()
    QHash<QString, qint64> m_enabledAt; // when each was enabled: events received before never enroll
};

} // namespace funnel
