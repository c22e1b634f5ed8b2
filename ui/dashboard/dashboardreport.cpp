#include "ui/dashboard/dashboardreport.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QGraphicsView>
#include <QLocale>
#include <QPageLayout>
#include <QPageSize>
#include <QPainter>
#include <QPdfWriter>

namespace funnel {

bool DashboardReport::write(const QString &path, QString *error) const
{
    QPdfWriter writer(path);
    writer.setTitle(title);
    writer.setCreator(QStringLiteral("Funnelboard"));
    writer.setResolution(144);
    writer.setPageLayout(QPageLayout(QPageSize(QPageSize::A4), QPageLayout::Landscape, QMarginsF(12, 12, 12, 12),
                                     QPageLayout::Millimeter));
    QPainter painter;
    if (!painter.begin(&writer)) {
        if (error)
            *error = QCoreApplication::translate("DashboardReport", "Cannot write %1").arg(path);
        return false;
    }
    painter.setRenderHint(QPainter::Antialiasing);
    const QRectF page = QRectF(QPointF(0, 0), writer.pageLayout().paintRectPixels(writer.resolution()).size());

    // Printed on white: dark text, the charts keep their own (dark) background as on screen.
    QFont titleFont = painter.font();
    titleFont.setPointSizeF(16);
    titleFont.setBold(true);
    painter.setFont(titleFont);
    painter.setPen(Qt::black);
    const QFontMetricsF titleMetrics(titleFont, &writer);
    painter.drawText(QRectF(page.left(), page.top(), page.width(), titleMetrics.height()), Qt::AlignLeft, title);
    qreal y = page.top() + titleMetrics.height() + 4;

    QFont textFont = painter.font();
    textFont.setPointSizeF(9.5);
    textFont.setBold(false);
    painter.setFont(textFont);
    const QFontMetricsF textMetrics(textFont, &writer);
    painter.setPen(QColor(0x37, 0x41, 0x51));
    const QString generated = QCoreApplication::translate("DashboardReport", "Filters: %1 · made %2")
                                  .arg(filters, QLocale().toString(QDateTime::currentDateTime(), QLocale::ShortFormat));
    painter.drawText(QRectF(page.left(), y, page.width(), textMetrics.height()), Qt::AlignLeft, generated);
    y += textMetrics.height() + 2;
    painter.drawText(QRectF(page.left(), y, page.width(), textMetrics.height()), Qt::AlignLeft, figures.join(QStringLiteral("   ·   ")));
    y += textMetrics.height() + 8;

    const qreal gap = 8;
    const int columns = 2;
    const int rows = int((charts.size() + columns - 1) / columns);
    const qreal cellWidth = (page.width() - gap * (columns - 1)) / columns;
    const qreal cellHeight = rows ? (page.bottom() - y - gap * (rows - 1)) / rows : 0;
    for (int i = 0; i < charts.size(); ++i) {
        const QRectF cell(page.left() + (i % columns) * (cellWidth + gap), y + (i / columns) * (cellHeight + gap), cellWidth,
                          cellHeight);
        // Graphics views render their scene as vectors; any other widget as pixels.
        if (auto *view = qobject_cast<QGraphicsView *>(charts.at(i)))
            view->render(&painter, cell, view->viewport()->rect(), Qt::KeepAspectRatio);
        else
            charts.at(i)->render(&painter, cell.topLeft().toPoint());
    }
    return painter.end();
}

} // namespace funnel
