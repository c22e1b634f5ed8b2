#pragma once

#include "core/domain/stage.h"
#include "core/storage/databaseerror.h"
#include "core/storage/leadrepository.h"

#include <QString>

#include <optional>

namespace funnel {

class Database;

// What a stored manual move changed, so that it can be taken back exactly.
struct LeadMoveRecord {
    qint64 leadId = 0;
    Stage from = Stage::Cold;
    Stage to = Stage::Cold;
    qint64 previousEnteredAtMs = 0; // stage_entered_at before the move
    qint64 historyId = 0;           // the stage_history row the move added
    qint64 atMs = 0;
};

// Manual moves that can be undone. move() goes through LeadRepository::moveLead (transition table,
// history row with actor and reason); undo() takes a move back by deleting the history row it added
// and restoring the stage and stage_entered_at as they were. Deleting rather than writing a reversing
// row keeps "days in stage" and the stale flag honest: a drag and its undo must not restart a rotting
// lead's clock. undo() refuses when anything moved the lead since (its latest history row is no longer
// ours), because then the earlier state is no longer the truth to go back to.
class LeadMoveStore
{
public:
    struct MoveOutcome {
        LeadMoveResult result;
        std::optional<LeadMoveRecord> record; // set when moved
    };
    struct UndoOutcome {
        bool undone = false;
        QString refusal; // translated reason
        DatabaseError error;
    };

    explicit LeadMoveStore(Database &database) : m_database(database) {}

    MoveOutcome move(qint64 leadId, Stage to, const QString &reason, const QString &actor, qint64 atMs);
    UndoOutcome undo(const LeadMoveRecord &record);

private:
    Database &m_database;
};

} // namespace funnel
