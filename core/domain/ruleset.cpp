#include "core/domain/ruleset.h"

#include <algorithm>

namespace funnel {

RuleSet RuleSet::defaults()
{
    RuleSet set;
    auto add = [&set](const char *type, int points, std::optional<Stage> gate = std::nullopt,
                      const char *campaign = "", std::optional<PointsCap> cap = std::nullopt) {
        set.setRule(Rule{QString::fromLatin1(type), points, gate, QString::fromLatin1(campaign), cap});
    };
    // Pricing views are frequent and weak: at most 30 points a day so a refresh loop cannot make an SQL.
    add("VIEWED_PRICING", 10, std::nullopt, "", PointsCap{30, CapPeriod::Day});
    add("DOWNLOADED_API_DOCS", 20, Stage::MQL, "API_DEEP_DIVE_SEQUENCE");
    add("ABANDONED_CHECKOUT", 15, std::nullopt, "CART_RECOVERY_SEQUENCE");
    add("SIGNED_UP_NEWSLETTER", 0, Stage::MQL);
    add("REQUESTED_DEMO", 0, Stage::SQL);
    add("HIT_RATE_LIMIT", 0, std::nullopt, "RATE_LIMIT_HELP_SEQUENCE");
    add("CONTRACT_SIGNED", 0, Stage::Won);
    add("PAYMENT_SUCCEEDED", 0, Stage::Won);
    add("UNSUBSCRIBED", -30);
    set.m_decay = DecayPolicy{true, 30, 7, 5, 0};
    return set;
}

const Rule *RuleSet::ruleFor(const QString &eventType) const
{
    const auto it = m_rules.constFind(eventType);
    return it == m_rules.cend() ? nullptr : &it.value();
}

QList<Rule> RuleSet::rules() const
{
    QList<Rule> sorted = m_rules.values();
    std::sort(sorted.begin(), sorted.end(), [](const Rule &a, const Rule &b) { return a.eventType < b.eventType; });
    return sorted;
}

void RuleSet::setRule(const Rule &rule)
{
    m_rules.insert(rule.eventType, rule);
}

bool RuleSet::removeRule(const QString &eventType)
{
    return m_rules.remove(eventType) > 0;
}

void RuleSet::setThresholds(int mql, int sql)
{
    m_mqlThreshold = mql;
    m_sqlThreshold = sql;
}

} // namespace funnel
