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
#include <optional>
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
// A batch is handled in two halves inside its transaction: reading decides everything in memory
// (lookups are the only queries), then writing goes table by table in input order. That keeps each
// table's pages and statement hot, and writes a new lead once, with its state at the end of the batch.

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

        const char *file = sqlite3_db_filename(db, "main");
        if (file && *file
            && sqlite3_open_v2(file, &m_helper, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, nullptr) == SQLITE_OK) {
            sqlite3_busy_timeout(m_helper, busyTimeoutMs);
            sqlite3_wal_autocheckpoint(db, 0);
            m_thread.reset(QThread::create([this] { run(); }));
            m_thread->start();
        } else {
            sqlite3_close(m_helper); // a failed open still allocates a handle
            m_helper = nullptr;
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
            sqlite3_close(m_helper);
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
        sqlite3_exec(m_helper, "SELECT count(*) FROM sqlite_master", nullptr, nullptr, nullptr);
        QMutexLocker lock(&m_mutex);
        for (;;) {
            while (!m_due && !m_stop)
                m_wake.wait(&m_mutex);
            if (m_stop)
                return;
            m_due = false; // commits during this checkpoint ask for the next one
            lock.unlock();
            sqlite3_wal_checkpoint_v2(m_helper, nullptr, SQLITE_CHECKPOINT_PASSIVE, nullptr, nullptr);
            lock.relock();
        }
    }

    sqlite3 *m_db = nullptr;
    sqlite3 *m_helper = nullptr;
    int m_previous = 1000;
    std::unique_ptr<QThread> m_thread;
    QMutex m_mutex;
    QWaitCondition m_wake;
    bool m_due = false;
    bool m_stop = false;
};

// Ingest writes only lead and event ids that it read or created under the open batch's write lock (a
// commit by any other connection drops its lead cache, see beginBatch()), so SQLite's foreign key
// checks, a parent lookup for every event, history and enrollment row, could only ever pass: a sixth
// of the batch's time. They are off from just before a batch's transaction to just after it ends. The
// pragma works only outside a transaction: inside a caller's, the checks stay on.
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

} // namespace

struct IngestPipeline::Run {
    struct Lead {
        qint64 id = 0; // 0 until the INSERT at the end of the batch that created it
        LeadState state;
        LeadState stored; // as in its row, but for capUsage (see storedCapUsage): sharing the cap table
                          // with `state` would make the next event copy it
        QByteArray storedCapUsage;
        qint64 createdAt = 0;
        qint64 stageEnteredAt = 0;
        qint64 storedStageEnteredAt = 0;
        QString externalId;
        QString email;
        QString name;
        QString company;
        QString owner;  // ingest never changes owner and source; they key lead_rollup and
        QString source; // fill the history rows' copies
        int reached = 0;       // leads.reached, kept by this run (Database::derivedDataTriggers())
        int storedReached = 0; // as in its row
        qint64 lastHistoryAt = 0;   // the newest stage_history.at of the lead, when hasHistory
        bool historyKnown = false;  // hasHistory and lastHistoryAt are read (or the lead is new)
        bool hasHistory = false;
        bool dirty = false;          // a stored lead this batch changed (listed in `dirty`)
        bool contactChanged = false; // external_id, email, name or company
    };

    // An event of the open batch: decided in memory while the batch is read, written when it ends.
    // Its eventId and metadata are UTF-8 in the batch's `text`, as SQLite stores them: no allocation
    // per event, and no conversion inside SQLite for every bound eventId.
    struct TextSpan {
        qsizetype at = 0;
        qsizetype size = 0; // 0: absent
    };
    struct PendingEvent {
        TextSpan eventId;
        QByteArray type; // UTF-8, shared with utf8Cache
        TextSpan metadata;
        qsizetype lead = -1;
        qint64 atMs = 0;
        qint64 receivedMs = 0;
        int points = 0;
        bool createdLead = false;
        QList<Effect> effects; // all but the event's own ScoreChanged (its points are in the row)
        qint64 rowId = 0;      // events.id, once written
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

    struct Match {
        qsizetype index = -1;
        bool claim = false;      // a lead known by email only becomes this userId's lead
        bool emailTaken = false; // the event's email belongs to another user's lead
    };

    // Counters of the open batch; they reach the report when it commits.
    struct Counts {
        qint64 eventsStored = 0;
        qint64 duplicatesSkipped = 0;
        qint64 leadsCreated = 0;
        qint64 stageChanges = 0;
    };

