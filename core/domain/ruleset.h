#pragma once

#include "core/domain/rule.h"

#include <QHash>
#include <QList>

namespace funnel {

// The marketer's scoring configuration: a rule per event type, thresholds and decay.
// Unknown event types have no rule and score 0.
class RuleSet
{
public:
    static constexpr int defaultMqlThreshold = 40;
    static constexpr int defaultSqlThreshold = 80;

    // The rules shipped with Funnelboard (DESIGN.md, "Default rules").
    static RuleSet defaults();

    const Rule *ruleFor(const QString &eventType) const;
    QList<Rule> rules() const; // sorted by event type
    void setRule(const Rule &rule);
    bool removeRule(const QString &eventType);

    int mqlThreshold() const { return m_mqlThreshold; }
    int sqlThreshold() const { return m_sqlThreshold; }
    void setThresholds(int mql, int sql);

    const DecayPolicy &decay() const { return m_decay; }
    void setDecay(const DecayPolicy &decay) { m_decay = decay; }

    friend bool operator==(const RuleSet &, const RuleSet &) = default;

private:
    QHash<QString, Rule> m_rules;
    int m_mqlThreshold = defaultMqlThreshold;
    int m_sqlThreshold = defaultSqlThreshold;
    DecayPolicy m_decay;
};

} // namespace funnel
