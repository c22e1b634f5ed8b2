#pragma once

#include "core/storage/dashboarddata.h"

#include <functional>

namespace funnel {

class Database;

// Loads a DashboardData on the calling thread's own Database (the GUI calls it from a worker).
class DashboardQuery
{
public:
    explicit DashboardQuery(Database &database) : m_database(database) {}

    // nullopt on a database error (see lastError()) or when `cancelled` said so (lastError() empty).
    std::optional<DashboardData> load(const DashboardFilter &filter, qint64 nowMs, bool withChoices,
                                      const std::function<bool()> &cancelled = {});
    QString lastError() const { return m_lastError; }

    // Distinct non-empty values of leads.owner or leads.source, sorted; nullopt on error.
    std::optional<QStringList> distinctValues(const QString &column);

private:
    Database &m_database;
    QString m_lastError;
};

} // namespace funnel
