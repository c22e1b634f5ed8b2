#include "ui/dashboard/stagetiledelegate.h"

#include "ui/dashboard/stagesummarymodel.h"

#include <QAbstractItemView>
#include <QLocale>
#include <QPainter>
#include <QPainterPath>

namespace funnel {

void StageTileDelegate::paint(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    using Role = StageSummaryModel::Role;
    painter->save();
    painter->setRenderHint(QPainter::Antialiasing);
    const QRectF tile = QRectF(option.rect).adjusted(6, 6, -6, -6);
    const QColor accent = index.data(int(Role::Color)).value<QColor>();
    const QPalette &palette = option.palette;

    QPainterPath path;
    path.addRoundedRect(tile, 10, 10);
    painter->fillPath(path, palette.color(QPalette::AlternateBase));
    if (option.state & QStyle::State_Selected) {
        painter->setPen(QPen(palette.color(QPalette::Highlight), 2));
        painter->drawPath(path);
    }
    painter->fillRect(QRectF(tile.left() + 14, tile.top() + 14, 28, 4), accent);

    const QLocale locale;
    const QRectF inner = tile.adjusted(14, 26, -14, -12);
    QFont titleFont = option.font;
    titleFont.setBold(true);
    const QFontMetricsF titleMetrics(titleFont);
    painter->setFont(titleFont);
    painter->setPen(palette.color(QPalette::Text));
    painter->drawText(QRectF(inner.left(), inner.top(), inner.width(), titleMetrics.height()), Qt::AlignLeft | Qt::AlignVCenter,
                      index.data(Qt::DisplayRole).toString());

    QFont countFont = option.font;
    countFont.setPointSizeF(option.font.pointSizeF() * 2.2);
    countFont.setBold(true);
    const QFontMetricsF countMetrics(countFont);
    painter->setFont(countFont);
    painter->setPen(accent);
    const qint64 count = index.data(int(Role::Count)).toLongLong();
    painter->drawText(QRectF(inner.left(), inner.top() + titleMetrics.height() + 2, inner.width(), countMetrics.height()),
                      Qt::AlignLeft | Qt::AlignVCenter, locale.toString(count));

    painter->setFont(option.font);
    painter->setPen(palette.color(QPalette::PlaceholderText));
    const double share = index.data(int(Role::Share)).toDouble();
    const QVariant average = index.data(int(Role::AverageScore));
    const QString detail = average.isValid()
        ? tr("%1 % of leads · avg score %2").arg(locale.toString(share * 100, 'f', 1), locale.toString(average.toDouble(), 'f', 1))
        : tr("no leads");
    const QFontMetricsF detailMetrics(option.font);
    painter->drawText(inner, Qt::AlignLeft | Qt::AlignBottom, detailMetrics.elidedText(detail, Qt::ElideRight, inner.width()));
    painter->restore();
}

QSize StageTileDelegate::sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    const QFontMetrics metrics(option.font);
    const int minimumWidth = metrics.horizontalAdvance(QLatin1Char('x')) * 30;
    int width = minimumWidth;
    // In a view, the tiles share its width (one row of all stages) down to their minimum.
    if (const auto *view = qobject_cast<const QAbstractItemView *>(option.widget); view && index.isValid()) {
        const int rows = std::max(1, index.model()->rowCount(index.parent()));
        width = std::max(minimumWidth, (view->viewport()->width() - 2) / rows);
    }
    return QSize(width, metrics.height() * 15 / 2);
}

} // namespace funnel
