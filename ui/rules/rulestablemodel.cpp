#include "ui/rules/rulestablemodel.h"

#include <QBrush>
#include <QColor>
#include <QSet>

namespace funnel {

using namespace Qt::StringLiterals;

RulesTableModel::RulesTableModel(QObject *parent) : QAbstractTableModel(parent) {}

void RulesTableModel::setRules(const RuleSet &rules)
{
    m_rules = rules;
    rebuildTypes();
}

void RulesTableModel::setSeenTypes(const QStringList &types)
{
    m_seen = types;
    rebuildTypes();
}

void RulesTableModel::rebuildTypes()
{
    QSet<QString> all(m_seen.cbegin(), m_seen.cend());
    for (const Rule &rule : m_rules.rules())
        all.insert(rule.eventType);
    QStringList types(all.cbegin(), all.cend());
    types.sort();
    if (types == m_types) {
        if (!m_types.isEmpty())
            Q_EMIT dataChanged(index(0, 0), index(rowCount() - 1, ColumnCount - 1));
        return;
    }
    beginResetModel();
    m_types = types;
    endResetModel();
}

int RulesTableModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_types.size());
}

int RulesTableModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant RulesTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case EventType: return tr("Event type");
    case Points: return tr("Points");
    case Gate: return tr("Gates to");
    case Enroll: return tr("Enrolls in");
    case CapPoints: return tr("Cap (points)");
    case CapPeriod: return tr("Cap per");
    }
    return {};
}

Qt::ItemFlags RulesTableModel::flags(const QModelIndex &index) const
{
    if (!index.isValid())
        return Qt::NoItemFlags;
    const Qt::ItemFlags base = Qt::ItemIsEnabled | Qt::ItemIsSelectable;
    return index.column() == EventType ? base : base | Qt::ItemIsEditable;
}

QVariant RulesTableModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_types.size())
        return {};
    const QString type = m_types.at(index.row());
    const Rule *rule = m_rules.ruleFor(type);
    if (role == int(Role::Choices)) {
        if (index.column() == Gate)
            return QStringList{QString(), stageName(Stage::MQL), stageName(Stage::SQL), stageName(Stage::Won)};
        if (index.column() == CapPeriod)
            return QStringList{QString(), capPeriodName(CapPeriod::Day), capPeriodName(CapPeriod::Week),
                               capPeriodName(CapPeriod::Ever)};
        return {};
    }
    if (role == Qt::ForegroundRole && !rule)
        return QBrush(QColor(0x8a, 0x93, 0xa6)); // no rule: scores 0, shown muted
    if (role == Qt::ToolTipRole && !rule)
        return tr("No rule: events of this type are stored and score 0.");
    if (role == Qt::TextAlignmentRole && (index.column() == Points || index.column() == CapPoints))
        return int(Qt::AlignRight | Qt::AlignVCenter);
    if (role != Qt::DisplayRole && role != Qt::EditRole)
        return {};
    switch (index.column()) {
    case EventType: return type;
    case Points: return rule ? rule->points : 0;
    case Gate: return rule && rule->gate ? stageName(*rule->gate) : QString();
    case Enroll: return rule ? rule->enrollCampaign : QString();
    case CapPoints:
        if (rule && rule->cap)
            return rule->cap->points;
        return role == Qt::EditRole ? QVariant(0) : QVariant(QString());
    case CapPeriod: return rule && rule->cap ? capPeriodName(rule->cap->period) : QString();
    }
    return {};
}

std::optional<RuleSet> RulesTableModel::edited(const QModelIndex &index, const QVariant &value, QString *problem) const
{
    const QString type = m_types.value(index.row());
    Rule rule = m_rules.ruleFor(type) ? *m_rules.ruleFor(type) : Rule{type, 0, std::nullopt, {}, std::nullopt};
    const QString text = value.toString().trimmed();
    auto refuse = [problem](const QString &why) -> std::optional<RuleSet> {
        if (problem)
            *problem = why;
        return std::nullopt;
    };
    bool ok = true;
    switch (index.column()) {
    case Points: {
        const int points = text.toInt(&ok);
        if (!ok)
            return refuse(tr("%1: points must be a whole number, found \"%2\".").arg(type, text));
        if (points < -1000 || points > 1000)
            return refuse(tr("%1: points must be between -1000 and 1000.").arg(type));
        rule.points = points;
        break;
    }
    case Gate:
        if (text.isEmpty()) {
            rule.gate.reset();
        } else {
            const std::optional<Stage> stage = stageFromName(text);
            if (!stage || *stage == Stage::Cold || *stage == Stage::Lost)
                return refuse(tr("%1: an event can gate to MQL, SQL or Won, not \"%2\".").arg(type, text));
            rule.gate = stage;
        }
        break;
    case Enroll:
        if (text.contains(u' '))
            return refuse(tr("%1: a campaign name has no spaces (\"%2\").").arg(type, text));
        rule.enrollCampaign = text;
        break;
    case CapPoints: {
        const int cap = text.isEmpty() ? 0 : text.toInt(&ok);
        if (!ok || cap < 0)
            return refuse(tr("%1: the cap is a number of points, 0 or more (0 for no cap).").arg(type));
        if (cap == 0)
            rule.cap.reset();
        else
            rule.cap = PointsCap{cap, rule.cap ? rule.cap->period : CapPeriod::Day};
        break;
    }
    case CapPeriod:
        if (text.isEmpty()) {
            rule.cap.reset();
        } else {
            const std::optional<funnel::CapPeriod> period = capPeriodFromName(text);
            if (!period)
                return refuse(tr("%1: a cap is per day, week or ever, not \"%2\".").arg(type, text));
            rule.cap = PointsCap{rule.cap ? rule.cap->points : std::max(1, rule.points), *period};
        }
        break;
    default: return refuse(tr("This column cannot be edited."));
    }
    RuleSet next = m_rules;
    next.setRule(rule);
    return next;
}

bool RulesTableModel::setData(const QModelIndex &index, const QVariant &value, int role)
{
    if (role != Qt::EditRole || !index.isValid())
        return false;
    QString problem;
    const std::optional<RuleSet> next = edited(index, value, &problem);
    if (!next) {
        Q_EMIT editRefused(problem);
        return false;
    }
    if (*next == m_rules)
        return false;
    Q_EMIT changeRequested(*next, tr("Edit %1 of %2").arg(headerData(index.column(), Qt::Horizontal).toString(),
                                                           m_types.at(index.row())));
    return true;
}

} // namespace funnel
