#pragma once

#include <QStyledItemDelegate>

namespace funnel {

// Editors of the rules table: a combo box where the model offers choices (RulesTableModel::Role::
// Choices: gates, cap periods), the default editor elsewhere.
class RuleFieldDelegate : public QStyledItemDelegate
{
    Q_OBJECT

public:
    using QStyledItemDelegate::QStyledItemDelegate;

    QWidget *createEditor(QWidget *parent, const QStyleOptionViewItem &option, const QModelIndex &index) const override;
    void setEditorData(QWidget *editor, const QModelIndex &index) const override;
    void setModelData(QWidget *editor, QAbstractItemModel *model, const QModelIndex &index) const override;
};

} // namespace funnel
