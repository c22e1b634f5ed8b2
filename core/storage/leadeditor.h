#pragma once

#include "core/storage/databaseerror.h"

#include <QString>

#include <optional>

namespace funnel {

class Database;

// The fields a person edits in the lead panel. Email and stage have their own paths (merge, moves).
struct LeadFields {
    QString name;
    QString company;
    QString title;
    QString owner;
    QString source;
    friend bool operator==(const LeadFields &, const LeadFields &) = default;
};

// Reads and writes a lead's editable fields, one transaction per write.
class LeadEditor
{
public:
    explicit LeadEditor(Database &database) : m_database(database) {}

    std::optional<LeadFields> fields(qint64 leadId);

    // Writes `to` when the row still holds `expected` (nullopt: whatever it holds). A lead that is
    // gone, or was changed meanwhile by someone else, is refused with refusal() set.
    bool setFields(qint64 leadId, const LeadFields &to, const std::optional<LeadFields> &expected = std::nullopt);

    const DatabaseError &lastError() const { return m_lastError; }
    QString refusal() const { return m_refusal; }

private:
    Database &m_database;
    DatabaseError m_lastError;
    QString m_refusal;
};

} // namespace funnel
