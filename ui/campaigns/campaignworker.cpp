#include "ui/campaigns/campaignworker.h"

#include "core/scheduler/campaignrunner.h"
#include "core/storage/database.h"

#include <QEventLoop>
#include <QTimer>
#include <QtConcurrent/QtConcurrentRun>

namespace funnel {

CampaignWorker::CampaignWorker(QObject *parent) : QObject(parent)
{
    m_pool.setMaxThreadCount(1);
}

CampaignWorker::~CampaignWorker()
{
    stop();
}

void CampaignWorker::start(const QString &databasePath)
{
    stop();
    auto stopFlag = std::make_shared<std::atomic<bool>>(false);
    m_stop = stopFlag;
    // `this` outlives the task: the destructor waits for it. Queued calls to a deleted receiver are dropped.
    m_future = QtConcurrent::run(&m_pool, [this, databasePath, stopFlag] {
        Database database; // this worker thread's own connection
        if (!database.open(databasePath)) {
            const QString message = database.lastError().message;
            QMetaObject::invokeMethod(this, [this, message] { Q_EMIT failed(message); }, Qt::QueuedConnection);
            return;
        }
        QEventLoop loop;
        CampaignRunner runner(database, CampaignRunner::Options{});
        // One queued notification at a time: thousands of attempts a second must not flood the GUI thread.
        auto pending = std::make_shared<std::atomic<bool>>(false);
        const auto notify = [this, pending] {
            if (pending->exchange(true))
                return;
            QMetaObject::invokeMethod(
                this,
                [this, pending] {
                    pending->store(false);
                    Q_EMIT activity();
                },
                Qt::QueuedConnection);
        };
        QObject::connect(&runner, &CampaignRunner::schedulerRan, &loop, notify);
        QObject::connect(&runner, &CampaignRunner::attemptFinished, &loop, notify);
        QObject::connect(&runner, &CampaignRunner::failed, &loop, [this](const QString &message) {
            QMetaObject::invokeMethod(this, [this, message] { Q_EMIT failed(message); }, Qt::QueuedConnection);
        });
        QTimer stopCheck;
        QObject::connect(&stopCheck, &QTimer::timeout, &loop, [&] {
            if (stopFlag->load())
                loop.quit();
        });
        stopCheck.start(50);
        runner.start();
        loop.exec();
        runner.stop();
    });
}

void CampaignWorker::stop()
{
    if (m_stop)
        m_stop->store(true);
    m_pool.waitForDone();
}

} // namespace funnel
