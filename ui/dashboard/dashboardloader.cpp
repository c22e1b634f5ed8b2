#include "ui/dashboard/dashboardloader.h"

#include "core/storage/dashboardquery.h"
#include "core/storage/database.h"
#include "core/storage/workerconnection.h"

#include <QDateTime>
#include <QtConcurrent/QtConcurrentRun>

namespace funnel {

DashboardLoader::DashboardLoader(QObject *parent) : QObject(parent), m_watcher(new QFutureWatcher<Result>(this))
{
    // Two workers: a superseded one still finishing its current statement does not hold up the next.
    m_pool.setMaxThreadCount(2);
    connect(m_watcher, &QFutureWatcher<Result>::finished, this, [this] { finish(m_watcher->result()); });
}

DashboardLoader::~DashboardLoader()
{
    m_latest->store(0); // every worker still running is superseded
    if (m_running)
        m_running->interrupt();
    m_pool.waitForDone();
}

void DashboardLoader::load(const QString &databasePath, const DashboardFilter &filter, bool withChoices)
{
    const quint64 generation = ++m_generation;
    m_latest->store(generation);
    // The superseded load stops inside its current statement, not after it.
    if (m_running)
        m_running->interrupt();
    m_running = QueryInterrupter::create();
    setBusy(true);
    const qint64 nowMs = QDateTime::currentMSecsSinceEpoch();
    m_watcher->setFuture(QtConcurrent::run(&m_pool, [databasePath, filter, withChoices, generation, nowMs,
                                                     latest = m_latest, interrupter = m_running] {
        Result result;
        result.generation = generation;
        const auto superseded = [&] { return latest->load() != generation; };
        if (superseded())
            return result; // queued behind a newer load: nothing to do
        DatabaseError openError; // this worker thread's own connection, kept between jobs
        Database *connection = WorkerConnection::open(databasePath, &openError);
        if (!connection) {
            result.error = openError.message;
            return result;
        }
        Database &database = *connection;
        const QueryInterrupterScope interruptible(interrupter.get(), database);
        DashboardQuery query(database);
        result.data = query.load(filter, nowMs, withChoices, superseded);
        if (!result.data)
            result.error = query.lastError();
        return result;
    }));
}

void DashboardLoader::finish(const Result &result)
{
    if (result.generation != m_generation)
        return;
    setBusy(false);
    if (!result.data) {
        if (!result.error.isEmpty())
            Q_EMIT failed(result.error);
        return;
    }
    Q_EMIT loaded(*result.data);
}

void DashboardLoader::setBusy(bool busy)
{
    if (m_busy == busy)
        return;
    m_busy = busy;
    Q_EMIT busyChanged(busy);
}

} // namespace funnel
