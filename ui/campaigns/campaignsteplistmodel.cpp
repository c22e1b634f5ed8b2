#include "ui/campaigns/campaignsteplistmodel.h"

#include "core/campaigns/campaignjson.h"

namespace funnel {

using namespace Qt::StringLiterals;

CampaignStepListModel::CampaignStepListModel(QObject *parent) : QAbstractListModel(parent) {}

void CampaignStepListModel::setSteps(const QList<CampaignStep> &steps)
{
    beginResetModel();
    m_steps = steps;
    endResetModel();
}

void CampaignStepListModel::setStep(int row, const CampaignStep &step)
{
    if (row < 0 || row >= m_steps.size() || m_steps.at(row) == step)
        return;
    m_steps[row] = step;
    Q_EMIT dataChanged(index(row), index(row));
}

int CampaignStepListModel::addStep(CampaignStep::Kind kind, int row)
{
    static const QHash<CampaignStep::Kind, QString> prefixes{
        {CampaignStep::Kind::Wait, u"wait"_s},          {CampaignStep::Kind::Webhook, u"webhook"_s},
        {CampaignStep::Kind::Condition, u"condition"_s}, {CampaignStep::Kind::AdjustScore, u"score"_s},
        {CampaignStep::Kind::MoveStage, u"move"_s},      {CampaignStep::Kind::NotifySales, u"notify"_s},
    };
    CampaignStep step;
    step.kind = kind;
    if (kind == CampaignStep::Kind::Wait)
        step.waitMs = 60 * 60 * 1000;
    if (kind == CampaignStep::Kind::Webhook)
        step.webhook.bodyTemplate = u"{\n  \"email\": \"{{lead.email}}\",\n  \"campaign\": \"{{campaign.name}}\"\n}"_s;
    // Ids are stable across edits and reorders (deliveries are keyed by them): a new step gets a new one.
    for (int n = 1;; ++n) {
        const QString id = prefixes.value(kind) + u'-' + QString::number(n);
        const bool taken = std::any_of(m_steps.cbegin(), m_steps.cend(), [&](const CampaignStep &s) { return s.id == id; });
        if (!taken) {
            step.id = id;
            break;
        }
    }
    const int at = row < 0 ? int(m_steps.size()) : std::min(row + 1, int(m_steps.size()));
    beginInsertRows({}, at, at);
    m_steps.insert(at, step);
    endInsertRows();
    return at;
}

int CampaignStepListModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_steps.size());
}

QString CampaignStepListModel::describe(const CampaignStep &step)
{
    switch (step.kind) {
    case CampaignStep::Kind::Wait:
        return tr("Wait %1").arg(CampaignJson::formatDuration(step.waitMs));
    case CampaignStep::Kind::Webhook:
        return tr("Webhook %1 %2").arg(step.webhook.method, step.webhook.url.isEmpty() ? tr("(no URL)") : step.webhook.url);
    case CampaignStep::Kind::Condition:
        return tr("Condition: yes → %1, no → %2")
            .arg(step.yesStep.isEmpty() ? tr("next") : step.yesStep, step.noStep.isEmpty() ? tr("next") : step.noStep);
    case CampaignStep::Kind::AdjustScore:
        return tr("Score %1%2").arg(step.scoreDelta >= 0 ? u"+"_s : QString()).arg(step.scoreDelta);
    case CampaignStep::Kind::MoveStage:
        return tr("Move to %1").arg(stageName(step.moveTo));
    case CampaignStep::Kind::NotifySales:
        return tr("Notify sales");
    }
    return {};
}

QVariant CampaignStepListModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const CampaignStep &step = m_steps.at(index.row());
    switch (role) {
    case Qt::DisplayRole: return describe(step);
    case Qt::ToolTipRole: return tr("Step id: %1").arg(step.id);
    case int(Role::StepId): return step.id;
    case int(Role::Kind): return int(step.kind);
    default: return {};
    }
}

bool CampaignStepListModel::removeRows(int row, int count, const QModelIndex &parent)
{
    if (parent.isValid() || row < 0 || count <= 0 || row + count > m_steps.size())
        return false;
    beginRemoveRows({}, row, row + count - 1);
    m_steps.remove(row, count);
    endRemoveRows();
    return true;
}

bool CampaignStepListModel::moveRows(const QModelIndex &sourceParent, int sourceRow, int count,
                                     const QModelIndex &destinationParent, int destinationChild)
{
    if (sourceParent.isValid() || destinationParent.isValid() || count != 1 || sourceRow < 0
        || sourceRow >= m_steps.size() || destinationChild < 0 || destinationChild > m_steps.size()
        || destinationChild == sourceRow || destinationChild == sourceRow + 1)
        return false;
    if (!beginMoveRows({}, sourceRow, sourceRow, {}, destinationChild))
        return false;
    m_steps.move(sourceRow, destinationChild > sourceRow ? destinationChild - 1 : destinationChild);
    endMoveRows();
    return true;
}

} // namespace funnel
