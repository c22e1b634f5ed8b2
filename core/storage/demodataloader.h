#pragma once

#include "core/io/demodataset.h"
#include "core/storage/ingestreport.h"
#include "core/storage/leadrepository.h"

namespace funnel {

class Database;

struct DemoLoadReport {
    LeadImportReport leads;
    IngestReport events;
    int moves = 0;
    QString failure; // empty on success

    bool succeeded() const { return failure.isEmpty(); }
};

// Loads a DemoDataSet through the same paths real data takes: leads through LeadRepository, events
// through IngestPipeline (so scores, gates and history come from the engine), then the reps' moves.
class DemoDataLoader
{
public:
    static DemoLoadReport load(Database &database, const DemoDataSet &data, qint64 nowMs);
};

} // namespace funnel
