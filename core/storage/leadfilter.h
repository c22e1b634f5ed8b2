#pragma once

#include "core/domain/stage.h"

#include <QString>

#include <optional>

namespace funnel {

// Which leads a view shows. The board's filter bar edits one; a dashboard drill-down builds one
// (e.g. "created in the period, reached SQL") and hands it to the board. Empty fields mean "any".
struct LeadFilter {
    QString text;   // part of the name, email or company (case-insensitive)
    QString owner;  // exact owner; empty = any
    QString source; // exact source; empty = any
    std::optional<int> minScore; // inclusive
    std::optional<int> maxScore; // inclusive
    bool staleOnly = false;      // only leads past their stage's "days to rot"
    std::optional<qint64> createdFromMs; // cohort: created_at >= from (UTC ms)
    std::optional<qint64> createdToMs;   // cohort: created_at < to
    std::optional<Stage> reachedStage;   // history reached at least this stage along the funnel

    bool isEmpty() const
    {
        return text.isEmpty() && owner.isEmpty() && source.isEmpty() && !minScore && !maxScore && !staleOnly
            && !createdFromMs && !createdToMs && !reachedStage;
    }
    friend bool operator==(const LeadFilter &, const LeadFilter &) = default;
};

} // namespace funnel
