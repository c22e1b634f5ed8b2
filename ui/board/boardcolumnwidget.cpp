#include "ui/board/boardcolumnwidget.h"

#include "ui/board/boardcolumnheader.h"
#include "ui/board/boardcolumnmodel.h"
#include "ui/board/boardcolumnview.h"
#include "ui/common/stagestyle.h"

#include <QPainter>
#include <QPainterPath>
#include <QVBoxLayout>

namespace funnel {

BoardColumnWidget::BoardColumnWidget(BoardColumnModel *model, QWidget *parent)
    : QFrame(parent), m_model(model), m_header(new BoardColumnHeader(model->stage(), this)),
      m_view(new BoardColumnView(this))
{
    m_view->setModel(model);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->setSpacing(2);
    layout->addWidget(m_header);
    layout->addWidget(m_view, 1);
    setMinimumWidth(190);

    connect(model, &BoardColumnModel::totalsChanged, m_header, [this] { m_header->setTotals(m_model->totals()); });
}

void BoardColumnWidget::setDropHint(DropHint hint)
{
    m_dropHint = hint;
    update();
}

void BoardColumnWidget::paintEvent(QPaintEvent *event)
{
    Q_UNUSED(event);
    QPainter painter(this);
    painter.setRenderHint(QPainter::Antialiasing);
    QPainterPath panel;
    panel.addRoundedRect(QRectF(rect()).adjusted(1, 1, -1, -1), 10, 10);
    QColor fill(0x17, 0x1b, 0x22);
    QPen border(QColor(0x26, 0x2c, 0x36), 1);
    if (m_dropHint == DropHint::Allowed) {
        border = QPen(StageStyle::color(m_model->stage()), 2, Qt::DashLine);
        fill = QColor(0x1b, 0x21, 0x2b);
    } else if (m_dropHint == DropHint::Refused) {
        fill = QColor(0x13, 0x15, 0x1a);
    }
    painter.fillPath(panel, fill);
    painter.setPen(border);
    painter.drawPath(panel);
}

} // namespace funnel
