#pragma once

namespace funnel {

// The order of the cards in a board column; each has its index on (stage, key).
enum class BoardSort {
    Score,        // highest score first (leads_stage_score_idx)
    LastActivity, // most recent activity first, leads without any last (leads_stage_activity_idx)
    DaysInStage,  // longest in the stage first (leads_stage_entered_idx)
};

} // namespace funnel
