#pragma once

#include <QStyledItemDelegate>

namespace funnel {

// Paints a StageSummaryModel row as a tile: a coloured bar, the stage, its lead count, its share of
// all leads and the average score.
class StageTileDelegate : public QStyledItemDelegate
{
    Q_OBJECT

public:
    using QStyledItemDelegate::QStyledItemDelegate;

    void paint(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const override;
    QSize sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const override;
};

} // namespace funnel
