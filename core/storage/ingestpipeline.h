#pragma once

#include "core/domain/effect.h"
#include "core/domain/ruleset.h"
#include "core/io/jsonleventdecoder.h"
#include "core/storage/ingestreport.h"

#include <QList>

#include <functional>
#include <memory>

class QIODevice;

namespace funnel {

class Database;

// Streams events JSONL (DESIGN.md, "Contracts") into the database: decode, find or create the lead,
// run the scoring engine, and store the event with its consequences, in one transaction per batch.
//
// Leads are found by userId (leads.external_id), else by email; a lead known only by its email takes
// the userId of its first event that has one. An unknown user becomes a Cold lead created at the
// event's time, with a stage_history row "created". Name, company and email fill blanks only.
//
// Re-ingesting a file is a no-op for every line with an eventId: a stored eventId skips the line
// before it touches its lead. A crash loses at most the batches in flight; run the same file again.
//
// Use on the thread that opened the Database. On a database file, ingest() writes on a thread of its
// own with the Database's connection while the calling thread reads ahead with a second connection;
// nothing else may use the Database's connection meanwhile, except the callbacks (they run between
// two batches' transactions, with the writer waiting).
class IngestPipeline
{
public:
    // Lines per transaction, at most. Each commit writes every page the batch touched to the WAL, and
    // a batch touches most pages of the leads' indexes whatever its size: per million events
    // (tests/bench/bench_ingest), 300,000 lines write ~0.90 GB where 200,000 wrote ~0.96 GB, 50,000
    // ~1.5 GB and 10,000 ~3.7 GB. Two batches wait at a time (one written, one read ahead), a line
    // ~150 bytes in each: the bench's run peaks at ~390 MiB. On the bench machine the time limit
    // below ends batches first, at ~450,000 lines.
    static constexpr int defaultBatchSize = 500000;
    // A batch holds the write lock while it is written, so it also ends early enough for writing it
    // to take about this long (at the previous batch's speed): half of other writers' busy timeout
    // (Database::defaultBusyTimeoutMs), so a rep's move made during an ingest waits, but does not fail.
    static constexpr int defaultMaxBatchMillis = 2500;
    // The run's new leads wait outside the text search index (searches find them by LIKE meanwhile)
    // until the input ends; then they go in, this many per transaction: at bench speed about half a
    // second of write lock. One pass costs half of what indexing them batch by batch did.
    static constexpr qint64 defaultSearchIndexChunk = 100000;

    // An effect of a committed event, for the shell to act on (notify, enroll, refresh the board).
    struct CommittedEffect {
        qint64 leadId = 0;
        qint64 eventRowId = 0; // events.id
        Effect effect;         // StageChanged, Enroll, NotifySales or MoveRefused
    };
    // Called after each commit, never before, with that batch's effects.
    using EffectsCallback = std::function<void(const QList<CommittedEffect> &effects)>;
    // Called after each commit with the input bytes consumed so far; return false to stop.
    using ProgressCallback = std::function<bool(qint64 bytesRead)>;

    IngestPipeline(Database &database, RuleSet rules);
    ~IngestPipeline();
    IngestPipeline(const IngestPipeline &) = delete;
    IngestPipeline &operator=(const IngestPipeline &) = delete;

    int batchSize() const { return m_batchSize; }
    void setBatchSize(int lines) { m_batchSize = qMax(1, lines); }
    int maxBatchMillis() const { return m_maxBatchMillis; }
    void setMaxBatchMillis(int milliseconds) { m_maxBatchMillis = qMax(1, milliseconds); }
    qint64 searchIndexChunk() const { return m_searchIndexChunk; }
    void setSearchIndexChunk(qint64 leads) { m_searchIndexChunk = qMax<qint64>(1, leads); }
    qsizetype maxLineBytes() const { return m_maxLineBytes; }
    void setMaxLineBytes(qsizetype bytes) { m_maxLineBytes = bytes; }
    void setEffectsCallback(EffectsCallback callback) { m_onEffects = std::move(callback); }
    void setProgressCallback(ProgressCallback callback) { m_onProgress = std::move(callback); }

    // Reads `input` to its end (a file, stdin or a socket; never held in memory as a whole).
    IngestReport ingest(QIODevice &input);

private:
    struct Run; // the sqlite3 statements and the lead cache of one ingest() call

    Database &m_database;
    RuleSet m_rules;
    qint64 m_rulesVersion = 0; // the version m_rules are, when they are the rules in force
    EffectsCallback m_onEffects;
    ProgressCallback m_onProgress;
    qsizetype m_maxLineBytes = JsonlEventDecoder::defaultMaxLineBytes;
    int m_batchSize = defaultBatchSize;
    int m_maxBatchMillis = defaultMaxBatchMillis;
    qint64 m_searchIndexChunk = defaultSearchIndexChunk;
};

} // namespace funnel
