#include "core/storage/ingestpipeline.h"

#include "core/domain/scoringengine.h"
#include "core/domain/transitiontable.h"
#include "core/storage/database.h"
#include "core/storage/leadstatecodec.h"
#include "core/storage/linereader.h"
#include "core/storage/transaction.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QElapsedTimer>
#include <QHash>
#include <QIODevice>
#include <QMutex>
#include <QThread>
#include <QWaitCondition>
#include <QSqlDriver>
#include <QStringEncoder>
#include <QVariant>

#include <sqlite3.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <optional>
#include <thread>
#include <utility>
#include <variant>
#include <vector>

// Speed: this file is the one place in core/ that talks to SQLite directly. Ingest runs over millions
// of events and must stay close to raw SQLite insert speed (tests/bench/bench_ingest); Qt SQL's
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
// cache cannot know is another connection's commit between two batches: the writer notices it
// (PRAGMA data_version) under the write lock before it writes anything, keeps the lock, and the
// batches decided since are decided again from their own records with a fresh cache.

namespace funnel {
namespace {

using namespace Qt::StringLiterals;

// This file's messages, in the translation context "IngestPipeline" (lupdate reads the macro).
struct Messages {
    Q_DECLARE_TR_FUNCTIONS(IngestPipeline)
};

struct StatementDeleter {
    void operator()(sqlite3_stmt *statement) const { sqlite3_finalize(statement); }
};
using Statement = std::unique_ptr<sqlite3_stmt, StatementDeleter>;

// Resets a statement when the scope ends, so that none is left mid-step at COMMIT.
class Reset
{
public:
    explicit Reset(const Statement &statement)
        : m_statement(statement.get())
    {
    }
    ~Reset() { sqlite3_reset(m_statement); }
    Reset(const Reset &) = delete;
    Reset &operator=(const Reset &) = delete;

private:
    sqlite3_stmt *m_statement = nullptr;
};

// SQLITE_STATIC: every bound string outlives the sqlite3_step() that reads it.
void bindText(sqlite3_stmt *statement, int index, const QString &text)
{
    sqlite3_bind_text16(statement, index, text.utf16(), int(text.size() * 2), SQLITE_STATIC);
}

void bindTextOrNull(sqlite3_stmt *statement, int index, const QString &text)
{
    if (text.isEmpty())
        sqlite3_bind_null(statement, index);
    else
        bindText(statement, index, text);
}

void bindUtf8(sqlite3_stmt *statement, int index, QByteArrayView utf8)
{
    sqlite3_bind_text(statement, index, utf8.data(), int(utf8.size()), SQLITE_STATIC);
}

QString columnText(sqlite3_stmt *statement, int column)
{
    const void *text = sqlite3_column_text16(statement, column);
    if (!text)
        return {};
    return QString(static_cast<const QChar *>(text), sqlite3_column_bytes16(statement, column) / 2);
}

// SQLite's lower() folds ASCII only; the email index uses it, so cache keys must fold the same way.
QString asciiLower(const QString &text)
{
    QString lowered = text;
    for (QChar &c : lowered) {
        if (c.unicode() >= 'A' && c.unicode() <= 'Z')
            c = QChar(c.unicode() + ('a' - 'A'));
    }
    return lowered;
}


// Steps a one-row, one-column query into `value` (0 for NULL); SQLITE_ROW when it did, else the error.
int queryInteger(sqlite3 *db, const char *sql, qint64 *value)
{
    sqlite3_stmt *query = nullptr;
    int rc = sqlite3_prepare_v2(db, sql, -1, &query, nullptr);
    if (rc == SQLITE_OK && (rc = sqlite3_step(query)) == SQLITE_ROW)
        *value = sqlite3_column_int64(query, 0);
    sqlite3_finalize(query);
    return rc;
}

constexpr auto leadColumns = "id, external_id, email, name, company, stage, score, last_activity_at, decay_steps, "
                             "cap_usage, stage_entered_at, reached, owner, source";

// Beyond this many cached leads the cache is dropped after a commit (it holds committed state only,
// so dropping it costs lookups, never correctness).
constexpr qsizetype maxCachedLeads = 200'000;

struct ConnectionCloser {
    void operator()(sqlite3 *db) const { sqlite3_close(db); }
};
using Connection = std::unique_ptr<sqlite3, ConnectionCloser>;

// A connection of its own to the file of `db`, for another thread; nullptr for a database without a
// file (an in-memory database has no second connection) or when it cannot be opened.
sqlite3 *openSecondConnection(sqlite3 *db, int busyTimeoutMs)
{
    const char *file = sqlite3_db_filename(db, "main");
    if (!file || !*file)
        return nullptr;
    sqlite3 *other = nullptr;
    if (sqlite3_open_v2(file, &other, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, nullptr) != SQLITE_OK) {
        sqlite3_close(other); // a failed open still allocates a handle
        return nullptr;
    }
    sqlite3_busy_timeout(other, busyTimeoutMs);
    return other;
}

// Copies the WAL back into the database file on a thread and a connection of its own while ingest goes
// on writing, as SQLite advises for bulk writers: the ingest connection's own automatic checkpoints,
// which ran inside its commits on its thread, are off meanwhile. PASSIVE checkpoints neither wait for
// nor block readers and writers, and a finished one lets the next batch write the WAL from its start
// again. The ingest connection checkpoints what is left when the run ends (Database's
// journal_size_limit then shrinks the file). Without a second connection (a database with no file),
// checkpoints are spaced instead: the WAL grows to ~512 MiB, and each copies a page once however
// many batches changed it.
class BackgroundCheckpoints
{
public:
    BackgroundCheckpoints(sqlite3 *db, int busyTimeoutMs)
        : m_db(db)
    {
        if (qint64 previous = 0; queryInteger(db, "PRAGMA wal_autocheckpoint", &previous) == SQLITE_ROW)
            m_previous = int(previous);

        m_helper.reset(openSecondConnection(db, busyTimeoutMs));
        if (m_helper) {
            sqlite3_wal_autocheckpoint(db, 0);
            m_thread.reset(QThread::create([this] { run(); }));
            m_thread->start();
        } else {
            qint64 pageSize = 4096;
            queryInteger(db, "PRAGMA page_size", &pageSize);
            sqlite3_wal_autocheckpoint(db, int(512LL * 1024 * 1024 / qMax<qint64>(512, pageSize)));
        }
    }
    ~BackgroundCheckpoints()
    {
        if (m_thread) {
            {
                const QMutexLocker lock(&m_mutex);
                m_stop = true;
                m_wake.wakeOne();
            }
            m_thread->wait();
        }
        sqlite3_wal_autocheckpoint(m_db, m_previous);
        // PASSIVE: never waits for readers (the board may be reading); they get the rest later.
        sqlite3_wal_checkpoint_v2(m_db, nullptr, SQLITE_CHECKPOINT_PASSIVE, nullptr, nullptr);
    }
    BackgroundCheckpoints(const BackgroundCheckpoints &) = delete;
    BackgroundCheckpoints &operator=(const BackgroundCheckpoints &) = delete;

    // After each commit: the WAL has new frames to copy.
    void committed()
    {
        if (!m_thread)
            return;
        const QMutexLocker lock(&m_mutex);
        m_due = true;
        m_wake.wakeOne();
    }

private:
    void run()
    {
        // A connection opens the WAL when it first reads; until then it checkpoints nothing.
        sqlite3_exec(m_helper.get(), "SELECT count(*) FROM sqlite_master", nullptr, nullptr, nullptr);
        QMutexLocker lock(&m_mutex);
        for (;;) {
            while (!m_due && !m_stop)
                m_wake.wait(&m_mutex);
            if (m_stop)
                return;
            m_due = false; // commits during this checkpoint ask for the next one
            lock.unlock();
            sqlite3_wal_checkpoint_v2(m_helper.get(), nullptr, SQLITE_CHECKPOINT_PASSIVE, nullptr, nullptr);
            lock.relock();
        }
    }

