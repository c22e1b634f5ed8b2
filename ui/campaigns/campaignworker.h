#pragma once

#include <QFuture>
#include <QObject>
#include <QString>
#include <QThreadPool>

#include <atomic>
#include <memory>

namespace funnel {

// Runs the CampaignRunner (scheduler and webhook sender) while the app is open, on a worker thread
// with its own Database connection and event loop, as the dashboard's loader runs its queries: the
// GUI thread never waits for SQL or the network.
class CampaignWorker : public QObject
{
    Q_OBJECT

public:
    explicit CampaignWorker(QObject *parent = nullptr);
    ~CampaignWorker() override;

    // Runs against `databasePath` (a running worker is stopped first).
    void start(const QString &databasePath);
    // Blocks until the worker returned. Requests still in flight are abandoned unrecorded; their
    // leases run out and they are sent again with the same webhook-id (at-least-once).
    void stop();
    bool isRunning() const { return m_future.isRunning(); }

Q_SIGNALS:
    // Leads were enrolled, deliveries written or attempts finished: the delivery log may be stale.
    void activity();
    void failed(const QString &message);

private:
    QThreadPool m_pool;
    QFuture<void> m_future;
    std::shared_ptr<std::atomic<bool>> m_stop;
};

} // namespace funnel
