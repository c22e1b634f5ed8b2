#include "core/storage/databasewatcher.h"

#include "core/storage/database.h"

#include <QSqlQuery>
#include <QTimer>

namespace funnel {

namespace {

qint64 dataVersion(const Database &database)
{
    QSqlQuery query(database.connection());
    if (!query.exec(QStringLiteral("PRAGMA data_version")) || !query.next())
        return -1;
    return query.value(0).toLongLong();
}

} // namespace

DatabaseWatcher::DatabaseWatcher(QObject *parent) : QObject(parent), m_timer(new QTimer(this))
{
    connect(m_timer, &QTimer::timeout, this, &DatabaseWatcher::poll);
}

DatabaseWatcher::~DatabaseWatcher() = default;

bool DatabaseWatcher::watch(const QString &path, int intervalMs)
{
    stop();
    auto database = std::make_unique<Database>();
    if (!database->open(path))
        return false;
    m_database = std::move(database);
    m_lastVersion = dataVersion(*m_database);
    m_timer->start(intervalMs);
    return true;
}

void DatabaseWatcher::stop()
{
    m_timer->stop();
    m_database.reset();
    m_lastVersion = -1;
}

void DatabaseWatcher::poll()
{
    if (!m_database)
        return;
    const qint64 version = dataVersion(*m_database);
    if (version < 0 || version == m_lastVersion)
        return;
    m_lastVersion = version;
    Q_EMIT changed();
}

} // namespace funnel