    Run(sqlite3 *handle, const RuleSet &rules, QString path, bool collectEffects)
        : db(handle)
        , rules(rules)
        , path(std::move(path))
        , collectEffects(collectEffects)
    {
    }

    sqlite3 *db = nullptr;
    const RuleSet &rules;
    qint64 rulesVersion = 0; // events.rules_version; 0 writes NULL
    QString path;
    bool collectEffects = false;
    DatabaseError error;

    Statement findByExternalId;
    Statement findByEmail;
    Statement eventExists;
    Statement insertLead;
    Statement insertEvent;
    Statement insertHistory;
    Statement insertAdjustment;
    Statement insertEnrollment;
    Statement updateLead[UpdateVariants]; // by UpdateColumns mask, prepared on first use
    Statement lastHistoryAt;
    Statement refreshHistory;
    Statement upsertRollup;
    Statement newLeadWaits; // into the search index's waiting list

    // The lead cache: every lead this run touched, with its committed state between batches.
    std::vector<Lead> leads;
    QHash<QString, qsizetype> byExternalId;
    QHash<QString, qsizetype> byEmail; // asciiLower(email)

    // The open batch.
    std::vector<PendingEvent> pending;
    QByteArray text; // the pending events' eventIds and metadata (TextSpan)
    QStringEncoder toUtf8{QStringEncoder::Utf8};
    std::vector<size_t> withRows; // the pending events that write history, adjustments or enrollments
    std::vector<qsizetype> newLeads; // in the order they appeared
    std::vector<qsizetype> dirty;
    BatchEventIds batchEventIds; // indexes into `pending`
    SeenEventIds seenEventIds;
    bool onlyOurEvents = true; // the events table holds no row this run did not write
    qint64 lastEventRowId = 0;
    std::optional<qint64> dataVersion; // PRAGMA data_version at the start of the previous batch
    QHash<RollupKey, RollupDelta> rollup; // the open batch's changes to lead_rollup
    QList<QByteArray> droppedTriggers;    // their CREATE TRIGGER text, while dropped
    Counts counts;
    QList<CommittedEffect> effects;

    const QString decayRule = u"decay"_s;
    const QString createdCause = u"created"_s;
    const QString coldStage = stageName(Stage::Cold);
    QHash<QString, QByteArray> utf8Cache; // event types, stage names and causes repeat endlessly

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

    bool prepareAll()
    {
        const QByteArray byExternalIdSql = QByteArray("SELECT ") + leadColumns + " FROM leads WHERE external_id = ?1";
        // The WHERE repeats the partial index's condition so that SQLite may use the index.
        const QByteArray byEmailSql = QByteArray("SELECT ") + leadColumns
            + " FROM leads WHERE lower(email) = lower(?1) AND email IS NOT NULL AND email <> ''";
        const QByteArray refreshHistorySql = Database::historyRefreshSql().toUtf8();
        return prepare(findByExternalId, byExternalIdSql.constData()) && prepare(findByEmail, byEmailSql.constData())
            && prepare(eventExists, "SELECT 1 FROM events WHERE event_uid = ?1")
            && prepare(insertLead, "INSERT INTO leads (external_id, email, name, company, created_at, stage_entered_at, "
                                   "stage, score, last_activity_at, decay_steps, cap_usage, reached) "
                                   "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)")
            // OR IGNORE: never fail a batch on an eventId; add() has already skipped stored ones.
            && prepare(insertEvent, "INSERT OR IGNORE INTO events (event_uid, lead_id, type, occurred_at, "
                                    "received_at, points, metadata, rules_version) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)")
            && prepare(insertHistory, "INSERT INTO stage_history (lead_id, from_stage, to_stage, at, cause, reason, "
                                      "actor, event_id, prev_at, owner, source) "
                                      "VALUES (?1, ?2, ?3, ?4, ?5, ?6, '', ?7, ?8, ?9, ?10)")
            && prepare(insertAdjustment, "INSERT INTO score_adjustments (lead_id, at, delta, reason, event_id) "
                                         "VALUES (?1, ?2, ?3, ?4, ?5)")
            && prepare(insertEnrollment, "INSERT INTO enrollments (lead_id, campaign, event_id, enrolled_at) "
                                         "VALUES (?1, ?2, ?3, ?4)")
            && prepare(newLeadWaits, "INSERT OR IGNORE INTO leads_search_pending (id) VALUES (?1)")
            && prepare(lastHistoryAt, "SELECT max(at) FROM stage_history WHERE lead_id = ?1")
            && prepare(refreshHistory, refreshHistorySql.constData())
            && prepare(upsertRollup, "INSERT INTO lead_rollup (stage, owner, source, bucket, furthest, leads, score_sum) "
                                     "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7) ON CONFLICT DO UPDATE SET "
                                     "leads = leads + excluded.leads, score_sum = score_sum + excluded.score_sum");
    }

