#pragma once

#include "core/domain/stage.h"

#include <QMap>
#include <QString>

namespace funnel {

// Points already granted for a capped event type in its current period.
struct CapUsage {
    qint64 periodStartMs = 0;
    int points = 0;
    friend bool operator==(const CapUsage &, const CapUsage &) = default;
};

// Everything the engine must remember about a lead between two events.
struct LeadState {
    Stage stage = Stage::Cold;
    int score = 0;
    qint64 lastActivityMs = 0;  // time of the latest event; 0 before the first one
    int decayStepsApplied = 0;  // decay steps already taken since lastActivityMs
    // Only for event types whose rule has a cap: one or two per lead. A map, not a QHash: Qt 6.4's
    // QHash makes room for 48 entries at its first insert (about 2 KiB), and ingest caches 100k+ leads.
    QMap<QString, CapUsage> capUsage;

    friend bool operator==(const LeadState &, const LeadState &) = default;
};

} // namespace funnel
