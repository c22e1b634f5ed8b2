#pragma once

#include <QStringList>

#include <vector>

namespace funnel {

// Every lead's events in compact columns, grouped by lead, each lead's events in stored order:
// lead i owns events [offsets[i], offsets[i + 1]). Event types are interned: typeIds index
// typeNames. About 16 bytes per event, so 5 million events fit in 80 MB.
struct EventHistory {
    QStringList typeNames;
    std::vector<qint64> leadIds;  // ascending
    std::vector<quint32> offsets; // leadIds.size() + 1 entries
    std::vector<qint32> typeIds;
    std::vector<qint64> times;    // occurred_at, ms since the epoch (UTC)
    // Only when loaded for a rescore (empty otherwise): events.id and the points stored with it.
    std::vector<qint64> eventIds;
    std::vector<qint32> storedPoints;

    qsizetype leadCount() const { return qsizetype(leadIds.size()); }
    qsizetype eventCount() const { return qsizetype(typeIds.size()); }
};

} // namespace funnel
