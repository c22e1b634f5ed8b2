#include "core/storage/statsquery.h"

#include "core/storage/integerrows.h"

#include <QCoreApplication>
#include <QSqlError>
#include <QMap>
#include <QSqlQuery>

#include <algorithm>
#include <map>
#include <vector>

namespace funnel {

using namespace Qt::StringLiterals;

namespace {

// Maps a stored stage name to its index; -1 for anything unexpected (the CHECK constraint makes
// that impossible in a healthy file).
int stageIndex(const QString &name)
{
    const auto stage = stageFromName(name);
    return stage ? int(*stage) : -1;
}

// A WHERE fragment (" AND ...") over the leads alias `l`, with its positional values.
struct Conditions {
    QString sql;
    QVariantList values;

    bool isEmpty() const { return sql.isEmpty(); }
    void add(const QString &condition, const QVariant &value)
    {
        sql += u" AND "_s + condition;
        values.append(value);
    }
};

// Owner and source narrow every aggregate; the cohort (created in the period) only the funnel,
// the stage totals and the histogram. `alias` is the leads table (l) or stage_history (h), whose
// rows carry their lead's owner and source.
Conditions leadConditions(const DashboardFilter &filter, bool cohort, QLatin1StringView alias = "l"_L1)
{
    Conditions conditions;
    if (cohort && filter.fromMs)
        conditions.add(alias + u".created_at >= ?"_s, *filter.fromMs);
    if (cohort && filter.toMs)
        conditions.add(alias + u".created_at < ?"_s, *filter.toMs);
    if (!filter.owner.isEmpty())
        conditions.add(alias + u".owner = ?"_s, filter.owner);
    if (!filter.source.isEmpty())
        conditions.add(alias + u".source = ?"_s, filter.source);
    return conditions;
}

// The k-th smallest (1-based) of `values`, which it reorders: the nearest-rank percentile with
// k = ceil(p * n).
qint64 nearestRank(std::vector<qint64> &values, qint64 k)
{
    std::nth_element(values.begin(), values.begin() + (k - 1), values.end());
    return values[size_t(k - 1)];
}

// A stage name as its index (Cold 0 ... Lost 4), so that scans read integers only.
QString stageIndexSql(const QString &column)
{
    return u"CASE "_s + column + u" WHEN 'Cold' THEN 0 WHEN 'MQL' THEN 1 WHEN 'SQL' THEN 2 WHEN 'Won' THEN 3"
                                 " WHEN 'Lost' THEN 4 ELSE -1 END"_s;
}

// History rows in the period. The IN over every stage lets SQLite range-scan the existing
// stage_history (to_stage, at) index once per stage instead of scanning the whole table; no extra
// index on `at` alone is needed.
Conditions historyPeriod(const DashboardFilter &filter)
{
    Conditions conditions;
    if (!filter.hasPeriod())
        return conditions;
    conditions.sql = u" AND h.to_stage IN ('Cold', 'MQL', 'SQL', 'Won', 'Lost')"_s;
    if (filter.fromMs)
        conditions.add(u"h.at >= ?"_s, *filter.fromMs);
    if (filter.toMs)
        conditions.add(u"h.at < ?"_s, *filter.toMs);
    return conditions;
}

} // namespace

bool StatsQuery::fail(const QString &what, const QSqlQuery &query)
{
    m_lastError = QCoreApplication::translate("StatsQuery", "Could not compute %1: %2").arg(what, query.lastError().text());
    return false;
}

bool StatsQuery::fail(const QString &what, const QString &error)
{
    m_lastError = QCoreApplication::translate("StatsQuery", "Could not compute %1: %2").arg(what, error);
    return false;
}

bool StatsQuery::run(QSqlQuery &query, const QString &sql, const QVariantList &values)
{
    query.setForwardOnly(true);
    if (!query.prepare(sql))
        return false;
    for (const QVariant &value : values)
        query.addBindValue(value);
    return query.exec();
}

std::optional<FunnelStats> StatsQuery::compute()
{
    FunnelStats stats;
    const DashboardFilter everything;
    for (Aggregate aggregate : {Aggregate::Stages, Aggregate::Reached, Aggregate::Histogram}) {
        if (!compute(aggregate, everything, 0, stats))
            return std::nullopt;
    }
    return stats;
}

void StatsQuery::tuneConnection()
{
    if (m_tuned || m_db.driverName() != "QSQLITE"_L1)
        return;
    m_tuned = true;
    // SQLite only: the aggregates read much of the file, and the default 2 MB page cache makes the
    // later ones re-read what the earlier ones read. Connection-local; nothing is written.
    QSqlQuery query(m_db);
    query.exec(u"PRAGMA cache_size = -65536"_s);
    query.exec(u"PRAGMA mmap_size = 268435456"_s);
}

std::optional<FunnelStats> StatsQuery::compute(const DashboardFilter &filter, qint64 nowMs,
                                               const std::function<bool()> &cancelled)
{
    m_lastError.clear();
    FunnelStats stats;
    for (Aggregate aggregate : allAggregates) {
        if (cancelled && cancelled())
            return std::nullopt;
        if (!compute(aggregate, filter, nowMs, stats))
            return std::nullopt;
    }
    return stats;
}

bool StatsQuery::compute(Aggregate aggregate, const DashboardFilter &filter, qint64 nowMs, FunnelStats &stats)
{
    tuneConnection();
    switch (aggregate) {
    case Aggregate::Stages: return stages(filter, stats);
    case Aggregate::Reached: return reached(filter, stats);
    case Aggregate::Histogram: return histogram(filter, stats);
    case Aggregate::TimeInStage: return timeInStage(filter, nowMs, stats);
    case Aggregate::Trend: return trend(filter, stats);
    }
    return false;
}

bool StatsQuery::stages(const DashboardFilter &filter, FunnelStats &stats)
{
    QSqlQuery query(m_db);
    if (!filter.hasPeriod()) {
        const Conditions where = leadConditions(filter, false, "r"_L1);
        if (!run(query, u"SELECT r.stage, SUM(r.leads), SUM(r.score_sum) FROM lead_rollup r WHERE 1 = 1"_s + where.sql
                            + u" GROUP BY r.stage"_s,
                 where.values))
            return fail(QCoreApplication::translate("StatsQuery", "leads per stage"), query);
        stats.stages = {};
        while (query.next()) {
            const int index = stageIndex(query.value(0).toString());
            if (index >= 0)
                stats.stages[index] = {query.value(1).toLongLong(), query.value(2).toLongLong()};
        }
        return true;
    }
    // A period: the leads created in it, read from the created_at (or owner, source) covering
    // index and summed here; a GROUP BY would sort them all first.
    const Conditions where = leadConditions(filter, true);
    stats.stages = {};
    QString error;
    if (!forEachIntegerRow(m_db, u"SELECT "_s + stageIndexSql(u"l.stage"_s) + u", l.score FROM leads l WHERE 1 = 1"_s + where.sql,
                           where.values, 2,
                           [&stats](std::span<const qint64> row) {
                               if (row[0] >= 0 && row[0] < qint64(stats.stages.size())) {
                                   ++stats.stages[size_t(row[0])].leads;
                                   stats.stages[size_t(row[0])].scoreSum += row[1];
                               }
                           },
                           &error))
        return fail(QCoreApplication::translate("StatsQuery", "leads per stage"), error);
    return true;
}

bool StatsQuery::reached(const DashboardFilter &filter, FunnelStats &stats)
{
    // The furthest stage along the funnel each lead ever reached, from its history: a lead now Won
    // reached MQL and SQL, and so did one that jumped from Cold to SQL (the funnel is monotonic).
    // leads.reached holds a bit per stage its history entered (Cold 1, MQL 2, SQL 4, Won 8, Lost 16),
    // kept by triggers on stage_history; a lead without history has none and is not counted.
    std::array<qint64, 4> furthest{};
    QString error;
    if (!filter.hasPeriod()) {
        // The all-time lead_rollup table (kept by triggers) has the same counts.
        const Conditions where = leadConditions(filter, false, "r"_L1);
        if (!forEachIntegerRow(m_db, u"SELECT r.furthest, SUM(r.leads) FROM lead_rollup r WHERE r.furthest >= 0"_s
                                   + where.sql + u" GROUP BY r.furthest"_s,
                               where.values, 2,
                               [&furthest](std::span<const qint64> row) {
                                   if (row[0] >= 0 && row[0] < 4)
                                       furthest[size_t(row[0])] = row[1];
                               },
                               &error))
            return fail(QCoreApplication::translate("StatsQuery", "stage conversion"), error);
    } else {
        const Conditions where = leadConditions(filter, true);
        if (!forEachIntegerRow(m_db, u"SELECT l.reached FROM leads l WHERE l.reached <> 0"_s + where.sql, where.values, 1,
                               [&furthest](std::span<const qint64> row) {
                                   const qint64 bits = row[0];
                                   ++furthest[(bits & 8) ? 3 : (bits & 4) ? 2 : (bits & 2) ? 1 : 0];
                               },
                               &error))
            return fail(QCoreApplication::translate("StatsQuery", "stage conversion"), error);
    }
    qint64 running = 0;
    for (int rank = 3; rank >= 0; --rank) {
        running += furthest[rank];
        stats.reached[rank] = running;
    }
    return true;
}

bool StatsQuery::histogram(const DashboardFilter &filter, FunnelStats &stats)
{
    // Buckets of 10 with floor semantics for negative scores (-5 falls in [-10, 0)).
    const QString what = QCoreApplication::translate("StatsQuery", "the score histogram");
    std::map<qint64, std::array<qint64, 5>> buckets;
    QString error;
    if (!filter.hasPeriod()) {
        // All time: the lead_rollup table (kept by triggers) holds the buckets.
        const Conditions where = leadConditions(filter, false, "r"_L1);
        if (!forEachIntegerRow(m_db, u"SELECT r.bucket, "_s + stageIndexSql(u"r.stage"_s)
                                   + u", SUM(r.leads) FROM lead_rollup r WHERE 1 = 1"_s + where.sql
                                   + u" GROUP BY r.bucket, r.stage HAVING SUM(r.leads) > 0"_s,
                               where.values, 3,
                               [&buckets](std::span<const qint64> row) {
                                   if (row[1] >= 0 && row[1] < 5)
                                       buckets[row[0]][size_t(row[1])] += row[2];
                               },
                               &error))
            return fail(what, error);
    } else {
        const Conditions where = leadConditions(filter, true);
        if (!forEachIntegerRow(m_db, u"SELECT "_s + stageIndexSql(u"l.stage"_s) + u", l.score FROM leads l WHERE 1 = 1"_s + where.sql,
                               where.values, 2,
                               [&buckets](std::span<const qint64> row) {
                                   const qint64 score = row[1];
                                   const qint64 lower = score < 0 ? ((score - 9) / 10) * 10 : (score / 10) * 10;
                                   if (row[0] >= 0 && row[0] < 5)
                                       ++buckets[lower][size_t(row[0])];
                               },
                               &error))
            return fail(what, error);
    }
    stats.histogram.clear();
    for (const auto &[lower, perStage] : buckets)
        stats.histogram.append(FunnelStats::Bucket{int(lower), perStage});
    return true;
}

bool StatsQuery::timeInStage(const DashboardFilter &filter, qint64 nowMs, FunnelStats &stats)
{
    stats.timeInStage = {};
    const QString what = QCoreApplication::translate("StatsQuery", "the time in stage");

    // Left the stage in the period: a history row in the period whose from_stage is the stage left;
    // it was entered at the lead's previous history row (by time, then id), whose time the row
    // keeps in prev_at (a trigger maintains it). The partial covering (from_stage, at, prev_at,
    // owner, source) index holds exactly the rows that left a stage: one range per stage, read as
    // integers; the percentiles are picked in memory, which beats sorting in SQL.
    const Conditions history = leadConditions(filter, false, "h"_L1);
    Conditions period;
    if (filter.fromMs)
        period.add(u"h.at >= ?"_s, *filter.fromMs);
    if (filter.toMs)
        period.add(u"h.at < ?"_s, *filter.toMs);
    std::vector<qint64> durations;
    QString error;
    for (int index = 0; index < 3; ++index) {
        durations.clear();
        if (!forEachIntegerRow(m_db, u"SELECT h.at - h.prev_at FROM stage_history h"
                                     " WHERE h.from_stage = ? AND h.prev_at IS NOT NULL"_s
                                   + period.sql + history.sql,
                               QVariantList{stageName(Stage(index))} + period.values + history.values, 1,
                               [&durations](std::span<const qint64> row) { durations.push_back(row[0]); }, &error))
            return fail(what, error);
        if (durations.empty())
            continue;
        FunnelStats::Durations &left = stats.timeInStage[index].left;
        left.count = qint64(durations.size());
        left.medianMs = nearestRank(durations, (left.count + 1) / 2);
        left.p90Ms = nearestRank(durations, (9 * left.count + 9) / 10);
    }

    // Still in the stage now. Unfiltered, an ordered scan of the (stage, stage_entered_at) index
    // picks the k-th most recent entry directly; for one owner or source, their covering index
    // holds stage_entered_at, and the few matches are picked in memory.
    const Conditions owner = leadConditions(filter, false);
    for (int index = 0; index < 3; ++index) {
        const QString stage = stageName(Stage(index));
        FunnelStats::Durations &still = stats.timeInStage[index].still;
        if (!owner.isEmpty()) {
            std::vector<qint64> since;
            if (!forEachIntegerRow(m_db, u"SELECT l.stage_entered_at FROM leads l WHERE l.stage = ?"_s + owner.sql,
                                   QVariantList{stage} + owner.values, 1,
                                   [&since, nowMs](std::span<const qint64> row) {
                                       since.push_back(std::max<qint64>(0, nowMs - row[0]));
                                   },
                                   &error))
                return fail(what, error);
            still.count = qint64(since.size());
            if (since.empty())
                continue;
            still.medianMs = nearestRank(since, (still.count + 1) / 2);
            still.p90Ms = nearestRank(since, (9 * still.count + 9) / 10);
            continue;
        }
        QSqlQuery count(m_db);
        if (!run(count, u"SELECT COUNT(*) FROM leads l WHERE l.stage = ?"_s, QVariantList{stage}) || !count.next())
            return fail(what, count);
        still.count = count.value(0).toLongLong();
        if (still.count == 0)
            continue;
        const auto kth = [&](qint64 k) -> std::optional<qint64> {
            // The k-th most recent entry is the (n - k + 1)-th oldest: walk the index from the
            // nearer end (the 90th percentile is near the old end).
            const bool fromOldest = k > still.count / 2;
            QSqlQuery pick(m_db);
            if (!run(pick, u"SELECT l.stage_entered_at FROM leads l WHERE l.stage = ? ORDER BY l.stage_entered_at "_s
                               + (fromOldest ? u"ASC"_s : u"DESC"_s) + u" LIMIT 1 OFFSET ?"_s,
                     QVariantList{stage, fromOldest ? still.count - k : k - 1})) {
                fail(what, pick);
                return std::nullopt;
            }
            if (!pick.next())
                return qint64(0);
            return std::max<qint64>(0, nowMs - pick.value(0).toLongLong());
        };
        const std::optional<qint64> median = kth((still.count + 1) / 2);
        const std::optional<qint64> p90 = kth((9 * still.count + 9) / 10);
        if (!median || !p90)
            return false;
        still.medianMs = *median;
        still.p90Ms = *p90;
    }
    return true;
}

bool StatsQuery::trend(const DashboardFilter &filter, FunnelStats &stats)
{
    stats.trend.clear();
    const Conditions period = historyPeriod(filter);
    const Conditions owner = leadConditions(filter, false, "h"_L1);
    // Integer division of (at - first Monday) gives the week; the times are after 1970, so it floors.
    // Counted here rather than by GROUP BY, which would sort every row of the period first.
    QMap<qint64, std::array<qint64, 3>> weeks;
    QString error;
    if (!forEachIntegerRow(m_db, u"SELECT (h.at - ?) / ?, "_s + stageIndexSql(u"h.to_stage"_s)
                               + u" FROM stage_history h WHERE h.to_stage IN ('MQL', 'SQL', 'Won')"
                                 " AND NOT (h.to_stage = 'MQL' AND h.from_stage IN ('SQL', 'Won'))"_s
                               + period.sql + owner.sql,
                           QVariantList{FunnelStats::firstMondayMs, FunnelStats::weekMs} + period.values + owner.values, 2,
                           [&weeks](std::span<const qint64> row) {
                               const qint64 index = row[1] - 1; // MQL 0, SQL 1, Won 2
                               if (index >= 0 && index < 3)
                                   ++weeks[row[0]][size_t(index)];
                           },
                           &error))
        return fail(QCoreApplication::translate("StatsQuery", "the weekly trend"), error);
    const auto weekOf = [](qint64 ms) { return (ms - FunnelStats::firstMondayMs) / FunnelStats::weekMs; };
    // Every week of the period, zeros included, so that a quiet week shows as a dip, not a gap.
    // Plain values and flags rather than std::optional: GCC 12 warns (maybe-uninitialized) at -O3.
    if (weeks.isEmpty() && (!filter.fromMs || !filter.toMs))
        return true;
    const qint64 firstWeek = filter.fromMs ? weekOf(*filter.fromMs) : weeks.firstKey();
    const qint64 lastWeek = filter.toMs ? weekOf(*filter.toMs - 1) : weeks.lastKey();
    for (qint64 week = firstWeek; week <= lastWeek; ++week)
        stats.trend.append(FunnelStats::Week{FunnelStats::firstMondayMs + week * FunnelStats::weekMs, weeks.value(week)});
    return true;
}

} // namespace funnel
