#pragma once

#include "core/domain/ruleset.h"
#include "core/storage/databaseerror.h"
#include "core/storage/leaddetails.h"

#include <QHash>
#include <QList>

#include <optional>

namespace funnel {

class Database;

// Reads what the lead panel shows: the lead, its score ledger, its stage history, pages of its
// event timeline; and marks a lead seen. Runs on the thread that opened the Database.
class LeadDetailsQuery
{
public:
    explicit LeadDetailsQuery(Database &database) : m_database(database) {}

    // nullopt when there is no such lead (lastError() is None) or on a database error.
    // Each ledger line names the rules version that scored it (see ScoreContribution::rulesVersion);
    // that version's rules tell capped events (zero points from a rule that grants points) from
    // unscored ones, and `rules` does where no version is recorded.
    std::optional<LeadDetails> load(qint64 leadId, const RuleSet &rules);

    // Newest first. `before` is the (occurred_at, id) of the last event of the previous page, or
    // nullopt for the first page.
    struct TimelineCursor {
        qint64 atMs = 0;
        qint64 id = 0;
    };
    std::optional<QList<LeadTimelineEvent>> timelinePage(qint64 leadId, std::optional<TimelineCursor> before,
                                                         int limit);

    // Sets seen_at when it is NULL (opening a lead again keeps the first time). True when it changed.
    std::optional<bool> markSeen(qint64 leadId, qint64 nowMs);

    // Leads whose email, name or company contains `text` (case-insensitive), or whose id it is.
    std::optional<QList<LeadMatch>> search(const QString &text, int limit, qint64 excludeId = 0);

    const DatabaseError &lastError() const { return m_lastError; }

private:
    // The rules of version `id`, parsed once per query object; nullptr when there is none.
    const RuleSet *versionRules(qint64 id);

    Database &m_database;
    DatabaseError m_lastError;
    QHash<qint64, std::optional<RuleSet>> m_versionRules;
};

} // namespace funnel
