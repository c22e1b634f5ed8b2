#pragma once

#include "core/storage/rawsqlite.h"

#include <QMutex>
#include <QThread>
#include <QWaitCondition>

#include <memory>

namespace funnel {

// Copies the WAL back into the database file on a thread and a connection of its own while ingest goes
// on writing, as SQLite advises for bulk writers: the ingest connection's own automatic checkpoints,
// which ran inside its commits on its thread, are off meanwhile. PASSIVE checkpoints neither wait for
// nor block readers and writers, and a finished one lets the next batch write the WAL from its start
// again. The ingest connection checkpoints what is left when the run ends (Database's
// journal_size_limit then shrinks the file). Without a second connection (a database with no file),
// checkpoints are spaced instead: the WAL grows to ~512 MiB, and each copies a page once however
// many batches changed it.
class BackgroundCheckpoints
{
public:
    BackgroundCheckpoints(sqlite3 *db, int busyTimeoutMs);
    ~BackgroundCheckpoints();
    BackgroundCheckpoints(const BackgroundCheckpoints &) = delete;
    BackgroundCheckpoints &operator=(const BackgroundCheckpoints &) = delete;

    // After each commit: the WAL has new frames to copy.
    void committed();

private:
    void run();

    sqlite3 *m_db = nullptr;
    Connection m_helper;
    int m_previous = 1000;
    std::unique_ptr<QThread> m_thread;
    QMutex m_mutex;
    QWaitCondition m_wake;
    bool m_due = false;
    bool m_stop = false;
};

} // namespace funnel
