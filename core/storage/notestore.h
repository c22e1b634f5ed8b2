#pragma once

#include "core/storage/databaseerror.h"
#include "core/storage/note.h"

#include <QList>

#include <optional>

namespace funnel {

class Database;

// Notes of a lead: add, list (newest first) and remove (the undo of an add).
class NoteStore
{
public:
    explicit NoteStore(Database &database) : m_database(database) {}

    // The stored note with its id; nullopt on error or an empty body.
    std::optional<Note> add(qint64 leadId, const QString &body, const QString &author, qint64 atMs);
    std::optional<QList<Note>> list(qint64 leadId);
    bool remove(qint64 noteId);

    const DatabaseError &lastError() const { return m_lastError; }

private:
    Database &m_database;
    DatabaseError m_lastError;
};

} // namespace funnel
