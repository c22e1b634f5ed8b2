#include "core/storage/workerconnection.h"

#include "core/storage/database.h"

#include <QFile>
#include <QSqlQuery>

#include <sys/stat.h>

#include <memory>

namespace funnel {

namespace {

struct Cached {
    std::unique_ptr<Database> database;
    QString path;
    dev_t device = 0;
    ino_t inode = 0;
};

// Which file a path names now: a test or a user may replace the file at the same path.
bool identify(const QString &path, dev_t *device, ino_t *inode)
{
    struct stat info {};
    if (::stat(QFile::encodeName(path).constData(), &info) != 0)
        return false;
    *device = info.st_dev;
    *inode = info.st_ino;
    return true;
}

} // namespace

Database *WorkerConnection::open(const QString &path, DatabaseError *error)
{
    thread_local Cached cached;
    dev_t device = 0;
    ino_t inode = 0;
    const bool exists = identify(path, &device, &inode);
    if (cached.database && cached.database->isOpen() && exists && cached.path == path && cached.device == device
        && cached.inode == inode)
        return cached.database.get();

    cached.database = std::make_unique<Database>();
    if (!cached.database->open(path)) {
        if (error)
            *error = cached.database->lastError();
        cached.database.reset();
        return nullptr;
    }
    // A reader's page cache smaller than a writer's 64 MiB: a page new to the cache first costs a
    // fault on fresh memory, more than copying it again from the OS cache, so the first use of a
    // board filter was twice as slow with the large cache, and each thread's connection held it.
    QSqlQuery(cached.database->connection()).exec(QStringLiteral("PRAGMA cache_size = -%1").arg(readerCacheKiB));
    cached.path = path;
    identify(path, &cached.device, &cached.inode); // open() may have created it
    return cached.database.get();
}

} // namespace funnel
