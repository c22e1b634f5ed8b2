#pragma once

#include "core/domain/movecause.h"
#include "core/domain/stage.h"

#include <QString>

#include <variant>

namespace funnel {

// Effects are data: the shell persists them with the event and acts on them after commit.

struct ScoreChanged {
    int delta = 0;
    QString rule;      // the event type, or "decay"
    int requested = 0; // points the rule asked for before its cap
    friend bool operator==(const ScoreChanged &, const ScoreChanged &) = default;
};

struct StageChanged {
    Stage from = Stage::Cold;
    Stage to = Stage::Cold;
    MoveCause cause = MoveCause::GateEvent;
    QString reason; // event type for gates, "score N >= T" for thresholds, the person's words otherwise
    friend bool operator==(const StageChanged &, const StageChanged &) = default;
};

struct Enroll {
    QString campaign;
    friend bool operator==(const Enroll &, const Enroll &) = default;
};

struct NotifySales {
    QString text;
    friend bool operator==(const NotifySales &, const NotifySales &) = default;
};

// A gate or a manual move the transition table refused; shown to people, never silent.
struct MoveRefused {
    Stage from = Stage::Cold;
    Stage to = Stage::Cold;
    QString reason;
    friend bool operator==(const MoveRefused &, const MoveRefused &) = default;
};

using Effect = std::variant<ScoreChanged, StageChanged, Enroll, NotifySales, MoveRefused>;

} // namespace funnel
