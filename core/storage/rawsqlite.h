#pragma once

#include <QByteArrayView>
#include <QString>

#include <sqlite3.h>

#include <memory>

// The raw sqlite3 API as the bulk writers use it (IngestPipeline: Qt SQL's per-statement QVariant
// binding and result buffering cost more than the inserts themselves): owning handles, binding text
// without copies, reading it back.

namespace funnel {

struct StatementDeleter {
    void operator()(sqlite3_stmt *statement) const { sqlite3_finalize(statement); }
};
using Statement = std::unique_ptr<sqlite3_stmt, StatementDeleter>;

struct ConnectionCloser {
    void operator()(sqlite3 *db) const { sqlite3_close(db); }
};
using Connection = std::unique_ptr<sqlite3, ConnectionCloser>;

// Resets a statement when the scope ends, so that none is left mid-step at COMMIT.
class StatementReset
{
public:
    explicit StatementReset(const Statement &statement)
        : m_statement(statement.get())
    {
    }
    ~StatementReset() { sqlite3_reset(m_statement); }
    StatementReset(const StatementReset &) = delete;
    StatementReset &operator=(const StatementReset &) = delete;

private:
    sqlite3_stmt *m_statement = nullptr;
};

// SQLITE_STATIC: every bound string outlives the sqlite3_step() that reads it.
inline void bindText(sqlite3_stmt *statement, int index, const QString &text)
{
    sqlite3_bind_text16(statement, index, text.utf16(), int(text.size() * 2), SQLITE_STATIC);
}

inline void bindTextOrNull(sqlite3_stmt *statement, int index, const QString &text)
{
    if (text.isEmpty())
        sqlite3_bind_null(statement, index);
    else
        bindText(statement, index, text);
}

inline void bindUtf8(sqlite3_stmt *statement, int index, QByteArrayView utf8)
{
    sqlite3_bind_text(statement, index, utf8.data(), int(utf8.size()), SQLITE_STATIC);
}

inline QString columnText(sqlite3_stmt *statement, int column)
{
    const void *text = sqlite3_column_text16(statement, column);
    if (!text)
        return {};
    return QString(static_cast<const QChar *>(text), sqlite3_column_bytes16(statement, column) / 2);
}

// Steps a one-row, one-column query into `value` (0 for NULL); SQLITE_ROW when it did, else the error.
int queryInteger(sqlite3 *db, const char *sql, qint64 *value);

// A connection of its own to the file of `db`, for another thread; nullptr for a database without a
// file (an in-memory database has no second connection) or when it cannot be opened.
sqlite3 *openSecondConnection(sqlite3 *db, int busyTimeoutMs);

} // namespace funnel
