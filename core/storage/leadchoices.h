#pragma once

#include <QStringList>

#include <optional>

namespace funnel {

class Database;

// The owners or sources in use, sorted, for the filter bars of the board and the dashboard. Read
// from lead_rollup (kept by triggers), a few thousand rows instead of every lead.
class LeadChoices
{
public:
    enum class Column { Owner, Source };

    // nullopt on a database error, with the message in `error`.
    static std::optional<QStringList> values(Database &database, Column column, QString *error = nullptr);
};

} // namespace funnel
