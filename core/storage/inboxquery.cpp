#include "core/storage/inboxquery.h"

#include "core/storage/database.h"

#include <QSqlError>
#include <QSqlQuery>

namespace funnel {

using namespace Qt::StringLiterals;

std::optional<QList<InboxEntry>> InboxQuery::page(std::optional<Cursor> after, int limit)
{
    m_lastError = {};
    QSqlQuery query(m_database.connection());
    query.setForwardOnly(true);
    // leads_stage_entered_idx (stage, stage_entered_at) serves the order; keyset paging keeps every
    // page as cheap as the first.
    query.prepare(u"SELECT l.id, l.name, l.company, coalesce(l.email, ''), l.score, l.owner, l.stage_entered_at,"
                  " h.cause, h.reason"
                  " FROM leads AS l"
                  " LEFT JOIN stage_history AS h ON h.id = (SELECT max(id) FROM stage_history"
                  "   WHERE lead_id = l.id AND to_stage = 'SQL')"
                  " WHERE l.stage = 'SQL' AND l.seen_at IS NULL"_s
                  + (after ? u" AND (l.stage_entered_at < ? OR (l.stage_entered_at = ? AND l.id < ?))"_s : QString())
                  + u" ORDER BY l.stage_entered_at DESC, l.id DESC LIMIT ?"_s);
    if (after) {
        query.addBindValue(after->promotedAtMs);
        query.addBindValue(after->promotedAtMs);
        query.addBindValue(after->id);
    }
    query.addBindValue(limit);
    if (!query.exec()) {
        m_lastError = m_database.errorFor(query.lastError());
        return std::nullopt;
    }
    QList<InboxEntry> entries;
    while (query.next()) {
        InboxEntry entry;
        entry.id = query.value(0).toLongLong();
        entry.name = query.value(1).toString();
        entry.company = query.value(2).toString();
        entry.email = query.value(3).toString();
        entry.score = query.value(4).toInt();
        entry.owner = query.value(5).toString();
        entry.promotedAtMs = query.value(6).toLongLong();
        entry.cause = query.value(7).toString();
        entry.reason = query.value(8).toString();
        entries.append(entry);
    }
    return entries;
}

std::optional<qint64> InboxQuery::unseenCount()
{
    m_lastError = {};
    QSqlQuery query(m_database.connection());
    if (!query.exec(u"SELECT count(*) FROM leads WHERE stage = 'SQL' AND seen_at IS NULL"_s) || !query.next()) {
        m_lastError = m_database.errorFor(query.lastError());
        return std::nullopt;
    }
    return query.value(0).toLongLong();
}

std::optional<qint64> InboxQuery::latestPromotionId()
{
    m_lastError = {};
    QSqlQuery query(m_database.connection());
    if (!query.exec(u"SELECT coalesce(max(id), 0) FROM stage_history WHERE to_stage = 'SQL'"_s) || !query.next()) {
        m_lastError = m_database.errorFor(query.lastError());
        return std::nullopt;
    }
    return query.value(0).toLongLong();
}

std::optional<QList<SqlPromotion>> InboxQuery::promotionsAfter(qint64 afterHistoryId)
{
    m_lastError = {};
    QSqlQuery query(m_database.connection());
    query.setForwardOnly(true);
    // The id range comes first: a rowid range scan over the few newest history rows.
    query.prepare(u"SELECT h.id, h.lead_id, CASE WHEN l.name <> '' THEN l.name ELSE coalesce(l.email, '') END,"
                  " l.company, h.reason FROM stage_history AS h JOIN leads AS l ON l.id = h.lead_id"
                  " WHERE h.id > ? AND h.to_stage = 'SQL' AND h.cause NOT IN ('undo', 'import')"
                  " AND l.stage = 'SQL' AND l.seen_at IS NULL ORDER BY h.id"_s);
    query.addBindValue(afterHistoryId);
    if (!query.exec()) {
        m_lastError = m_database.errorFor(query.lastError());
        return std::nullopt;
    }
    QList<SqlPromotion> promotions;
    while (query.next())
        promotions.append({query.value(0).toLongLong(), query.value(1).toLongLong(), query.value(2).toString(),
                           query.value(3).toString(), query.value(4).toString()});
    return promotions;
}

} // namespace funnel
