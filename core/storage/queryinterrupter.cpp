#include "core/storage/queryinterrupter.h"

#include "core/storage/database.h"

#include <sqlite3.h>

namespace funnel {

void QueryInterrupter::attach(const Database &database)
{
    std::lock_guard lock(m_mutex);
    // sqlite3_interrupt() only stops statements already running; a worker superseded before this
    // point sees isInterrupted() (or its generation) before its next query.
    m_handle = database.sqliteHandle();
}

void QueryInterrupter::detach()
{
    std::lock_guard lock(m_mutex);
    m_handle = nullptr;
}

bool QueryInterrupter::isInterrupted() const
{
    std::lock_guard lock(m_mutex);
    return m_interrupted;
}

void QueryInterrupter::interrupt()
{
    // Under the mutex: the handle stays valid (the worker detaches before closing it).
    std::lock_guard lock(m_mutex);
    m_interrupted = true;
    if (m_handle)
        sqlite3_interrupt(m_handle);
}

} // namespace funnel
