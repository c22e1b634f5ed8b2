#include "ui/board/boardcolumnheader.h"

#include "ui/common/stagestyle.h"

#include <QLocale>
#include <QPainter>
#include <QPainterPath>

namespace funnel {

using namespace Qt::StringLiterals;

BoardColumnHeader::BoardColumnHeader(Stage stage, QWidget *parent) : QWidget(parent), m_stage(stage)
{
    setToolTip(StageStyle::description(stage));
    setAccessibleName(StageStyle::label(stage));
}

void BoardColumnHeader::setTotals(const BoardQuery::Totals &totals)
{
    m_totals = totals;
    m_hasTotals = true;
    setAccessibleDescription(countText() + u", "_s + scoreText());
    update();
}

void BoardColumnHeader::setLoading(bool loading)
{
    m_loading = loading;
    update();
}

void BoardColumnHeader::setRotDays(int days)
{
    m_rotDays = days;
    setToolTip(days > 0 ? tr("%1\nStale after %2 days in this stage.").arg(StageStyle::description(m_stage)).arg(days)
                        : StageStyle::description(m_stage));
    update();
}

QString BoardColumnHeader::countText() const
{
    return m_hasTotals ? QLocale().toString(m_totals.count) : u"–"_s;
}

QString BoardColumnHeader::scoreText() const
{
    if (!m_hasTotals)
        return tr("Counting…");
    if (m_totals.count == 0)
        return tr("No leads");
    const QLocale locale;
    return tr("Σ %1 · avg %2")
        .arg(locale.toString(m_totals.scoreSum), locale.toString(double(m_totals.scoreSum) / double(m_totals.count), 'f', 1));
}

QSize BoardColumnHeader::sizeHint() const
{
    return QSize(200, fontMetrics().height() * 3 + 14);
}

QSize BoardColumnHeader::minimumSizeHint() const
{
    return QSize(120, sizeHint().height());
}

void BoardColumnHeader::paintEvent(QPaintEvent *event)
{
    Q_UNUSED(event);
    QPainter painter(this);
    painter.setRenderHint(QPainter::Antialiasing);
    const QColor color = StageStyle::color(m_stage);
    const QRectF area = QRectF(rect()).adjusted(6, 4, -6, -2);

    // A coloured bar on top, the stage's name and a count pill.
    painter.fillRect(QRectF(area.left(), area.top(), area.width(), 3), color);
    QFont titleFont = font();
    titleFont.setBold(true);
    titleFont.setPointSizeF(font().pointSizeF() * 1.15);
    const QFontMetricsF titleMetrics(titleFont);
    const qreal lineTop = area.top() + 10;
    const qreal lineHeight = titleMetrics.height();

    painter.setPen(Qt::NoPen);
    painter.setBrush(color);
    painter.drawEllipse(QRectF(area.left() + 2, lineTop + lineHeight / 2 - 4, 8, 8));
    painter.setFont(titleFont);
    painter.setPen(palette().color(QPalette::WindowText));
    const QString title = StageStyle::label(m_stage);
    painter.drawText(QRectF(area.left() + 16, lineTop, area.width(), lineHeight), Qt::AlignLeft | Qt::AlignVCenter, title);

    QFont countFont = font();
    countFont.setBold(true);
    const QFontMetricsF countMetrics(countFont);
    const QString count = countText();
    const qreal pillWidth = countMetrics.horizontalAdvance(count) + 16;
    const QRectF pill(area.right() - pillWidth, lineTop + (lineHeight - 20) / 2, pillWidth, 20);
    QPainterPath pillShape;
    pillShape.addRoundedRect(pill, 10, 10);
    QColor pillFill = color;
    pillFill.setAlphaF(m_loading ? 0.08 : 0.2);
    painter.fillPath(pillShape, pillFill);
    QColor countColor = color;
    if (m_loading)
        countColor.setAlphaF(0.5);
    painter.setPen(countColor);
    painter.setFont(countFont);
    painter.drawText(pill, Qt::AlignCenter, count);

    // Score sum and average below.
    QColor muted = palette().color(QPalette::PlaceholderText);
    if (m_loading)
        muted.setAlphaF(0.6);
    painter.setPen(muted);
    painter.setFont(font());
    const QRectF sub(area.left() + 16, lineTop + lineHeight + 2, area.width() - 16, fontMetrics().height());
    painter.drawText(sub, Qt::AlignLeft | Qt::AlignVCenter,
                     fontMetrics().elidedText(scoreText(), Qt::ElideRight, int(sub.width())));
}

} // namespace funnel
