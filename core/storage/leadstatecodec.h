#pragma once

#include "core/domain/leadstate.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QString>

#include <optional>

class QSqlQuery;
class QSqlRecord;

namespace funnel {

// Reads and writes a LeadState from and to the columns of a `leads` row:
//   stage TEXT, score INTEGER, last_activity_at INTEGER (NULL before the first event),
//   decay_steps INTEGER, cap_usage TEXT (JSON, NULL when no capped type has counted yet): per event
//   type, [start of the cap period in ms, points granted in it]; short because every ingest batch
//   rewrites the rows it touches:
//   {"VIEWED_PRICING":[1764201600000,30]}
// Pure conversions from plain values, so raw SQLite code and Qt SQL code share them.
class LeadStateCodec
{
public:
    // nullopt when the stage is not a funnel stage (the table's CHECK should make that impossible).
    // Unreadable cap usage is dropped rather than refused: it only limits points, and losing it at
    // worst grants a capped event type its points again in the current period.
    static std::optional<LeadState> fromColumns(QStringView stage, qint64 score, std::optional<qint64> lastActivityMs,
                                                int decaySteps, QByteArrayView capUsageJson);

    // A row read with Qt SQL; the record must have the five columns named above.
    static std::optional<LeadState> fromRecord(const QSqlRecord &record);

    // Binds :stage, :score, :last_activity_at, :decay_steps and :cap_usage of a prepared query.
    static void bindValues(QSqlQuery &query, const LeadState &state);

    static std::optional<qint64> lastActivityColumn(const LeadState &state);
    // Compact JSON with sorted keys (identical states give identical text); empty when NULL is due.
    static QByteArray capUsageColumn(const LeadState &state);
    static QMap<QString, CapUsage> capUsageFromJson(QByteArrayView json);
};

} // namespace funnel
