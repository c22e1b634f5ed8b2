#pragma once

#include "core/domain/stage.h"

#include <QList>
#include <QString>

#include <optional>

namespace funnel {

// One line of a lead's score ledger: an event's own points or a score_adjustments row. The lines of
// a lead add up to leads.score (IngestPipeline and LeadRepository keep that invariant).
struct ScoreContribution {
    enum class Kind {
        Event,      // events.points of a scored event
        Capped,     // an event whose rule grants points, held at zero by its cap
        Decay,      // score_adjustments, reason 'decay'
        Import,     // score_adjustments, reason 'import' (a score set by a CSV import)
        Manual,     // score_adjustments, reason 'manual'
        Adjustment, // score_adjustments with any other reason
    };
    Kind kind = Kind::Event;
    QString rule; // the event type, or the adjustment's reason
    int points = 0;
    qint64 atMs = 0;
    qint64 eventId = 0; // events.id for events and event-caused adjustments; 0 otherwise
    // The rules version (ruleset_versions.id) whose rules gave these points: for an event the one in
    // force when it was ingested, or a later one that re-scored all history; for a decay step that
    // of its event. 0 for adjustments people or imports made, and while no version exists.
    qint64 rulesVersion = 0;
};

// A row of stage_history.
struct StageHistoryEntry {
    qint64 id = 0;
    std::optional<Stage> from; // nullopt when the row records the lead's creation
    Stage to = Stage::Cold;
    qint64 atMs = 0;
    QString cause; // moveCauseName() or "created"
    QString reason;
    QString actor;
};

// Everything the lead panel shows at once (the event timeline is paged separately).
struct LeadDetails {
    qint64 id = 0;
    QString externalId;
    QString email;
    QString name;
    QString company;
    QString title;
    QString source;
    QString owner;
    Stage stage = Stage::Cold;
    int score = 0; // as stored in leads.score
    qint64 createdAtMs = 0;
    qint64 stageEnteredAtMs = 0;
    std::optional<qint64> lastActivityMs;
    std::optional<qint64> seenAtMs;
    qint64 eventCount = 0;
    QList<ScoreContribution> contributions; // oldest first
    QList<StageHistoryEntry> history;       // oldest first

    // The sum of the ledger; equal to `score` unless something wrote the score behind the ledger.
    qint64 contributionTotal() const
    {
        qint64 total = 0;
        for (const ScoreContribution &line : contributions)
            total += line.points;
        return total;
    }
};

// One stored event on the timeline.
struct LeadTimelineEvent {
    qint64 id = 0;
    QString type;
    qint64 atMs = 0;
    int points = 0;
    QString metadata; // JSON text as stored, empty when none
};

// A lead found by the merge dialog's search.
struct LeadMatch {
    qint64 id = 0;
    QString email;
    QString name;
    QString company;
    Stage stage = Stage::Cold;
    int score = 0;
};

} // namespace funnel
