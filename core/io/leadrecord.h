#pragma once

#include "core/domain/stage.h"

#include <QList>
#include <QString>

#include <optional>
#include <utility>

namespace funnel {

// One lead as read from or written to a leads CSV file. Plain data: validation lives in
// LeadCsvReader, merging duplicates by email in the storage layer.
struct LeadRecord
{
    QString externalId; // CSV column "id"
    QString email;
    QString name;
    QString company;
    QString title;
    QString source;
    QString owner;
    std::optional<Stage> stage;
    std::optional<int> score;
    std::optional<qint64> createdAtMs; // UTC, milliseconds since the epoch
    // Columns the file has beyond the standard ones, in file order: (column name, value).
    QList<std::pair<QString, QString>> attributes;
    int line = 0; // 1-based physical line where the record starts; 0 when not read from a file

    friend bool operator==(const LeadRecord &, const LeadRecord &) = default;
};

} // namespace funnel
