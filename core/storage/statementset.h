#pragma once

#include "core/storage/databaseerror.h"
#include "core/storage/rawsqlite.h"

#include <QByteArray>
#include <QHash>
#include <QString>

namespace funnel {

// The prepared statements of one side of a run, and how their failures become a DatabaseError.
class StatementSet
{
public:
    StatementSet(sqlite3 *db, QString path);

    sqlite3 *db = nullptr;
    QString path;
    DatabaseError error;

    // Sets `error` from the connection's; always false.
    bool fail(int code);
    bool prepare(Statement &statement, const char *sql);
    bool step(const Statement &statement); // expects SQLITE_DONE
    bool exec(const char *sql);
    bool queryInteger(const char *sql, qint64 *value);

    // Event types, stage names, causes and campaigns repeat endlessly: converted once each.
    const QByteArray &utf8(const QString &text);

private:
    QHash<QString, QByteArray> m_utf8;
};

} // namespace funnel
