#pragma once

#include "core/domain/ruleset.h"
#include "core/domain/stage.h"
#include "core/storage/databaseerror.h"
#include "core/storage/leadmergesnapshot.h"

#include <QString>

namespace funnel {

class Database;

struct LeadMergeResult {
    bool merged = false;
    QString refusal;     // translated reason when the merge was not possible (same lead, lead gone, ...)
    DatabaseError error; // the merge could not be stored; nothing changed
    LeadMergeSnapshot snapshot;
    Stage stage = Stage::Cold; // the survivor's stage and score after the merge
    int score = 0;
};

// Merges two leads that are the same person, in one transaction: every row that references the
// duplicate (events, history, notes, enrollments, adjustments, and whatever references leads later)
// moves to the survivor; blank fields of the survivor are filled from the duplicate; the survivor is
// re-scored by replaying all its events in time order; the duplicate is deleted.
//
// Re-score: non-decay adjustments (imported and manual scores) are the opening balance, the events
// are replayed over it with funnel::apply, their points and the decay rows are rewritten from the
// replay, so the ledger still adds up to leads.score. The stage is the furthest along the funnel of
// the two leads' stages and the replay's (Lost only when both were lost): a merge never undoes a
// rep's progress, and a stage change is recorded in stage_history with cause "rescore".
class LeadMerger
{
public:
    LeadMerger(Database &database, RuleSet rules);

    LeadMergeResult merge(qint64 survivorId, qint64 duplicateId, const QString &actor, qint64 nowMs);

    // Restores both leads as they were before `snapshot`'s merge. Refused (false, refusal() set)
    // when the survivor is gone or the duplicate's id is taken again.
    bool undo(const LeadMergeSnapshot &snapshot);

    const DatabaseError &lastError() const { return m_lastError; }
    QString refusal() const { return m_refusal; }

private:
    Database &m_database;
    RuleSet m_rules;
    qint64 m_rulesVersion = 0; // the version m_rules are, when they are the rules in force (for the ledger)
    DatabaseError m_lastError;
    QString m_refusal;
};

} // namespace funnel