    sqlite3 *m_db = nullptr;
    Connection m_helper;
    int m_previous = 1000;
    std::unique_ptr<QThread> m_thread;
    QMutex m_mutex;
    QWaitCondition m_wake;
    bool m_due = false;
    bool m_stop = false;
};

// Ingest writes only lead and event ids that it read or created (a commit by any other connection
// makes the batches since decided again, see Writer::isFresh()), so SQLite's foreign key checks, a
// parent lookup for every event, history and enrollment row, could only ever pass: a sixth of the
// batch's time. They are off from just before a batch's transaction to just after it ends. The pragma
// works only outside a transaction: inside a caller's, the checks stay on.
class ForeignKeyChecksOff
{
public:
    explicit ForeignKeyChecksOff(sqlite3 *db)
        : m_db(db)
    {
        if (sqlite3_get_autocommit(db))
            m_off = sqlite3_exec(db, "PRAGMA foreign_keys = OFF", nullptr, nullptr, nullptr) == SQLITE_OK;
    }
    ~ForeignKeyChecksOff()
    {
        if (m_off)
            sqlite3_exec(m_db, "PRAGMA foreign_keys = ON", nullptr, nullptr, nullptr);
    }
    ForeignKeyChecksOff(const ForeignKeyChecksOff &) = delete;
    ForeignKeyChecksOff &operator=(const ForeignKeyChecksOff &) = delete;

private:
    sqlite3 *m_db = nullptr;
    bool m_off = false;
};

// eventId hashes in an open-addressing table (0 marks a free slot), each slot with a payload. Hashing
// instead of keeping the ids costs no allocation per event; a hash says "maybe", its payload or the
// database settles it.
template<typename Payload>
class EventIdHashes
{
public:
    // Calls `match(payload)` for each slot of `hash` until one returns true; whether one did.
    template<typename Match>
    bool find(size_t hash, Match &&match) const
    {
        if (m_slots.empty())
            return false;
        const size_t key = hash | 1;
        for (size_t i = key & (m_slots.size() - 1); m_slots[i].key != 0; i = (i + 1) & (m_slots.size() - 1)) {
            if (m_slots[i].key == key && match(m_slots[i].payload))
                return true;
        }
        return false;
    }
    bool contains(size_t hash) const
    {
        return find(hash, [](const Payload &) { return true; });
    }
    // A slot more, also for a hash that has one already (two ids may share a hash).
    void insert(size_t hash, Payload payload = {})
    {
        if (2 * (m_count + 1) > m_slots.size())
            grow();
        place(Slot{hash | 1, std::move(payload)});
    }
    void clear()
    {
        std::fill(m_slots.begin(), m_slots.end(), Slot{});
        m_count = 0;
    }

private:
    struct Slot {
        size_t key = 0;
        [[no_unique_address]] Payload payload{};
    };

    void place(Slot slot)
    {
        size_t i = slot.key & (m_slots.size() - 1);
        while (m_slots[i].key != 0)
            i = (i + 1) & (m_slots.size() - 1);
        m_slots[i] = std::move(slot);
        ++m_count;
    }
    void grow()
    {
        const size_t size = qMax<size_t>(1024, m_slots.size() * 2);
        std::vector<Slot> old = std::exchange(m_slots, std::vector<Slot>(size));
        m_count = 0;
        for (Slot &slot : old) {
            if (slot.key != 0)
                place(std::move(slot));
        }
    }

    std::vector<Slot> m_slots;
    size_t m_count = 0;
};

// The eventIds a run has stored, by hash only. While the events table holds only this run's rows,
// an id whose hash is not in here cannot be stored yet, and deciding so costs no query; a hit (a real
// repeat, or a rare collision) is settled by asking the database.
using SeenEventIds = EventIdHashes<std::monostate>;

// The open batch's eventIds: a hash leads to the pending events that may carry it.
using BatchEventIds = EventIdHashes<qsizetype>;

constexpr size_t eventIdHashSeed = 0x9E3779B97F4A7C15ull;

LeadState withoutCaps(const LeadState &state)
{
    LeadState copy = state;
    copy.capUsage.clear();
    return copy;
}

// leads.reached: a bit per stage entered (migration 3).
int stageBit(Stage stage)
{
    return 1 << int(stage);
}

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

size_t qHash(const RollupKey &key, size_t seed = 0)
{
    return qHashMulti(seed, int(key.stage), key.owner, key.source, key.bucket, key.furthest);
}

struct RollupDelta {
    qint64 leads = 0;
    qint64 scoreSum = 0;
};


// Counters of a batch; they reach the report when it commits.
struct Counts {
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
    Counts counts;
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

// The prepared statements of one side of a run, and how their failures become a DatabaseError.
class StatementSet
{
public:
    StatementSet(sqlite3 *db, QString path)
        : db(db)
        , path(std::move(path))
    {
    }

    sqlite3 *db = nullptr;
    QString path;
    DatabaseError error;

    bool fail(int code)
    {
        error = DatabaseError::fromSqliteCode(code, path, QString::fromUtf8(sqlite3_errmsg(db)));
        if (!error.isError())
            error = {DatabaseError::Kind::Other, DatabaseError::describe(DatabaseError::Kind::Other, path, {}), {}};
        return false;
    }

    bool prepare(Statement &statement, const char *sql)
    {
        sqlite3_stmt *raw = nullptr;
        const int rc = sqlite3_prepare_v3(db, sql, -1, SQLITE_PREPARE_PERSISTENT, &raw, nullptr);
        statement.reset(raw);
        return rc == SQLITE_OK || fail(rc);
    }

    bool step(const Statement &statement)
    {
        const int rc = sqlite3_step(statement.get());
        return rc == SQLITE_DONE || fail(rc);
    }

    bool exec(const char *sql)
    {
        const int rc = sqlite3_exec(db, sql, nullptr, nullptr, nullptr);
        return rc == SQLITE_OK || fail(rc);
    }

    bool queryInteger(const char *sql, qint64 *value)
    {
        const int rc = funnel::queryInteger(db, sql, value);
        return rc == SQLITE_ROW || fail(rc);
    }

    // Event types, stage names, causes and campaigns repeat endlessly: converted once each.
    const QByteArray &utf8(const QString &text)
    {
        auto it = m_utf8.find(text);
        if (it == m_utf8.end())
            it = m_utf8.insert(text, text.toUtf8());
        return it.value();
    }

private:
    QHash<QString, QByteArray> m_utf8;
};

// The deciding side: reads the batch's lines into PendingEvents, finds or creates their leads and runs
// the scoring engine, all in memory; its only queries are lookups. It keeps every lead the run has
// touched, with its state at the end of the latest decided batch.
class Decider : public StatementSet
{
public:
    // `readTransactions`: `db` is a connection of the Decider's own, read in one transaction per
    // batch (one snapshot instead of one per lookup).
    Decider(sqlite3 *db, QString path, const RuleSet &rules, bool readTransactions)
        : StatementSet(db, std::move(path))
        , m_rules(rules)
        , m_readTransactions(readTransactions)
    {
    }
    ~Decider() { endReadTransaction(); }

    bool onlyOurEvents = true; // the events table holds no row this run did not write

