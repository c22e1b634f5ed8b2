#pragma once

#include "core/campaigns/campaign.h"

#include <QAbstractListModel>
#include <QList>

namespace funnel {

// The steps of the campaign being edited, in order: add, remove and move (moveRows) for the editor.
class CampaignStepListModel : public QAbstractListModel
{
    Q_OBJECT

public:
    enum class Role { StepId = Qt::UserRole + 1, Kind };

    explicit CampaignStepListModel(QObject *parent = nullptr);

    void setSteps(const QList<CampaignStep> &steps);
    const QList<CampaignStep> &steps() const { return m_steps; }
    const CampaignStep &step(int row) const { return m_steps.at(row); }
    void setStep(int row, const CampaignStep &step);
    // A new step of `kind` after `row` (at the end for -1), with an id no other step has; its row.
    int addStep(CampaignStep::Kind kind, int row);

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    bool removeRows(int row, int count, const QModelIndex &parent = {}) override;
    bool moveRows(const QModelIndex &sourceParent, int sourceRow, int count, const QModelIndex &destinationParent,
                  int destinationChild) override;

    static QString describe(const CampaignStep &step);

private:
    QList<CampaignStep> m_steps;
};

} // namespace funnel
