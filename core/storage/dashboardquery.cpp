#include "core/storage/dashboardquery.h"

#include "core/storage/leadchoices.h"

#include "core/storage/database.h"
#include "core/storage/statsquery.h"

#include <QCoreApplication>
#include <QSqlError>
#include <QSqlQuery>

namespace funnel {

using namespace Qt::StringLiterals;

std::optional<QStringList> DashboardQuery::distinctValues(const QString &column)
{
    // Only the two known columns: the name is spliced into the SQL.
    if (column != "owner"_L1 && column != "source"_L1)
        return std::nullopt;
    return LeadChoices::values(m_database,
                               column == "owner"_L1 ? LeadChoices::Column::Owner : LeadChoices::Column::Source,
                               &m_lastError);
}

std::optional<DashboardData> DashboardQuery::load(const DashboardFilter &filter, qint64 nowMs, bool withChoices,
                                                  const std::function<bool()> &cancelled)
{
    m_lastError.clear();
    DashboardData data;
    data.filter = filter;
    data.nowMs = nowMs;
    QString rulesError;
    const RuleSet rules = m_database.activeRules(&rulesError);
    data.mqlThreshold = rules.mqlThreshold();
    data.sqlThreshold = rules.sqlThreshold();
    if (withChoices) {
        data.owners = distinctValues(u"owner"_s);
        data.sources = distinctValues(u"source"_s);
        if (!data.owners || !data.sources)
            return std::nullopt;
    }
    StatsQuery query(m_database.connection());
    std::optional<FunnelStats> stats = query.compute(filter, nowMs, cancelled);
    if (!stats) {
        m_lastError = query.lastError();
        return std::nullopt;
    }
    data.stats = std::move(*stats);
    return data;
}

} // namespace funnel