    bool prepareAll()
    {
        const QByteArray byExternalIdSql = QByteArray("SELECT ") + leadColumns + " FROM leads WHERE external_id = ?1";
        // The WHERE repeats the partial index's condition so that SQLite may use the index.
        const QByteArray byEmailSql = QByteArray("SELECT ") + leadColumns
            + " FROM leads WHERE lower(email) = lower(?1) AND email IS NOT NULL AND email <> ''";
        return prepare(m_findByExternalId, byExternalIdSql.constData())
            && prepare(m_findByEmail, byEmailSql.constData())
            && prepare(m_eventExists, "SELECT 1 FROM events WHERE event_uid = ?1");
    }

    qsizetype cachedLeads() const { return qsizetype(m_leads.size()); }

    // Drops the lead cache, between batches: stale, or too big.
    void forgetLeads()
    {
        Q_ASSERT(!m_batch);
        m_leads.clear();
        m_byExternalId.clear();
        m_byEmail.clear();
        m_forgotten = true;
    }

    // Starts deciding into `batch` (empty). `inFlight` is the batch the writer may still be writing:
    // its eventIds are not in the database yet.
    void begin(Batch *batch, const Batch *inFlight)
    {
        Q_ASSERT(!m_batch);
        m_batch = batch;
        m_inFlight = inFlight;
        m_batch->forgetLeads = std::exchange(m_forgotten, false);
    }

    Batch *batch() const { return m_batch; }

    void addError(qint64 line, const QString &message)
    {
        ++m_batch->errorCount;
        if (m_batch->errors.size() < IngestReport::maxListedErrors)
            m_batch->errors.append(IngestError{line, message});
    }

    // One decoded line; false only on a database failure. `checked`: the eventId was found not
    // stored when the line was first decided (see redo()).
    bool add(const EventRecord &record, qint64 atMs, qint64 receivedMs, bool checked = false)
    {
        Batch &batch = *m_batch;
        Match match;
        if (!findLead(record, &match))
            return false;
        // A stored eventId skips the line before it touches, or creates, its lead.
        PendingEvent event;
        event.textAt = quint32(batch.text.size());
        event.sizes[PendingEvent::EventId] = appendText(QStringView(record.eventId));
        const bool hasEventId = event.sizes[PendingEvent::EventId] > 0;
        const size_t eventIdHash = qHash(batch.field(event, PendingEvent::EventId), eventIdHashSeed);
        if (hasEventId && !(checked && onlyOurEvents)) {
            bool stored = false;
            if (!isStoredEvent(batch.field(event, PendingEvent::EventId), eventIdHash, &stored))
                return false;
            if (stored) {
                batch.text.truncate(event.textAt);
                ++batch.counts.duplicatesSkipped;
                return true;
            }
        }

        const bool created = match.index < 0;
        if (created) {
            Lead lead;
            lead.externalId = record.userId;
            lead.email = match.emailTaken ? QString() : record.email;
            lead.name = record.name;
            lead.company = record.company;
            lead.createdAt = atMs;
            lead.stageEnteredAt = atMs;
            lead.reached = stageBit(Stage::Cold); // its "created" history row
            match.index = remember(std::move(lead));
            m_newLeads.push_back(match.index);
            ++batch.counts.leadsCreated;
        } else {
            if (match.claim) {
                Lead &lead = m_leads[size_t(match.index)];
                lead.externalId = record.userId;
                lead.contactChanged = true;
                m_byExternalId.insert(record.userId, match.index);
            }
            if (!fillBlanks(match.index, record))
                return false;
        }

        Lead &lead = m_leads[size_t(match.index)];
        Outcome outcome = funnel::apply(std::move(lead.state), Event{record.eventType, atMs}, m_rules);
        event.sizes[PendingEvent::Metadata] = appendText(QByteArrayView(record.metadataJson));
        event.sizes[PendingEvent::UserId] = appendText(QStringView(record.userId));
        event.sizes[PendingEvent::Email] = appendText(QStringView(record.email));
        event.sizes[PendingEvent::Name] = appendText(QStringView(record.name));
        event.sizes[PendingEvent::Company] = appendText(QStringView(record.company));
        event.type = utf8(record.eventType);
        event.lead = qint32(match.index);
        event.atMs = atMs;
        event.receivedMs = receivedMs;
        event.points = outcome.points;
        event.createdLead = created;
        QList<Effect> effects;
        for (Effect &effect : outcome.effects) {
            if (const auto *score = std::get_if<ScoreChanged>(&effect); score && score->rule != m_decayRule)
                continue;
            if (const auto *move = std::get_if<StageChanged>(&effect)) {
                lead.stageEnteredAt = atMs;
                lead.reached |= stageBit(move->to);
                ++batch.counts.stageChanges;
            }
            effects.append(std::move(effect));
        }
        lead.state = std::move(outcome.next);
        if (lead.stored && !lead.dirty) {
            lead.dirty = true;
            m_dirty.push_back(match.index);
        }
        if (!effects.isEmpty()) {
            event.effects = qint32(batch.effects.size());
            batch.effects.push_back(std::move(effects));
        }
        if (hasEventId)
            batch.eventIds.insert(eventIdHash, qsizetype(batch.pending.size()));
        if (event.createdLead || event.effects >= 0)
            batch.withRows.push_back(batch.pending.size());
        batch.pending.push_back(std::move(event));
        ++batch.counts.eventsStored;
        return true;
    }

    // Decides the events of `stale`, a batch decided with a cache that another writer's commit made
    // stale, again into the open batch. Its lines were read, its errors reported and its duplicates
    // skipped already; those carry over.
    bool redo(const Batch &stale)
    {
        Batch &batch = *m_batch;
        batch.linesRead = stale.linesRead;
        batch.errorCount = stale.errorCount;
        batch.errors = stale.errors;
        batch.bytesRead = stale.bytesRead;
        batch.counts.duplicatesSkipped = stale.counts.duplicatesSkipped;
        for (const PendingEvent &event : stale.pending) {
            EventRecord record;
            record.eventId = QString::fromUtf8(stale.field(event, PendingEvent::EventId));
            record.userId = QString::fromUtf8(stale.field(event, PendingEvent::UserId));
            record.email = QString::fromUtf8(stale.field(event, PendingEvent::Email));
            record.name = QString::fromUtf8(stale.field(event, PendingEvent::Name));
            record.company = QString::fromUtf8(stale.field(event, PendingEvent::Company));
            record.eventType = QString::fromUtf8(event.type);
            record.metadataJson = stale.field(event, PendingEvent::Metadata).toByteArray();
            record.atMs = event.atMs;
            if (!add(record, event.atMs, event.receivedMs, true))
                return false;
        }
        return true;
    }

    // Ends the open batch: the leads it created or changed go into it as the writer will store them.
    bool finish()
    {
        Batch &batch = *m_batch;
        batch.created.reserve(m_newLeads.size());
        for (const qsizetype index : m_newLeads) {
            batch.created.push_back(snapshot(index));
            m_leads[size_t(index)].stored = true;
            m_leads[size_t(index)].contactChanged = false;
        }
        batch.changed.reserve(m_dirty.size());
        for (const qsizetype index : m_dirty) {
            batch.changed.push_back(snapshot(index));
            m_leads[size_t(index)].dirty = false;
            m_leads[size_t(index)].contactChanged = false;
        }
        m_newLeads.clear();
        m_dirty.clear();
        m_batch = nullptr;
        m_inFlight = nullptr;
        return endReadTransaction();
    }

private:
    struct Lead {
        LeadState state;
        qint64 createdAt = 0;
        qint64 stageEnteredAt = 0;
        QString externalId;
        QString email;
        QString name;
        QString company;
        int reached = 0;
        bool stored = false;         // in the database, or in a batch already decided
        bool dirty = false;          // a stored lead the open batch changed (listed in m_dirty)
        bool contactChanged = false; // external_id, email, name or company, in the open batch
    };

