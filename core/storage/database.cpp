#include "core/storage/database.h"

#include "core/io/rulesetjson.h"
#include "core/storage/busywait.h"
#include "core/storage/transaction.h"

#include <QCoreApplication>
#include <QDir>
#include <QSqlError>
#include <QSqlDriver>
#include <QSqlQuery>

#include <atomic>

// Database is the SQLite backend: its pragmas and header fields (application_id, user_version) are
// SQLite's. The schema's SQL itself stays portable enough for a QPSQL backend to reuse.

#include <sqlite3.h>

namespace funnel {
namespace {

using namespace Qt::StringLiterals;

// This file's messages, in the translation context "Database" (lupdate reads the macro).
struct Messages {
    Q_DECLARE_TR_FUNCTIONS(Database)
};

QString nextConnectionName()
{
    static std::atomic<quint64> counter{0};
    return u"funnelboard-db-%1"_s.arg(counter.fetch_add(1) + 1);
}

// OR, not IN: SQLite evaluates a CHECK with an IN list through a temporary index that it builds on
// every INSERT or UPDATE of the column, which costs more than the write itself.
constexpr auto stageCheck =
    "CHECK (stage = 'Cold' OR stage = 'MQL' OR stage = 'SQL' OR stage = 'Won' OR stage = 'Lost')";

// The bit of a stage in leads.reached, as SQL over a stage-name expression.
QString stageBitSql(const QString &stage)
{
    return u"(CASE "_s + stage
        + u" WHEN 'Cold' THEN 1 WHEN 'MQL' THEN 2 WHEN 'SQL' THEN 4 WHEN 'Won' THEN 8 WHEN 'Lost' THEN 16 ELSE 0 END)"_s;
}

// A stage_history row's prev_at: the time of the lead's previous row, by time and then id.
QString previousAtSql()
{
    return u"(SELECT MAX(p.at) FROM stage_history p WHERE p.lead_id = stage_history.lead_id"
           " AND (p.at < stage_history.at OR (p.at = stage_history.at AND p.id < stage_history.id)))"_s;
}

// The lead's current owner and source onto its history rows selected by `rows` (a condition on
// stage_history), with their prev_at: one UPDATE ... FROM.
QString refreshHistorySql(const QString &lead, const QString &rows)
{
    return u" UPDATE stage_history SET prev_at = "_s + previousAtSql()
        + u", owner = l.owner, source = l.source FROM leads l WHERE l.id = "_s + lead
        + u" AND stage_history.lead_id = "_s + lead + u" AND "_s + rows + u";"_s;
}

// After a history row of `lead` went away or changed: its reached bits and its rows' derived
// columns again.
QString recomputeForLeadSql(const QString &lead)
{
    return u" UPDATE leads SET reached = (SELECT COALESCE(SUM(DISTINCT "_s + stageBitSql(u"h.to_stage"_s)
        + u"), 0) FROM stage_history h WHERE h.lead_id = "_s + lead + u") WHERE id = "_s + lead + u";"_s
        + refreshHistorySql(lead, u"1 = 1"_s);
}

// leads.score's bucket of 10 in the histogram (floor semantics: -5 falls in [-10, 0)), as SQL.
QString scoreBucketSql(const QString &score)
{
    return u"(CASE WHEN "_s + score + u" < 0 THEN ((" + score + u" - 9) / 10) * 10 ELSE (" + score + u" / 10) * 10 END)"_s;
}

// The furthest stage along the funnel in leads.reached (Cold 0 ... Won 3; -1: no history).
QString furthestSql(const QString &reached)
{
    return u"(CASE WHEN "_s + reached + u" = 0 THEN -1 WHEN " + reached + u" & 8 <> 0 THEN 3 WHEN " + reached
        + u" & 4 <> 0 THEN 2 WHEN " + reached + u" & 2 <> 0 THEN 1 ELSE 0 END)"_s;
}

// Adds `sign` (+1 or -1) times the lead `row` (NEW or OLD) to its lead_rollup row.
QString rollupSql(const QString &row, int sign)
{
    const QString key = row + u".stage, "_s + row + u".owner, "_s + row + u".source, "_s
        + scoreBucketSql(row + u".score"_s) + u", "_s + furthestSql(row + u".reached"_s);
    return u" INSERT INTO lead_rollup (stage, owner, source, bucket, furthest, leads, score_sum) VALUES ("_s + key
        + u", %1, %1 * "_s.arg(sign) + row + u".score) ON CONFLICT DO UPDATE SET leads = leads + excluded.leads,"
          " score_sum = score_sum + excluded.score_sum;"_s;
}

QList<Database::Migration> buildMigrations()
{
    QList<Database::Migration> steps;

    // 1: the first schema. All times are INTEGER milliseconds since the epoch, UTC.
    steps.append({u"leads, events, score adjustments, stage history, enrollments, notes, settings"_s,
                  {
                      u"CREATE TABLE leads ("
                      " id INTEGER PRIMARY KEY,"
                      " external_id TEXT UNIQUE," // the events' userId
                      " email TEXT,"
                      " name TEXT NOT NULL DEFAULT '',"
                      " company TEXT NOT NULL DEFAULT '',"
                      " title TEXT NOT NULL DEFAULT '',"
                      " source TEXT NOT NULL DEFAULT '',"
                      " owner TEXT NOT NULL DEFAULT '',"
                      " stage TEXT NOT NULL DEFAULT 'Cold' "_s
                          + QLatin1StringView(stageCheck)
                          + u","
                            " score INTEGER NOT NULL DEFAULT 0,"
                            " created_at INTEGER NOT NULL,"
                            " stage_entered_at INTEGER NOT NULL,"
                            " last_activity_at INTEGER,"
                            " decay_steps INTEGER NOT NULL DEFAULT 0,"
                            " cap_usage TEXT," // JSON (LeadStateCodec) or NULL
                            " attributes TEXT," // JSON object of custom CSV columns, or NULL
                            " seen_at INTEGER" // a rep opened it; NULL = unseen (the new-SQL marker)
                            ")"_s,
                      // Merging by email relies on this index; SQLite's lower() folds ASCII only, and
                      // every lookup by email goes through the same lower() so they agree.
                      u"CREATE UNIQUE INDEX leads_email_idx ON leads (lower(email))"
                      " WHERE email IS NOT NULL AND email <> ''"_s,
                      // The board's columns, its sort orders and the charts' filters.
                      u"CREATE INDEX leads_stage_score_idx ON leads (stage, score DESC, id)"_s,
                      u"CREATE INDEX leads_stage_activity_idx ON leads (stage, last_activity_at)"_s,
                      u"CREATE INDEX leads_stage_entered_idx ON leads (stage, stage_entered_at)"_s,
                      u"CREATE INDEX leads_owner_idx ON leads (owner)"_s,
                      u"CREATE INDEX leads_source_idx ON leads (source)"_s,
                      u"CREATE INDEX leads_created_idx ON leads (created_at)"_s,

                      u"CREATE TABLE events ("
                      " id INTEGER PRIMARY KEY,"
                      " event_uid TEXT UNIQUE," // the eventId; NULL when absent
                      " lead_id INTEGER NOT NULL REFERENCES leads (id) ON DELETE CASCADE,"
                      " type TEXT NOT NULL,"
                      " occurred_at INTEGER NOT NULL,"
                      " received_at INTEGER NOT NULL,"
                      " points INTEGER NOT NULL DEFAULT 0,"
                      " metadata TEXT"
                      ")"_s,
                      u"CREATE INDEX events_lead_idx ON events (lead_id, id)"_s,
                      u"CREATE INDEX events_type_time_idx ON events (type, occurred_at)"_s,
                      u"CREATE INDEX events_time_idx ON events (occurred_at)"_s,

                      u"CREATE TABLE score_adjustments ("
                      " id INTEGER PRIMARY KEY,"
                      " lead_id INTEGER NOT NULL REFERENCES leads (id) ON DELETE CASCADE,"
                      " at INTEGER NOT NULL,"
                      " delta INTEGER NOT NULL,"
                      " reason TEXT NOT NULL," // 'decay', 'manual', ...
                      " event_id INTEGER REFERENCES events (id)"
                      ")"_s,
                      u"CREATE INDEX score_adjustments_lead_idx ON score_adjustments (lead_id, at)"_s,

                      u"CREATE TABLE stage_history ("
                      " id INTEGER PRIMARY KEY,"
                      " lead_id INTEGER NOT NULL REFERENCES leads (id) ON DELETE CASCADE,"
                      " from_stage TEXT," // NULL when the lead was created
                      " to_stage TEXT NOT NULL,"
                      " at INTEGER NOT NULL,"
                      " cause TEXT NOT NULL," // moveCauseName() or 'created'
                      " reason TEXT NOT NULL DEFAULT '',"
                      " actor TEXT NOT NULL DEFAULT '',"
                      " event_id INTEGER REFERENCES events (id)"
                      ")"_s,
                      u"CREATE INDEX stage_history_lead_idx ON stage_history (lead_id, at)"_s,
                      u"CREATE INDEX stage_history_to_idx ON stage_history (to_stage, at)"_s,

                      u"CREATE TABLE enrollments ("
                      " id INTEGER PRIMARY KEY,"
                      " lead_id INTEGER NOT NULL REFERENCES leads (id) ON DELETE CASCADE,"
                      " campaign TEXT NOT NULL,"
                      " event_id INTEGER REFERENCES events (id),"
                      " enrolled_at INTEGER NOT NULL,"
                      " status TEXT NOT NULL DEFAULT 'active'"
                      ")"_s,
                      u"CREATE INDEX enrollments_campaign_idx ON enrollments (campaign, status)"_s,
                      u"CREATE INDEX enrollments_lead_idx ON enrollments (lead_id)"_s,

                      u"CREATE TABLE notes ("
                      " id INTEGER PRIMARY KEY,"
                      " lead_id INTEGER NOT NULL REFERENCES leads (id) ON DELETE CASCADE,"
                      " at INTEGER NOT NULL,"
                      " author TEXT NOT NULL DEFAULT '',"
                      " body TEXT NOT NULL"
                      ")"_s,
                      // Notes are listed per lead on the timeline; without this index a cascade delete
                      // of a lead would also scan the whole table.
                      u"CREATE INDEX notes_lead_idx ON notes (lead_id, at)"_s,

                      u"CREATE TABLE settings (key TEXT PRIMARY KEY, value TEXT)"_s,
                  }});

    // 2: nurture campaigns and the webhook outbox (issue 5). The enrollments table of step 1 is
    // written by ingest for Enroll effects; the scheduler keeps each enrollment's progress beside it.
    steps.append({u"campaigns, enrollment progress, webhook endpoints, deliveries and their attempts"_s,
                  {
                      u"CREATE TABLE campaigns ("
                      " name TEXT PRIMARY KEY,"
                      " enabled INTEGER NOT NULL DEFAULT 0,"
                      " definition TEXT NOT NULL," // CampaignJson of the one campaign
                      " updated_at INTEGER NOT NULL"
                      ")"_s,
                      // A cron campaign's next slot; a slot missed while nothing ran fires once.
                      u"CREATE TABLE campaign_schedule ("
                      " campaign TEXT PRIMARY KEY REFERENCES campaigns (name) ON DELETE CASCADE,"
                      " next_fire_at INTEGER,"
                      " last_fired_at INTEGER"
                      ")"_s,
                      u"CREATE TABLE enrollment_progress ("
                      " enrollment_id INTEGER PRIMARY KEY REFERENCES enrollments (id) ON DELETE CASCADE,"
                      " step_index INTEGER NOT NULL DEFAULT 0,"
                      " due_at INTEGER NOT NULL," // the current step runs at or after this
                      " trigger_at INTEGER NOT NULL," // waits count from the trigger event's own time
                      " event_metadata TEXT,"
                      " failure TEXT,"
                      " updated_at INTEGER NOT NULL"
                      ")"_s,
                      u"CREATE INDEX enrollment_progress_due_idx ON enrollment_progress (due_at)"_s,
                      u"CREATE INDEX enrollments_status_idx ON enrollments (status, id)"_s,
                      u"CREATE TABLE webhook_endpoints ("
                      " id INTEGER PRIMARY KEY,"
                      " url TEXT NOT NULL UNIQUE,"
                      " secret TEXT NOT NULL," // whsec_...
                      " created_at INTEGER NOT NULL,"
                      " disabled_at INTEGER," // set by 410 Gone or by a person
                      " disabled_reason TEXT,"
                      " consecutive_failures INTEGER NOT NULL DEFAULT 0,"
                      " dead_letters INTEGER NOT NULL DEFAULT 0,"
                      " last_success_at INTEGER,"
                      " last_failure_at INTEGER,"
                      " last_status_code INTEGER"
                      ")"_s,
                      u"CREATE TABLE deliveries ("
                      " id INTEGER PRIMARY KEY,"
                      " message_id TEXT NOT NULL UNIQUE," // webhook-id: the same on every attempt
                      " endpoint_id INTEGER NOT NULL REFERENCES webhook_endpoints (id),"
                      " enrollment_id INTEGER REFERENCES enrollments (id) ON DELETE SET NULL,"
                      " step_id TEXT,"
                      " campaign TEXT,"
                      " lead_id INTEGER,"
                      " method TEXT NOT NULL DEFAULT 'POST',"
                      " headers TEXT," // JSON array of [name, value]
                      " body BLOB NOT NULL,"
                      " status TEXT NOT NULL DEFAULT 'pending'"
                      " CHECK (status = 'pending' OR status = 'succeeded' OR status = 'dead'),"
                      " attempts INTEGER NOT NULL DEFAULT 0,"
                      " next_attempt_at INTEGER," // while pending: due time, or the lease of an attempt in flight
                      " created_at INTEGER NOT NULL,"
                      " last_attempt_at INTEGER,"
                      " last_status_code INTEGER,"
                      " last_latency_ms INTEGER,"
                      " last_error TEXT,"
                      " last_request TEXT,"
                      " last_response TEXT,"
                      // Exactly one delivery per step of an enrollment, also across a crash and a
                      // re-run of the step (NULLs, e.g. test fires, are distinct).
                      " UNIQUE (enrollment_id, step_id)"
                      ")"_s,
                      u"CREATE INDEX deliveries_due_idx ON deliveries (status, next_attempt_at)"_s,
                      u"CREATE INDEX deliveries_created_idx ON deliveries (created_at)"_s,
                      u"CREATE INDEX deliveries_campaign_idx ON deliveries (campaign, created_at)"_s,
                      // Endpoint health counts its pending deliveries.
                      u"CREATE INDEX deliveries_endpoint_idx ON deliveries (endpoint_id, status)"_s,
                      u"CREATE TABLE delivery_attempts ("
                      " id INTEGER PRIMARY KEY,"
                      " delivery_id INTEGER NOT NULL REFERENCES deliveries (id) ON DELETE CASCADE,"
                      " attempt INTEGER NOT NULL,"
                      " started_at INTEGER NOT NULL,"
                      " status_code INTEGER,"
                      " latency_ms INTEGER,"
                      " error TEXT,"
                      " request TEXT," // the exact request sent, headers and body
                      " response TEXT"
                      ")"_s,
                      u"CREATE INDEX delivery_attempts_delivery_idx ON delivery_attempts (delivery_id, id)"_s,
                  }});

    // 3: the board and the dashboard at a million leads. Each filter gets a covering index, so that a
    // header total or an aggregate reads only the index entries it counts; what the charts used to
    // derive from stage_history per query (the stages a lead reached, when it entered the stage a
    // history row leaves) is kept beside the rows by triggers, so every writer (ingest, moves, undo,
    // merges, rescoring) keeps it true in its own transaction without knowing about it.
    steps.append({u"covering indexes, reached stages, time entered, trigram text search"_s,
                  {
                      // Bit per stage ever entered (Cold 1, MQL 2, SQL 4, Won 8, Lost 16).
                      u"ALTER TABLE leads ADD COLUMN reached INTEGER NOT NULL DEFAULT 0"_s,
                      u"UPDATE leads SET reached = (SELECT COALESCE(SUM(DISTINCT "_s + stageBitSql(u"h.to_stage"_s)
                          + u"), 0) FROM stage_history h WHERE h.lead_id = leads.id)"_s,
                      // When the stage this row leaves (from_stage) was entered: the lead's previous row.
                      u"ALTER TABLE stage_history ADD COLUMN prev_at INTEGER"_s,
                      u"UPDATE stage_history SET prev_at = "_s + previousAtSql(),
                      // The lead's owner and source, so that the charts read from history filter by
                      // them without a lookup of every lead (they follow the lead's current values).
                      u"ALTER TABLE stage_history ADD COLUMN owner TEXT NOT NULL DEFAULT ''"_s,
                      u"ALTER TABLE stage_history ADD COLUMN source TEXT NOT NULL DEFAULT ''"_s,
                      u"UPDATE stage_history SET owner = l.owner, source = l.source FROM leads l"
                      " WHERE l.id = stage_history.lead_id"_s,

                      u"DROP INDEX leads_owner_idx"_s,
                      u"DROP INDEX leads_source_idx"_s,
                      u"DROP INDEX leads_created_idx"_s,
                      u"DROP INDEX leads_stage_entered_idx"_s,
                      // An owner's or a source's leads in a period: their own index, covering, beats
                      // a range of the created_at index that holds every owner's leads.
                      u"CREATE INDEX leads_owner_cover_idx"
                      " ON leads (owner, source, stage, score, stage_entered_at, created_at, reached)"_s,
                      u"CREATE INDEX leads_source_cover_idx ON leads (source, stage, score, stage_entered_at, created_at, reached)"_s,
                      u"CREATE INDEX leads_created_cover_idx ON leads (created_at, owner, source, stage, score, reached)"_s,
                      u"CREATE INDEX leads_stage_entered_cover_idx ON leads (stage, stage_entered_at, score)"_s,
                      u"DROP INDEX stage_history_to_idx"_s,
                      u"CREATE INDEX stage_history_to_cover_idx ON stage_history (to_stage, at, from_stage, owner, source)"_s,
                      u"CREATE INDEX stage_history_at_cover_idx ON stage_history (at, from_stage, prev_at, owner, source)"_s,

                      u"CREATE TRIGGER stage_history_inserted AFTER INSERT ON stage_history BEGIN"
                      " UPDATE leads SET reached = reached | "_s + stageBitSql(u"NEW.to_stage"_s)
                          + u" WHERE id = NEW.lead_id AND reached & "_s + stageBitSql(u"NEW.to_stage"_s) + u" = 0;"_s
                          + refreshHistorySql(u"NEW.lead_id"_s, u"stage_history.at >= NEW.at"_s) + u" END"_s,
                      u"CREATE TRIGGER stage_history_deleted AFTER DELETE ON stage_history BEGIN"_s
                          + recomputeForLeadSql(u"OLD.lead_id"_s) + u" END"_s,
                      u"CREATE TRIGGER stage_history_changed AFTER UPDATE OF lead_id, to_stage, at ON stage_history BEGIN"_s
                          + recomputeForLeadSql(u"OLD.lead_id"_s) + recomputeForLeadSql(u"NEW.lead_id"_s) + u" END"_s,

                      // The dashboard's all-time numbers (stage tiles, funnel, histogram) per owner and
                      // source, kept by triggers: a few thousand rows to sum instead of every lead.
                      u"CREATE TABLE lead_rollup ("
                      " stage TEXT NOT NULL, owner TEXT NOT NULL, source TEXT NOT NULL,"
                      " bucket INTEGER NOT NULL," // the score's bucket of 10
                      " furthest INTEGER NOT NULL," // along the funnel, from reached; -1 without history
                      " leads INTEGER NOT NULL, score_sum INTEGER NOT NULL,"
                      " PRIMARY KEY (stage, owner, source, bucket, furthest)) WITHOUT ROWID"_s,
                      u"INSERT INTO lead_rollup SELECT stage, owner, source, "_s + scoreBucketSql(u"score"_s) + u", "_s
                          + furthestSql(u"reached"_s) + u", COUNT(*), SUM(score) FROM leads GROUP BY 1, 2, 3, 4, 5"_s,
                      u"CREATE TRIGGER lead_rollup_inserted AFTER INSERT ON leads BEGIN"_s + rollupSql(u"NEW"_s, 1)
                          + u" END"_s,
                      u"CREATE TRIGGER lead_rollup_deleted AFTER DELETE ON leads BEGIN"_s + rollupSql(u"OLD"_s, -1)
                          + u" END"_s,
                      u"CREATE TRIGGER lead_rollup_updated AFTER UPDATE OF stage, owner, source, score, reached ON leads"
                      " WHEN OLD.stage IS NOT NEW.stage OR OLD.owner IS NOT NEW.owner OR OLD.source IS NOT NEW.source"
                      " OR OLD.score IS NOT NEW.score OR OLD.reached IS NOT NEW.reached BEGIN"_s
                          + rollupSql(u"OLD"_s, -1) + rollupSql(u"NEW"_s, 1) + u" END"_s,

                      u"CREATE TRIGGER leads_owner_changed AFTER UPDATE OF owner, source ON leads"
                      " WHEN OLD.owner IS NOT NEW.owner OR OLD.source IS NOT NEW.source BEGIN"
                      " UPDATE stage_history SET owner = NEW.owner, source = NEW.source WHERE lead_id = NEW.id;"
                      " END"_s,

                      // Substring search on name, email and company in any case, served by an index:
                      // the trigram tokenizer matches any run of three or more characters.
                      u"CREATE VIRTUAL TABLE leads_search USING fts5(name, email, company, content = 'leads',"
                      " content_rowid = 'id', tokenize = 'trigram')"_s,
                      u"INSERT INTO leads_search (leads_search) VALUES ('rebuild')"_s,
                      // New leads wait here until their writer indexes them in bulk (indexPendingSearch):
                      // FTS5 writes a segment at the end of every statement, so a trigger indexing
                      // each inserted lead made bulk ingest several times slower. Searches also match
                      // the waiting leads (by LIKE), so a writer that does not index is slow, not wrong.
                      u"CREATE TABLE leads_search_pending (id INTEGER PRIMARY KEY)"_s,
                      u"CREATE TRIGGER leads_search_inserted AFTER INSERT ON leads BEGIN"
                      " INSERT OR IGNORE INTO leads_search_pending (id) VALUES (NEW.id);"
                      " END"_s,
                      // A waiting lead is in no segment: deleting its old values would corrupt the index.
                      u"CREATE TRIGGER leads_search_deleted AFTER DELETE ON leads BEGIN"
                      " INSERT INTO leads_search (leads_search, rowid, name, email, company)"
                      " SELECT 'delete', OLD.id, OLD.name, OLD.email, OLD.company"
                      " WHERE NOT EXISTS (SELECT 1 FROM leads_search_pending WHERE id = OLD.id);"
                      " DELETE FROM leads_search_pending WHERE id = OLD.id;"
                      " END"_s,
                      u"CREATE TRIGGER leads_search_updated AFTER UPDATE OF name, email, company ON leads"
                      " WHEN (OLD.name IS NOT NEW.name OR OLD.email IS NOT NEW.email OR OLD.company IS NOT NEW.company)"
                      " AND NOT EXISTS (SELECT 1 FROM leads_search_pending WHERE id = OLD.id)"
                      " BEGIN"
                      " INSERT INTO leads_search (leads_search, rowid, name, email, company)"
                      " VALUES ('delete', OLD.id, OLD.name, OLD.email, OLD.company);"
                      " INSERT INTO leads_search (rowid, name, email, company) VALUES (NEW.id, NEW.name, NEW.email, NEW.company);"
                      " END"_s,
                  }});

    // 4: the campaign scheduler (issue 5). campaign_activity is what campaigns did that people should
    // see: notes for sales, moves the transition table refused, enrollments a campaign declined. The
    // scheduler reads events and stage_history since persisted cursors (settings); an existing file
    // starts them at its newest rows, so upgrading does not enroll leads for events of years ago.
    steps.append({u"campaign activity log and scheduler cursors"_s,
                  {
                      u"CREATE TABLE campaign_activity ("
                      " id INTEGER PRIMARY KEY,"
                      " at INTEGER NOT NULL,"
                      " campaign TEXT NOT NULL,"
                      " lead_id INTEGER REFERENCES leads (id) ON DELETE CASCADE,"
                      " enrollment_id INTEGER REFERENCES enrollments (id) ON DELETE SET NULL,"
                      " kind TEXT NOT NULL," // 'notify', 'move_refused', 'declined', 'webhook_invalid'
                      " text TEXT NOT NULL DEFAULT ''"
                      ")"_s,
                      u"CREATE INDEX campaign_activity_at_idx ON campaign_activity (at)"_s,
                      u"CREATE INDEX campaign_activity_lead_idx ON campaign_activity (lead_id)"_s,
                      u"CREATE INDEX campaign_activity_enrollment_idx ON campaign_activity (enrollment_id)"_s,
                      // "Did this event already enroll the lead in this campaign?" and cascades.
                      u"CREATE INDEX enrollments_event_idx ON enrollments (event_id)"_s,
                      u"CREATE INDEX enrollments_lead_campaign_idx ON enrollments (lead_id, campaign)"_s,
                      // Events that arrived before a campaign was enabled never enroll in it: enabling
                      // a campaign must not replay the history stored so far.
                      u"ALTER TABLE campaigns ADD COLUMN enabled_at INTEGER"_s,
                      u"UPDATE campaigns SET enabled_at = updated_at WHERE enabled = 1"_s,
                      u"INSERT INTO settings (key, value)"
                      " SELECT 'scheduler.events_cursor', coalesce(max(id), 0) FROM events"_s,
                      u"INSERT INTO settings (key, value)"
                      " SELECT 'scheduler.history_cursor', coalesce(max(id), 0) FROM stage_history"_s,
                  }});

    // 5: versioned scoring rules (issue 6). The rules in force stay under settings 'rules' (ingest
    // reads them there); settings 'rules_version' names the version they came from.
    steps.append({u"ruleset versions"_s,
                  {
                      u"CREATE TABLE ruleset_versions ("
                      " id INTEGER PRIMARY KEY," // the N of "rules vN"
                      " created_at INTEGER NOT NULL,"
                      " author TEXT NOT NULL DEFAULT '',"
                      " note TEXT NOT NULL DEFAULT '',"
                      " definition TEXT NOT NULL," // RuleSetJson
                      " applied_mode TEXT NOT NULL" // 'history': every lead re-scored; 'future': new events only
                      " CHECK (applied_mode = 'history' OR applied_mode = 'future')"
                      ")"_s,
                  }});

    // 6: time in stage reads the rows that left a stage, per stage left, from one partial covering
    // index: all time it skips the lead-creation rows (over half of the history), and a period is a
    // range in it. It replaces the (at, from_stage, ...) index, which nothing else read.
    steps.append({u"time in stage index by stage left"_s,
                  {
                      u"CREATE INDEX stage_history_left_idx ON stage_history (from_stage, at, prev_at, owner, source)"
                      " WHERE prev_at IS NOT NULL"_s,
                      u"DROP INDEX stage_history_at_cover_idx"_s,
                  }});

    // 7: the rules version that scored each event, for the score ledger (issue 6). Ingest writes the
    // version in force; a re-score of all history writes no event but records its version under
    // settings 'rules_rescored_version': an event was scored by the later of the two. NULL: scored
    // before the first versioned change (by what became v1 then). ADD COLUMN rewrites no rows.
    steps.append({u"rules version per event"_s,
                  {
                      u"ALTER TABLE events ADD COLUMN rules_version INTEGER"_s,
                  }});

    // 8: the board's text and cohort filters. A text search's matches (row ids from leads_search)
    // read their stage and score from a narrow index instead of the wide leads rows; a column
    // under a cohort reads its stage's part of the creation range instead of every stage's.
    steps.append({u"board text and cohort indexes"_s,
                  {
                      u"CREATE INDEX leads_id_cover_idx ON leads (id, stage, score)"_s,
                      u"CREATE INDEX leads_stage_created_idx ON leads (stage, created_at, reached)"_s,
                  }});

    // 9: every enrollment insert paid for an index that (lead_id, campaign) of step 4 already covers:
    // lookups and cascades by lead_id use that one.
    steps.append({u"drop the redundant enrollments lead index"_s,
                  {
                      u"DROP INDEX enrollments_lead_idx"_s,
                  }});

    // 10: FTS5 gathers new index entries in memory and writes a segment whenever they pass its hash
    // size (1 MiB by default), then merges those segments. Writers that index many leads at once
    // (ingest's end of run, imports, the demo) write far fewer with 8 MiB: 100k leads index in
    // 0.35 s instead of 0.5 s. A connection holds at most that much more while it indexes.
    steps.append({u"bigger in-memory buffer for the search index"_s,
                  {
                      u"INSERT INTO leads_search (leads_search, rank) VALUES ('hashsize', 8388608)"_s,
                  }});

    // 11: a count of writes to leads. A writer that caches leads between its transactions (ingest)
    // must know whether another connection changed one meanwhile; PRAGMA data_version also counts
    // the campaign runner's outbox and enrollment writes, which follow every batch of an import.
    steps.append({u"count of writes to leads"_s,
                  {
                      u"CREATE TABLE lead_writes (id INTEGER PRIMARY KEY CHECK (id = 1), n INTEGER NOT NULL)"_s,
                      u"INSERT INTO lead_writes (id, n) VALUES (1, 0)"_s,
                      u"CREATE TRIGGER lead_writes_inserted AFTER INSERT ON leads BEGIN"
                      " UPDATE lead_writes SET n = n + 1; END"_s,
                      u"CREATE TRIGGER lead_writes_updated AFTER UPDATE ON leads BEGIN"
                      " UPDATE lead_writes SET n = n + 1; END"_s,
                      u"CREATE TRIGGER lead_writes_deleted AFTER DELETE ON leads BEGIN"
                      " UPDATE lead_writes SET n = n + 1; END"_s,
                  }});
    return steps;
}

// Process-wide SQLite settings, before its first connection (later, SQLite refuses them).
void configureSqliteOnce()
{
    // Memory statistics take a global mutex on every SQLite allocation; nothing here reads them.
    [[maybe_unused]] static const int memstatus = sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
}

} // namespace

const QList<Database::Migration> &Database::migrations()
{
    static const QList<Migration> steps = buildMigrations();
    return steps;
}

const QStringList &Database::derivedDataTriggers()
{
    static const QStringList names{u"stage_history_inserted"_s, u"lead_rollup_inserted"_s, u"lead_rollup_updated"_s,
                                   u"leads_search_inserted"_s, u"lead_writes_inserted"_s, u"lead_writes_updated"_s,
                                   u"lead_writes_deleted"_s};
    return names;
}

QString Database::historyRefreshSql()
{
    return refreshHistorySql(u"?1"_s, u"stage_history.at >= ?2"_s);
}

Database::Database() = default;

bool Database::indexPendingSearch(qint64 limit, qint64 *indexed)
{
    // Inside the caller's write transaction both statements see the same waiting ids.
    const QString waiting = limit > 0 ? u"(SELECT id FROM leads_search_pending ORDER BY id LIMIT %1)"_s.arg(limit)
                                      : u"leads_search_pending"_s;
    QSqlQuery query(m_db);
    if (!exec(query, u"INSERT INTO leads_search (rowid, name, email, company)"
                     " SELECT l.id, l.name, l.email, l.company FROM "_s
                         + waiting + u" p JOIN leads l ON l.id = p.id"_s)
        || !exec(query, limit > 0 ? u"DELETE FROM leads_search_pending WHERE id IN "_s + waiting
                                  : u"DELETE FROM leads_search_pending"_s))
        return false;
    if (indexed)
        *indexed = query.numRowsAffected();
    return true;
}

std::optional<QStringList> Database::derivedDataTriggerDefinitions()
{
    QSqlQuery query(m_db);
    if (!exec(query, u"SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name IN ('"_s
                         + derivedDataTriggers().join(u"', '"_s) + u"')"_s))
        return std::nullopt;
    QStringList definitions;
    while (query.next())
        definitions.append(query.value(0).toString());
    return definitions;
}

bool Database::rebuildDerivedData()
{
    Transaction transaction(*this);
    if (!transaction.isActive()) {
        m_lastError = transaction.error();
        return false;
    }
    const std::optional<QStringList> triggers = derivedDataTriggerDefinitions();
    if (!triggers)
        return false;
    QSqlQuery query(m_db);
    QStringList statements;
    for (const QString &name : derivedDataTriggers())
        statements.append(u"DROP TRIGGER IF EXISTS "_s + name);
    // One pass over each table, and only rows that differ are written: every column here is in
    // covering indexes, and a loader that wrote its rows complete rewrites nothing.
    statements << u"UPDATE leads SET reached = r.bits FROM (SELECT lead_id, SUM(DISTINCT "_s + stageBitSql(u"to_stage"_s)
                      + u") AS bits FROM stage_history GROUP BY lead_id) r"
                        " WHERE r.lead_id = leads.id AND leads.reached IS NOT r.bits"_s
               << u"UPDATE leads SET reached = 0 WHERE reached <> 0"
                  " AND NOT EXISTS (SELECT 1 FROM stage_history h WHERE h.lead_id = leads.id)"_s
               // prev_at as previousAtSql() defines it: the previous row by (at, id).
               << u"UPDATE stage_history SET prev_at = w.prev, owner = l.owner, source = l.source"
                  " FROM (SELECT id, LAG(at) OVER (PARTITION BY lead_id ORDER BY at, id) AS prev FROM stage_history) w,"
                  " leads l WHERE w.id = stage_history.id AND l.id = stage_history.lead_id"
                  " AND (stage_history.prev_at IS NOT w.prev OR stage_history.owner IS NOT l.owner"
                  " OR stage_history.source IS NOT l.source)"_s
               << u"DELETE FROM lead_rollup"_s
               << u"INSERT INTO lead_rollup SELECT stage, owner, source, "_s + scoreBucketSql(u"score"_s) + u", "_s
                      + furthestSql(u"reached"_s) + u", COUNT(*), SUM(score) FROM leads GROUP BY 1, 2, 3, 4, 5"_s
               << u"INSERT INTO leads_search (leads_search) VALUES ('rebuild')"_s
               << u"DELETE FROM leads_search_pending"_s;
    statements += *triggers;
    for (const QString &statement : std::as_const(statements)) {
        if (!exec(query, statement))
            return false;
    }
    if (!transaction.commit()) {
        m_lastError = transaction.error();
        return false;
    }
    return true;
}

sqlite3 *Database::sqliteHandleOf(const QSqlDatabase &connection)
{
    if (!connection.isValid() || !connection.driver())
        return nullptr;
    const QVariant handle = connection.driver()->handle();
    if (!handle.isValid() || qstrcmp(handle.typeName(), "sqlite3*") != 0)
        return nullptr;
    return *static_cast<sqlite3 *const *>(handle.constData());
}

Database::~Database()
{
    close();
}

void Database::close()
{
    m_open = false;
    if (m_connectionName.isEmpty())
        return;
    m_db.close();
    m_db = QSqlDatabase(); // removeDatabase() wants no handle of the connection left alive
    QSqlDatabase::removeDatabase(m_connectionName);
    m_connectionName.clear();
}

bool Database::fail(const DatabaseError &error)
{
    m_lastError = error;
    close();
    return false;
}

DatabaseError Database::errorFor(const QSqlError &error) const
{
    return DatabaseError::fromSqlError(error, m_path);
}

bool Database::exec(QSqlQuery &query, const QString &sql)
{
    if (query.exec(sql))
        return true;
    m_lastError = errorFor(query.lastError());
    return false;
}

bool Database::open(const QString &path)
{
    configureSqliteOnce();
    close();
    m_path = path;
    m_lastError = {};
    m_connectionName = nextConnectionName();
    m_db = QSqlDatabase::addDatabase(u"QSQLITE"_s, m_connectionName);
    if (!m_db.isValid()) {
        const QString detail = Messages::tr("the Qt SQLite driver (QSQLITE) is not available");
        return fail({DatabaseError::Kind::Other, DatabaseError::describe(DatabaseError::Kind::Other, path, detail),
                     detail});
    }
    m_db.setDatabaseName(path);
    // SQLite creates a missing file on open (Qt opens it read-write with SQLITE_OPEN_CREATE).
    if (!m_db.open())
        return fail(errorFor(m_db.lastError()));

    // First, so that every later statement waits for other connections' locks instead of failing.
    m_busyWait = std::make_unique<BusyWait>(m_busyTimeoutMs);
    if (sqlite3 *handle = sqliteHandle())
        m_busyWait->install(handle);

    // Identity before anything that writes: a file that is not ours must be left exactly as it was.
    if (!checkIdentity() || !configure() || !migrate())
        return fail(m_lastError);
    m_open = true;
    return true;
}

bool Database::checkIdentity()
{
    QSqlQuery query(m_db);
    // The first read of the file: a garbage file fails here with SQLITE_NOTADB.
    if (!exec(query, u"PRAGMA application_id"_s))
        return false;
    const qint32 owner = query.next() ? query.value(0).toInt() : 0;
    if (!exec(query, u"SELECT count(*) FROM sqlite_master"_s))
        return false;
    const bool isEmpty = query.next() && query.value(0).toLongLong() == 0;
    // A new file (no tables yet) has application_id 0 until migration 1 stamps it.
    if (owner != applicationId && !(owner == 0 && isEmpty)) {
        m_lastError = {DatabaseError::Kind::NotFunnelboard,
                       DatabaseError::describe(DatabaseError::Kind::NotFunnelboard, m_path, {}),
                       Messages::tr("application_id is %1, expected %2").arg(owner).arg(applicationId)};
        return false;
    }
    const int version = schemaVersion();
    if (version < 0)
        return false;
    if (version > latestSchemaVersion()) {
        m_lastError = {DatabaseError::Kind::NewerSchema,
                       Messages::tr("The database %1 was written by a newer version of Funnelboard (schema version %2; "
                          "this version knows up to %3). Update Funnelboard to open it.")
                           .arg(QDir::toNativeSeparators(m_path))
                           .arg(version)
                           .arg(latestSchemaVersion()),
                       {}};
        return false;
    }
    return true;
}

bool Database::configure()
{
    QSqlQuery query(m_db);
    // 16 KiB pages for a new file (an existing one keeps its size): at a million leads and events
    // the B-trees are a level shallower and each write rewrites fewer pages. bench_ingest: ingest
    // and raw inserts 10-15 % faster; bench_board and bench_dashboard at 1M leads: as fast or faster.
    // It must come before the switch to WAL, after which the size is fixed.
    if (!exec(query, u"PRAGMA page_size = 16384"_s))
        return false;
    // WAL lets the board read while ingest writes. A file system without shared memory keeps the old
    // journal mode; that is slower but correct, so the answer is not checked.
    if (!exec(query, u"PRAGMA journal_mode = WAL"_s))
        return false;
    // NORMAL in WAL mode loses at most the last commits on power loss, never consistency.
    return exec(query, u"PRAGMA synchronous = NORMAL"_s) && exec(query, u"PRAGMA foreign_keys = ON"_s)
        // 64 MiB of page cache instead of SQLite's 2 MiB: ingest and the board work on 100k-1M leads,
        // whose indexes would otherwise be read from the OS again and again.
        && exec(query, u"PRAGMA cache_size = -65536"_s)
        // Statement journals (a write whose triggers write too keeps one until the statement ends)
        // and temporary sort tables stay in memory instead of temporary files: written to disk,
        // the journals of a bulk ingest came to several times the size of the data.
        && exec(query, u"PRAGMA temp_store = MEMORY"_s)
        // Ingest lets the WAL grow between checkpoints; give the disk space back once it is reset.
        && exec(query, u"PRAGMA journal_size_limit = 67108864"_s);
}

bool Database::migrate()
{
    if (schemaVersion() >= latestSchemaVersion())
        return !m_lastError.isError(); // reopening an up-to-date file writes nothing
    const QList<Migration> &steps = migrations();
    for (;;) {
        // IMMEDIATE: two processes opening the same new file must not both run a step.
        Transaction transaction(*this, Transaction::Mode::Immediate);
        if (!transaction.isActive()) {
            m_lastError = transaction.error();
            return false;
        }
        const int version = schemaVersion(); // again, inside the lock
        if (version < 0)
            return false;
        if (version >= latestSchemaVersion())
            return true; // another process migrated meanwhile; the transaction rolls back nothing

        QSqlQuery query(m_db);
        for (const QString &statement : steps.at(version).statements) {
            if (!exec(query, statement))
                return false;
        }
        if (!exec(query, u"PRAGMA application_id = %1"_s.arg(applicationId))
            || !exec(query, u"PRAGMA user_version = %1"_s.arg(version + 1)))
            return false;
        if (!transaction.commit()) {
            m_lastError = transaction.error();
            return false;
        }
    }
}

int Database::schemaVersion() const
{
    QSqlQuery query(m_db);
    if (!query.exec(u"PRAGMA user_version"_s) || !query.next()) {
        m_lastError = errorFor(query.lastError());
        return -1;
    }
    return query.value(0).toInt();
}

std::optional<QString> Database::settingValue(const QString &key) const
{
    QSqlQuery query(m_db);
    query.prepare(u"SELECT value FROM settings WHERE key = ?"_s);
    query.addBindValue(key);
    if (!query.exec()) {
        m_lastError = errorFor(query.lastError());
        return std::nullopt;
    }
    if (!query.next() || query.isNull(0))
        return std::nullopt;
    return query.value(0).toString();
}

bool Database::setSettingValue(const QString &key, const QString &value)
{
    QSqlQuery query(m_db);
    query.prepare(u"INSERT INTO settings (key, value) VALUES (?, ?)"
                  " ON CONFLICT (key) DO UPDATE SET value = excluded.value"_s);
    query.addBindValue(key);
    query.addBindValue(value);
    if (!query.exec()) {
        m_lastError = errorFor(query.lastError());
        return false;
    }
    return true;
}

RuleSet Database::activeRules(QString *error) const
{
    const std::optional<QString> stored = settingValue(u"rules"_s);
    if (!stored)
        return RuleSet::defaults();
    QString parseError;
    if (std::optional<RuleSet> rules = RuleSetJson::fromJson(stored->toUtf8(), &parseError))
        return *rules;
    if (error) {
        *error = Messages::tr("The scoring rules saved in %1 are unreadable (%2); using the default rules.")
                     .arg(QDir::toNativeSeparators(m_path), parseError);
    }
    return RuleSet::defaults();
}

bool Database::setActiveRules(const RuleSet &rules)
{
    return setSettingValue(u"rules"_s, QString::fromUtf8(RuleSetJson::toJson(rules)));
}

} // namespace funnel
