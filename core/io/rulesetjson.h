#pragma once

#include "core/domain/ruleset.h"

#include <QByteArray>
#include <QString>

#include <optional>

namespace funnel {

// Reads and writes a RuleSet as JSON (the format of `funnelctl rules export`).
//
// {"format": "funnelboard-rules", "version": 1,
//  "thresholds": {"mql": 40, "sql": 80},
//  "decay": {"enabled": true, "afterDays": 30, "everyDays": 7, "points": 5, "floor": 0},
//  "rules": [{"eventType": "VIEWED_PRICING", "points": 10, "gate": "MQL",
//             "enroll": "API_DEEP_DIVE_SEQUENCE", "cap": {"points": 30, "per": "day"}}]}
class RuleSetJson
{
public:
    static QByteArray toJson(const RuleSet &rules);

    // nullopt on error; `error` then names the field and what was expected, e.g.
    // "rules[3].points: expected an integer, found \"ten\"".
    static std::optional<RuleSet> fromJson(const QByteArray &json, QString *error);
};

} // namespace funnel
