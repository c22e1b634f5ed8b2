#pragma once

#include "core/domain/ruleset.h"

#include <QCoreApplication>
#include <QStringList>

namespace funnel {

// What changed from one ruleset to another, one sentence per change, for people comparing
// versions ("VIEWED_PRICING: points 10 -> 15", "MQL threshold 40 -> 30", ...). Empty when equal.
class RuleSetDiff
{
    Q_DECLARE_TR_FUNCTIONS(RuleSetDiff)

public:
    static QStringList compare(const RuleSet &from, const RuleSet &to);

    // "+10, gate MQL, enroll X, cap 30/day" — one rule in a few words.
    static QString describe(const Rule &rule);
};

} // namespace funnel
