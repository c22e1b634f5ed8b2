#pragma once

struct sqlite3;
class QSqlDatabase;

namespace funnel {

// The sqlite3 handle under a QSQLITE connection, for hot paths (ingest, the what-if scan); nullptr
// for another driver. Use it only on the connection's own thread.
sqlite3 *sqliteHandle(const QSqlDatabase &db);

} // namespace funnel
