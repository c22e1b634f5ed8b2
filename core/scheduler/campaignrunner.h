#pragma once

#include "core/scheduler/campaignscheduler.h"
#include "core/storage/deliveryrecord.h"
#include "core/webhooks/webhookdispatcher.h"

#include <QObject>
#include <QTimer>

#include <memory>

namespace funnel {

class Database;
class DatabaseWatcher;
class OutboxStore;

// The scheduler and the webhook sender running together on one thread's event loop: what
// `funnelctl run` and the desktop app's campaign worker both run. The scheduler wakes for the next
// due step, at least every pollIntervalMs, soon after another connection commits, and on wake().
class CampaignRunner : public QObject
{
    Q_OBJECT

public:
    struct Options {
        int pollIntervalMs = 1000;
        // Commits of other connections (ingest, the board, another process) wake the scheduler within
        // this (DatabaseWatcher); 0 = rely on pollIntervalMs alone.
        int watchIntervalMs = 100;
        CampaignScheduler::Options scheduler;
        WebhookDispatcher::Options dispatcher;
    };
    struct Totals {
        qint64 enrolled = 0;
        qint64 deliveriesWritten = 0;
        qint64 succeeded = 0;
        qint64 failedAttempts = 0;
    };

    CampaignRunner(Database &database, const Options &options, QObject *parent = nullptr);
    ~CampaignRunner() override;

    void start();
    void stop(); // requests in flight finish and are recorded; see inFlight()
    void wake(); // run the scheduler now, e.g. after another connection committed
    int inFlight() const { return m_dispatcher->inFlight(); }
    bool isBusy() const { return m_dispatcher->isBusy(); } // see WebhookDispatcher::isBusy()
    const Totals &totals() const { return m_totals; }

    // Nothing in flight or claimed, no step and no delivery due now.
    bool isIdleNow();

Q_SIGNALS:
    void schedulerRan(int enrolled, int deliveriesWritten);
    void attemptFinished(qint64 deliveryId, funnel::DeliveryStatus status, int httpStatus);
    void idle();
    void failed(const QString &message);

private:
    void tick();
    void checkIdle();

    CampaignScheduler m_scheduler;
    std::unique_ptr<OutboxStore> m_outbox;
    WebhookDispatcher *m_dispatcher = nullptr;
    DatabaseWatcher *m_watcher = nullptr;
    QString m_path;
    QTimer m_timer;
    Options m_options;
    Totals m_totals;
    bool m_running = false;
};

} // namespace funnel
