#include "core/storage/ingestpipeline.h"

#include "core/storage/backgroundcheckpoints.h"
#include "core/storage/database.h"
#include "core/storage/ingestbatchpool.h"
#include "core/storage/ingestbatchwriter.h"
#include "core/storage/ingestdecider.h"
#include "core/storage/ingestwriter.h"
#include "core/storage/linereader.h"
#include "core/storage/rawsqlite.h"
#include "core/storage/transaction.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QIODevice>

#include <sqlite3.h>

#include <optional>
#include <utility>

// Speed: ingest (this file and the ingest*.cpp pieces it drives) talks to SQLite directly. It runs
// over millions of events and must stay close to raw SQLite insert speed (tests/bench/bench_ingest); Qt SQL's
// per-statement QVariant binding and result buffering cost more than the inserts themselves. The
// sqlite3 handle comes from the Database's own QSQLITE connection, on its own thread, so locking,
// pragmas and transactions stay shared with the rest of storage/. A QPSQL backend would need its own
// writer for this class and nothing else.
//
// A batch is handled in two halves. Deciding reads the lines and decides everything in memory (lookups
// are its only queries); writing then goes table by table in input order, in one transaction. That
// keeps each table's pages and statement hot, and writes a new lead once, with its state at the end of
// the batch. On a database file the two halves overlap: a writer thread writes batch k on the
// Database's connection while the calling thread decides batch k+1 with a read-only connection of its
// own (writing is three quarters of the work; on one thread the other quarter adds up). Only the
// writer holds the write lock, only while it writes.
//
// Deciding ahead is optimistic. Everything a batch touches is in the deciding side's lead cache from
// then on, so the batches in flight never need the database to tell them about each other. What the
// cache cannot know is another writer's change to leads or events between two batches: the writer
// notices it (lead_writes, max(events.id)) under the write lock before it writes anything, keeps the
// lock, and the batches decided since are decided again from their own records with a fresh cache.

