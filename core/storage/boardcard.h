#pragma once

#include "core/domain/stage.h"

#include <QString>

#include <optional>

namespace funnel {

// One lead as a board card shows it.
struct BoardCard {
    qint64 id = 0;
    Stage stage = Stage::Cold;
    QString name;
    QString email;
    QString company;
    QString owner;
    QString source;
    int score = 0;
    qint64 stageEnteredAtMs = 0;
    std::optional<qint64> lastActivityAtMs;
    bool unseen = false; // seen_at IS NULL: no rep has opened it yet
    bool stale = false;  // in its stage longer than the stage's days to rot

    friend bool operator==(const BoardCard &, const BoardCard &) = default;
};

} // namespace funnel
