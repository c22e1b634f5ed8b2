#include "core/domain/scoringengine.h"

#include "core/domain/transitiontable.h"

#include <QCoreApplication>

#include <algorithm>

namespace funnel {
namespace {

constexpr qint64 dayMs = 24LL * 60 * 60 * 1000;

qint64 floorDiv(qint64 a, qint64 b)
{
    return a / b - ((a % b != 0) && ((a < 0) != (b < 0)) ? 1 : 0);
}

void moveTo(Outcome &outcome, Stage to, MoveCause cause, const QString &reason)
{
    const Stage from = outcome.next.stage;
    outcome.next.stage = to;
    outcome.effects.append(StageChanged{from, to, cause, reason});
    // An undo or an import restores a past state: sales heard of that promotion already.
    if (to == Stage::SQL && cause != MoveCause::Undo && cause != MoveCause::Import) {
        outcome.effects.append(NotifySales{
            QCoreApplication::translate("ScoringEngine", "New SQL (%1, score %2)").arg(reason).arg(outcome.next.score)});
    }
}

// A gate moves a lead forward along the funnel; a gate to a stage the lead has reached or passed is
// no news and changes nothing.
void applyGate(Outcome &outcome, Stage gate, const QString &eventType)
{
    const Stage from = outcome.next.stage;
    const auto fromRank = funnelRank(from);
    const auto gateRank = funnelRank(gate);
    if (fromRank && gateRank && *gateRank <= *fromRank)
        return;
    const TransitionVerdict verdict = TransitionTable::check(from, gate, MoveCause::GateEvent);
    if (verdict.allowed)
        moveTo(outcome, gate, MoveCause::GateEvent, eventType);
    else
        outcome.effects.append(MoveRefused{from, gate, verdict.refusal});
}

void applyThresholds(Outcome &outcome, const RuleSet &rules)
{
    LeadState &lead = outcome.next;
    if (lead.stage == Stage::Cold && lead.score >= rules.mqlThreshold())
        moveTo(outcome, Stage::MQL, MoveCause::Threshold,
               QStringLiteral("score %1 >= %2").arg(lead.score).arg(rules.mqlThreshold()));
    if (lead.stage == Stage::MQL && lead.score >= rules.sqlThreshold())
        moveTo(outcome, Stage::SQL, MoveCause::Threshold,
               QStringLiteral("score %1 >= %2").arg(lead.score).arg(rules.sqlThreshold()));
}

int cappedPoints(LeadState &lead, const Rule &rule, qint64 atMs)
{
    if (!rule.cap || rule.points <= 0)
        return rule.points; // caps limit gains; penalties always count
    CapUsage &usage = lead.capUsage[rule.eventType];
    const qint64 periodStart = capPeriodStart(rule.cap->period, atMs);
    if (usage.periodStartMs != periodStart) {
        usage.periodStartMs = periodStart;
        usage.points = 0;
    }
    const int granted = std::clamp(rule.cap->points - usage.points, 0, rule.points);
    usage.points += granted;
    return granted;
}

void decayInto(Outcome &outcome, qint64 nowMs, const RuleSet &rules)
{
    LeadState &lead = outcome.next;
    const DecayPolicy &decay = rules.decay();
    if (!decay.enabled || lead.lastActivityMs == 0)
        return;
    const int due = decayStepsDue(decay, lead.lastActivityMs, nowMs);
    const int steps = due - lead.decayStepsApplied;
    if (steps <= 0)
        return;
    lead.decayStepsApplied = due;
    if (lead.score <= decay.floor)
        return;
    const qint64 lowered = std::max<qint64>(decay.floor, qint64(lead.score) - qint64(decay.points) * steps);
    const int delta = int(lowered) - lead.score;
    lead.score = int(lowered);
    if (delta != 0)
        outcome.effects.append(ScoreChanged{delta, QStringLiteral("decay"), -decay.points * steps});
}

} // namespace

int decayStepsDue(const DecayPolicy &decay, qint64 lastActivityMs, qint64 nowMs)
{
    const qint64 silence = nowMs - lastActivityMs;
    const qint64 after = qint64(decay.afterDays) * dayMs;
    if (!decay.enabled || silence < after || decay.everyDays <= 0)
        return 0;
    return int(1 + (silence - after) / (qint64(decay.everyDays) * dayMs));
}

qint64 capPeriodStart(CapPeriod period, qint64 atMs)
{
    switch (period) {
    case CapPeriod::Day: return floorDiv(atMs, dayMs) * dayMs;
    case CapPeriod::Week: {
        // 1970-01-01 was a Thursday: shifting by 3 days makes weeks start on Monday (ISO 8601).
        const qint64 day = floorDiv(atMs, dayMs);
        return (day - ((day + 3) % 7 + 7) % 7) * dayMs;
    }
    case CapPeriod::Ever: return 0;
    }
    return 0;
}

Outcome apply(LeadState lead, const Event &event, const RuleSet &rules)
{
    Outcome outcome{std::move(lead), {}, 0};
    decayInto(outcome, event.atMs, rules);

    LeadState &next = outcome.next;
    if (event.atMs > next.lastActivityMs) {
        next.lastActivityMs = event.atMs;
        next.decayStepsApplied = 0;
    }

    const Rule *rule = rules.ruleFor(event.type);
    if (!rule)
        return outcome; // unknown event types are stored and score 0

    const int points = cappedPoints(next, *rule, event.atMs);
    outcome.points = points;
    if (points != 0 || rule->points != 0) {
        next.score += points;
        outcome.effects.append(ScoreChanged{points, event.type, rule->points});
    }
    if (rule->gate)
        applyGate(outcome, *rule->gate, event.type);
    applyThresholds(outcome, rules);
    if (!rule->enrollCampaign.isEmpty())
        outcome.effects.append(Enroll{rule->enrollCampaign});
    return outcome;
}

Outcome applyDecay(const LeadState &lead, qint64 nowMs, const RuleSet &rules)
{
    Outcome outcome{lead, {}, 0};
    decayInto(outcome, nowMs, rules);
    return outcome;
}

Outcome applyMove(const LeadState &lead, Stage to, MoveCause cause, const QString &reason)
{
    Outcome outcome{lead, {}, 0};
    TransitionVerdict verdict = TransitionTable::check(lead.stage, to, cause);
    if (verdict.allowed && cause == MoveCause::Manual && TransitionTable::requiresReason(lead.stage, to)
        && reason.trimmed().isEmpty()) {
        verdict = {false, QCoreApplication::translate("ScoringEngine", "Moving a lead from %1 to %2 needs a reason.")
                              .arg(stageName(lead.stage), stageName(to))};
    }
    if (!verdict.allowed) {
        outcome.effects.append(MoveRefused{lead.stage, to, verdict.refusal});
        return outcome;
    }
    moveTo(outcome, to, cause, reason);
    return outcome;
}

} // namespace funnel
