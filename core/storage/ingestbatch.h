#pragma once

#include "core/domain/effect.h"
#include "core/domain/leadstate.h"
#include "core/storage/eventidhashes.h"
#include "core/storage/ingestpipeline.h"
#include "core/storage/ingestreport.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QList>
#include <QString>

#include <vector>

// The pieces of IngestPipeline (its .cpp tells how they fit): what a batch of input lines becomes
// once decided, and what it carries to the writer.

namespace funnel::ingest {

// Cap usage lives in the capUsage column, compared as such (LeadStateCodec::capUsageColumn()).
inline LeadState withoutCaps(const LeadState &state)
{
    LeadState copy = state;
    copy.capUsage.clear();
    return copy;
}

// Counters of a batch; they reach the report when it commits.
struct BatchCounts {
    qint64 eventsStored = 0;
    qint64 duplicatesSkipped = 0;
    qint64 leadsCreated = 0;
    qint64 stageChanges = 0;
};

// An event of a batch: decided in memory, written when the batch is. Its strings are UTF-8 in the
// batch's `text`, one after the other, as SQLite stores them: no allocation per event, and no
// conversion inside SQLite for every bound eventId. The lead's identity is kept too, to decide the
// event again (Decider::redo()). Two batches wait at a time, so the struct is kept small.
struct PendingEvent {
    enum Field { EventId, Metadata, UserId, Email, Name, Company, Fields };
    quint32 textAt = 0;
    quint32 sizes[Fields] = {}; // 0: absent
    QByteArrayView type;        // UTF-8, in the deciding side's cache, which outlives every batch
    qint32 lead = -1;           // index into the lead cache (the same on both sides)
    qint32 effects = -1;        // index into Batch::effects; -1: none
    qint64 atMs = 0;
    qint64 receivedMs = 0;
    int points = 0;
    bool createdLead = false;
};

// A lead as its batch leaves it: what the writer stores.
struct LeadSnapshot {
    qsizetype lead = -1;
    LeadState state;
    qint64 createdAt = 0;
    qint64 stageEnteredAt = 0;
    int reached = 0; // leads.reached, kept by ingest (Database::derivedDataTriggers())
    bool contactChanged = false; // external_id, email, name or company
    QString externalId;
    QString email;
    QString name;
    QString company;
};

// A lead row as the deciding side read it: where the writer's knowledge of that lead starts.
struct StoredLead {
    qsizetype lead = -1;
    qint64 id = 0;
    LeadState state; // but for capUsage, which is kept as its column
    QByteArray capUsage;
    qint64 stageEnteredAt = 0;
    int reached = 0;
    QString owner;  // ingest never changes owner and source; they key lead_rollup and
    QString source; // fill the history rows' copies
};

// Lines of input, decided and waiting to be written (or being written) in one transaction.
struct Batch {
    // A batch ends before its text could outgrow PendingEvent's 32-bit offsets.
    static constexpr qsizetype maxTextBytes = 512 * 1024 * 1024;

    std::vector<PendingEvent> pending;
    QByteArray text;                 // the pending events' strings
    std::vector<QList<Effect>> effects; // per event with effects, all but its own ScoreChanged (its
                                        // points are in the event's row)
    std::vector<size_t> withRows;    // the pending events that write history, adjustments or enrollments
    std::vector<qint64> withRowIds;  // their events.id, once written
    std::vector<StoredLead> loaded;  // leads read from the database while deciding
    std::vector<LeadSnapshot> created; // new leads, in the order they appeared
    std::vector<LeadSnapshot> changed; // stored leads the batch changed
    BatchEventIds eventIds;          // indexes into `pending`
    bool forgetLeads = false;        // the deciding side dropped its lead cache before this batch
    BatchCounts counts;
    qint64 linesRead = 0;
    qint64 errorCount = 0;
    QList<IngestError> errors;       // at most IngestReport::maxListedErrors
    qint64 bytesRead = 0;            // input consumed when the batch ended
    QList<IngestPipeline::CommittedEffect> committedEffects; // filled by the writer, for the callback

    QByteArrayView field(const PendingEvent &event, PendingEvent::Field field) const
    {
        qsizetype at = event.textAt;
        for (int i = 0; i < field; ++i)
            at += event.sizes[i];
        return QByteArrayView(text.constData() + at, event.sizes[field]);
    }

    const QList<Effect> &effectsOf(const PendingEvent &event) const
    {
        static const QList<Effect> none;
        return event.effects < 0 ? none : effects[size_t(event.effects)];
    }

    // Empty again; buffers keep their capacity.
    void clear()
    {
        pending.clear();
        text.resize(0);
        effects.clear();
        withRows.clear();
        withRowIds.clear();
        loaded.clear();
        created.clear();
        changed.clear();
        eventIds.clear();
        forgetLeads = false;
        counts = {};
        linesRead = 0;
        errorCount = 0;
        errors.clear();
        bytesRead = 0;
        committedEffects.clear();
    }
};

} // namespace funnel::ingest
