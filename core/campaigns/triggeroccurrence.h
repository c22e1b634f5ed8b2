#pragma once

#include "core/campaigns/campaign.h"

#include <QByteArray>

namespace funnel {

// Something that happened to a lead and may enroll it: an event, a stage entered, a score change,
// or a cron slot of a scheduled campaign.
struct TriggerOccurrence {
    CampaignTrigger::Kind kind = CampaignTrigger::Kind::Event;
    QString eventType;          // Event
    Stage stage = Stage::Cold;  // StageEntered
    int scoreBefore = 0;        // ScoreCrossed
    int scoreAfter = 0;
    qint64 atMs = 0;            // when it happened (the event's own timestamp): waits count from here
    QByteArray eventMetadataJson; // the event's metadata object, for {{event.metadata.<key>}}
};

} // namespace funnel
