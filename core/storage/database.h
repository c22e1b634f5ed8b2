#pragma once

#include "core/domain/ruleset.h"
#include "core/storage/databaseerror.h"

#include <QList>
#include <QSqlDatabase>
#include <QString>
#include <QStringList>

#include <memory>
#include <optional>

class QSqlQuery;
struct sqlite3;

namespace funnel {

// One Funnelboard database file, through one named QSqlDatabase connection (QSQLITE).
//
// A connection belongs to the thread that opened it: one Database per thread, each with its own
// connection name; the destructor closes and removes the connection. open() creates a missing file,
// checks that an existing one is ours, applies the pragmas and runs the pending migrations.
// Failures are values: open() returns false and lastError() says what kind and which file.
class BusyWait;

class Database
{
public:
    // SQLite's header field for "which application owns this file" ("FNLB" in ASCII). A file with
    // tables but another id belongs to someone else, and we refuse to touch it.
    static constexpr qint32 applicationId = 0x464E4C42;
    static constexpr int defaultBusyTimeoutMs = 5000;

    // The triggers (migration 3) that derive data from inserted leads and history rows and from a
    // lead's stage, score and reached: leads.reached, stage_history's prev_at / owner / source,
    // lead_rollup, and the search index's waiting list; and those of lead_writes (migration 11), the
    // count of writes to leads. A bulk writer that keeps that data itself (IngestPipeline) drops them
    // inside its own transaction and re-creates them from their sqlite_master text before it
    // commits, so no other connection ever sees them missing; it adds one to lead_writes for each
    // transaction that wrote leads. A change to what these triggers derive must be made in
    // IngestPipeline too (tst_derivedcolumns checks).
    static const QStringList &derivedDataTriggers();
    // What stage_history_inserted does after a history row is inserted: the lead's (?1) rows at or
    // after ?2 get their prev_at, owner and source again. For such a writer's rows that are older than
    // the lead's newest.
    static QString historyRefreshSql();

    // One forward-only schema step; run in a transaction that also sets user_version to its position.
    struct Migration {
        QString description;
        QStringList statements;
    };
    static const QList<Migration> &migrations();
    static int latestSchemaVersion() { return int(migrations().size()); }

    Database();
    ~Database();
    Database(const Database &) = delete;
    Database &operator=(const Database &) = delete;

    // Waiting for another connection's lock (BusyWait); applies to the next open().
    int busyTimeoutMs() const { return m_busyTimeoutMs; }
    void setBusyTimeoutMs(int milliseconds) { m_busyTimeoutMs = milliseconds; }

    bool open(const QString &path);
    void close();
    bool isOpen() const { return m_open; }

    QString path() const { return m_path; }
    QString connectionName() const { return m_connectionName; }
    QSqlDatabase connection() const { return m_db; }
    // Adds the leads created since the last call to the text search index, in one statement (see
    // migration 3); writers that create many leads call it before they commit. With a limit, only
    // the oldest `limit` waiting leads, so that a long list can be indexed in short transactions;
    // `indexed` tells how many were.
    bool indexPendingSearch(qint64 limit = 0, qint64 *indexed = nullptr);
    // Computes everything derivedDataTriggers() keep from the base rows again, in one transaction of
    // its own: leads.reached, stage_history's prev_at, owner and source, lead_rollup, and the search
    // index (no lead left waiting). For bulk loaders that write base rows only (tests/bench) and for
    // repair; the triggers are dropped meanwhile, so that it is one pass per table, not row by row.
    bool rebuildDerivedData();
    // The CREATE TRIGGER text of derivedDataTriggers() as this file stores it, for a writer that
    // drops them for a while and puts them back word for word. nullopt (and lastError()) on failure.
    std::optional<QStringList> derivedDataTriggerDefinitions();

    // The SQLite handle under the connection, for the few hot paths that bypass QtSql (bulk ingest)
    // and for sqlite3_interrupt(); nullptr when closed.
    sqlite3 *sqliteHandle() const { return sqliteHandleOf(m_db); }
    static sqlite3 *sqliteHandleOf(const QSqlDatabase &connection); // nullptr unless QSQLITE

    // The latest failure of open() or of a helper below; kind None after success.
    const DatabaseError &lastError() const { return m_lastError; }
    // Classifies an error of this connection (for repositories that run their own queries).
    DatabaseError errorFor(const QSqlError &error) const;

    // PRAGMA user_version of the open file; -1 on error.
    int schemaVersion() const;

    // The settings table. nullopt when the key is absent (or on error; see lastError()).
    std::optional<QString> settingValue(const QString &key) const;
    bool setSettingValue(const QString &key, const QString &value);

    // The scoring rules in force, stored as RuleSetJson under the key "rules"; the shipped defaults
    // when none were saved. Unreadable stored rules also give the defaults, with the reason in `error`.
    RuleSet activeRules(QString *error = nullptr) const;
    bool setActiveRules(const RuleSet &rules);

private:
    bool fail(const DatabaseError &error);
    bool exec(QSqlQuery &query, const QString &sql);
    bool checkIdentity();
    bool configure();
    bool migrate();

    QSqlDatabase m_db;
    QString m_connectionName;
    QString m_path;
    mutable DatabaseError m_lastError;
    int m_busyTimeoutMs = defaultBusyTimeoutMs;
    std::unique_ptr<BusyWait> m_busyWait; // the connection's busy handler
    bool m_open = false;
};

} // namespace funnel
