#pragma once

#include "core/domain/ruleset.h"

#include <QAbstractTableModel>
#include <QStringList>

namespace funnel {

// The rules editor's table: one row per event type (every type with a rule, every type seen in the
// events, and types the marketer adds), with points, gate, campaign and cap. Edits do not change the
// model directly: they are validated and come out as changeRequested(next draft), which the page
// turns into an undoable command that calls setRules().
class RulesTableModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column { EventType, Points, Gate, Enroll, CapPoints, CapPeriod, ColumnCount };
    enum class Role { Choices = Qt::UserRole + 1 }; // QStringList offered by a combo box editor

    explicit RulesTableModel(QObject *parent = nullptr);

    const RuleSet &rules() const { return m_rules; }
    void setRules(const RuleSet &rules);
    void setSeenTypes(const QStringList &types);
    QString eventTypeAt(int row) const { return m_types.value(row); }
    int rowOf(const QString &eventType) const { return int(m_types.indexOf(eventType)); }

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    Qt::ItemFlags flags(const QModelIndex &index) const override;
    bool setData(const QModelIndex &index, const QVariant &value, int role = Qt::EditRole) override;

    // The draft with `value` in the cell, or the reason it is refused (in `problem`).
    std::optional<RuleSet> edited(const QModelIndex &index, const QVariant &value, QString *problem) const;

Q_SIGNALS:
    void changeRequested(const funnel::RuleSet &next, const QString &description);
    void editRefused(const QString &problem);

private:
    void rebuildTypes();

    RuleSet m_rules;
    QStringList m_seen;
    QStringList m_types; // the rows, sorted
};

} // namespace funnel
