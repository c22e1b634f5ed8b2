#pragma once

#include "core/storage/databaseerror.h"

#include <QString>

namespace funnel {

class Database;

// The calling thread's own open Database for `path`, kept between jobs. Views run many short reads
// (board pages, header totals, chart aggregates) on a pool's threads; a fresh connection for each
// would parse the schema again and start with a cold page cache, which cost more than the reads
// themselves at a million leads. The connection is reopened when the path or the file behind it
// changes, and closed when the thread ends. nullptr when the file cannot be opened (see `error`).
class WorkerConnection
{
public:
    static Database *open(const QString &path, DatabaseError *error = nullptr);
    // The page cache of each reader's connection.
    static constexpr int readerCacheKiB = 8192;
};

} // namespace funnel
