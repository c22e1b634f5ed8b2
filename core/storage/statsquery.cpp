#include "core/storage/statsquery.h"

#include <QCoreApplication>
#include <QSqlError>
#include <QSqlQuery>

namespace funnel {
namespace {

// Maps a stored stage name to its index; -1 for anything unexpected (the CHECK constraint makes
// that impossible in a healthy file).
int stageIndex(const QString &name)
{
    const auto stage = stageFromName(name);
    return stage ? int(*stage) : -1;
}

} // namespace

bool StatsQuery::fail(const QString &what, const QString &detail)
{
    m_lastError = QCoreApplication::translate("StatsQuery", "Could not compute %1: %2").arg(what, detail);
    return false;
}

std::optional<FunnelStats> StatsQuery::compute()
{
    FunnelStats stats;
    QSqlQuery query(m_db);
    query.setForwardOnly(true);

    if (!query.exec(QStringLiteral("SELECT stage, COUNT(*), COALESCE(SUM(score), 0) FROM leads GROUP BY stage"))) {
        fail(QCoreApplication::translate("StatsQuery", "leads per stage"), query.lastError().text());
        return std::nullopt;
    }
    while (query.next()) {
        const int index = stageIndex(query.value(0).toString());
        if (index >= 0)
            stats.stages[index] = {query.value(1).toLongLong(), query.value(2).toLongLong()};
    }

    // The furthest stage along the funnel each lead ever reached, from its history.
    if (!query.exec(QStringLiteral(
            "SELECT furthest, COUNT(*) FROM ("
            "  SELECT lead_id, MAX(CASE to_stage WHEN 'Cold' THEN 0 WHEN 'MQL' THEN 1 WHEN 'SQL' THEN 2"
            "                                   WHEN 'Won' THEN 3 ELSE 0 END) AS furthest"
            "  FROM stage_history GROUP BY lead_id) AS per_lead "
            "GROUP BY furthest"))) {
        fail(QCoreApplication::translate("StatsQuery", "stage conversion"), query.lastError().text());
        return std::nullopt;
    }
    std::array<qint64, 4> furthest{};
    while (query.next()) {
        const int rank = query.value(0).toInt();
        if (rank >= 0 && rank < 4)
            furthest[rank] = query.value(1).toLongLong();
    }
    qint64 running = 0;
    for (int rank = 3; rank >= 0; --rank) {
        running += furthest[rank];
        stats.reached[rank] = running;
    }

    // Buckets of 10 with floor semantics for negative scores (-5 falls in [-10, 0)).
    if (!query.exec(QStringLiteral(
            "SELECT CASE WHEN score < 0 THEN ((score - 9) / 10) * 10 ELSE (score / 10) * 10 END AS bucket,"
            "       stage, COUNT(*) FROM leads GROUP BY bucket, stage ORDER BY bucket"))) {
        fail(QCoreApplication::translate("StatsQuery", "the score histogram"), query.lastError().text());
        return std::nullopt;
    }
    while (query.next()) {
        const int lower = query.value(0).toInt();
        if (stats.histogram.isEmpty() || stats.histogram.last().lower != lower)
            stats.histogram.append(FunnelStats::Bucket{lower, {}});
        const int index = stageIndex(query.value(1).toString());
        if (index >= 0)
            stats.histogram.last().perStage[index] = query.value(2).toLongLong();
    }
    return stats;
}

} // namespace funnel
