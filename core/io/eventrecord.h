#pragma once

#include <QByteArray>
#include <QString>

#include <optional>

namespace funnel {

// One decoded line of the events JSONL contract (DESIGN.md, "Contracts").
struct EventRecord {
    QString eventId;            // empty when absent: then re-ingest stores the event again
    QString userId;             // userId or email is required
    QString email;
    QString eventType;          // required
    std::optional<qint64> atMs; // "timestamp"; absent means arrival time
    QByteArray metadataJson;    // the "metadata" object as compact JSON; empty when absent or {}
    QString name;
    QString company;
};

} // namespace funnel
