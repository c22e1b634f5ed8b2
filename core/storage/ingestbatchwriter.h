#pragma once

#include "core/storage/ingestbatch.h"

#include <QElapsedTimer>
#include <QMutex>
#include <QThread>
#include <QWaitCondition>

#include <atomic>
#include <memory>
#include <optional>

namespace funnel {
class BackgroundCheckpoints;
}

namespace funnel::ingest {

class Writer;

// Runs the Writer one batch at a time, on a thread of its own (`threaded`) or on the calling thread.
// Between batches, the thread waits; whoever submitted may then use the Database's connection.
class BatchWriter
{
public:
    enum class Outcome {
        Committed,
        Stale,  // decided with a stale cache: the write lock is kept for the batch decided again
        Failed, // the Writer's error says why; the transaction rolled back
    };
    struct Result {
        Outcome outcome = Outcome::Committed;
        qint64 nanoseconds = 0; // from BEGIN to COMMIT
    };

    BatchWriter(Writer &writer, BackgroundCheckpoints &checkpoints, bool threaded);
    ~BatchWriter();
    BatchWriter(const BatchWriter &) = delete;
    BatchWriter &operator=(const BatchWriter &) = delete;

    // Writes `batch`; the previous one's result must have been taken with wait().
    void submit(Batch *batch);

    // The submitted batch's result, once it is there.
    Result wait();

    // Whether the writer has finished what it was given (a hint: the answer may change right after).
    bool idle() const { return m_idle.load(std::memory_order_relaxed); }
    // Whether the writer waits, with the write lock, for the batch it found stale to be decided again.
    bool stale() const { return m_stale.load(std::memory_order_relaxed); }

private:
    void run();

    Result process(Batch *batch);

    // Between two batches the write lock stays free for a moment, a tenth of the time the previous
    // batch held it and at most 3 ms: enough for a Funnelboard writer that waits for it (BusyWait
    // retries every millisecond) to get it; the batch then waits for that writer instead.
    void pauseForOtherWriters();

    Writer &m_writer;
    BackgroundCheckpoints &m_checkpoints;
    std::unique_ptr<QThread> m_thread;
    QMutex m_mutex;
    QWaitCondition m_changed;
    Batch *m_job = nullptr;
    std::optional<Result> m_result;
    bool m_stop = false;
    std::atomic<bool> m_idle{true};
    std::atomic<bool> m_stale{false};
    bool m_inTransaction = false; // the writer's side only (and the destructor, after it)
    qint64 m_lockedNs = 0;        // how long the latest batch held the write lock
    QElapsedTimer m_sinceCommit;
};

} // namespace funnel::ingest
