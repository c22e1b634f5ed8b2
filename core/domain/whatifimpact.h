#pragma once

#include "core/domain/stage.h"

#include <QList>
#include <QString>

#include <array>

namespace funnel {

// What a draft ruleset would change, beside the rules in force: the numbers of the what-if preview
// and of `funnelctl rules diff`.
struct WhatIfImpact {
    struct Bucket {
        int lower = 0; // scores [lower, lower + 10)
        qint64 current = 0;
        qint64 draft = 0;
    };
    struct MovingLead {
        qint64 leadId = 0;
        Stage from = Stage::Cold;
        Stage to = Stage::Cold;
        int currentScore = 0;
        int draftScore = 0;
        QString reason;
    };

    qint64 leads = 0;
    qint64 events = 0;
    std::array<qint64, 5> currentStages{}; // indexed by Stage
    std::array<qint64, 5> draftStages{};
    std::array<std::array<qint64, 5>, 5> moves{}; // [current stage][draft stage]; the diagonal stays
    qint64 movedLeads = 0;
    qint64 rescoredLeads = 0; // score differs, stage may not
    QList<Bucket> histogram;  // ascending, only buckets with leads
    QList<MovingLead> sample; // the first moving leads by id

    static int bucketOf(int score) { return score < 0 ? ((score - 9) / 10) * 10 : (score / 10) * 10; }
};

} // namespace funnel