    const Statement *updateStatement(int columns)
    {
        Statement &statement = updateLead[columns];
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

    const QByteArray &utf8(const QString &text)
    {
        auto it = utf8Cache.find(text);
        if (it == utf8Cache.end())
            it = utf8Cache.insert(text, text.toUtf8());
        return it.value();
    }

    bool step(const Statement &statement)
    {
        const int rc = sqlite3_step(statement.get());
        return rc == SQLITE_DONE || fail(rc);
    }

    // ---- Reading a batch: lookups only, every decision in memory --------------------------------

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
        lead.id = sqlite3_column_int64(s, 0);
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
        lead.stored = withoutCaps(lead.state);
        lead.storedCapUsage = QByteArray(capUsage, sqlite3_column_bytes(s, 9));
        lead.stageEnteredAt = sqlite3_column_int64(s, 10);
        lead.storedStageEnteredAt = lead.stageEnteredAt;
        lead.reached = sqlite3_column_int(s, 11);
        lead.storedReached = lead.reached;
        lead.owner = columnText(s, 12);
        lead.source = columnText(s, 13);
        *index = remember(std::move(lead));
        return true;
    }

    qsizetype remember(Lead &&lead)
    {
        const qsizetype index = qsizetype(leads.size());
        if (!lead.externalId.isEmpty())
            byExternalId.insert(lead.externalId, index);
        if (!lead.email.isEmpty())
            byEmail.insert(asciiLower(lead.email), index);
        leads.push_back(std::move(lead));
        return index;
    }

    bool leadByEmail(const QString &email, qsizetype *index)
    {
        if (const auto it = byEmail.constFind(asciiLower(email)); it != byEmail.cend()) {
            *index = it.value();
            return true;
        }
        bindText(findByEmail.get(), 1, email);
        return loadLead(findByEmail, index);
    }

    bool findLead(const EventRecord &record, Match *match)
    {
        if (record.userId.isEmpty())
            return leadByEmail(record.email, &match->index);
        if (const auto it = byExternalId.constFind(record.userId); it != byExternalId.cend()) {
            match->index = it.value();
            return true;
        }
        bindText(findByExternalId.get(), 1, record.userId);
        if (!loadLead(findByExternalId, &match->index))
            return false;
        if (match->index >= 0 || record.email.isEmpty())
            return true;
        // A lead known only by its email (imported from CSV, or from events without a userId)
        // becomes this user's lead; one that already has another userId keeps its email.
        qsizetype byMail = -1;
        if (!leadByEmail(record.email, &byMail))
            return false;
        if (byMail >= 0) {
            if (leads[size_t(byMail)].externalId.isEmpty()) {
                match->index = byMail;
                match->claim = true;
            } else {
                match->emailTaken = true;
            }
        }
        return true;
    }

    bool queryInteger(const char *sql, qint64 *value)
    {
        const int rc = funnel::queryInteger(db, sql, value);
        return rc == SQLITE_ROW || fail(rc);
    }

    // At the start of each batch, inside its transaction (which holds the write lock), with
    // Database::derivedDataTriggerDefinitions() read in it.
    bool beginBatch(const QStringList &triggerDefinitions)
    {
        // Another connection committed since the previous batch: the cached leads may be stale (a
        // rep moved one, an owner changed), and their state is what this run writes back and what
        // its lead_rollup deltas start from. Read them again.
        qint64 version = 0;
        if (!queryInteger("PRAGMA data_version", &version))
            return false;
        if (dataVersion && *dataVersion != version)
            forgetLeads();
        dataVersion = version;
        // Do the events rows still all come from this run?
        if (onlyOurEvents) {
            qint64 maxId = 0;
            if (!queryInteger("SELECT max(id) FROM events", &maxId))
                return false;
            onlyOurEvents = maxId == lastEventRowId;
        }
        return dropDerivedDataTriggers(triggerDefinitions);
    }

    // The triggers of Database::derivedDataTriggers() go for this transaction: row by row they would
    // redo what write() keeps in bulk, and with a trigger on its table every lead and history write
    // keeps a statement journal. write() re-creates them from their own text before the commit; a
    // rollback restores them too.
    bool dropDerivedDataTriggers(const QStringList &definitions)
    {
        droppedTriggers.clear();
        for (const QString &definition : definitions)
            droppedTriggers.append(definition.toUtf8());
        for (const QString &name : Database::derivedDataTriggers()) {
            const QByteArray drop = "DROP TRIGGER IF EXISTS \"" + name.toUtf8() + '"';
            if (const int rc = sqlite3_exec(db, drop.constData(), nullptr, nullptr, nullptr); rc != SQLITE_OK)
                return fail(rc);
        }
        return true;
    }

