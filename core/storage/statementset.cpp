#include "core/storage/statementset.h"

namespace funnel {

StatementSet::StatementSet(sqlite3 *db, QString path)
    : db(db)
    , path(std::move(path))
{
}

bool StatementSet::fail(int code)
{
    error = DatabaseError::fromSqliteCode(code, path, QString::fromUtf8(sqlite3_errmsg(db)));
    if (!error.isError())
        error = {DatabaseError::Kind::Other, DatabaseError::describe(DatabaseError::Kind::Other, path, {}), {}};
    return false;
}

bool StatementSet::prepare(Statement &statement, const char *sql)
{
    sqlite3_stmt *raw = nullptr;
    const int rc = sqlite3_prepare_v3(db, sql, -1, SQLITE_PREPARE_PERSISTENT, &raw, nullptr);
    statement.reset(raw);
    return rc == SQLITE_OK || fail(rc);
}

bool StatementSet::step(const Statement &statement)
{
    const int rc = sqlite3_step(statement.get());
    return rc == SQLITE_DONE || fail(rc);
}

bool StatementSet::exec(const char *sql)
{
    const int rc = sqlite3_exec(db, sql, nullptr, nullptr, nullptr);
    return rc == SQLITE_OK || fail(rc);
}

bool StatementSet::queryInteger(const char *sql, qint64 *value)
{
    const int rc = funnel::queryInteger(db, sql, value);
    return rc == SQLITE_ROW || fail(rc);
}

const QByteArray &StatementSet::utf8(const QString &text)
{
    auto it = m_utf8.find(text);
    if (it == m_utf8.end())
        it = m_utf8.insert(text, text.toUtf8());
    return it.value();
}

} // namespace funnel
