#pragma once

#include <QString>

class QSqlError;

namespace funnel {

// Storage errors are values, never crashes: a kind the caller can act on and a sentence for people.
struct DatabaseError {
    enum class Kind {
        None,
        Locked,         // another connection holds the lock longer than the busy timeout
        Corrupt,        // not an SQLite file at all, or a damaged one
        NotFunnelboard, // an SQLite file of another application; left unchanged
        NewerSchema,    // written by a newer Funnelboard (user_version above ours)
        Io,             // cannot create, open, read or write the file
        Other,          // anything else SQLite reports (a bug, a constraint, ...)
    };

    Kind kind = Kind::None;
    QString message; // translated sentence that names the file
    QString detail;  // the driver's own text, for logs; may be empty

    bool isError() const { return kind != Kind::None; }

    // Classifies an SQLite result code (primary or extended) for the database at `path`.
    static DatabaseError fromSqliteCode(int code, const QString &path, const QString &detail);
    // Same for an error of a QSQLITE connection (its native code is SQLite's result code).
    static DatabaseError fromSqlError(const QSqlError &error, const QString &path);
    // The sentence for `kind` (NewerSchema and None have their own wording elsewhere).
    static QString describe(Kind kind, const QString &path, const QString &detail);

    static QString kindName(Kind kind); // "Locked", "Corrupt", ... for logs and tests
};

} // namespace funnel