    struct Match {
        qsizetype index = -1;
        bool claim = false;      // a lead known by email only becomes this userId's lead
        bool emailTaken = false; // the event's email belongs to another user's lead
    };

    LeadSnapshot snapshot(qsizetype index) const
    {
        const Lead &lead = m_leads[size_t(index)];
        return LeadSnapshot{index,          lead.state,      lead.createdAt, lead.stageEnteredAt, lead.reached,
                            lead.contactChanged, lead.externalId, lead.email, lead.name,     lead.company};
    }

    bool beginReadTransaction()
    {
        if (!m_readTransactions || m_reading)
            return true;
        m_reading = exec("BEGIN");
        return m_reading;
    }

    bool endReadTransaction()
    {
        if (!m_reading)
            return true;
        m_reading = false;
        return exec("COMMIT");
    }

    // Steps `statement` expecting one row or none; the new cache index or -1, or false on error.
    bool loadLead(const Statement &statement, qsizetype *index)
    {
        *index = -1;
        const Reset reset(statement);
        sqlite3_stmt *s = statement.get();
        const int rc = sqlite3_step(s);
        if (rc == SQLITE_DONE)
            return true;
        if (rc != SQLITE_ROW)
            return fail(rc);
        Lead lead;
        StoredLead stored;
        stored.id = sqlite3_column_int64(s, 0);
        lead.externalId = columnText(s, 1);
        lead.email = columnText(s, 2);
        lead.name = columnText(s, 3);
        lead.company = columnText(s, 4);
        const auto *capUsage = static_cast<const char *>(sqlite3_column_blob(s, 9));
        const std::optional<LeadState> state = LeadStateCodec::fromColumns(
            columnText(s, 5), sqlite3_column_int64(s, 6),
            sqlite3_column_type(s, 7) == SQLITE_NULL ? std::nullopt
                                                     : std::optional<qint64>(sqlite3_column_int64(s, 7)),
            sqlite3_column_int(s, 8), QByteArrayView(capUsage, sqlite3_column_bytes(s, 9)));
        if (state) // the stage CHECK constraint rules out the alternative; Cold is the safe reading
            lead.state = *state;
        stored.state = withoutCaps(lead.state);
        stored.capUsage = QByteArray(capUsage, sqlite3_column_bytes(s, 9));
        lead.stageEnteredAt = sqlite3_column_int64(s, 10);
        stored.stageEnteredAt = lead.stageEnteredAt;
        lead.reached = sqlite3_column_int(s, 11);
        stored.reached = lead.reached;
        stored.owner = columnText(s, 12);
        stored.source = columnText(s, 13);
        lead.stored = true;
        *index = remember(std::move(lead));
        stored.lead = *index;
        m_batch->loaded.push_back(std::move(stored));
        return true;
    }

    qsizetype remember(Lead &&lead)
    {
        const qsizetype index = qsizetype(m_leads.size());
        if (!lead.externalId.isEmpty())
            m_byExternalId.insert(lead.externalId, index);
        if (!lead.email.isEmpty())
            m_byEmail.insert(asciiLower(lead.email), index);
        m_leads.push_back(std::move(lead));
        return index;
    }

    bool leadByEmail(const QString &email, qsizetype *index)
    {
        if (const auto it = m_byEmail.constFind(asciiLower(email)); it != m_byEmail.cend()) {
            *index = it.value();
            return true;
        }
        if (!beginReadTransaction())
            return false;
        bindText(m_findByEmail.get(), 1, email);
        return loadLead(m_findByEmail, index);
    }

    bool findLead(const EventRecord &record, Match *match)
    {
        if (record.userId.isEmpty())
            return leadByEmail(record.email, &match->index);
        if (const auto it = m_byExternalId.constFind(record.userId); it != m_byExternalId.cend()) {
            match->index = it.value();
            return true;
        }
        if (!beginReadTransaction())
            return false;
        bindText(m_findByExternalId.get(), 1, record.userId);
        if (!loadLead(m_findByExternalId, &match->index))
            return false;
        if (match->index >= 0 || record.email.isEmpty())
            return true;
        // A lead known only by its email (imported from CSV, or from events without a userId)
        // becomes this user's lead; one that already has another userId keeps its email.
        qsizetype byMail = -1;
        if (!leadByEmail(record.email, &byMail))
            return false;
        if (byMail >= 0) {
            if (m_leads[size_t(byMail)].externalId.isEmpty()) {
                match->index = byMail;
                match->claim = true;
            } else {
                match->emailTaken = true;
            }
        }
        return true;
    }

    // Room for `more` bytes at the end of the batch's text, growing it by doubling (it keeps its
    // capacity from batch to batch).
    void reserveText(qsizetype more)
    {
        QByteArray &text = m_batch->text;
        if (text.capacity() < text.size() + more)
            text.reserve(qMax(text.size() + more, 2 * text.capacity()));
    }

    // Appends `value` to the batch's text as UTF-8; its size there.
    quint32 appendText(QStringView value)
    {
        QByteArray &text = m_batch->text;
        const qsizetype at = text.size();
        const qsizetype room = m_toUtf8.requiredSpace(value.size());
        reserveText(room);
        text.resize(at + room);
        text.truncate(m_toUtf8.appendToBuffer(text.data() + at, value) - text.constData());
        return quint32(text.size() - at);
    }

    quint32 appendText(QByteArrayView value)
    {
        reserveText(value.size());
        m_batch->text.append(value);
        return quint32(value.size());
    }

    // Whether `eventId` is stored, or pending in this batch or the one in flight. Every pending id's
    // hash is seen.
    bool isStoredEvent(QByteArrayView eventId, size_t hash, bool *stored)
    {
        const bool seen = m_seenEventIds.contains(hash);
        auto pendingIn = [&](const Batch *batch) {
            return batch && batch->eventIds.find(hash, [&](qsizetype index) {
                return batch->field(batch->pending[size_t(index)], PendingEvent::EventId) == eventId;
            });
        };
        if (seen && (pendingIn(m_batch) || pendingIn(m_inFlight))) {
            *stored = true;
            return true;
        }
        if (!seen)
            m_seenEventIds.insert(hash);
        if (onlyOurEvents && !seen) {
            *stored = false;
            return true;
        }
        if (!beginReadTransaction())
            return false;
        const Reset reset(m_eventExists);
        bindUtf8(m_eventExists.get(), 1, eventId);
        const int rc = sqlite3_step(m_eventExists.get());
        if (rc != SQLITE_ROW && rc != SQLITE_DONE)
            return fail(rc);
        *stored = rc == SQLITE_ROW;
        return true;
    }

    // Name, company and email fill blanks of a lead; they never overwrite what is there.
    bool fillBlanks(qsizetype index, const EventRecord &record)
    {
        if (!record.email.isEmpty() && m_leads[size_t(index)].email.isEmpty()) {
            qsizetype owner = -1;
            if (!leadByEmail(record.email, &owner)) // may grow m_leads: index-based from here
                return false;
            if (owner < 0) {
                Lead &lead = m_leads[size_t(index)];
                lead.email = record.email;
                lead.contactChanged = true;
                m_byEmail.insert(asciiLower(record.email), index);
            }
        }
        Lead &lead = m_leads[size_t(index)];
        if (lead.name.isEmpty() && !record.name.isEmpty()) {
            lead.name = record.name;
            lead.contactChanged = true;
        }
        if (lead.company.isEmpty() && !record.company.isEmpty()) {
            lead.company = record.company;
            lead.contactChanged = true;
        }
        return true;
    }

    const RuleSet &m_rules;
    const bool m_readTransactions;
    bool m_reading = false;
    Statement m_findByExternalId;
    Statement m_findByEmail;
    Statement m_eventExists;

