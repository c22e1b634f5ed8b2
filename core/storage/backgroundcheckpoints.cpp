#include "core/storage/backgroundcheckpoints.h"

namespace funnel {

BackgroundCheckpoints::BackgroundCheckpoints(sqlite3 *db, int busyTimeoutMs)
    : m_db(db)
{
    if (qint64 previous = 0; queryInteger(db, "PRAGMA wal_autocheckpoint", &previous) == SQLITE_ROW)
        m_previous = int(previous);

    m_helper.reset(openSecondConnection(db, busyTimeoutMs));
    if (m_helper) {
        sqlite3_wal_autocheckpoint(db, 0);
        m_thread.reset(QThread::create([this] { run(); }));
        m_thread->start();
    } else {
        qint64 pageSize = 4096;
        queryInteger(db, "PRAGMA page_size", &pageSize);
        sqlite3_wal_autocheckpoint(db, int(512LL * 1024 * 1024 / qMax<qint64>(512, pageSize)));
    }
}

BackgroundCheckpoints::~BackgroundCheckpoints()
{
    if (m_thread) {
        {
            const QMutexLocker lock(&m_mutex);
            m_stop = true;
            m_wake.wakeOne();
        }
        m_thread->wait();
    }
    sqlite3_wal_autocheckpoint(m_db, m_previous);
    // PASSIVE: never waits for readers (the board may be reading); they get the rest later.
    sqlite3_wal_checkpoint_v2(m_db, nullptr, SQLITE_CHECKPOINT_PASSIVE, nullptr, nullptr);
}

void BackgroundCheckpoints::committed()
{
    if (!m_thread)
        return;
    const QMutexLocker lock(&m_mutex);
    m_due = true;
    m_wake.wakeOne();
}

void BackgroundCheckpoints::run()
{
    // A connection opens the WAL when it first reads; until then it checkpoints nothing.
    sqlite3_exec(m_helper.get(), "SELECT count(*) FROM sqlite_master", nullptr, nullptr, nullptr);
    QMutexLocker lock(&m_mutex);
    for (;;) {
        while (!m_due && !m_stop)
            m_wake.wait(&m_mutex);
        if (m_stop)
            return;
        m_due = false; // commits during this checkpoint ask for the next one
        lock.unlock();
        sqlite3_wal_checkpoint_v2(m_helper.get(), nullptr, SQLITE_CHECKPOINT_PASSIVE, nullptr, nullptr);
        lock.relock();
    }
}

} // namespace funnel
