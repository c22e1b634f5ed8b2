#pragma once

#include <QString>

namespace funnel {

// What the scoring engine needs to know about a behaviour event. The full record (ids, metadata,
// contact fields) lives in core/io's EventRecord; the engine only reads the type and the time.
struct Event {
    QString type;
    qint64 atMs = 0; // UTC, milliseconds since the epoch
};

} // namespace funnel