    std::vector<Lead> m_leads;
    QHash<QString, qsizetype> m_byExternalId;
    QHash<QString, qsizetype> m_byEmail; // asciiLower(email)
    SeenEventIds m_seenEventIds;
    bool m_forgotten = false; // the next batch tells the writer that the cache was dropped

    Batch *m_batch = nullptr;
    const Batch *m_inFlight = nullptr;
    std::vector<qsizetype> m_newLeads; // of the open batch, in the order they appeared
    std::vector<qsizetype> m_dirty;
    QStringEncoder m_toUtf8{QStringEncoder::Utf8};
    const QString m_decayRule = u"decay"_s;
};

// The writing side: writes decided batches on the Database's connection, one transaction each, one
// table after the other, rows in the order of the input. It knows each lead as its row stands.
class Writer : public StatementSet
{
public:
    Writer(sqlite3 *db, QString path, qint64 rulesVersion, const QStringList &triggerDefinitions,
           bool collectEffects)
        : StatementSet(db, std::move(path))
        , m_rulesVersion(rulesVersion)
        , m_collectEffects(collectEffects)
    {
        for (const QString &definition : triggerDefinitions)
            m_triggerDefinitions.append(definition.toUtf8());
    }

    bool prepareAll()
    {
        const QByteArray refreshHistorySql = Database::historyRefreshSql().toUtf8();
        return prepare(m_insertLead, "INSERT INTO leads (external_id, email, name, company, created_at, "
                                     "stage_entered_at, stage, score, last_activity_at, decay_steps, cap_usage, reached) "
                                     "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)")
            // OR IGNORE: never fail a batch on an eventId; deciding has already skipped stored ones.
            && prepare(m_insertEvent, "INSERT OR IGNORE INTO events (event_uid, lead_id, type, occurred_at, "
                                      "received_at, points, metadata, rules_version) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)")
            && prepare(m_insertHistory, "INSERT INTO stage_history (lead_id, from_stage, to_stage, at, cause, reason, "
                                        "actor, event_id, prev_at, owner, source) "
                                        "VALUES (?1, ?2, ?3, ?4, ?5, ?6, '', ?7, ?8, ?9, ?10)")
            && prepare(m_insertAdjustment, "INSERT INTO score_adjustments (lead_id, at, delta, reason, event_id) "
                                           "VALUES (?1, ?2, ?3, ?4, ?5)")
            && prepare(m_insertEnrollment, "INSERT INTO enrollments (lead_id, campaign, event_id, enrolled_at) "
                                           "VALUES (?1, ?2, ?3, ?4)")
            && prepare(m_newLeadWaits, "INSERT OR IGNORE INTO leads_search_pending (id) VALUES (?1)")
            && prepare(m_lastHistoryAt, "SELECT max(at) FROM stage_history WHERE lead_id = ?1")
            && prepare(m_refreshHistory, refreshHistorySql.constData())
            && prepare(m_upsertRollup, "INSERT INTO lead_rollup (stage, owner, source, bucket, furthest, leads, score_sum) "
                                       "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7) ON CONFLICT DO UPDATE SET "
                                       "leads = leads + excluded.leads, score_sum = score_sum + excluded.score_sum");
    }

    // Before the first batch is decided, on the thread that will decide it: where "another
    // connection committed since" starts, and whether the events table holds rows already.
    bool start(bool *onlyOurEvents)
    {
        qint64 version = 0;
        qint64 maxId = 0;
        if (!queryInteger("PRAGMA data_version", &version) || !queryInteger("SELECT max(id) FROM events", &maxId))
            return false;
        m_dataVersion = version;
        m_onlyOurEvents = maxId == 0;
        *onlyOurEvents = m_onlyOurEvents;
        return true;
    }

    bool onlyOurEvents() const { return m_onlyOurEvents; }

    // Takes the write lock for a batch, foreign key checks off (ForeignKeyChecksOff).
    bool begin()
    {
        m_foreignKeysOff.emplace(db);
        if (!exec("BEGIN IMMEDIATE")) {
            m_foreignKeysOff.reset();
            return false;
        }
        return dropDerivedDataTriggers();
    }

    // Under the write lock, before anything is written: whether the batches decided since the previous
    // one are still right. Not when another connection committed in between (a rep moved a lead, an
    // owner changed: the deciding side's cache may be stale), nor when events rows that are not this
    // run's appeared while they were decided as if there were none.
    bool isFresh(bool decidedWithOnlyOurEvents, bool *fresh)
    {
        qint64 version = 0;
        if (!queryInteger("PRAGMA data_version", &version))
            return false;
        *fresh = m_dataVersion == version;
        m_dataVersion = version;
        if (m_onlyOurEvents) {
            qint64 maxId = 0;
            if (!queryInteger("SELECT max(id) FROM events", &maxId))
                return false;
            m_onlyOurEvents = maxId == m_lastEventRowId;
        }
        if (decidedWithOnlyOurEvents && !m_onlyOurEvents)
            *fresh = false;
        return true;
    }

    bool write(Batch &batch)
    {
        if (batch.forgetLeads)
            m_leads.clear();
        for (const StoredLead &stored : batch.loaded) {
            Lead &lead = leadAt(stored.lead);
            lead = Lead{};
            lead.id = stored.id;
            lead.stored = stored.state;
            lead.storedCapUsage = stored.capUsage;
            lead.storedStageEnteredAt = stored.stageEnteredAt;
            lead.storedReached = stored.reached;
            lead.owner = stored.owner;
            lead.source = stored.source;
        }
        if (!(writeNewLeads(batch) && writeEvents(batch) && writeHistory(batch) && writeAdjustments(batch)
              && writeEnrollments(batch) && writeChangedLeads(batch) && writeRollup() && restoreDerivedDataTriggers()))
            return false;
        collectCommittedEffects(batch);
        return true;
    }

    bool commit()
    {
        const bool committed = exec("COMMIT");
        if (!committed) // e.g. SQLITE_BUSY: the transaction is still open
            sqlite3_exec(db, "ROLLBACK", nullptr, nullptr, nullptr);
        m_foreignKeysOff.reset();
        return committed;
    }

    void rollback()
    {
        if (!sqlite3_get_autocommit(db))
            sqlite3_exec(db, "ROLLBACK", nullptr, nullptr, nullptr); // restores the dropped triggers too
        m_foreignKeysOff.reset();
    }

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

    Lead &leadAt(qsizetype index)
    {
        if (size_t(index) >= m_leads.size())
            m_leads.resize(size_t(index) + 1);
        return m_leads[size_t(index)];
    }

    const Statement *updateStatement(int columns)
    {
        Statement &statement = m_updateLead[columns];
        if (statement)
            return &statement;
        QByteArray sql = "UPDATE leads SET decay_steps = ?4, cap_usage = ?5";
        if (columns & ScoreColumn)
            sql += ", score = ?2";
        if (columns & ActivityColumn)
            sql += ", last_activity_at = ?3";
        if (columns & StageColumns)
            sql += ", stage = ?6, stage_entered_at = ?7";
        if (columns & ContactColumns)
            sql += ", external_id = ?8, email = ?9, name = ?10, company = ?11";
        if (columns & ReachedColumn)
            sql += ", reached = ?12";
        sql += " WHERE id = ?1";
        return prepare(statement, sql.constData()) ? &statement : nullptr;
    }

    // The triggers of Database::derivedDataTriggers() go for the transaction: row by row they would
    // redo what write() keeps in bulk, and with a trigger on its table every lead and history write
    // keeps a statement journal. write() re-creates them from their own text before the commit; a
    // rollback restores them too.
    bool dropDerivedDataTriggers()
    {
        for (const QString &name : Database::derivedDataTriggers()) {
            const QByteArray drop = "DROP TRIGGER IF EXISTS \"" + name.toUtf8() + '"';
            if (!exec(drop.constData()))
                return false;
        }
        return true;
    }

