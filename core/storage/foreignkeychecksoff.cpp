#include "core/storage/foreignkeychecksoff.h"

#include <sqlite3.h>

namespace funnel {

ForeignKeyChecksOff::ForeignKeyChecksOff(sqlite3 *db)
    : m_db(db)
{
    if (sqlite3_get_autocommit(db))
        m_off = sqlite3_exec(db, "PRAGMA foreign_keys = OFF", nullptr, nullptr, nullptr) == SQLITE_OK;
}

ForeignKeyChecksOff::~ForeignKeyChecksOff()
{
    if (m_off)
        sqlite3_exec(m_db, "PRAGMA foreign_keys = ON", nullptr, nullptr, nullptr);
}

} // namespace funnel