namespace funnel {
namespace {

using namespace Qt::StringLiterals;

// This file's messages, in the translation context "IngestPipeline" (lupdate reads the macro).
struct Messages {
    Q_DECLARE_TR_FUNCTIONS(IngestPipeline)
};

// Beyond this many cached leads the cache is dropped between batches (it costs lookups, never
// correctness).
constexpr qsizetype maxCachedLeads = 200'000;

} // namespace

IngestPipeline::IngestPipeline(Database &database, RuleSet rules)
    : m_database(database)
    , m_rules(std::move(rules))
{
    // The ledger names the version that scored each event: the one in force, when these are its rules.
    QString ignored;
    if (m_database.isOpen() && m_rules == m_database.activeRules(&ignored))
        m_rulesVersion = m_database.settingValue(u"rules_version"_s).value_or(QString()).toLongLong();
}

IngestPipeline::~IngestPipeline() = default;

IngestReport IngestPipeline::ingest(QIODevice &input)
{
    using namespace ingest;
    IngestReport report;
    auto stop = [&report](const QString &failure, const DatabaseError &error = {}) {
        report.failure = failure;
        report.databaseError = error;
        return report;
    };
    if (!m_database.isOpen())
        return stop(Messages::tr("The database is not open."));
    sqlite3 *handle = m_database.sqliteHandle();
    if (!handle)
        return stop(Messages::tr("Ingest needs an SQLite database (the QSQLITE driver)."));
    const std::optional<QStringList> triggers = m_database.derivedDataTriggerDefinitions();
    if (!triggers)
        return stop(m_database.lastError().message, m_database.lastError());

    Writer writer(handle, m_database.path(), m_rulesVersion, *triggers, bool(m_onEffects));
    if (!writer.prepareAll() || !writer.start())
        return stop(writer.error.message, writer.error);
    // Deciding reads through a connection of its own where there is a file to open one on; an
    // in-memory database is decided and written in turn on its one connection.
    const Connection lookups(openSecondConnection(handle, m_database.busyTimeoutMs()));
    if (lookups)
        sqlite3_exec(lookups.get(), "PRAGMA query_only = 1", nullptr, nullptr, nullptr);
    Decider decider(lookups ? lookups.get() : handle, m_database.path(), m_rules, bool(lookups));
    decider.onlyOurEvents = writer.onlyOurEvents();
    if (!decider.prepareAll())
        return stop(decider.error.message, decider.error);

    JsonlEventDecoder decoder;
    decoder.setMaxLineBytes(m_maxLineBytes);
    LineReader reader(input, m_maxLineBytes);
    BackgroundCheckpoints checkpoints(handle, m_database.busyTimeoutMs());
    BatchPool batches;
    BatchWriter batchWriter(writer, checkpoints, bool(lookups)); // after `checkpoints`: ends before it
    Batch *open = nullptr;     // being decided
    Batch *inFlight = nullptr; // submitted, result not taken yet
    // A batch holds the write lock while it is written: it ends when writing it would take about
    // m_maxBatchMillis at the previous batch's speed (a first guess before that: 5 us per event).
    double writeNsPerEvent = 5000;
    bool filling = true; // no batch has reached its limits yet

    auto decideAgain = [&](Batch *stale, const Batch *before) -> Batch * {
        Batch *batch = batches.take();
        decider.begin(batch, before);
        const bool decided = decider.redo(*stale) && decider.finish();
        batches.give(stale);
        if (!decided) {
            batches.give(batch);
            return nullptr;
        }
        return batch;
    };

    // A committed batch reaches the report, and its effects the shell.
    auto committed = [&](const Batch &batch) {
        report.linesRead += batch.linesRead;
        report.errorCount += batch.errorCount;
        for (const IngestError &error : batch.errors) {
            if (report.errors.size() < IngestReport::maxListedErrors)
                report.errors.append(error);
        }
        report.eventsStored += batch.counts.eventsStored;
        report.duplicatesSkipped += batch.counts.duplicatesSkipped;
        report.leadsCreated += batch.counts.leadsCreated;
        report.stageChanges += batch.counts.stageChanges;
        if (m_onEffects && !batch.committedEffects.isEmpty())
            m_onEffects(batch.committedEffects);
    };

    // Deciding failed: the batch in flight is still written, and counted, before the run stops.
    auto decidingFailed = [&]() {
        if (inFlight && batchWriter.wait().outcome == BatchWriter::Outcome::Committed)
            committed(*inFlight);
        return stop(decider.error.message, decider.error);
    };

    // Takes the result of the batch in flight: a committed one reaches the report and the callbacks;
    // a stale one is decided again (and so is `open`, decided after it). False when the run must stop.
    auto settle = [&]() -> bool {
        while (inFlight) {
            const BatchWriter::Result result = batchWriter.wait();
            if (result.outcome == BatchWriter::Outcome::Failed) {
                stop(writer.error.message, writer.error);
                return false;
            }
            if (result.outcome == BatchWriter::Outcome::Stale) {
                report.batchesDecidedAgain += open ? 2 : 1;
                decider.forgetLeads();
                decider.onlyOurEvents = writer.onlyOurEvents();
                inFlight = decideAgain(inFlight, nullptr);
                if (!inFlight) {
                    stop(decider.error.message, decider.error); // the open transaction rolls back
                    return false;
                }
                batchWriter.submit(inFlight);
                if (open && !(open = decideAgain(open, inFlight))) {
                    decidingFailed();
                    return false;
                }
                continue;
            }
            if (!inFlight->pending.empty())
                writeNsPerEvent = double(result.nanoseconds) / double(inFlight->pending.size());
            committed(*inFlight);
            const qint64 bytesRead = inFlight->bytesRead;
            batches.give(std::exchange(inFlight, nullptr));
            if (m_onProgress && !m_onProgress(bytesRead)) {
                report.cancelled = true;
                return false;
            }
        }
        return true;
    };

    // Ends the open batch and hands it to the writer once the one before it is settled.
    auto handOff = [&]() -> bool {
        open->bytesRead = reader.bytesRead();
        if (!decider.finish()) {
            decidingFailed();
            return false;
        }
        if (!settle())
            return false;
        batchWriter.submit(open);
        inFlight = std::exchange(open, nullptr);
        if (decider.cachedLeads() > maxCachedLeads) {
            // The cache holds what the batch in flight decided: it may go once that is written.
            if (!settle())
                return false;
            decider.forgetLeads();
        }
        return true;
    };

    for (;;) {
        const LineReader::Status status = reader.next();
        if (status == LineReader::Status::End)
            break;
        if (!open) {
            open = batches.take();
            decider.begin(open, inFlight);
        }
        if (status == LineReader::Status::Failed) {
            // The lines read so far are good: keep them, then say why the rest is missing.
            if (!handOff() || !settle())
                return report;
            return stop(Messages::tr("Reading the events failed after line %1: %2")
                            .arg(reader.lineNumber())
                            .arg(reader.errorString()));
        }
        ++open->linesRead;
        if (status == LineReader::Status::TooLong) {
            decider.addError(reader.lineNumber(), decoder.lineTooLongError(reader.lineLength()));
        } else if (!reader.line().trimmed().isEmpty()) { // blank lines are skipped silently
            QString error;
            if (std::optional<EventRecord> record = decoder.decode(reader.line(), &error)) {
                const qint64 receivedMs = QDateTime::currentMSecsSinceEpoch();
                if (!decider.add(*record, record->atMs.value_or(receivedMs), receivedMs))
                    return decidingFailed();
            } else {
                decider.addError(reader.lineNumber(), error);
            }
        }

        const bool batchFull = open->linesRead >= m_batchSize
            || double(open->pending.size()) * writeNsPerEvent >= 1e6 * m_maxBatchMillis
            || open->text.size() >= Batch::maxTextBytes;
        // While the pipeline fills, a writer with nothing to do gets what there is, so that it starts
        // early (batches then grow about fourfold each); not in lots so small that commits would cost
        // more than they overlap. Later, small batches would only cost: each commit rewrites pages of
        // every index it touched. A writer waiting with the lock for stale batches to be decided again
        // gets them at once.
        constexpr qint64 minLinesForAnIdleWriter = 4096;
        const bool writerWaits = lookups
            && ((filling && open->linesRead >= minLinesForAnIdleWriter && batchWriter.idle()) || batchWriter.stale());
        filling = filling && !batchFull;
        if ((batchFull || writerWaits) && !handOff())
            return report;
    }
    if (open && !handOff())
        return report;
    if (!settle())
        return report;
    // The run's new leads waited for the search index (Writer::indexNewLeadsForSearch()); in they go,
    // a chunk per transaction so that no other writer waits long for the lock. A full chunk may not be
    // the last one.
    if (report.leadsCreated == 0)
        return report;
    qint64 indexed = 0;
    do {
        Transaction chunk(m_database, Transaction::Mode::Immediate);
        if (!chunk.isActive())
            return stop(chunk.error().message, chunk.error());
        if (!m_database.indexPendingSearch(m_searchIndexChunk, &indexed))
            return stop(m_database.lastError().message, m_database.lastError());
        if (!chunk.commit())
            return stop(chunk.error().message, chunk.error());
    } while (indexed == m_searchIndexChunk);
    return report;
}

} // namespace funnel