    bool restoreDerivedDataTriggers()
    {
        for (const QByteArray &sql : std::as_const(m_triggerDefinitions)) {
            if (!exec(sql.constData()))
                return false;
        }
        return true;
    }

    void addToRollup(const RollupKey &key, int sign, int score)
    {
        RollupDelta &delta = m_rollup[key];
        delta.leads += sign;
        delta.scoreSum += qint64(sign) * score;
    }

    // What lead_rollup_inserted and lead_rollup_updated would have added up, one row per key.
    bool writeRollup()
    {
        sqlite3_stmt *s = m_upsertRollup.get();
        for (auto it = m_rollup.cbegin(); it != m_rollup.cend(); ++it) {
            if (it->leads == 0 && it->scoreSum == 0)
                continue;
            const Reset reset(m_upsertRollup);
            bindUtf8(s, 1, utf8(stageName(it.key().stage)));
            bindText(s, 2, it.key().owner);
            bindText(s, 3, it.key().source);
            sqlite3_bind_int(s, 4, it.key().bucket);
            sqlite3_bind_int(s, 5, it.key().furthest);
            sqlite3_bind_int64(s, 6, it->leads);
            sqlite3_bind_int64(s, 7, it->scoreSum);
            if (!step(m_upsertRollup))
                return false;
        }
        m_rollup.clear();
        return true;
    }

    bool writeNewLeads(const Batch &batch)
    {
        sqlite3_stmt *s = m_insertLead.get();
        for (const LeadSnapshot &created : batch.created) {
            const QByteArray capUsage = LeadStateCodec::capUsageColumn(created.state);
            const Reset reset(m_insertLead);
            bindTextOrNull(s, 1, created.externalId);
            bindTextOrNull(s, 2, created.email);
            bindText(s, 3, created.name);
            bindText(s, 4, created.company);
            sqlite3_bind_int64(s, 5, created.createdAt);
            sqlite3_bind_int64(s, 6, created.stageEnteredAt);
            bindUtf8(s, 7, utf8(stageName(created.state.stage)));
            sqlite3_bind_int(s, 8, created.state.score);
            if (const auto lastActivity = LeadStateCodec::lastActivityColumn(created.state))
                sqlite3_bind_int64(s, 9, *lastActivity);
            else
                sqlite3_bind_null(s, 9);
            sqlite3_bind_int(s, 10, created.state.decayStepsApplied);
            if (capUsage.isEmpty())
                sqlite3_bind_null(s, 11);
            else
                bindUtf8(s, 11, capUsage);
            sqlite3_bind_int(s, 12, created.reached);
            if (!step(m_insertLead))
                return false;
            Lead &lead = leadAt(created.lead);
            lead = Lead{};
            lead.id = sqlite3_last_insert_rowid(db);
            lead.stored = withoutCaps(created.state);
            lead.storedCapUsage = capUsage;
            lead.storedStageEnteredAt = created.stageEnteredAt;
            lead.storedReached = created.reached;
            lead.historyKnown = true; // none before its "created" row
            addToRollup(RollupKey(created.state.stage, lead.owner, lead.source, created.state.score, created.reached), 1,
                        created.state.score);
        }
        return indexNewLeadsForSearch(batch);
    }

    // What leads_search_inserted would have done: new leads wait outside the search index until the
    // input ends (IngestPipeline::defaultSearchIndexChunk).
    bool indexNewLeadsForSearch(const Batch &batch)
    {
        for (const LeadSnapshot &created : batch.created) {
            const Reset reset(m_newLeadWaits);
            sqlite3_bind_int64(m_newLeadWaits.get(), 1, m_leads[size_t(created.lead)].id);
            if (!step(m_newLeadWaits))
                return false;
        }
        return true;
    }

    bool writeEvents(Batch &batch)
    {
        sqlite3_stmt *s = m_insertEvent.get();
        batch.withRowIds.resize(batch.withRows.size());
        size_t nextWithRows = 0;
        for (size_t index = 0; index < batch.pending.size(); ++index) {
            const PendingEvent &event = batch.pending[index];
            const QByteArrayView eventId = batch.field(event, PendingEvent::EventId);
            const Reset reset(m_insertEvent);
            if (!eventId.isEmpty())
                bindUtf8(s, 1, eventId);
            else
                sqlite3_bind_null(s, 1);
            sqlite3_bind_int64(s, 2, m_leads[size_t(event.lead)].id);
            bindUtf8(s, 3, event.type);
            sqlite3_bind_int64(s, 4, event.atMs);
            sqlite3_bind_int64(s, 5, event.receivedMs);
            sqlite3_bind_int(s, 6, event.points);
            if (const QByteArrayView metadata = batch.field(event, PendingEvent::Metadata); !metadata.isEmpty())
                bindUtf8(s, 7, metadata);
            else
                sqlite3_bind_null(s, 7);
            if (m_rulesVersion > 0)
                sqlite3_bind_int64(s, 8, m_rulesVersion);
            else
                sqlite3_bind_null(s, 8);
            if (!step(m_insertEvent))
                return false;
            if (sqlite3_changes(db) != 1) { // deciding skipped stored eventIds; isFresh() saw no other writer
                error = {DatabaseError::Kind::Other,
                         DatabaseError::describe(DatabaseError::Kind::Other, path,
                                                 Messages::tr("event %1 was stored by someone else meanwhile")
                                                     .arg(QString::fromUtf8(eventId))),
                         {}};
                return false;
            }
            m_lastEventRowId = sqlite3_last_insert_rowid(db);
            if (nextWithRows < batch.withRows.size() && batch.withRows[nextWithRows] == index)
                batch.withRowIds[nextWithRows++] = m_lastEventRowId;
        }
        return true;
    }

    // A history row written complete, as stage_history_inserted would leave it: prev_at is the time
    // of the lead's previous row by (at, id), owner and source are the lead's. A row older than the
    // lead's newest (events out of time order) changes the prev_at of the rows after it: for that
    // rare row the trigger's own statement runs.
    bool writeHistoryRow(Lead &lead, const QString *from, const QString &to, qint64 atMs, const QString &cause,
                         const QString &reason, qint64 eventRowId)
    {
        if (!lead.historyKnown) {
            const Reset reset(m_lastHistoryAt);
            sqlite3_bind_int64(m_lastHistoryAt.get(), 1, lead.id);
            const int rc = sqlite3_step(m_lastHistoryAt.get());
            if (rc != SQLITE_ROW)
                return fail(rc);
            lead.hasHistory = sqlite3_column_type(m_lastHistoryAt.get(), 0) != SQLITE_NULL;
            lead.lastHistoryAt = sqlite3_column_int64(m_lastHistoryAt.get(), 0);
            lead.historyKnown = true;
        }
        const bool inOrder = !lead.hasHistory || lead.lastHistoryAt <= atMs; // the new row's id is the largest
        {
            sqlite3_stmt *s = m_insertHistory.get();
            const Reset reset(m_insertHistory);
            sqlite3_bind_int64(s, 1, lead.id);
            if (from)
                bindUtf8(s, 2, utf8(*from));
            else
                sqlite3_bind_null(s, 2);
            bindUtf8(s, 3, utf8(to));
            sqlite3_bind_int64(s, 4, atMs);
            bindUtf8(s, 5, utf8(cause));
            bindText(s, 6, reason);
            sqlite3_bind_int64(s, 7, eventRowId);
            if (inOrder && lead.hasHistory)
                sqlite3_bind_int64(s, 8, lead.lastHistoryAt);
            else
                sqlite3_bind_null(s, 8);
            bindText(s, 9, lead.owner);
            bindText(s, 10, lead.source);
            if (!step(m_insertHistory))
                return false;
        }
        if (!inOrder) {
            const Reset reset(m_refreshHistory);
            sqlite3_bind_int64(m_refreshHistory.get(), 1, lead.id);
            sqlite3_bind_int64(m_refreshHistory.get(), 2, atMs);
            if (!step(m_refreshHistory))
                return false;
        }
        lead.lastHistoryAt = lead.hasHistory ? qMax(lead.lastHistoryAt, atMs) : atMs;
        lead.hasHistory = true;
        return true;
    }

