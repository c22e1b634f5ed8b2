#pragma once

#include "core/domain/compiledruleset.h"
#include "core/domain/movecause.h"
#include "core/domain/stage.h"

#include <optional>
#include <vector>

namespace funnel {

// A lead's state after replaying its events, plus the latest automatic move, which explains why a
// lead ends in another stage under other rules.
struct ReplayedLead {
    Stage stage = Stage::Cold;
    int score = 0;
    qint64 lastActivityMs = 0;
    int decayStepsApplied = 0;
    bool moved = false;              // any stage change happened
    MoveCause lastMoveCause = MoveCause::GateEvent;
    qint32 lastMoveType = -1;        // type id of the event that made the latest move
    int lastMoveScore = 0;           // the score right after that move
    Stage lastMoveFrom = Stage::Cold;
    int finalDecay = 0;              // the decay taken at asOfMs after the last event (<= 0)
};

// Where a detailed replay writes what each event did, one entry per event (see RulesetReplay).
struct ReplayLedger {
    int *points = nullptr;      // the points the event scored, caps applied
    int *decayBefore = nullptr; // the decay taken when the event arrived, before its points (<= 0)
};

// The replay loop of the what-if preview and of rescoring: funnel::apply over one lead's events
// from a Cold lead with score 0, without allocating per event. Equal to folding apply (see
// tst_rulesetreplay); one instance per thread (it owns the cap usage scratch space).
class RulesetReplay
{
public:
    explicit RulesetReplay(const CompiledRuleSet &rules);

    // asOfMs > 0 also takes the decay due at that time after the last event (applyDecay).
    // initialScore: the lead's score before its first event (an imported score, say).
    ReplayedLead replay(const qint32 *typeIds, const qint64 *times, qsizetype count, qint64 asOfMs = 0,
                        int initialScore = 0);
    // The same, also writing each event's points and decay into `ledger` (a rescore stores them).
    ReplayedLead replay(const qint32 *typeIds, const qint64 *times, qsizetype count, qint64 asOfMs,
                        int initialScore, const ReplayLedger &ledger);

    // The cap usage a capped rule's slot (CompiledRule::capSlot) ended the last replay with; nullopt
    // when no event of its type counted (funnel::apply then keeps no entry for the type either).
    struct SlotUsage {
        qint64 periodStartMs = 0;
        int points = 0;
    };
    std::optional<SlotUsage> capUsage(int slot) const
    {
        const CapUsage &usage = m_caps[size_t(slot)];
        return usage.touched ? std::optional<SlotUsage>(SlotUsage{usage.periodStartMs, usage.points}) : std::nullopt;
    }

private:
    struct CapUsage {
        qint64 periodStartMs = 0;
        int points = 0;
        bool touched = false;
    };
    template<bool Detailed>
    ReplayedLead run(const qint32 *typeIds, const qint64 *times, qsizetype count, qint64 asOfMs, int initialScore,
                     const ReplayLedger &ledger);
    // Returns the change of score (<= 0).
    int decay(ReplayedLead &lead, qint64 nowMs) const;

    const CompiledRuleSet &m_rules;
    std::vector<CapUsage> m_caps;
};

} // namespace funnel