    bool restoreDerivedDataTriggers()
    {
        for (const QByteArray &sql : std::as_const(droppedTriggers)) {
            if (const int rc = sqlite3_exec(db, sql.constData(), nullptr, nullptr, nullptr); rc != SQLITE_OK)
                return fail(rc);
        }
        droppedTriggers.clear();
        return true;
    }

    void forgetLeads()
    {
        leads.clear();
        byExternalId.clear();
        byEmail.clear();
    }

    QByteArrayView textOf(TextSpan span) const { return QByteArrayView(text.constData() + span.at, span.size); }

    // Room for `more` bytes at the end of `text`, growing it by doubling (it keeps its capacity
    // from batch to batch).
    void reserveText(qsizetype more)
    {
        if (text.capacity() < text.size() + more)
            text.reserve(qMax(text.size() + more, 2 * text.capacity()));
    }

    // Appends `value` to `text` as UTF-8.
    TextSpan appendText(QStringView value)
    {
        const qsizetype at = text.size();
        const qsizetype room = toUtf8.requiredSpace(value.size());
        reserveText(room);
        text.resize(at + room);
        text.truncate(toUtf8.appendToBuffer(text.data() + at, value) - text.constData());
        return TextSpan{at, text.size() - at};
    }

    TextSpan appendText(QByteArrayView value)
    {
        const qsizetype at = text.size();
        reserveText(value.size());
        text.append(value);
        return TextSpan{at, value.size()};
    }

    // Whether `eventId` is stored, or pending in this batch. Every pending id's hash is seen.
    bool isStoredEvent(QByteArrayView eventId, size_t hash, bool *stored)
    {
        const bool seen = seenEventIds.contains(hash);
        if (seen && batchEventIds.find(hash, [&](qsizetype index) { return textOf(pending[size_t(index)].eventId) == eventId; })) {
            *stored = true;
            return true;
        }
        if (!seen)
            seenEventIds.insert(hash);
        if (onlyOurEvents && !seen) {
            *stored = false;
            return true;
        }
        const Reset reset(eventExists);
        bindUtf8(eventExists.get(), 1, eventId);
        const int rc = sqlite3_step(eventExists.get());
        if (rc != SQLITE_ROW && rc != SQLITE_DONE)
            return fail(rc);
        *stored = rc == SQLITE_ROW;
        return true;
    }

