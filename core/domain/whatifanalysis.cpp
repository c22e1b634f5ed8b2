#include "core/domain/whatifanalysis.h"

#include "core/domain/compiledruleset.h"
#include "core/domain/rulesetreplay.h"

#include <algorithm>
#include <vector>

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

// Counts per bucket of 10 in a flat array that grows to the range seen: two increments per lead,
// no tree or hash in the loop.
struct HistogramCounter {
    std::vector<std::pair<qint64, qint64>> counts;
    int firstBucket = 0; // bucket index (lower / 10) of counts[0]

    std::pair<qint64, qint64> &at(int score)
    {
        // Scores beyond +-1,000,000 (none a rule set makes in practice) count in the edge buckets
        // rather than growing the array without bound.
        const int bucket = std::clamp(WhatIfImpact::bucketOf(score) / 10, -100'000, 100'000);
        if (counts.empty()) {
            firstBucket = bucket;
            counts.resize(1);
        } else if (bucket < firstBucket) {
            counts.insert(counts.begin(), size_t(firstBucket - bucket), {0, 0});
            firstBucket = bucket;
        } else if (size_t(bucket - firstBucket) >= counts.size()) {
            counts.resize(size_t(bucket - firstBucket) + 1);
        }
        return counts[size_t(bucket - firstBucket)];
    }
    void add(int currentScore, int draftScore)
    {
        ++at(currentScore).first;
        ++at(draftScore).second;
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
        if (useStored && (now.stage == Stage::Won || now.stage == Stage::Lost))
            then.stage = now.stage; // rules never overrule a won or lost deal
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
    for (size_t i = 0; i < histogram.counts.size(); ++i) {
        const auto [current, drafted] = histogram.counts[i];
        if (current > 0 || drafted > 0)
            impact.histogram.append({(histogram.firstBucket + int(i)) * 10, current, drafted});
    }
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
