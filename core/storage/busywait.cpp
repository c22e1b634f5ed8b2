#include "core/storage/busywait.h"

#include <sqlite3.h>

#include <chrono>
#include <thread>

namespace funnel {

void BusyWait::install(sqlite3 *db)
{
    sqlite3_busy_handler(db, &BusyWait::retry, this);
}

// SQLite calls this while a lock is refused, `attempt` counting from 0 within one wait; non-zero: try again.
int BusyWait::retry(void *self, int attempt)
{
    auto *wait = static_cast<BusyWait *>(self);
    if (attempt == 0)
        wait->m_waiting.start();
    if (wait->m_waiting.elapsed() >= wait->m_timeoutMs)
        return 0;
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
    return 1;
}

} // namespace funnel
