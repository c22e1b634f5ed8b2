#pragma once

#include "core/domain/stage.h"

#include <QString>

#include <array>

namespace funnel {

class Database;

// Days to rot per stage: a lead in its stage longer than that is stale on the board. Stored in the
// settings table (key "board.days_to_rot.<Stage>"); 0 means the stage never rots (Won and Lost by
// default, since nothing is left to do there).
class BoardRotSettings
{
public:
    using Days = std::array<int, allStages.size()>;

    static int defaultDays(Stage stage);
    static Days defaults();
    static QString key(Stage stage);

    // The stored values, the default for each stage without one (or with an unreadable one).
    static Days load(const Database &database);
    static bool save(Database &database, const Days &days);

    // Entered the stage before this moment = stale; nullopt when the stage never rots.
    static std::optional<qint64> staleBeforeMs(int days, qint64 nowMs);
};

} // namespace funnel
