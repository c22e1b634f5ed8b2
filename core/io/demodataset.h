#pragma once

#include "core/domain/stage.h"
#include "core/io/eventrecord.h"
#include "core/io/leadrecord.h"

#include <QList>

namespace funnel {

// A manual move a sales rep made in the demo story (lost deals, leads sent back to nurture).
struct DemoMove {
    QString externalId;
    Stage to = Stage::Lost;
    qint64 atMs = 0;
    QString reason;
    QString actor;
};

// The demo data set: leads with their CRM fields, their behaviour events in time order, and the
// manual moves reps made afterwards. Loading it through the real ingest path makes every number in
// the app true for it.
struct DemoDataSet {
    QList<LeadRecord> leads;
    QList<EventRecord> events;
    QList<DemoMove> moves;
};

} // namespace funnel