    // Name, company and email fill blanks of a lead; they never overwrite what is there.
    bool fillBlanks(qsizetype index, const EventRecord &record)
    {
        if (!record.email.isEmpty() && leads[size_t(index)].email.isEmpty()) {
            qsizetype owner = -1;
            if (!leadByEmail(record.email, &owner)) // may grow `leads`: index-based from here
                return false;
            if (owner < 0) {
                Lead &lead = leads[size_t(index)];
                lead.email = record.email;
                lead.contactChanged = true;
                byEmail.insert(asciiLower(record.email), index);
            }
        }
        Lead &lead = leads[size_t(index)];
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

    // One decoded line of the batch; false only on a database failure.
    bool add(EventRecord &&record, qint64 receivedMs)
    {
        const qint64 atMs = record.atMs.value_or(receivedMs);
        Match match;
        if (!findLead(record, &match))
            return false;
        // A stored eventId skips the line before it touches, or creates, its lead.
        const TextSpan eventId = appendText(QStringView(record.eventId));
        const size_t eventIdHash = qHash(textOf(eventId), eventIdHashSeed);
        if (eventId.size > 0) {
            bool stored = false;
            if (!isStoredEvent(textOf(eventId), eventIdHash, &stored))
                return false;
            if (stored) {
                text.truncate(eventId.at);
                ++counts.duplicatesSkipped;
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
            lead.historyKnown = true;             // none before that row
            match.index = remember(std::move(lead));
            newLeads.push_back(match.index);
            ++counts.leadsCreated;
        } else {
            if (match.claim) {
                Lead &lead = leads[size_t(match.index)];
                lead.externalId = record.userId;
                lead.contactChanged = true;
                byExternalId.insert(record.userId, match.index);
            }
            if (!fillBlanks(match.index, record))
                return false;
        }

        Lead &lead = leads[size_t(match.index)];
        Outcome outcome = funnel::apply(std::move(lead.state), Event{record.eventType, atMs}, rules);
        PendingEvent event{eventId, utf8(record.eventType), appendText(QByteArrayView(record.metadataJson)), match.index,
                           atMs, receivedMs, outcome.points, created, {}, 0};
        for (Effect &effect : outcome.effects) {
            if (const auto *score = std::get_if<ScoreChanged>(&effect); score && score->rule != decayRule)
                continue;
            if (const auto *move = std::get_if<StageChanged>(&effect)) {
                lead.stageEnteredAt = atMs;
                lead.reached |= stageBit(move->to);
                ++counts.stageChanges;
            }
            event.effects.append(std::move(effect));
        }
        lead.state = std::move(outcome.next);
        if (lead.id != 0 && !lead.dirty) {
            lead.dirty = true;
            dirty.push_back(match.index);
        }
        if (event.eventId.size > 0)
            batchEventIds.insert(eventIdHash, qsizetype(pending.size()));
        if (event.createdLead || !event.effects.isEmpty())
            withRows.push_back(pending.size());
        pending.push_back(std::move(event));
        ++counts.eventsStored;
        return true;
    }

    // ---- Writing a batch: one table after the other, rows in the order of the input --------------
    // Grouping the writes by table keeps each table's pages and statement hot, and lets a new lead
    // be written once with its state at the end of the batch.

    bool write()
    {
        return writeNewLeads() && writeEvents() && writeHistory() && writeAdjustments() && writeEnrollments()
            && writeChangedLeads() && writeRollup() && restoreDerivedDataTriggers();
    }

    void addToRollup(const RollupKey &key, int sign, int score)
    {
        RollupDelta &delta = rollup[key];
        delta.leads += sign;
        delta.scoreSum += qint64(sign) * score;
    }

    // What lead_rollup_inserted and lead_rollup_updated would have added up, one row per key.
    bool writeRollup()
    {
        sqlite3_stmt *s = upsertRollup.get();
        for (auto it = rollup.cbegin(); it != rollup.cend(); ++it) {
            if (it->leads == 0 && it->scoreSum == 0)
                continue;
            const Reset reset(upsertRollup);
            bindUtf8(s, 1, utf8(stageName(it.key().stage)));
            bindText(s, 2, it.key().owner);
            bindText(s, 3, it.key().source);
            sqlite3_bind_int(s, 4, it.key().bucket);
            sqlite3_bind_int(s, 5, it.key().furthest);
            sqlite3_bind_int64(s, 6, it->leads);
            sqlite3_bind_int64(s, 7, it->scoreSum);
            if (!step(upsertRollup))
                return false;
        }
        rollup.clear();
        return true;
    }


    bool writeNewLeads()
    {
        sqlite3_stmt *s = insertLead.get();
        for (const qsizetype index : newLeads) {
            Lead &lead = leads[size_t(index)];
            const QByteArray capUsage = LeadStateCodec::capUsageColumn(lead.state);
            const Reset reset(insertLead);
            bindTextOrNull(s, 1, lead.externalId);
            bindTextOrNull(s, 2, lead.email);
            bindText(s, 3, lead.name);
            bindText(s, 4, lead.company);
            sqlite3_bind_int64(s, 5, lead.createdAt);
            sqlite3_bind_int64(s, 6, lead.stageEnteredAt);
            bindUtf8(s, 7, utf8(stageName(lead.state.stage)));
            sqlite3_bind_int(s, 8, lead.state.score);
            if (const auto lastActivity = LeadStateCodec::lastActivityColumn(lead.state))
                sqlite3_bind_int64(s, 9, *lastActivity);
            else
                sqlite3_bind_null(s, 9);
            sqlite3_bind_int(s, 10, lead.state.decayStepsApplied);
            if (capUsage.isEmpty())
                sqlite3_bind_null(s, 11);
            else
                bindUtf8(s, 11, capUsage);
            sqlite3_bind_int(s, 12, lead.reached);
            if (!step(insertLead))
                return false;
            addToRollup(RollupKey(lead.state.stage, lead.owner, lead.source, lead.state.score, lead.reached), 1,
                        lead.state.score);
            lead.storedReached = lead.reached;
            lead.id = sqlite3_last_insert_rowid(db);
            lead.stored = withoutCaps(lead.state);
            lead.storedCapUsage = capUsage;
            lead.storedStageEnteredAt = lead.stageEnteredAt;
            lead.contactChanged = false;
        }
        return indexNewLeadsForSearch();
    }

    // What leads_search_inserted would have done: new leads wait outside the search index until the
    // input ends (IngestPipeline::defaultSearchIndexChunk).
    bool indexNewLeadsForSearch()
    {
        for (const qsizetype index : newLeads) {
            const Reset reset(newLeadWaits);
            sqlite3_bind_int64(newLeadWaits.get(), 1, leads[size_t(index)].id);
            if (!step(newLeadWaits))
                return false;
        }
        return true;
    }

    bool writeEvents()
    {
        sqlite3_stmt *s = insertEvent.get();
        for (PendingEvent &event : pending) {
            const Reset reset(insertEvent);
            if (event.eventId.size > 0)
                bindUtf8(s, 1, textOf(event.eventId));
            else
                sqlite3_bind_null(s, 1);
            sqlite3_bind_int64(s, 2, leads[size_t(event.lead)].id);
            bindUtf8(s, 3, event.type);
            sqlite3_bind_int64(s, 4, event.atMs);
            sqlite3_bind_int64(s, 5, event.receivedMs);
            sqlite3_bind_int(s, 6, event.points);
            if (event.metadata.size > 0)
                bindUtf8(s, 7, textOf(event.metadata));
            else
                sqlite3_bind_null(s, 7);
            if (rulesVersion > 0)
                sqlite3_bind_int64(s, 8, rulesVersion);
            else
                sqlite3_bind_null(s, 8);
            if (!step(insertEvent))
                return false;
            if (sqlite3_changes(db) != 1) { // add() skipped stored eventIds, under this write lock
                error = {DatabaseError::Kind::Other,
                         DatabaseError::describe(DatabaseError::Kind::Other, path,
                                                 Messages::tr("event %1 was stored by someone else meanwhile")
                                                     .arg(QString::fromUtf8(textOf(event.eventId)))),
                         {}};
                return false;
            }
            event.rowId = sqlite3_last_insert_rowid(db);
            lastEventRowId = event.rowId;
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
            const Reset reset(lastHistoryAt);
            sqlite3_bind_int64(lastHistoryAt.get(), 1, lead.id);
            const int rc = sqlite3_step(lastHistoryAt.get());
            if (rc != SQLITE_ROW)
                return fail(rc);
            lead.hasHistory = sqlite3_column_type(lastHistoryAt.get(), 0) != SQLITE_NULL;
            lead.lastHistoryAt = sqlite3_column_int64(lastHistoryAt.get(), 0);
            lead.historyKnown = true;
        }
        const bool inOrder = !lead.hasHistory || lead.lastHistoryAt <= atMs; // the new row's id is the largest
        {
            sqlite3_stmt *s = insertHistory.get();
            const Reset reset(insertHistory);
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
            if (!step(insertHistory))
                return false;
        }
        if (!inOrder) {
            const Reset reset(refreshHistory);
            sqlite3_bind_int64(refreshHistory.get(), 1, lead.id);
            sqlite3_bind_int64(refreshHistory.get(), 2, atMs);
            if (!step(refreshHistory))
                return false;
        }
        lead.lastHistoryAt = lead.hasHistory ? qMax(lead.lastHistoryAt, atMs) : atMs;
        lead.hasHistory = true;
        return true;
    }

    // A new lead's first row says it was created (from NULL to Cold), so "reached Cold" is history too.
    bool writeHistory()
    {
        for (const size_t index : withRows) {
            const PendingEvent &event = pending[index];
            Lead &lead = leads[size_t(event.lead)];
            if (event.createdLead
                && !writeHistoryRow(lead, nullptr, coldStage, event.atMs, createdCause, QString(), event.rowId))
                return false;
            for (const Effect &effect : event.effects) {
                const auto *move = std::get_if<StageChanged>(&effect);
                if (!move)
                    continue;
                const QString from = stageName(move->from);
                if (!writeHistoryRow(lead, &from, stageName(move->to), event.atMs, moveCauseName(move->cause),
                                     move->reason, event.rowId))
                    return false;
            }
        }
        return true;
    }

    bool writeAdjustments()
    {
        sqlite3_stmt *s = insertAdjustment.get();
        for (const size_t index : withRows) {
            const PendingEvent &event = pending[index];
            for (const Effect &effect : event.effects) {
                const auto *score = std::get_if<ScoreChanged>(&effect); // only decay is kept in `effects`
                if (!score)
                    continue;
                const Reset reset(insertAdjustment);
                sqlite3_bind_int64(s, 1, leads[size_t(event.lead)].id);
                sqlite3_bind_int64(s, 2, event.atMs);
                sqlite3_bind_int(s, 3, score->delta);
                bindUtf8(s, 4, utf8(score->rule));
                sqlite3_bind_int64(s, 5, event.rowId);
                if (!step(insertAdjustment))
                    return false;
            }
        }
        return true;
    }

    bool writeEnrollments()
    {
        sqlite3_stmt *s = insertEnrollment.get();
        for (const size_t index : withRows) {
            const PendingEvent &event = pending[index];
            for (const Effect &effect : event.effects) {
                const auto *enroll = std::get_if<Enroll>(&effect);
                if (!enroll)
                    continue;
                const Reset reset(insertEnrollment);
                sqlite3_bind_int64(s, 1, leads[size_t(event.lead)].id);
                bindUtf8(s, 2, utf8(enroll->campaign));
                sqlite3_bind_int64(s, 3, event.rowId);
                sqlite3_bind_int64(s, 4, event.atMs);
                if (!step(insertEnrollment))
                    return false;
            }
        }
        return true;
    }

    // Every stored lead this batch changed, once, in id order (neighbouring rows share pages).
    bool writeChangedLeads()
    {
        std::sort(dirty.begin(), dirty.end(),
                  [this](qsizetype a, qsizetype b) { return leads[size_t(a)].id < leads[size_t(b)].id; });
        for (const qsizetype index : dirty) {
            Lead &lead = leads[size_t(index)];
            int columns = 0;
            if (lead.state.score != lead.stored.score)
                columns |= ScoreColumn;
            if (lead.state.lastActivityMs != lead.stored.lastActivityMs)
                columns |= ActivityColumn;
            if (lead.state.stage != lead.stored.stage || lead.stageEnteredAt != lead.storedStageEnteredAt)
                columns |= StageColumns | ScoreColumn | ActivityColumn; // every stage index moves anyway
            if (lead.contactChanged)
                columns |= ContactColumns;
            if (lead.reached != lead.storedReached)
                columns |= ReachedColumn;
            QByteArray capUsage = LeadStateCodec::capUsageColumn(lead.state);
            const bool capsChanged = capUsage != lead.storedCapUsage;
            if (columns == 0 && !capsChanged && lead.state.decayStepsApplied == lead.stored.decayStepsApplied)
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
            sqlite3_bind_int(s, 2, lead.state.score);
            if (const auto lastActivity = LeadStateCodec::lastActivityColumn(lead.state))
                sqlite3_bind_int64(s, 3, *lastActivity);
            else
                sqlite3_bind_null(s, 3);
            sqlite3_bind_int(s, 4, lead.state.decayStepsApplied);
            if (lead.storedCapUsage.isEmpty())
                sqlite3_bind_null(s, 5);
            else
                bindUtf8(s, 5, lead.storedCapUsage);
            if (columns & StageColumns) {
                bindUtf8(s, 6, utf8(stageName(lead.state.stage)));
                sqlite3_bind_int64(s, 7, lead.stageEnteredAt);
            }
            if (columns & ContactColumns) {
                bindTextOrNull(s, 8, lead.externalId);
                bindTextOrNull(s, 9, lead.email);
                bindText(s, 10, lead.name);
                bindText(s, 11, lead.company);
            }
            sqlite3_bind_int(s, 12, lead.reached);
            if (!step(*statement))
                return false;
            if (columns & (ScoreColumn | StageColumns | ReachedColumn)) {
                addToRollup(RollupKey(lead.stored.stage, lead.owner, lead.source, lead.stored.score, lead.storedReached),
                            -1, lead.stored.score);
                addToRollup(RollupKey(lead.state.stage, lead.owner, lead.source, lead.state.score, lead.reached), 1,
                            lead.state.score);
            }
            lead.storedReached = lead.reached;
            lead.stored = withoutCaps(lead.state);
            lead.storedStageEnteredAt = lead.stageEnteredAt;
        }
        return true;
    }

    // What the shell acts on after the commit.
    void collectCommittedEffects()
    {
        if (!collectEffects)
            return;
        for (const size_t index : withRows) {
            const PendingEvent &event = pending[index];
            for (const Effect &effect : event.effects) {
                if (!std::holds_alternative<ScoreChanged>(effect))
                    effects.append(CommittedEffect{leads[size_t(event.lead)].id, event.rowId, effect});
            }
        }
    }

    // After a commit: the cache holds committed state only, ready for the next batch.
    void committed()
    {
        for (const qsizetype index : dirty) {
            leads[size_t(index)].dirty = false;
            leads[size_t(index)].contactChanged = false;
        }
        pending.clear();
        text.resize(0); // keeps its capacity
        withRows.clear();
        newLeads.clear();
        dirty.clear();
        batchEventIds.clear();
        effects.clear();
        counts = {};
        if (qsizetype(leads.size()) > maxCachedLeads)
            forgetLeads();
    }
};

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

    Run run(handle, m_rules, m_database.path(), bool(m_onEffects));
    run.rulesVersion = m_rulesVersion;
    if (!run.prepareAll())
        return stop(run.error.message, run.error);

    JsonlEventDecoder decoder;
    decoder.setMaxLineBytes(m_maxLineBytes);
    LineReader reader(input, m_maxLineBytes);
    BackgroundCheckpoints checkpoints(handle, m_database.busyTimeoutMs()); // outlives `transaction`
    std::optional<ForeignKeyChecksOff> foreignKeysOff; // declared first: ends after `transaction`
    std::optional<Transaction> transaction;
    int linesInBatch = 0;
    // The batch's time under the write lock: it is read (decided in memory), then written. Reading
    // stops when it has used its share of m_maxBatchMillis, the share reading took of the previous
    // batch (a first guess before that: at bench speed, writing takes about four times as long).
    QElapsedTimer batchClock;
    double readingShare = 0.2;

    auto addError = [&report](qint64 line, const QString &message) {
        ++report.errorCount;
        if (report.errors.size() < IngestReport::maxListedErrors)
            report.errors.append(IngestError{line, message});
    };

    // Writes the batch, commits, then tells the callbacks; false when the run must stop.
    auto finishBatch = [&]() -> bool {
        linesInBatch = 0;
        const qint64 readingNs = batchClock.nsecsElapsed();
        if (!run.write()) {
            stop(run.error.message, run.error);
            return false;
        }
        run.collectCommittedEffects();
        if (!transaction->commit()) {
            stop(transaction->error().message, transaction->error());
            return false;
        }
        transaction.reset();
        foreignKeysOff.reset();
        checkpoints.committed();
        readingShare = std::clamp(double(readingNs) / double(qMax<qint64>(1, batchClock.nsecsElapsed())), 0.05, 1.0);
        report.eventsStored += run.counts.eventsStored;
        report.duplicatesSkipped += run.counts.duplicatesSkipped;
        report.leadsCreated += run.counts.leadsCreated;
        report.stageChanges += run.counts.stageChanges;
        if (m_onEffects && !run.effects.isEmpty())
            m_onEffects(run.effects);
        run.committed();
        if (m_onProgress && !m_onProgress(reader.bytesRead())) {
            report.cancelled = true;
            return false;
        }
        return true;
    };

    for (;;) {
        const LineReader::Status status = reader.next();
        if (status == LineReader::Status::End)
            break;
        if (status == LineReader::Status::Failed) {
            // The lines read so far are good: keep them, then say why the rest is missing.
            if (transaction && !finishBatch())
                return report;
            return stop(Messages::tr("Reading the events failed after line %1: %2")
                            .arg(reader.lineNumber())
                            .arg(reader.errorString()));
        }
        ++report.linesRead;

        if (!transaction) {
            foreignKeysOff.emplace(handle);
            transaction.emplace(m_database, Transaction::Mode::Immediate);
            if (!transaction->isActive())
                return stop(transaction->error().message, transaction->error());
            const std::optional<QStringList> triggers = m_database.derivedDataTriggerDefinitions();
            if (!triggers)
                return stop(m_database.lastError().message, m_database.lastError());
            if (!run.beginBatch(*triggers))
                return stop(run.error.message, run.error);
            batchClock.start();
        }

        if (status == LineReader::Status::TooLong) {
            addError(reader.lineNumber(), decoder.lineTooLongError(reader.lineLength()));
        } else if (!reader.line().trimmed().isEmpty()) { // blank lines are skipped silently
            QString error;
            if (std::optional<EventRecord> record = decoder.decode(reader.line(), &error)) {
                if (!run.add(std::move(*record), QDateTime::currentMSecsSinceEpoch()))
                    return stop(run.error.message, run.error); // the open batch rolls back
            } else {
                addError(reader.lineNumber(), error);
            }
        }

        const bool batchFull = ++linesInBatch >= m_batchSize
            || batchClock.elapsed() >= qint64(readingShare * m_maxBatchMillis);
        if (batchFull && !finishBatch())
            return report;
    }
    if (transaction && !finishBatch())
        return report;
    // The run's new leads waited for the search index (Run::indexNewLeadsForSearch()); in they go, a
    // chunk per transaction so that no other writer waits long for the lock. A full chunk may not be
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
