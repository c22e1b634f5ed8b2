#include "core/domain/whatifanalysis.h"

#include "core/domain/compiledruleset.h"
#include "core/domain/rulesetreplay.h"

#include <map>

namespace funnel {
namespace {

void countBucket(QList<WhatIfImpact::Bucket> &histogram, int lower, bool current, bool draft)
{
    auto it = std::lower_bound(histogram.begin(), histogram.end(), lower,
                               [](const WhatIfImpact::Bucket &bucket, int value) { return bucket.lower < value; });
    if (it == histogram.end() || it->lower != lower)
        it = histogram.insert(it, WhatIfImpact::Bucket{lower, 0, 0});
    it->current += current ? 1 : 0;
    it->draft += draft ? 1 : 0;
}

// Scores cluster in few buckets; counting in a map first keeps the sorted list out of the hot loop.
struct HistogramCounter {
    std::map<int, std::pair<qint64, qint64>> counts;
    void add(int currentScore, int draftScore)
    {
        ++counts[WhatIfImpact::bucketOf(currentScore)].first;
        ++counts[WhatIfImpact::bucketOf(draftScore)].second;
    }
};

} // namespace

std::optional<WhatIfImpact> WhatIfAnalysis::compare(const EventHistory &history, const RuleSet &current,
                                                    const RuleSet &draft, const Options &options)
{
    const CompiledRuleSet currentRules(current, history.typeNames);
    const CompiledRuleSet draftRules(draft, history.typeNames);
    RulesetReplay currentReplay(currentRules);
    RulesetReplay draftReplay(draftRules);

    WhatIfImpact impact;
    impact.leads = history.leadCount();
    impact.events = history.eventCount();
    HistogramCounter histogram;
    constexpr qsizetype progressEvery = 16384;
    const bool useStored = options.storedStages.size() == size_t(history.leadCount())
        && options.storedScores.size() == size_t(history.leadCount());
    const qsizetype leadCount = history.leadCount();
    for (qsizetype i = 0; i < leadCount; ++i) {
        if (options.progress && i % progressEvery == 0 && !options.progress(i, leadCount))
            return std::nullopt;
        const quint32 begin = history.offsets[size_t(i)];
        const qsizetype count = qsizetype(history.offsets[size_t(i) + 1] - begin);
        const qint32 *types = history.typeIds.data() + begin;
        const qint64 *times = history.times.data() + begin;
        const qint64 leadId = history.leadIds[size_t(i)];
        const int base = options.baseScores.isEmpty() ? 0 : options.baseScores.value(leadId);
        ReplayedLead now;
        if (useStored) {
            now.stage = Stage(options.storedStages[size_t(i)]);
            now.score = options.storedScores[size_t(i)];
        } else {
            now = currentReplay.replay(types, times, count, options.asOfMs, base);
        }
        ReplayedLead then = draftReplay.replay(types, times, count, options.asOfMs, base);
        if (!options.pinned.isEmpty()) {
            const auto pin = options.pinned.constFind(leadId);
            if (pin != options.pinned.cend())
                now.stage = then.stage = pin.value();
        }

        ++impact.currentStages[size_t(now.stage)];
        ++impact.draftStages[size_t(then.stage)];
        ++impact.moves[size_t(now.stage)][size_t(then.stage)];
        histogram.add(now.score, then.score);
        if (now.score != then.score)
            ++impact.rescoredLeads;
        if (now.stage != then.stage) {
            ++impact.movedLeads;
            if (impact.sample.size() < options.sampleSize) {
                impact.sample.append({leadId, now.stage, then.stage, now.score, then.score,
                                      reason(then, history.typeNames, draft.mqlThreshold(), draft.sqlThreshold())});
            }
        }
    }
    if (options.progress && !options.progress(leadCount, leadCount))
        return std::nullopt;
    for (const auto &[lower, counts] : histogram.counts)
        impact.histogram.append({lower, counts.first, counts.second});
    return impact;
}

void WhatIfAnalysis::addUnchanged(WhatIfImpact &impact, Stage stage, int score)
{
    ++impact.leads;
    ++impact.currentStages[size_t(stage)];
    ++impact.draftStages[size_t(stage)];
    ++impact.moves[size_t(stage)][size_t(stage)];
    countBucket(impact.histogram, WhatIfImpact::bucketOf(score), true, true);
}

QString WhatIfAnalysis::reason(const ReplayedLead &draft, const QStringList &typeNames, int mql, int sql)
{
    if (!draft.moved)
        return tr("no rule moves it out of Cold (score %1)").arg(draft.score);
    const QString type = typeNames.value(draft.lastMoveType);
    if (draft.lastMoveCause == MoveCause::GateEvent)
        return tr("%1 gates to %2").arg(type, stageName(draft.stage));
    const int threshold = draft.stage == Stage::SQL ? sql : mql;
    return tr("score %1 reaches the %2 threshold %3 after %4")
        .arg(draft.lastMoveScore)
        .arg(stageName(draft.stage))
        .arg(threshold)
        .arg(type);
}

} // namespace funnel
