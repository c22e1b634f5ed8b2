#pragma once

#include "core/domain/leadstate.h"
#include "core/storage/foreignkeychecksoff.h"
#include "core/storage/ingestbatch.h"
#include "core/storage/statementset.h"

#include <QHash>
#include <QList>
#include <QStringList>

#include <optional>
#include <vector>

namespace funnel::ingest {

// A lead_rollup row's key (migration 3): the score's bucket of 10 and the furthest stage reached.
struct RollupKey {
    Stage stage = Stage::Cold;
    QString owner;
    QString source;
    int bucket = 0;
    int furthest = -1;

    RollupKey(Stage stage, const QString &owner, const QString &source, int score, int reached)
        : stage(stage)
        , owner(owner)
        , source(source)
        , bucket(score < 0 ? ((score - 9) / 10) * 10 : (score / 10) * 10) // SQL's truncating division
        , furthest(reached == 0 ? -1 : (reached & 8) ? 3 : (reached & 4) ? 2 : (reached & 2) ? 1 : 0)
    {
    }
    bool operator==(const RollupKey &) const = default;
};

inline size_t qHash(const RollupKey &key, size_t seed = 0)
{
    return qHashMulti(seed, int(key.stage), key.owner, key.source, key.bucket, key.furthest);
}

struct RollupDelta {
    qint64 leads = 0;
    qint64 scoreSum = 0;
};

// The writing side: writes decided batches on the Database's connection, one transaction each, one
// table after the other, rows in the order of the input. It knows each lead as its row stands.
class Writer : public StatementSet
{
public:
    Writer(sqlite3 *db, QString path, qint64 rulesVersion, const QStringList &triggerDefinitions,
           bool collectEffects);

    bool prepareAll();

    // Before the first batch is decided, on the thread that will decide it: where "another writer
    // changed leads or events since" starts, and whether the events table holds rows already.
    bool start();

    // The events table holds no row this run did not write (Decider::onlyOurEvents).
    bool onlyOurEvents() const { return m_onlyOurEvents; }

    // Takes the write lock for a batch, foreign key checks off (ForeignKeyChecksOff).
    bool begin();

    // Under the write lock, before anything is written: whether the batches decided since the previous
    // one are still right. Not when another writer changed leads in between (a rep moved one, an owner
    // changed, another ingest ran: lead_writes counts them, and the deciding side's cache may be
    // stale), nor when it stored events (one may carry an eventId decided as new). Other tables do
    // not matter: the campaign runner's writes after each batch of an import leave its cache good.
    bool isFresh(bool *fresh);

    bool write(Batch &batch);

    bool commit();

    void rollback();

private:
    // A lead as its row stands (between batches, and through the open one as it is written).
    struct Lead {
        qint64 id = 0;
        LeadState stored; // capUsage left out (see storedCapUsage)
        QByteArray storedCapUsage;
        qint64 storedStageEnteredAt = 0;
        int storedReached = 0;
        QString owner;
        QString source;
        qint64 lastHistoryAt = 0;  // the newest stage_history.at of the lead, when hasHistory
        bool historyKnown = false; // hasHistory and lastHistoryAt are read (or the lead is new)
        bool hasHistory = false;
    };

    // Column groups of a lead UPDATE. SQLite rewrites an index entry when a column it covers is in
    // the SET list, changed or not, so each update sets only the groups that changed.
    enum UpdateColumns {
        ScoreColumn = 1,    // leads_stage_score_idx and every covering index that holds score
        ActivityColumn = 2, // leads_stage_activity_idx
        StageColumns = 4,   // stage and stage_entered_at: every stage index
        ContactColumns = 8, // external_id, email, name, company: the unique indexes
        ReachedColumn = 16, // the owner, source and created covering indexes, leads_stage_created_idx
        UpdateVariants = 32,
    };

    Lead &leadAt(qsizetype index);

    const Statement *updateStatement(int columns);

    // The triggers of Database::derivedDataTriggers() go for the transaction: row by row they would
    // redo what write() keeps in bulk, and with a trigger on its table every lead and history write
    // keeps a statement journal. write() re-creates them from their own text before the commit; a
    // rollback restores them too.
    bool dropDerivedDataTriggers();

    bool restoreDerivedDataTriggers();

    void addToRollup(const RollupKey &key, int sign, int score);

    // What lead_rollup_inserted and lead_rollup_updated would have added up, one row per key.
    bool writeRollup();

    // What the dropped lead_writes triggers would have counted, once for the batch.
    bool countLeadWrites();

    bool writeNewLeads(const Batch &batch);

    // What leads_search_inserted would have done: new leads wait outside the search index until the
    // input ends (IngestPipeline::defaultSearchIndexChunk).
    bool indexNewLeadsForSearch(const Batch &batch);

    bool writeEvents(Batch &batch);

    // A history row written complete, as stage_history_inserted would leave it: prev_at is the time
    // of the lead's previous row by (at, id), owner and source are the lead's. A row older than the
    // lead's newest (events out of time order) changes the prev_at of the rows after it: for that
    // rare row the trigger's own statement runs.
    bool writeHistoryRow(Lead &lead, const QString *from, const QString &to, qint64 atMs, const QString &cause,
                         const QString &reason, qint64 eventRowId);

    // A new lead's first row says it was created (from NULL to Cold), so "reached Cold" is history too.
    bool writeHistory(const Batch &batch);

    bool writeAdjustments(const Batch &batch);

    bool writeEnrollments(const Batch &batch);

    // Every stored lead the batch changed, once, in id order (neighbouring rows share pages).
    bool writeChangedLeads(Batch &batch);

    // What the shell acts on after the commit.
    void collectCommittedEffects(Batch &batch) const;

    const qint64 m_rulesVersion; // events.rules_version; 0 writes NULL
    const bool m_collectEffects;
    QList<QByteArray> m_triggerDefinitions; // their CREATE TRIGGER text
    std::optional<ForeignKeyChecksOff> m_foreignKeysOff;
    qint64 m_leadWrites = 0; // lead_writes.n after this run's latest batch (or at its start)
    qint64 m_maxEventId = 0; // max(events.id) likewise
    bool m_onlyOurEvents = true;

    Statement m_insertLead;
    Statement m_insertEvent;
    Statement m_insertHistory;
    Statement m_insertAdjustment;
    Statement m_insertEnrollment;
    Statement m_updateLead[UpdateVariants]; // by UpdateColumns mask, prepared on first use
    Statement m_lastHistoryAt;
    Statement m_refreshHistory;
    Statement m_upsertRollup;
    Statement m_newLeadWaits; // into the search index's waiting list
    Statement m_countLeadWrites;

    std::vector<Lead> m_leads; // by the deciding side's cache index
    QHash<RollupKey, RollupDelta> m_rollup; // the open batch's changes to lead_rollup

    const QString m_createdCause = QStringLiteral("created");
    const QString m_coldStage = stageName(Stage::Cold);
};

} // namespace funnel::ingest