    // A new lead's first row says it was created (from NULL to Cold), so "reached Cold" is history too.
    bool writeHistory(const Batch &batch)
    {
        for (size_t row = 0; row < batch.withRows.size(); ++row) {
            const PendingEvent &event = batch.pending[batch.withRows[row]];
            const qint64 rowId = batch.withRowIds[row];
            Lead &lead = m_leads[size_t(event.lead)];
            if (event.createdLead
                && !writeHistoryRow(lead, nullptr, m_coldStage, event.atMs, m_createdCause, QString(), rowId))
                return false;
            for (const Effect &effect : batch.effectsOf(event)) {
                const auto *move = std::get_if<StageChanged>(&effect);
                if (!move)
                    continue;
                const QString from = stageName(move->from);
                if (!writeHistoryRow(lead, &from, stageName(move->to), event.atMs, moveCauseName(move->cause),
                                     move->reason, rowId))
                    return false;
            }
        }
        return true;
    }

    bool writeAdjustments(const Batch &batch)
    {
        sqlite3_stmt *s = m_insertAdjustment.get();
        for (size_t row = 0; row < batch.withRows.size(); ++row) {
            const PendingEvent &event = batch.pending[batch.withRows[row]];
            for (const Effect &effect : batch.effectsOf(event)) {
                const auto *score = std::get_if<ScoreChanged>(&effect); // only decay is kept in `effects`
                if (!score)
                    continue;
                const Reset reset(m_insertAdjustment);
                sqlite3_bind_int64(s, 1, m_leads[size_t(event.lead)].id);
                sqlite3_bind_int64(s, 2, event.atMs);
                sqlite3_bind_int(s, 3, score->delta);
                bindUtf8(s, 4, utf8(score->rule));
                sqlite3_bind_int64(s, 5, batch.withRowIds[row]);
                if (!step(m_insertAdjustment))
                    return false;
            }
        }
        return true;
    }

    bool writeEnrollments(const Batch &batch)
    {
        sqlite3_stmt *s = m_insertEnrollment.get();
        for (size_t row = 0; row < batch.withRows.size(); ++row) {
            const PendingEvent &event = batch.pending[batch.withRows[row]];
            for (const Effect &effect : batch.effectsOf(event)) {
                const auto *enroll = std::get_if<Enroll>(&effect);
                if (!enroll)
                    continue;
                const Reset reset(m_insertEnrollment);
                sqlite3_bind_int64(s, 1, m_leads[size_t(event.lead)].id);
                bindUtf8(s, 2, utf8(enroll->campaign));
                sqlite3_bind_int64(s, 3, batch.withRowIds[row]);
                sqlite3_bind_int64(s, 4, event.atMs);
                if (!step(m_insertEnrollment))
                    return false;
            }
        }
        return true;
    }

    // Every stored lead the batch changed, once, in id order (neighbouring rows share pages).
    bool writeChangedLeads(Batch &batch)
    {
        std::sort(batch.changed.begin(), batch.changed.end(), [this](const LeadSnapshot &a, const LeadSnapshot &b) {
            return m_leads[size_t(a.lead)].id < m_leads[size_t(b.lead)].id;
        });
        for (const LeadSnapshot &changed : batch.changed) {
            Lead &lead = m_leads[size_t(changed.lead)];
            const LeadState &state = changed.state;
            int columns = 0;
            if (state.score != lead.stored.score)
                columns |= ScoreColumn;
            if (state.lastActivityMs != lead.stored.lastActivityMs)
                columns |= ActivityColumn;
            if (state.stage != lead.stored.stage || changed.stageEnteredAt != lead.storedStageEnteredAt)
                columns |= StageColumns | ScoreColumn | ActivityColumn; // every stage index moves anyway
            if (changed.contactChanged)
                columns |= ContactColumns;
            if (changed.reached != lead.storedReached)
                columns |= ReachedColumn;
            QByteArray capUsage = LeadStateCodec::capUsageColumn(state);
            const bool capsChanged = capUsage != lead.storedCapUsage;
            if (columns == 0 && !capsChanged && state.decayStepsApplied == lead.stored.decayStepsApplied)
                continue; // e.g. an older event of an unknown type: nothing to write

            const Statement *statement = updateStatement(columns);
            if (!statement)
                return false;
            if (capsChanged)
                lead.storedCapUsage = std::move(capUsage);
            sqlite3_stmt *s = statement->get();
            const Reset reset(*statement);
            sqlite3_bind_int64(s, 1, lead.id);
            // Parameters a variant does not use are bound all the same; SQLite ignores them.
            sqlite3_bind_int(s, 2, state.score);
            if (const auto lastActivity = LeadStateCodec::lastActivityColumn(state))
                sqlite3_bind_int64(s, 3, *lastActivity);
            else
                sqlite3_bind_null(s, 3);
            sqlite3_bind_int(s, 4, state.decayStepsApplied);
            if (lead.storedCapUsage.isEmpty())
                sqlite3_bind_null(s, 5);
            else
                bindUtf8(s, 5, lead.storedCapUsage);
            if (columns & StageColumns) {
                bindUtf8(s, 6, utf8(stageName(state.stage)));
                sqlite3_bind_int64(s, 7, changed.stageEnteredAt);
            }
            if (columns & ContactColumns) {
                bindTextOrNull(s, 8, changed.externalId);
                bindTextOrNull(s, 9, changed.email);
                bindText(s, 10, changed.name);
                bindText(s, 11, changed.company);
            }
            sqlite3_bind_int(s, 12, changed.reached);
            if (!step(*statement))
                return false;
            if (columns & (ScoreColumn | StageColumns | ReachedColumn)) {
                addToRollup(RollupKey(lead.stored.stage, lead.owner, lead.source, lead.stored.score, lead.storedReached),
                            -1, lead.stored.score);
                addToRollup(RollupKey(state.stage, lead.owner, lead.source, state.score, changed.reached), 1,
                            state.score);
            }
            lead.storedReached = changed.reached;
            lead.stored = withoutCaps(state);
            lead.storedStageEnteredAt = changed.stageEnteredAt;
        }
        return true;
    }

    // What the shell acts on after the commit.
    void collectCommittedEffects(Batch &batch) const
    {
        if (!m_collectEffects)
            return;
        for (size_t row = 0; row < batch.withRows.size(); ++row) {
            const PendingEvent &event = batch.pending[batch.withRows[row]];
            for (const Effect &effect : batch.effectsOf(event)) {
                if (!std::holds_alternative<ScoreChanged>(effect))
                    batch.committedEffects.append(
                        IngestPipeline::CommittedEffect{m_leads[size_t(event.lead)].id, batch.withRowIds[row], effect});
            }
        }
    }

    const qint64 m_rulesVersion; // events.rules_version; 0 writes NULL
    const bool m_collectEffects;
    QList<QByteArray> m_triggerDefinitions; // their CREATE TRIGGER text
    std::optional<ForeignKeyChecksOff> m_foreignKeysOff;
    qint64 m_dataVersion = 0;
    bool m_onlyOurEvents = true;
    qint64 m_lastEventRowId = 0;

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

