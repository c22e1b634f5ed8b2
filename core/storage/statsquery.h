#pragma once

#include "core/storage/dashboardfilter.h"
#include "core/storage/funnelstats.h"

#include <QSqlDatabase>
#include <QString>
#include <QVariantList>

#include <array>
#include <functional>

class QSqlQuery;

namespace funnel {

// Computes FunnelStats in SQL on the given connection (run it on the connection's own thread; the
// GUI runs it in a worker). It is the one place these numbers come from: the dashboard's charts and
// `funnelctl stats` both call it. Portable SQL (window functions, LIMIT/OFFSET): it runs on SQLite
// 3.25+ and PostgreSQL alike.
class StatsQuery
{
public:
    enum class Aggregate { Stages, Reached, Histogram, TimeInStage, Trend };
    static constexpr std::array<Aggregate, 5> allAggregates{Aggregate::Stages, Aggregate::Reached, Aggregate::Histogram,
                                                            Aggregate::TimeInStage, Aggregate::Trend};

    explicit StatsQuery(QSqlDatabase db) : m_db(std::move(db)) {}

    // Stages, reached and histogram over every lead (what the stage tiles and the status bar show).
    // nullopt on a database error; lastError() then says what went wrong.
    std::optional<FunnelStats> compute();
    // Every aggregate under `filter`; `nowMs` is "now" for the time so far in a stage. `cancelled` is
    // asked between aggregates: a superseded load stops early and gives nullopt with no error.
    std::optional<FunnelStats> compute(const DashboardFilter &filter, qint64 nowMs,
                                       const std::function<bool()> &cancelled = {});
    // One aggregate into `stats` (the others are left alone); false on a database error.
    bool compute(Aggregate aggregate, const DashboardFilter &filter, qint64 nowMs, FunnelStats &stats);

    QString lastError() const { return m_lastError; }

private:
    void tuneConnection();
    bool fail(const QString &what, const QSqlQuery &query);
    bool fail(const QString &what, const QString &error);
    bool run(QSqlQuery &query, const QString &sql, const QVariantList &values);

    bool stages(const DashboardFilter &filter, FunnelStats &stats);
    bool reached(const DashboardFilter &filter, FunnelStats &stats);
    bool histogram(const DashboardFilter &filter, FunnelStats &stats);
    bool timeInStage(const DashboardFilter &filter, qint64 nowMs, FunnelStats &stats);
    bool trend(const DashboardFilter &filter, FunnelStats &stats);

    QSqlDatabase m_db;
    QString m_lastError;
    bool m_tuned = false;
};

} // namespace funnel
