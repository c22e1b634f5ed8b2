#include "core/domain/transitiontable.h"

#include <QCoreApplication>

namespace funnel {
namespace {

// This file's messages, in the translation context "TransitionTable" (lupdate reads the macro).
struct Messages {
    Q_DECLARE_TR_FUNCTIONS(TransitionTable)
};

bool isManualMove(Stage from, Stage to)
{
    switch (from) {
    case Stage::Cold: return to == Stage::MQL || to == Stage::Lost;
    case Stage::MQL: return to == Stage::SQL || to == Stage::Lost;
    case Stage::SQL: return to == Stage::Won || to == Stage::Lost || to == Stage::MQL;
    case Stage::Lost: return to == Stage::Cold;
    case Stage::Won: return false;
    }
    return false;
}

bool isGateMove(Stage from, Stage to)
{
    return (from == Stage::Cold && (to == Stage::MQL || to == Stage::SQL))
        || (from == Stage::MQL && to == Stage::SQL) || (from == Stage::SQL && to == Stage::Won);
}

bool isThresholdMove(Stage from, Stage to)
{
    return (from == Stage::Cold && to == Stage::MQL) || (from == Stage::MQL && to == Stage::SQL);
}

QString manualRefusal(Stage from, Stage to)
{
    if (from == Stage::Won)
        return Messages::tr("Won is final: only undoing the move that won the lead can change it.");
    if (from == Stage::Lost)
        return Messages::tr("A lost lead can only be recycled to Cold.");
    if (from == Stage::Cold && to == Stage::SQL)
        return Messages::tr("A cold lead reaches SQL only by requesting a demo; move it to MQL first.");
    if (to == Stage::Won)
        return Messages::tr("Only an SQL can be won; qualify the lead first.");
    if (to == Stage::Cold)
        return Messages::tr("Only a lost lead can be recycled to Cold.");
    return Messages::tr("The funnel does not allow moving a lead from %1 to %2.").arg(stageName(from), stageName(to));
}

} // namespace

TransitionVerdict TransitionTable::check(Stage from, Stage to, MoveCause cause)
{
    if (from == to)
        return {false, Messages::tr("The lead is already in %1.").arg(stageName(to))};

    bool allowed = false;
    switch (cause) {
    case MoveCause::GateEvent: allowed = isGateMove(from, to); break;
    case MoveCause::Threshold: allowed = isThresholdMove(from, to); break;
    case MoveCause::Manual: allowed = isManualMove(from, to); break;
    // Undo, import and rescore restore a state that existed or that history explains; the shell
    // checks that undo reverses the last move.
    case MoveCause::Undo:
    case MoveCause::Import:
    case MoveCause::Rescore: allowed = true; break;
    }
    if (allowed)
        return {true, {}};
    if (cause == MoveCause::Manual)
        return {false, manualRefusal(from, to)};
    return {false, Messages::tr("The funnel does not allow an automatic move from %1 to %2.").arg(stageName(from), stageName(to))};
}

QList<Stage> TransitionTable::manualTargets(Stage from)
{
    QList<Stage> targets;
    for (Stage to : allStages) {
        if (isManualMove(from, to))
            targets.append(to);
    }
    return targets;
}

bool TransitionTable::requiresReason(Stage from, Stage to)
{
    return to == Stage::Lost || (from == Stage::SQL && to == Stage::MQL);
}

QString moveCauseName(MoveCause cause)
{
    switch (cause) {
    case MoveCause::GateEvent: return QStringLiteral("gate");
    case MoveCause::Threshold: return QStringLiteral("threshold");
    case MoveCause::Manual: return QStringLiteral("manual");
    case MoveCause::Undo: return QStringLiteral("undo");
    case MoveCause::Import: return QStringLiteral("import");
    case MoveCause::Rescore: return QStringLiteral("rescore");
    }
    return {};
}

std::optional<MoveCause> moveCauseFromName(QStringView name)
{
    for (MoveCause cause : {MoveCause::GateEvent, MoveCause::Threshold, MoveCause::Manual, MoveCause::Undo,
                            MoveCause::Import, MoveCause::Rescore}) {
        if (name == moveCauseName(cause))
            return cause;
    }
    return std::nullopt;
}

} // namespace funnel
