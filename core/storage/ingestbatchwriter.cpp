#include "core/storage/ingestbatchwriter.h"

#include "core/storage/backgroundcheckpoints.h"
#include "core/storage/ingestwriter.h"

#include <chrono>
#include <thread>

namespace funnel::ingest {

BatchWriter::BatchWriter(Writer &writer, BackgroundCheckpoints &checkpoints, bool threaded)
    : m_writer(writer)
    , m_checkpoints(checkpoints)
{
    if (threaded) {
        m_thread.reset(QThread::create([this] { run(); }));
        m_thread->start();
    }
}

BatchWriter::~BatchWriter()
{
    if (m_thread) {
        {
            const QMutexLocker lock(&m_mutex);
            m_stop = true;
            m_changed.wakeAll();
        }
        m_thread->wait();
    }
    if (m_inTransaction)
        m_writer.rollback();
}

void BatchWriter::submit(Batch *batch)
{
    if (!m_thread) {
        m_result = process(batch);
        return;
    }
    const QMutexLocker lock(&m_mutex);
    Q_ASSERT(!m_job && !m_result);
    m_job = batch;
    m_idle.store(false, std::memory_order_relaxed);
    m_stale.store(false, std::memory_order_relaxed);
    m_changed.wakeAll();
}

BatchWriter::Result BatchWriter::wait()
{
    QMutexLocker lock(&m_mutex);
    while (!m_result)
        m_changed.wait(&m_mutex);
    return *std::exchange(m_result, std::nullopt);
}

void BatchWriter::run()
{
    QMutexLocker lock(&m_mutex);
    for (;;) {
        while (!m_job && !m_stop)
            m_changed.wait(&m_mutex);
        if (m_stop)
            return;
        Batch *batch = std::exchange(m_job, nullptr);
        lock.unlock();
        const Result result = process(batch);
        lock.relock();
        m_result = result;
        m_idle.store(true, std::memory_order_relaxed);
        m_stale.store(result.outcome == Outcome::Stale, std::memory_order_relaxed);
        m_changed.wakeAll();
    }
}

BatchWriter::Result BatchWriter::process(Batch *batch)
{
    if (!m_inTransaction)
        pauseForOtherWriters();
    QElapsedTimer clock;
    clock.start();
    if (!m_inTransaction) {
        bool fresh = true;
        if (!m_writer.begin() || !m_writer.isFresh(&fresh)) {
            m_writer.rollback();
            return {Outcome::Failed, 0};
        }
        if (!fresh) { // nobody can commit before the batch decided again comes back: no second redo
            m_inTransaction = true;
            return {Outcome::Stale, 0};
        }
    }
    m_inTransaction = false;
    if (!m_writer.write(*batch)) {
        m_writer.rollback();
        return {Outcome::Failed, 0};
    }
    if (!m_writer.commit())
        return {Outcome::Failed, 0};
    m_checkpoints.committed();
    m_lockedNs = clock.nsecsElapsed();
    m_sinceCommit.start();
    return {Outcome::Committed, m_lockedNs};
}

void BatchWriter::pauseForOtherWriters()
{
    if (!m_sinceCommit.isValid())
        return;
    const qint64 pauseNs = qMin<qint64>(3'000'000, m_lockedNs / 10) - m_sinceCommit.nsecsElapsed();
    if (pauseNs > 0)
        std::this_thread::sleep_for(std::chrono::nanoseconds(pauseNs));
}

} // namespace funnel::ingest