    std::vector<Lead> m_leads; // by the deciding side's cache index
    QHash<RollupKey, RollupDelta> m_rollup; // the open batch's changes to lead_rollup

    const QString m_createdCause = u"created"_s;
    const QString m_coldStage = stageName(Stage::Cold);
};

// Runs the Writer one batch at a time, on a thread of its own (`threaded`) or on the calling thread.
// Between batches, the thread waits; whoever submitted may then use the Database's connection.
class BatchWriter
{
public:
    enum class Outcome {
        Committed,
        Stale,  // decided with a stale cache: the write lock is kept for the batch decided again
        Failed, // the Writer's error says why; the transaction rolled back
    };
    struct Result {
        Outcome outcome = Outcome::Committed;
        qint64 nanoseconds = 0; // from BEGIN to COMMIT
    };

    BatchWriter(Writer &writer, BackgroundCheckpoints &checkpoints, bool threaded)
        : m_writer(writer)
        , m_checkpoints(checkpoints)
    {
        if (threaded) {
            m_thread.reset(QThread::create([this] { run(); }));
            m_thread->start();
        }
    }
    ~BatchWriter()
    {
        if (m_thread) {
            {
                const QMutexLocker lock(&m_mutex);
                m_stop = true;
                m_changed.wakeAll();
            }
            m_thread->wait();
        }
        if (m_inTransaction)
            m_writer.rollback();
    }
    BatchWriter(const BatchWriter &) = delete;
    BatchWriter &operator=(const BatchWriter &) = delete;

    // Writes `batch`; the previous one's result must have been taken with wait().
    void submit(Batch *batch, bool decidedWithOnlyOurEvents)
    {
        if (!m_thread) {
            m_result = process(batch, decidedWithOnlyOurEvents);
            return;
        }
        const QMutexLocker lock(&m_mutex);
        Q_ASSERT(!m_job && !m_result);
        m_job = batch;
        m_decidedWithOnlyOurEvents = decidedWithOnlyOurEvents;
        m_idle.store(false, std::memory_order_relaxed);
        m_changed.wakeAll();
    }

    // The submitted batch's result, once it is there.
    Result wait()
    {
        QMutexLocker lock(&m_mutex);
        while (!m_result)
            m_changed.wait(&m_mutex);
        return *std::exchange(m_result, std::nullopt);
    }

    // Whether the writer has finished what it was given (a hint: the answer may change right after).
    bool idle() const { return m_idle.load(std::memory_order_relaxed); }

private:
    void run()
    {
        QMutexLocker lock(&m_mutex);
        for (;;) {
            while (!m_job && !m_stop)
                m_changed.wait(&m_mutex);
            if (m_stop)
                return;
            Batch *batch = std::exchange(m_job, nullptr);
            const bool decidedWithOnlyOurEvents = m_decidedWithOnlyOurEvents;
            lock.unlock();
            const Result result = process(batch, decidedWithOnlyOurEvents);
            lock.relock();
            m_result = result;
            m_idle.store(true, std::memory_order_relaxed);
            m_changed.wakeAll();
        }
    }

    Result process(Batch *batch, bool decidedWithOnlyOurEvents)
    {
        if (!m_inTransaction)
            pauseForOtherWriters();
        QElapsedTimer clock;
        clock.start();
        if (!m_inTransaction) {
            if (!m_writer.begin()) {
                m_writer.rollback();
                return {Outcome::Failed, 0};
            }
            m_inTransaction = true;
            bool fresh = true;
            if (!m_writer.isFresh(decidedWithOnlyOurEvents, &fresh)) {
                m_writer.rollback();
                m_inTransaction = false;
                return {Outcome::Failed, 0};
            }
            if (!fresh) // nobody can commit before the batch decided again comes back: no second redo
                return {Outcome::Stale, 0};
        }
        const bool written = m_writer.write(*batch);
        if (!written)
            m_writer.rollback();
        m_inTransaction = false;
        if (!written || !m_writer.commit())
            return {Outcome::Failed, 0};
        m_checkpoints.committed();
        m_lockedNs = clock.nsecsElapsed();
        m_sinceCommit.start();
        return {Outcome::Committed, m_lockedNs};
    }

    // Between two batches the write lock stays free for a moment, a tenth of the time the previous
    // batch held it and at most 3 ms: enough for a Funnelboard writer that waits for it (BusyWait
    // retries every millisecond) to get it; the batch then waits for that writer instead.
    void pauseForOtherWriters()
    {
        if (!m_sinceCommit.isValid())
            return;
        const qint64 pauseNs = qMin<qint64>(3'000'000, m_lockedNs / 10) - m_sinceCommit.nsecsElapsed();
        if (pauseNs > 0)
            std::this_thread::sleep_for(std::chrono::nanoseconds(pauseNs));
    }

    Writer &m_writer;
    BackgroundCheckpoints &m_checkpoints;
    std::unique_ptr<QThread> m_thread;
    QMutex m_mutex;
    QWaitCondition m_changed;
    Batch *m_job = nullptr;
    bool m_decidedWithOnlyOurEvents = true;
    std::optional<Result> m_result;
    bool m_stop = false;
    std::atomic<bool> m_idle{true};
    bool m_inTransaction = false; // the writer's side only (and the destructor, after it)
    qint64 m_lockedNs = 0;        // how long the latest batch held the write lock
    QElapsedTimer m_sinceCommit;
};

// Batch objects keep their buffers' capacity from batch to batch.
class BatchPool
{
public:
    Batch *take()
    {
        if (m_spare.empty())
            m_all.push_back(std::make_unique<Batch>()), m_spare.push_back(m_all.back().get());
        Batch *batch = m_spare.back();
        m_spare.pop_back();
        batch->clear();
        return batch;
    }
    void give(Batch *batch)
    {
        if (batch)
            m_spare.push_back(batch);
    }

private:
    std::vector<std::unique_ptr<Batch>> m_all;
    std::vector<Batch *> m_spare;
};

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
    bool onlyOurEvents = true;
    if (!writer.prepareAll() || !writer.start(&onlyOurEvents))
        return stop(writer.error.message, writer.error);
    // Deciding reads through a connection of its own where there is a file to open one on; an
    // in-memory database is decided and written in turn on its one connection.
    const Connection lookups(openSecondConnection(handle, m_database.busyTimeoutMs()));
    if (lookups)
        sqlite3_exec(lookups.get(), "PRAGMA query_only = 1", nullptr, nullptr, nullptr);
    Decider decider(lookups ? lookups.get() : handle, m_database.path(), m_rules, bool(lookups));
    decider.onlyOurEvents = onlyOurEvents;
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
                decider.forgetLeads();
                decider.onlyOurEvents = writer.onlyOurEvents();
                inFlight = decideAgain(inFlight, nullptr);
                if (!inFlight) {
                    stop(decider.error.message, decider.error); // the open transaction rolls back
                    return false;
                }
                batchWriter.submit(inFlight, decider.onlyOurEvents);
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
        batchWriter.submit(open, decider.onlyOurEvents);
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

        // A writer with nothing to do gets what there is, so that it starts early; not in lots so
        // small that commits would cost more than they overlap.
        constexpr qint64 minLinesForAnIdleWriter = 4096;
        const bool batchFull = open->linesRead >= m_batchSize
            || double(open->pending.size()) * writeNsPerEvent >= 1e6 * m_maxBatchMillis
            || open->text.size() >= Batch::maxTextBytes
            || (lookups && open->linesRead >= minLinesForAnIdleWriter && batchWriter.idle());
        if (batchFull && !handOff())
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
