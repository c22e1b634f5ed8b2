#pragma once

#include "core/campaigns/campaign.h"
#include "core/storage/databaseerror.h"

#include <QCoreApplication>
#include <QList>
#include <QString>

#include <optional>

namespace funnel {

class Database;

// One line of what campaigns did that people should see (campaign_activity).
struct CampaignActivity {
    qint64 atMs = 0;
    QString campaign;
    qint64 leadId = 0;
    QString leadEmail;
    QString kind; // 'notify', 'move_refused', 'declined', 'webhook_invalid'
    QString text;
};

// A campaign as the campaigns table holds it, with its enrollment counts for lists.
struct StoredCampaign {
    Campaign campaign;
    qint64 updatedAtMs = 0;
    qint64 enrolled = 0; // every enrollment the campaign ever had (declined ones excluded)
    qint64 active = 0;
};

// The campaigns table: one row per campaign, its definition as CampaignJson, `enabled` mirrored in a
// column so that the scheduler can filter in SQL. Enabling checks CampaignEngine::problems().
class CampaignStore
{
    Q_DECLARE_TR_FUNCTIONS(CampaignStore)

public:
    explicit CampaignStore(Database &database) : m_database(database) {}

    QList<StoredCampaign> campaigns() const;
    std::optional<Campaign> campaign(const QString &name) const;

    // Inserts or replaces the definition. An enabled campaign with problems is stored disabled and
    // the problems are returned in `problems` (the edit is kept; enabling waits for a fix).
    bool save(const Campaign &campaign, qint64 nowMs, QStringList *problems = nullptr);
    // Refused with the reasons (translated sentences) in `problems` when the campaign cannot run.
    bool setEnabled(const QString &name, bool enabled, qint64 nowMs, QStringList *problems = nullptr);
    bool remove(const QString &name);
    // The shipped campaigns that are not in the table yet (disabled: their targets are placeholders).
    bool installDefaults(qint64 nowMs);
    // The newest activity first: notes for sales, refused moves, declined enrollments.
    QList<CampaignActivity> recentActivity(int limit) const;

    const DatabaseError &lastError() const { return m_lastError; }

private:
    bool write(const Campaign &campaign, qint64 nowMs);

    Database &m_database;
    mutable DatabaseError m_lastError;
};

} // namespace funnel
