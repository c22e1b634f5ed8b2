#pragma once

namespace funnel {

// Why a lead changes stage. Stored in stage_history; the transition table allows different
// moves for different causes.
enum class MoveCause {
    GateEvent, // an event whose rule gates to a stage (e.g. REQUESTED_DEMO -> SQL)
    Threshold, // the score reached the MQL or SQL threshold
    Manual,    // a person moved it (board drag, keyboard, CLI)
    Undo,      // reverting an earlier move
    Import,    // a CSV import set the stage
    Rescore,   // a rules change replayed the lead's history
};

} // namespace funnel
