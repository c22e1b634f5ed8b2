#include "ui/dashboard/dashboardchart.h"

#include "ui/dashboard/chartstyle.h"

#include <QAbstractAxis>
#include <QBarLegendMarker>
#include <QBarSet>
#include <QLegend>
#include <QLegendMarker>
#include <QCoreApplication>
#include <QCursor>
#include <QFileInfo>
#include <QGraphicsSimpleTextItem>
#include <QImage>
#include <QPainter>
#include <QSvgGenerator>
#include <QToolTip>

namespace funnel {

using namespace Qt::StringLiterals;

DashboardChart::DashboardChart(QWidget *parent) : QChartView(parent)
{
    setRenderHint(QPainter::Antialiasing);
    setFrameShape(QFrame::NoFrame);
    setBackgroundBrush(palette().color(QPalette::Window));
    setMouseTracking(true);
    setMinimumSize(320, 220);
    ChartStyle::applyTo(chart(), palette());
    m_emptyMessage = new QGraphicsSimpleTextItem(chart());
    m_emptyMessage->setBrush(palette().color(QPalette::PlaceholderText));
    m_emptyMessage->setZValue(20);
    m_emptyMessage->hide();
    connect(chart(), &QChart::plotAreaChanged, this, [this] {
        placeEmptyMessage();
        placeLabels();
    });
}

void DashboardChart::clearChart()
{
    chart()->removeAllSeries();
    const QList<QAbstractAxis *> axes = chart()->axes();
    for (QAbstractAxis *axis : axes) {
        chart()->removeAxis(axis);
        delete axis;
    }
}

void DashboardChart::markLoaded()
{
    // The dark theme gives bar sets' legend entries dark text and hollow markers; spell them out.
    const QList<QLegendMarker *> markers = chart()->legend()->markers();
    for (QLegendMarker *marker : markers) {
        marker->setLabelBrush(palette().color(QPalette::Text));
        if (auto *bar = qobject_cast<QBarLegendMarker *>(marker)) {
            marker->setShape(QLegend::MarkerShapeRectangle);
            marker->setBrush(bar->barset()->color());
            marker->setPen(Qt::NoPen);
        }
    }
    m_hasData = true;
}

void DashboardChart::showHover(bool hovering, const QString &html)
{
    m_hoverText = hovering ? html : QString();
    if (hovering)
        QToolTip::showText(QCursor::pos(), html, this);
    else
        QToolTip::hideText();
    Q_EMIT hoverTextChanged(m_hoverText);
}

void DashboardChart::setEmptyMessage(const QString &message)
{
    m_emptyMessage->setText(message);
    m_emptyMessage->setVisible(!message.isEmpty());
    placeEmptyMessage();
}

void DashboardChart::placeEmptyMessage()
{
    const QRectF area = chart()->plotArea();
    const QRectF box = m_emptyMessage->boundingRect();
    m_emptyMessage->setPos(area.center() - QPointF(box.width() / 2, box.height() / 2));
}

void DashboardChart::resizeEvent(QResizeEvent *event)
{
    QChartView::resizeEvent(event);
    placeEmptyMessage();
    placeLabels();
}

bool DashboardChart::saveImage(const QString &path, QString *error)
{
    const QString suffix = QFileInfo(path).suffix().toLower();
    const QSize size = this->size();
    if (suffix == "svg"_L1) {
        QSvgGenerator generator;
        generator.setFileName(path);
        generator.setSize(size);
        generator.setViewBox(QRect(QPoint(), size));
        generator.setTitle(displayName());
        generator.setDescription(QCoreApplication::translate("DashboardChart", "Funnelboard dashboard chart"));
        QPainter painter;
        if (!painter.begin(&generator)) {
            if (error)
                *error = QCoreApplication::translate("DashboardChart", "Cannot write %1").arg(path);
            return false;
        }
        render(&painter, QRectF(QPointF(), size), rect());
        return painter.end();
    }
    constexpr qreal scale = 2.0; // crisp in documents and on high-DPI screens
    QImage image(size * scale, QImage::Format_ARGB32_Premultiplied);
    image.setDevicePixelRatio(scale);
    image.fill(palette().color(QPalette::Window));
    {
        QPainter painter(&image);
        painter.setRenderHint(QPainter::Antialiasing);
        render(&painter, QRectF(QPointF(), size), rect());
    }
    if (!image.save(path, suffix == "jpg"_L1 || suffix == "jpeg"_L1 ? "JPG" : "PNG")) {
        if (error)
            *error = QCoreApplication::translate("DashboardChart", "Cannot write %1").arg(path);
        return false;
    }
    return true;
}

} // namespace funnel
