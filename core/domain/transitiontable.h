#pragma once

#include "core/domain/movecause.h"
#include "core/domain/stage.h"

#include <QList>
#include <QString>

namespace funnel {

struct TransitionVerdict {
    bool allowed = false;
    QString refusal; // translated sentence for the person who tried, empty when allowed
};

// The funnel's transition table (DESIGN.md, "The funnel"): which stage changes are possible and how.
class TransitionTable
{
public:
    static TransitionVerdict check(Stage from, Stage to, MoveCause cause);

    // Moves a person may make from `from`, in board order.
    static QList<Stage> manualTargets(Stage from);

    // Moves to Lost and back to nurture (SQL -> MQL) must say why.
    static bool requiresReason(Stage from, Stage to);
};

QString moveCauseName(MoveCause cause);
std::optional<MoveCause> moveCauseFromName(QStringView name);

} // namespace funnel
