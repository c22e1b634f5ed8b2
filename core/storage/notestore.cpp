#include "core/storage/notestore.h"

#include "core/storage/database.h"

#include <QCoreApplication>
#include <QSqlError>
#include <QSqlQuery>

namespace funnel {

using namespace Qt::StringLiterals;

std::optional<Note> NoteStore::add(qint64 leadId, const QString &body, const QString &author, qint64 atMs)
{
    m_lastError = {};
    const QString text = body.trimmed();
    if (text.isEmpty()) {
        m_lastError = {DatabaseError::Kind::Other, QCoreApplication::translate("NoteStore", "A note needs some text."), {}};
        return std::nullopt;
    }
    QSqlQuery query(m_database.connection());
    query.prepare(u"INSERT INTO notes (lead_id, at, author, body) VALUES (?, ?, ?, ?)"_s);
    query.addBindValue(leadId);
    query.addBindValue(atMs);
    query.addBindValue(author.isNull() ? u""_s : author);
    query.addBindValue(text);
    if (!query.exec()) {
        m_lastError = m_database.errorFor(query.lastError());
        return std::nullopt;
    }
    return Note{query.lastInsertId().toLongLong(), leadId, atMs, author, text};
}

std::optional<QList<Note>> NoteStore::list(qint64 leadId)
{
    m_lastError = {};
    QSqlQuery query(m_database.connection());
    query.setForwardOnly(true);
    query.prepare(u"SELECT id, at, author, body FROM notes WHERE lead_id = ? ORDER BY at DESC, id DESC"_s);
    query.addBindValue(leadId);
    if (!query.exec()) {
        m_lastError = m_database.errorFor(query.lastError());
        return std::nullopt;
    }
    QList<Note> notes;
    while (query.next())
        notes.append({query.value(0).toLongLong(), leadId, query.value(1).toLongLong(), query.value(2).toString(),
                      query.value(3).toString()});
    return notes;
}

bool NoteStore::remove(qint64 noteId)
{
    m_lastError = {};
    QSqlQuery query(m_database.connection());
    query.prepare(u"DELETE FROM notes WHERE id = ?"_s);
    query.addBindValue(noteId);
    if (!query.exec()) {
        m_lastError = m_database.errorFor(query.lastError());
        return false;
    }
    return true;
}

} // namespace funnel
