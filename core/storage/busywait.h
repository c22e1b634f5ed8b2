#pragma once

#include <QElapsedTimer>

struct sqlite3;

namespace funnel {

// How a connection waits for another connection's lock. SQLite's own handler (PRAGMA busy_timeout)
// backs off to one retry every 100 ms, so a writer that waits on a run of long write transactions with
// short gaps between them (an ingest) rarely finds the lock free and fails after its timeout. This one
// retries every millisecond, and an ingest leaves the lock free for a few milliseconds between its
// batches (IngestPipeline): a move made during an ingest waits for about one batch, not for the run.
class BusyWait
{
public:
    explicit BusyWait(int timeoutMs)
        : m_timeoutMs(timeoutMs)
    {
    }
    BusyWait(const BusyWait &) = delete;
    BusyWait &operator=(const BusyWait &) = delete;

    // The handler refers to this object: it must outlive the connection, or be replaced first. A
    // connection is used by one thread at a time, and so is its handler.
    void install(sqlite3 *db);

private:
    static int retry(void *self, int attempt);

    int m_timeoutMs = 0;
    QElapsedTimer m_waiting; // since the first refusal of the current wait
};

} // namespace funnel
