#pragma once

#include "core/domain/ruleset.h"

#include <QString>

namespace funnel {

enum class RulesApplyMode {
    History, // every lead re-scored from its history under the new rules
    Future,  // only events ingested from now on score under the new rules
};

// One applied ruleset: "rules vN" (id N), who applied it, when, why, and how.
struct RulesetVersion {
    qint64 id = 0;
    qint64 createdAtMs = 0;
    QString author;
    QString note;
    RuleSet rules;
    RulesApplyMode mode = RulesApplyMode::Future;

    QString label() const { return QStringLiteral("rules v%1").arg(id); }
};

} // namespace funnel
