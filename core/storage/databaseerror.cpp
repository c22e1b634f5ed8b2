#include "core/storage/databaseerror.h"

#include <QCoreApplication>
#include <QDir>
#include <QSqlError>

#include <sqlite3.h>

namespace funnel {
namespace {

// This file's messages, in the translation context "DatabaseError" (lupdate reads the macro).
struct Messages {
    Q_DECLARE_TR_FUNCTIONS(DatabaseError)
};

} // namespace

DatabaseError DatabaseError::fromSqliteCode(int code, const QString &path, const QString &detail)
{
    Kind kind = Kind::Other;
    switch (code & 0xff) { // the primary code is the low byte of an extended code
    case SQLITE_OK:
    case SQLITE_ROW:
    case SQLITE_DONE: kind = Kind::None; break;
    case SQLITE_BUSY:
    case SQLITE_LOCKED: kind = Kind::Locked; break;
    case SQLITE_CORRUPT:
    case SQLITE_NOTADB: kind = Kind::Corrupt; break;
    case SQLITE_CANTOPEN:
    case SQLITE_IOERR:
    case SQLITE_READONLY:
    case SQLITE_FULL:
    case SQLITE_PERM:
    case SQLITE_NOLFS: kind = Kind::Io; break;
    default: break;
    }
    if (kind == Kind::None)
        return {};
    return {kind, describe(kind, path, detail), detail};
}

DatabaseError DatabaseError::fromSqlError(const QSqlError &error, const QString &path)
{
    if (error.type() == QSqlError::NoError)
        return {};
    bool ok = false;
    const int code = error.nativeErrorCode().toInt(&ok);
    const QString detail = error.databaseText().isEmpty() ? error.driverText() : error.databaseText();
    if (!ok) // the driver failed before SQLite said anything (e.g. the plugin is missing)
        return {Kind::Other, describe(Kind::Other, path, detail), detail};
    DatabaseError result = fromSqliteCode(code, path, detail);
    if (!result.isError()) // Qt saw an error SQLite did not report as one
        result = {Kind::Other, describe(Kind::Other, path, detail), detail};
    return result;
}

QString DatabaseError::describe(Kind kind, const QString &path, const QString &detail)
{
    const QString file = QDir::toNativeSeparators(path);
    switch (kind) {
    case Kind::None: return {};
    case Kind::Locked:
        return Messages::tr("The database %1 is locked by another program or another Funnelboard window; "
                  "try again when it has finished.")
            .arg(file);
    case Kind::Corrupt: return Messages::tr("The file %1 is not a database, or it is damaged.").arg(file);
    case Kind::NotFunnelboard:
        return Messages::tr("The file %1 is a database of another application, not a Funnelboard database; "
                  "it was left unchanged.")
            .arg(file);
    case Kind::NewerSchema:
        return Messages::tr("The database %1 was written by a newer version of Funnelboard; update Funnelboard to open it.")
            .arg(file);
    case Kind::Io: return Messages::tr("Cannot open, read or write the database %1: %2.").arg(file, detail);
    case Kind::Other: return Messages::tr("The database %1 reported an error: %2.").arg(file, detail);
    }
    return {};
}

QString DatabaseError::kindName(Kind kind)
{
    switch (kind) {
    case Kind::None: return QStringLiteral("None");
    case Kind::Locked: return QStringLiteral("Locked");
    case Kind::Corrupt: return QStringLiteral("Corrupt");
    case Kind::NotFunnelboard: return QStringLiteral("NotFunnelboard");
    case Kind::NewerSchema: return QStringLiteral("NewerSchema");
    case Kind::Io: return QStringLiteral("Io");
    case Kind::Other: return QStringLiteral("Other");
    }
    return {};
}

} // namespace funnel
