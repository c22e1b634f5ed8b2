#pragma once

#include "core/scheduler/campaignstore.h"

#include <QAbstractTableModel>
#include <QList>

namespace funnel {

// The campaigns with their trigger and enrollment counts; filled by CampaignsPage from a worker's read.
class CampaignListModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column { NameColumn, EnabledColumn, TriggerColumn, EnrolledColumn, ActiveColumn, ColumnCount };
    enum class Role { Name = Qt::UserRole + 1, Enabled };

    explicit CampaignListModel(QObject *parent = nullptr);

    void setCampaigns(const QList<StoredCampaign> &campaigns);
    const QList<StoredCampaign> &campaigns() const { return m_campaigns; }

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    static QString triggerText(const CampaignTrigger &trigger);

private:
    QList<StoredCampaign> m_campaigns;
};

} // namespace funnel
