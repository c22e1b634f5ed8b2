#pragma once

#include "core/domain/rule.h"
#include "core/domain/ruleset.h"
#include "core/domain/stage.h"

#include <QStringList>

#include <array>
#include <vector>

namespace funnel {

// One rule, flattened for the replay loop: no strings, no hashing, no optionals.
struct CompiledRule {
    int points = 0;
    int capPoints = 0;
    qint8 capSlot = -1; // index into the lead's cap usage array; -1 when the rule has no cap
    qint8 gate = -1;    // Stage as a number; -1 when the event gates nowhere
    bool known = false; // false: no rule for this type, the event scores 0 and moves nothing
    CapPeriod capPeriod = CapPeriod::Day;
};

// A RuleSet compiled against a list of event type names (their index is the type id used by
// EventHistory), so replaying millions of events looks rules up in an array. Gives the same
// results as funnel::apply; tst_rulesetreplay proves it.
class CompiledRuleSet
{
public:
    CompiledRuleSet(const RuleSet &rules, const QStringList &typeNames);

    const CompiledRule &rule(qsizetype typeId) const { return m_rules[size_t(typeId)]; }
    qsizetype typeCount() const { return qsizetype(m_rules.size()); }
    int capSlotCount() const { return m_capSlots; }

    int mqlThreshold() const { return m_mql; }
    int sqlThreshold() const { return m_sql; }
    const DecayPolicy &decay() const { return m_decay; }

    // The stage a gate event leads to from `from` (== from when the gate is no news or refused).
    Stage gateTarget(Stage from, Stage gate) const { return m_gateTarget[size_t(from)][size_t(gate)]; }

private:
    std::vector<CompiledRule> m_rules;
    std::array<std::array<Stage, 5>, 5> m_gateTarget{};
    DecayPolicy m_decay;
    int m_mql = 0;
    int m_sql = 0;
    int m_capSlots = 0;
};

} // namespace funnel
