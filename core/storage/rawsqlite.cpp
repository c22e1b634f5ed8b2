#include "core/storage/rawsqlite.h"

namespace funnel {

int queryInteger(sqlite3 *db, const char *sql, qint64 *value)
{
    sqlite3_stmt *query = nullptr;
    int rc = sqlite3_prepare_v2(db, sql, -1, &query, nullptr);
    if (rc == SQLITE_OK && (rc = sqlite3_step(query)) == SQLITE_ROW)
        *value = sqlite3_column_int64(query, 0);
    sqlite3_finalize(query);
    return rc;
}

sqlite3 *openSecondConnection(sqlite3 *db, int busyTimeoutMs)
{
    const char *file = sqlite3_db_filename(db, "main");
    if (!file || !*file)
        return nullptr;
    sqlite3 *other = nullptr;
    if (sqlite3_open_v2(file, &other, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, nullptr) != SQLITE_OK) {
        sqlite3_close(other); // a failed open still allocates a handle
        return nullptr;
    }
    sqlite3_busy_timeout(other, busyTimeoutMs);
    return other;
}

} // namespace funnel
