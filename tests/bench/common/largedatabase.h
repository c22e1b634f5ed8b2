#pragma once

#include <QString>
#include <QtGlobal>

namespace funnel {

// A generated Funnelboard database for benchmarks: realistic shape, no scoring engine.
//
// create() replaces the file at `path` with a migrated database holding `leads` leads (stages about
// Cold 50 %, MQL 25 %, SQL 10 %, Won 5 %, Lost 10 %; 8 owners, 7 sources; scores that fit the stage;
// created over the last 180 days), exactly `events` events spread over them (more on leads further
// along), and stage_history rows that walk each lead from its creation to its stage. stage_entered_at
// is the time of the last history row and last_activity_at the time of the lead's latest event. The
// same seed gives the same rows (times are relative to the moment of the call). Lead n has id n and
// external id "u-" + n zero-padded to 9 digits (so the unique index fills in order).
//
// It writes with raw prepared sqlite3 statements in large transactions, rows complete with what the
// derived-data triggers would add (those are off meanwhile), builds the indexes after the rows, then
// lets Database::rebuildDerivedData() check that data and build lead_rollup and the search index:
// 1M leads / 5M events take about a minute, not hours.
class LargeDatabase
{
public:
    static constexpr int ownerCount = 8;
    static constexpr int sourceCount = 7;

    static bool create(const QString &path, int leads, qint64 events, quint32 seed, QString *error = nullptr);

    // The names create() uses, e.g. for filters in benchmarks.
    static QString ownerName(int index);  // 0 .. ownerCount - 1
    static QString sourceName(int index); // 0 .. sourceCount - 1
};

} // namespace funnel
