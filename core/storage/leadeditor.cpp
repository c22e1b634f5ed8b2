#include "core/storage/leadeditor.h"

#include "core/storage/database.h"
#include "core/storage/sqlvalues.h"
#include "core/storage/transaction.h"

#include <QCoreApplication>
#include <QSqlError>
#include <QSqlQuery>

namespace funnel {

using namespace Qt::StringLiterals;

std::optional<LeadFields> LeadEditor::fields(qint64 leadId)
{
    m_lastError = {};
    m_refusal.clear();
    QSqlQuery query(m_database.connection());
    query.prepare(u"SELECT name, company, title, owner, source FROM leads WHERE id = ?"_s);
    query.addBindValue(leadId);
    if (!query.exec()) {
        m_lastError = m_database.errorFor(query.lastError());
        return std::nullopt;
    }
    if (!query.next()) {
        m_refusal = QCoreApplication::translate("LeadEditor", "There is no lead with id %1.").arg(leadId);
        return std::nullopt;
    }
    return LeadFields{query.value(0).toString(), query.value(1).toString(), query.value(2).toString(),
                      query.value(3).toString(), query.value(4).toString()};
}

bool LeadEditor::setFields(qint64 leadId, const LeadFields &to, const std::optional<LeadFields> &expected)
{
    Transaction transaction(m_database);
    if (!transaction.isActive()) {
        m_lastError = transaction.error();
        return false;
    }
    // Read inside the write lock: the check and the write see the same row.
    const std::optional<LeadFields> current = fields(leadId);
    if (!current)
        return false;
    if (expected && *current != *expected) {
        m_refusal = QCoreApplication::translate("LeadEditor", "Lead %1 was changed elsewhere in the meantime.")
                        .arg(leadId);
        return false;
    }
    QSqlQuery query(m_database.connection());
    query.prepare(u"UPDATE leads SET name = ?, company = ?, title = ?, owner = ?, source = ? WHERE id = ?"_s);
    query.addBindValue(notNull(to.name));
    query.addBindValue(notNull(to.company));
    query.addBindValue(notNull(to.title));
    query.addBindValue(notNull(to.owner));
    query.addBindValue(notNull(to.source));
    query.addBindValue(leadId);
    if (!query.exec()) {
        m_lastError = m_database.errorFor(query.lastError());
        return false;
    }
    if (!transaction.commit()) {
        m_lastError = transaction.error();
        return false;
    }
    return true;
}

} // namespace funnel
