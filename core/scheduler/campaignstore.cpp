#include "core/scheduler/campaignstore.h"

#include "core/campaigns/campaignengine.h"
#include "core/campaigns/campaignjson.h"
#include "core/campaigns/defaultcampaigns.h"
#include "core/storage/database.h"

#include <QSqlError>
#include <QSqlQuery>

namespace funnel {

using namespace Qt::StringLiterals;

QList<StoredCampaign> CampaignStore::campaigns() const
{
    QList<StoredCampaign> list;
    QSqlQuery query(m_database.connection());
    // 'declined' enrollments never ran (see CampaignScheduler): they are not counted.
    if (!query.exec(u"SELECT c.name, c.definition, c.enabled, c.updated_at,"
                    " (SELECT count(*) FROM enrollments e WHERE e.campaign = c.name AND e.status <> 'declined'),"
                    " (SELECT count(*) FROM enrollments e WHERE e.campaign = c.name AND e.status = 'active')"
                    " FROM campaigns c ORDER BY c.name"_s)) {
        m_lastError = m_database.errorFor(query.lastError());
        return list;
    }
    while (query.next()) {
        std::optional<Campaign> campaign = CampaignJson::campaignFromJson(query.value(1).toByteArray());
        if (!campaign)
            continue; // written by save() only; an unreadable row is skipped rather than fatal
        campaign->name = query.value(0).toString();
        campaign->enabled = query.value(2).toBool();
        list.append({*campaign, query.value(3).toLongLong(), query.value(4).toLongLong(), query.value(5).toLongLong()});
    }
    return list;
}

std::optional<Campaign> CampaignStore::campaign(const QString &name) const
{
    QSqlQuery query(m_database.connection());
    query.prepare(u"SELECT definition, enabled FROM campaigns WHERE name = ?"_s);
    query.addBindValue(name);
    if (!query.exec()) {
        m_lastError = m_database.errorFor(query.lastError());
        return std::nullopt;
    }
    if (!query.next())
        return std::nullopt;
    std::optional<Campaign> campaign = CampaignJson::campaignFromJson(query.value(0).toByteArray());
    if (campaign) {
        campaign->name = name;
        campaign->enabled = query.value(1).toBool();
    }
    return campaign;
}

bool CampaignStore::write(const Campaign &campaign, qint64 nowMs)
{
    QSqlQuery query(m_database.connection());
    // enabled_at: when the campaign last went from disabled to enabled (see CampaignScheduler).
    query.prepare(u"INSERT INTO campaigns (name, enabled, definition, updated_at, enabled_at) VALUES (?, ?, ?, ?, ?)"
                  " ON CONFLICT (name) DO UPDATE SET enabled = excluded.enabled, definition = excluded.definition,"
                  " updated_at = excluded.updated_at,"
                  " enabled_at = CASE WHEN excluded.enabled = 0 THEN NULL"
                  "   WHEN campaigns.enabled = 1 THEN campaigns.enabled_at ELSE excluded.enabled_at END"_s);
    query.addBindValue(campaign.name);
    query.addBindValue(campaign.enabled ? 1 : 0);
    query.addBindValue(QString::fromUtf8(CampaignJson::campaignToJson(campaign)));
    query.addBindValue(nowMs);
    query.addBindValue(campaign.enabled ? QVariant(nowMs) : QVariant(QMetaType::fromType<qint64>()));
    if (!query.exec()) {
        m_lastError = m_database.errorFor(query.lastError());
        return false;
    }
    return true;
}

bool CampaignStore::save(const Campaign &campaign, qint64 nowMs, QStringList *problems)
{
    Campaign stored = campaign;
    const QStringList found = CampaignEngine::problems(campaign);
    if (problems)
        *problems = found;
    if (!found.isEmpty())
        stored.enabled = false;
    return write(stored, nowMs);
}

bool CampaignStore::setEnabled(const QString &name, bool enabled, qint64 nowMs, QStringList *problems)
{
    std::optional<Campaign> stored = campaign(name);
    if (!stored) {
        if (problems)
            *problems = QStringList{tr("There is no campaign named %1.").arg(name)};
        return false;
    }
    if (enabled) {
        const QStringList found = CampaignEngine::problems(*stored);
        if (!found.isEmpty()) {
            if (problems)
                *problems = found;
            return false;
        }
    }
    stored->enabled = enabled;
    return write(*stored, nowMs);
}

bool CampaignStore::remove(const QString &name)
{
    QSqlQuery query(m_database.connection());
    query.prepare(u"DELETE FROM campaigns WHERE name = ?"_s);
    query.addBindValue(name);
    if (!query.exec()) {
        m_lastError = m_database.errorFor(query.lastError());
        return false;
    }
    return query.numRowsAffected() > 0;
}

QList<CampaignActivity> CampaignStore::recentActivity(int limit) const
{
    QList<CampaignActivity> list;
    QSqlQuery query(m_database.connection());
    query.prepare(u"SELECT a.at, a.campaign, coalesce(a.lead_id, 0), coalesce(l.email, ''), a.kind, a.text"
                  " FROM campaign_activity a LEFT JOIN leads l ON l.id = a.lead_id ORDER BY a.id DESC LIMIT ?"_s);
    query.addBindValue(limit);
    if (!query.exec()) {
        m_lastError = m_database.errorFor(query.lastError());
        return list;
    }
    while (query.next()) {
        list.append({query.value(0).toLongLong(), query.value(1).toString(), query.value(2).toLongLong(),
                     query.value(3).toString(), query.value(4).toString(), query.value(5).toString()});
    }
    return list;
}

bool CampaignStore::installDefaults(qint64 nowMs)
{
    // Once per database: a shipped campaign the user deleted stays deleted.
    static const QString installedKey = u"campaigns.defaults_installed"_s;
    if (m_database.settingValue(installedKey))
        return true;
    if (m_database.lastError().isError()) {
        m_lastError = m_database.lastError();
        return false;
    }
    for (Campaign campaign : DefaultCampaigns::all()) {
        QSqlQuery query(m_database.connection());
        query.prepare(u"SELECT 1 FROM campaigns WHERE name = ?"_s);
        query.addBindValue(campaign.name);
        if (!query.exec()) {
            m_lastError = m_database.errorFor(query.lastError());
            return false;
        }
        if (query.next())
            continue;
        campaign.enabled = false;
        if (!write(campaign, nowMs))
            return false;
    }
    if (!m_database.setSettingValue(installedKey, u"1"_s)) {
        m_lastError = m_database.lastError();
        return false;
    }
    return true;
}

} // namespace funnel
