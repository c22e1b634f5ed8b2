#include "core/domain/rulesetreplay.h"

#include "core/domain/scoringengine.h"

#include <algorithm>

namespace funnel {

RulesetReplay::RulesetReplay(const CompiledRuleSet &rules)
    : m_rules(rules), m_caps(size_t(rules.capSlotCount()))
{
}

// Same arithmetic as decayInto in scoringengine.cpp.
int RulesetReplay::decay(ReplayedLead &lead, qint64 nowMs) const
{
    const DecayPolicy &policy = m_rules.decay();
    if (!policy.enabled || lead.lastActivityMs == 0)
        return 0;
    const int due = decayStepsDue(policy, lead.lastActivityMs, nowMs);
    const int steps = due - lead.decayStepsApplied;
    if (steps <= 0)
        return 0;
    lead.decayStepsApplied = due;
    if (lead.score <= policy.floor)
        return 0;
    const int before = lead.score;
    lead.score = int(std::max<qint64>(policy.floor, qint64(lead.score) - qint64(policy.points) * steps));
    return lead.score - before;
}

ReplayedLead RulesetReplay::replay(const qint32 *typeIds, const qint64 *times, qsizetype count, qint64 asOfMs,
                                  int initialScore)
{
    return run<false>(typeIds, times, count, asOfMs, initialScore, {});
}

ReplayedLead RulesetReplay::replay(const qint32 *typeIds, const qint64 *times, qsizetype count, qint64 asOfMs,
                                  int initialScore, const ReplayLedger &ledger)
{
    return run<true>(typeIds, times, count, asOfMs, initialScore, ledger);
}

// One loop for both: the what-if's replay (Detailed false) stays free of the ledger's stores.
template<bool Detailed>
ReplayedLead RulesetReplay::run(const qint32 *typeIds, const qint64 *times, qsizetype count, qint64 asOfMs,
                                int initialScore, const ReplayLedger &ledger)
{
    std::fill(m_caps.begin(), m_caps.end(), CapUsage{});
    ReplayedLead lead;
    lead.score = initialScore;
    const int mql = m_rules.mqlThreshold();
    const int sql = m_rules.sqlThreshold();
    auto moveTo = [&lead](Stage to, MoveCause cause, qint32 typeId) {
        lead.lastMoveFrom = lead.stage;
        lead.stage = to;
        lead.moved = true;
        lead.lastMoveCause = cause;
        lead.lastMoveType = typeId;
        lead.lastMoveScore = lead.score;
    };

    for (qsizetype i = 0; i < count; ++i) {
        const qint64 atMs = times[i];
        [[maybe_unused]] const int decayed = decay(lead, atMs);
        if constexpr (Detailed) {
            ledger.decayBefore[i] = decayed;
            ledger.points[i] = 0;
        }
        if (atMs > lead.lastActivityMs) {
            lead.lastActivityMs = atMs;
            lead.decayStepsApplied = 0;
        }
        const qint32 typeId = typeIds[i];
        const CompiledRule &rule = m_rules.rule(typeId);
        if (!rule.known)
            continue;

        int points = rule.points;
        if (rule.capSlot >= 0) {
            CapUsage &usage = m_caps[size_t(rule.capSlot)];
            const qint64 periodStart = capPeriodStart(rule.capPeriod, atMs);
            if (usage.periodStartMs != periodStart) {
                usage.periodStartMs = periodStart;
                usage.points = 0;
            }
            points = std::clamp(rule.capPoints - usage.points, 0, rule.points);
            usage.points += points;
            usage.touched = true;
        }
        lead.score += points;
        if constexpr (Detailed)
            ledger.points[i] = points;

        if (rule.gate >= 0) {
            const Stage target = m_rules.gateTarget(lead.stage, Stage(rule.gate));
            if (target != lead.stage)
                moveTo(target, MoveCause::GateEvent, typeId);
        }
        if (lead.stage == Stage::Cold && lead.score >= mql)
            moveTo(Stage::MQL, MoveCause::Threshold, typeId);
        if (lead.stage == Stage::MQL && lead.score >= sql)
            moveTo(Stage::SQL, MoveCause::Threshold, typeId);
    }
    if (asOfMs > 0)
        lead.finalDecay = decay(lead, asOfMs);
    return lead;
}

} // namespace funnel
