#pragma once

#include <QStyledItemDelegate>

namespace funnel {

// Paints a board card: name and score badge, company, owner, days in stage and last activity, with
// markers for unseen SQLs and stale leads. Reads BoardColumnModel's roles.
class BoardCardDelegate : public QStyledItemDelegate
{
    Q_OBJECT

public:
    static constexpr int cardHeight = 84;

    using QStyledItemDelegate::QStyledItemDelegate;

    void paint(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const override;
    QSize sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const override;

    // "just now", "5m ago", "3h ago", "2d ago", "4mo ago" (translated).
    static QString relativeTime(qint64 thenMs, qint64 nowMs);
    // Whole days between two moments, never negative.
    static int daysBetween(qint64 fromMs, qint64 toMs);
    // Badge colour of a score: red below zero, grey-blue when low, amber, then green from the SQL line.
    static QColor scoreColor(int score);
    // A stable colour for an owner's avatar.
    static QColor ownerColor(const QString &owner);
};

} // namespace funnel
