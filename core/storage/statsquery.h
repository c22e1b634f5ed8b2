#pragma once

#include "core/storage/funnelstats.h"

#include <QSqlDatabase>
#include <QString>

namespace funnel {

// Computes FunnelStats in SQL on the given connection (run it on the connection's own thread; the
// GUI runs it in a worker). Portable SQL: it runs on SQLite and PostgreSQL alike.
class StatsQuery
{
public:
    explicit StatsQuery(QSqlDatabase db) : m_db(std::move(db)) {}

    // nullopt on a database error; lastError() then says what went wrong.
    std::optional<FunnelStats> compute();
    QString lastError() const { return m_lastError; }

private:
    bool fail(const QString &what, const QString &detail);

    QSqlDatabase m_db;
    QString m_lastError;
};

} // namespace funnel
