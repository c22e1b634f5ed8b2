#include "core/scheduler/campaignrunner.h"

#include "core/storage/database.h"
#include "core/storage/databasewatcher.h"
#include "core/storage/outboxstore.h"

namespace funnel {

CampaignRunner::CampaignRunner(Database &database, const Options &options, QObject *parent)
    : QObject(parent),
      m_scheduler(database, options.scheduler),
      m_outbox(std::make_unique<OutboxStore>(database)),
      m_dispatcher(new WebhookDispatcher(database, options.dispatcher, this)),
      m_path(database.path()),
      m_options(options)
{
    m_timer.setSingleShot(true);
    connect(&m_timer, &QTimer::timeout, this, &CampaignRunner::tick);
    connect(m_dispatcher, &WebhookDispatcher::attemptFinished, this,
            [this](qint64 id, DeliveryStatus status, int httpStatus) {
                (status == DeliveryStatus::Succeeded ? m_totals.succeeded : m_totals.failedAttempts) += 1;
                Q_EMIT attemptFinished(id, status, httpStatus);
            });
    connect(m_dispatcher, &WebhookDispatcher::idle, this, &CampaignRunner::checkIdle);
    connect(m_dispatcher, &WebhookDispatcher::storageFailed, this, &CampaignRunner::failed);
}

CampaignRunner::~CampaignRunner() = default;

void CampaignRunner::start()
{
    m_running = true;
    if (m_options.watchIntervalMs > 0 && !m_watcher) {
        m_watcher = new DatabaseWatcher(this);
        if (m_watcher->watch(m_path, m_options.watchIntervalMs))
            connect(m_watcher, &DatabaseWatcher::changed, this, &CampaignRunner::wake);
    }
    m_dispatcher->start();
    m_timer.start(0);
}

void CampaignRunner::stop()
{
    m_running = false;
    m_timer.stop();
    if (m_watcher)
        m_watcher->stop();
    m_dispatcher->stop();
}

void CampaignRunner::wake()
{
    if (m_running)
        m_timer.start(0);
}

bool CampaignRunner::isIdleNow()
{
    const qint64 now = m_scheduler.now();
    const std::optional<qint64> step = m_scheduler.nextDueAt();
    const std::optional<qint64> delivery = m_outbox->nextDueAt();
    // Claimed rows carry a lease in the future: they count through isBusy(), not through their due time.
    return !m_dispatcher->isBusy() && (!step || *step > now) && (!delivery || *delivery > now);
}

void CampaignRunner::checkIdle()
{
    if (m_running && isIdleNow())
        Q_EMIT idle();
}

void CampaignRunner::tick()
{
    if (!m_running)
        return;
    const SchedulerReport report = m_scheduler.runOnce();
    if (report.failed()) {
        // A locked or broken database: say so, and try again at the next poll.
        Q_EMIT failed(report.error);
    } else if (report.didWork()) {
        m_totals.enrolled += report.enrolled;
        m_totals.deliveriesWritten += report.deliveries;
        if (report.deliveries > 0)
            m_dispatcher->start(); // look at the outbox now rather than at its next poll
        Q_EMIT schedulerRan(report.enrolled, report.deliveries);
    }
    if (!m_running)
        return; // a slot connected to a signal above stopped us
    const std::optional<qint64> next = m_scheduler.nextDueAt();
    qint64 wait = next ? std::clamp<qint64>(*next - m_scheduler.now(), 0, m_options.pollIntervalMs)
                       : m_options.pollIntervalMs;
    // Due but nothing done (say, a campaign row this version cannot read): do not spin.
    if (!report.didWork())
        wait = std::max<qint64>(wait, std::min(50, m_options.pollIntervalMs));
    m_timer.start(int(wait));
    if (report.deliveries == 0)
        checkIdle();
}

} // namespace funnel
