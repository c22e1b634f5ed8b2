#pragma once

#include <memory>
#include <mutex>

struct sqlite3;

namespace funnel {

class Database;

// Stops a superseded read on a worker's connection: the worker attaches its Database while it runs
// queries, and whoever supersedes the work (a newer filter) calls interrupt() from any thread. The
// running statement ends with SQLITE_INTERRUPT at once instead of finishing work nobody will show.
// Shared (std::shared_ptr) between the worker and its owner, so either may outlive the other.
class QueryInterrupter
{
public:
    QueryInterrupter() = default;
    QueryInterrupter(const QueryInterrupter &) = delete;
    QueryInterrupter &operator=(const QueryInterrupter &) = delete;

    static std::shared_ptr<QueryInterrupter> create() { return std::make_shared<QueryInterrupter>(); }

    // Worker side: queries on `database` may be interrupted until detach() (call it before the
    // connection closes).
    void attach(const Database &database);
    void detach();
    bool isInterrupted() const;

    // Any thread.
    void interrupt();

private:
    mutable std::mutex m_mutex;
    sqlite3 *m_handle = nullptr;
    bool m_interrupted = false;
};

// Attaches for a scope: the worker's queries between construction and destruction.
class QueryInterrupterScope
{
public:
    QueryInterrupterScope(QueryInterrupter *interrupter, const Database &database) : m_interrupter(interrupter)
    {
        if (m_interrupter)
            m_interrupter->attach(database);
    }
    ~QueryInterrupterScope()
    {
        if (m_interrupter)
            m_interrupter->detach();
    }
    QueryInterrupterScope(const QueryInterrupterScope &) = delete;
    QueryInterrupterScope &operator=(const QueryInterrupterScope &) = delete;

private:
    QueryInterrupter *m_interrupter;
};

} // namespace funnel
