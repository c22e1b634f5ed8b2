#include "core/domain/compiledruleset.h"

#include "core/domain/transitiontable.h"

#include <limits>

namespace funnel {

CompiledRuleSet::CompiledRuleSet(const RuleSet &rules, const QStringList &typeNames)
    : m_decay(rules.decay()), m_mql(rules.mqlThreshold()), m_sql(rules.sqlThreshold())
{
    m_rules.resize(size_t(typeNames.size()));
    for (qsizetype i = 0; i < typeNames.size(); ++i) {
        const Rule *rule = rules.ruleFor(typeNames.at(i));
        if (!rule)
            continue;
        CompiledRule &compiled = m_rules[size_t(i)];
        compiled.known = true;
        compiled.points = rule->points;
        if (rule->gate)
            compiled.gate = qint8(*rule->gate);
        // Caps limit gains only (as in apply): a capped penalty needs no usage slot.
        if (rule->cap && rule->points > 0 && m_capSlots < std::numeric_limits<qint8>::max()) {
            compiled.capSlot = qint8(m_capSlots++);
            compiled.capPoints = rule->cap->points;
            compiled.capPeriod = rule->cap->period;
        }
    }
    // Mirrors applyGate: forward along the funnel only, and only where the table allows a gate.
    for (Stage from : allStages) {
        for (Stage gate : allStages) {
            Stage target = from;
            const auto fromRank = funnelRank(from);
            const auto gateRank = funnelRank(gate);
            const bool noNews = fromRank && gateRank && *gateRank <= *fromRank;
            if (!noNews && from != gate && TransitionTable::check(from, gate, MoveCause::GateEvent).allowed)
                target = gate;
            m_gateTarget[size_t(from)][size_t(gate)] = target;
        }
    }
}

} // namespace funnel
