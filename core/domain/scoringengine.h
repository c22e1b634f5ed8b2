#pragma once

#include "core/domain/event.h"
#include "core/domain/outcome.h"
#include "core/domain/ruleset.h"

namespace funnel {

// The heart of Funnelboard: pure functions from (state, input, rules) to (next state, effects).
// Nothing here touches a database, a socket or a widget.

// One behaviour event: decay due before it, its points (capped), its gate, thresholds, enrollment.
// `lead` by value: a caller that moves its state in spares a copy of the cap table per event.
Outcome apply(LeadState lead, const Event &event, const RuleSet &rules);

// Decay due at `nowMs` for a lead that has been silent; no-op when nothing is due.
Outcome applyDecay(const LeadState &lead, qint64 nowMs, const RuleSet &rules);

// A person's move (or an undo): checked against the transition table; refused moves come back as
// a MoveRefused effect with the state unchanged.
Outcome applyMove(const LeadState &lead, Stage to, MoveCause cause, const QString &reason);

// Number of decay steps due for a lead last active at lastActivityMs, at nowMs.
int decayStepsDue(const DecayPolicy &decay, qint64 lastActivityMs, qint64 nowMs);

// Start of the cap period that contains atMs (UTC day, ISO week starting Monday, or 0 for ever).
qint64 capPeriodStart(CapPeriod period, qint64 atMs);

} // namespace funnel
