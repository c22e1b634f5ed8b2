#pragma once

#include "core/storage/databaseerror.h"
#include "core/storage/inboxentry.h"

#include <QList>

#include <optional>

namespace funnel {

class Database;

// The new-SQL inbox in SQL: leads with stage = 'SQL' AND seen_at IS NULL, newest promotion first,
// and the promotions that appeared since a given stage_history id (for the desktop notification).
class InboxQuery
{
public:
    explicit InboxQuery(Database &database) : m_database(database) {}

    struct Cursor {
        qint64 promotedAtMs = 0;
        qint64 id = 0;
    };
    // A page of at most `limit` entries after `after` (the last entry of the previous page).
    std::optional<QList<InboxEntry>> page(std::optional<Cursor> after, int limit);
    std::optional<qint64> unseenCount();

    // The newest stage_history id of a move into SQL; 0 when there is none.
    std::optional<qint64> latestPromotionId();
    // Promotions into SQL with a history id above `afterHistoryId` whose lead is still an unseen SQL,
    // oldest first. Undo and import do not count: sales heard of those leads already.
    std::optional<QList<SqlPromotion>> promotionsAfter(qint64 afterHistoryId);

    const DatabaseError &lastError() const { return m_lastError; }

private:
    Database &m_database;
    DatabaseError m_lastError;
};

} // namespace funnel
