#pragma once

#include "core/storage/databaseerror.h"

#include <QList>
#include <QString>

namespace funnel {

// A line of the input that did not become an event, and why.
struct IngestError {
    qint64 line = 0; // 1-based
    QString message;
    friend bool operator==(const IngestError &, const IngestError &) = default;
};

// What one IngestPipeline::ingest() run did.
struct IngestReport {
    static constexpr int maxListedErrors = 1000;

    qint64 linesRead = 0;
    qint64 eventsStored = 0;
    qint64 duplicatesSkipped = 0; // eventId already stored: the line changed nothing
    qint64 leadsCreated = 0;
    qint64 stageChanges = 0;
    qint64 errorCount = 0;      // every bad line
    qint64 batchesDecidedAgain = 0; // another writer changed leads or events between two batches
    QList<IngestError> errors;  // the first maxListedErrors of them, in full
    bool cancelled = false;     // the progress callback asked to stop; the batch before it was committed
    QString failure;            // why the run stopped early (input or database); empty when it did not
    DatabaseError databaseError; // kind of a database failure; earlier batches stay committed

    bool succeeded() const { return failure.isEmpty(); }
};

} // namespace funnel
