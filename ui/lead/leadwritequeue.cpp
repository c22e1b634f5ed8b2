#include "ui/lead/leadwritequeue.h"

#include "core/storage/database.h"

#include "ui/lead/futurecallback.h"

#include <QtConcurrent/QtConcurrentRun>

namespace funnel {

LeadWriteQueue::LeadWriteQueue(QObject *parent) : QObject(parent)
{
    m_pool.setMaxThreadCount(1); // one writer: jobs run in the order they were queued
    m_pool.setExpiryTimeout(-1);
}

LeadWriteQueue::~LeadWriteQueue()
{
    m_pool.waitForDone();
}

void LeadWriteQueue::enqueue(qint64 leadId, Job job)
{
    ++m_pending;
    const QString path = m_databasePath;
    onFinished(this, QtConcurrent::run(&m_pool, [path, job = std::move(job)] {
        Database database;
        if (!database.open(path))
            return database.lastError().message;
        return job(database);
    }), [this, leadId](const QString &error) {
        --m_pending;
        if (error.isEmpty())
            Q_EMIT committed(leadId);
        else
            Q_EMIT failed(leadId, error);
    });
}

void LeadWriteQueue::waitForDone()
{
    m_pool.waitForDone();
}

} // namespace funnel
