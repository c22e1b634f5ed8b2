#pragma once

#include "core/domain/eventhistory.h"
#include "core/domain/ruleset.h"
#include "core/domain/whatifimpact.h"

#include <QCoreApplication>
#include <QHash>

#include <functional>
#include <vector>
#include <optional>

namespace funnel {

struct ReplayedLead;

// The what-if replay: every lead's history under the rules in force and under a draft, compared.
// Pure (no database): the shell loads the EventHistory and shows the WhatIfImpact.
class WhatIfAnalysis
{
    Q_DECLARE_TR_FUNCTIONS(WhatIfAnalysis)

public:
    // Called every few thousand leads with (leads done, leads in all); return false to cancel.
    using Progress = std::function<bool(qsizetype, qsizetype)>;

    struct Options {
        qint64 asOfMs = 0;     // > 0: decay due at this time counts too
        int sampleSize = 20;
        Progress progress;
        QHash<qint64, Stage> pinned;   // leads that keep their stage whatever the rules (Won, Lost, manual)
        QHash<qint64, int> baseScores; // scores leads start from before their first event
        // The stored state per lead of the history (same order as its leadIds) is "now", and leads
        // stored as Won or Lost keep that stage; when empty, "now" is the history replayed under
        // the rules in force.
        std::vector<qint8> storedStages;
        std::vector<int> storedScores;
    };

    // nullopt when cancelled.
    static std::optional<WhatIfImpact> compare(const EventHistory &history, const RuleSet &current,
                                               const RuleSet &draft, const Options &options);

    // A lead without events: both rules leave it where it is.
    static void addUnchanged(WhatIfImpact &impact, Stage stage, int score);

    // Why the draft puts a lead where it does, in words ("REQUESTED_DEMO gates to SQL", ...).
    static QString reason(const ReplayedLead &draft, const QStringList &typeNames, int mql, int sql);
};

} // namespace funnel
