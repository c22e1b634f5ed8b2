#include "ui/campaigns/campaignlistmodel.h"

#include <QLocale>

namespace funnel {

CampaignListModel::CampaignListModel(QObject *parent) : QAbstractTableModel(parent) {}

void CampaignListModel::setCampaigns(const QList<StoredCampaign> &campaigns)
{
    beginResetModel();
    m_campaigns = campaigns;
    endResetModel();
}

int CampaignListModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_campaigns.size());
}

int CampaignListModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QString CampaignListModel::triggerText(const CampaignTrigger &trigger)
{
    switch (trigger.kind) {
    case CampaignTrigger::Kind::Event:
        return tr("Event %1").arg(trigger.eventType);
    case CampaignTrigger::Kind::StageEntered:
        return tr("Enters %1").arg(stageName(trigger.stage));
    case CampaignTrigger::Kind::ScoreCrossed:
        return tr("Score reaches %1").arg(trigger.score);
    case CampaignTrigger::Kind::Schedule:
        return tr("Schedule %1 (%2)").arg(trigger.cron, trigger.timeZone);
    }
    return {};
}

QVariant CampaignListModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const StoredCampaign &stored = m_campaigns.at(index.row());
    if (role == int(Role::Name))
        return stored.campaign.name;
    if (role == int(Role::Enabled))
        return stored.campaign.enabled;
    if (role == Qt::ToolTipRole)
        return stored.campaign.description;
    if (role == Qt::TextAlignmentRole && (index.column() == EnrolledColumn || index.column() == ActiveColumn))
        return QVariant(Qt::AlignRight | Qt::AlignVCenter);
    if (role != Qt::DisplayRole)
        return {};
    switch (index.column()) {
    case NameColumn: return stored.campaign.name;
    case EnabledColumn: return stored.campaign.enabled ? tr("Enabled") : tr("Disabled");
    case TriggerColumn: return triggerText(stored.campaign.trigger);
    case EnrolledColumn: return QLocale().toString(stored.enrolled);
    case ActiveColumn: return QLocale().toString(stored.active);
    default: return {};
    }
}

QVariant CampaignListModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case NameColumn: return tr("Campaign");
    case EnabledColumn: return tr("State");
    case TriggerColumn: return tr("Trigger");
    case EnrolledColumn: return tr("Enrolled");
    case ActiveColumn: return tr("Active");
    default: return {};
    }
}

} // namespace funnel
