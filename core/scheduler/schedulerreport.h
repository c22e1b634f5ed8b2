#pragma once

#include <QString>

namespace funnel {

// What one CampaignScheduler::runOnce() did.
struct SchedulerReport {
    int enrolled = 0;       // new enrollments started (events, stage changes, score crossings, cron, rules)
    int declined = 0;       // enrollments asked for by scoring rules that the campaign refused
    int advanced = 0;       // enrollments whose due steps ran
    int deliveries = 0;     // outbox rows written (campaign steps and lead events)
    int cronSlotsFired = 0;
    QString error;          // set when a batch failed and was rolled back

    bool failed() const { return !error.isEmpty(); }
    bool didWork() const { return enrolled + declined + advanced + deliveries + cronSlotsFired > 0; }
};

} // namespace funnel
