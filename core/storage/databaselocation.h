#pragma once

#include <QString>

namespace funnel {

// Where a database lives when nobody said: --db, then FUNNELBOARD_DB, then the desktop app's own file
// in the standard data location (~/.local/share/funnelboard/funnelboard.sqlite on Linux).
class DatabaseLocation
{
public:
    static QString defaultPath();
    static QString resolve(const QString &commandLinePath);
};

} // namespace funnel
