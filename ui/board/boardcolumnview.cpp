#include "ui/board/boardcolumnview.h"

#include "ui/board/boardcarddelegate.h"
#include "ui/board/boardcolumnmodel.h"

#include <QContextMenuEvent>
#include <QDrag>
#include <QKeyEvent>
#include <QMimeData>
#include <QPainter>
#include <QScrollBar>

namespace funnel {

BoardColumnView::BoardColumnView(QWidget *parent) : QListView(parent)
{
    setItemDelegate(new BoardCardDelegate(this));
    setUniformItemSizes(true);
    setSelectionMode(QAbstractItemView::ExtendedSelection);
    setDragEnabled(true);
    setAcceptDrops(true);
    setDropIndicatorShown(false);
    setDragDropMode(QAbstractItemView::DragDrop);
    setDefaultDropAction(Qt::MoveAction);
    setVerticalScrollMode(QAbstractItemView::ScrollPerPixel);
    verticalScrollBar()->setSingleStep(24);
    setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    setFrameShape(QFrame::NoFrame);
    setMouseTracking(true);
    setAttribute(Qt::WA_MacShowFocusRect, false);
    viewport()->setAutoFillBackground(false);
    setSpacing(0);
}

void BoardColumnView::setModel(QAbstractItemModel *model)
{
    if (this->model())
        disconnect(this->model(), nullptr, this, nullptr);
    QListView::setModel(model);
    if (!model)
        return;
    // A refresh resets the model; the rep keeps their place and selection.
    connect(model, &QAbstractItemModel::modelAboutToBeReset, this, &BoardColumnView::rememberPosition);
    connect(model, &QAbstractItemModel::modelReset, this, &BoardColumnView::restorePosition);
}

BoardColumnModel *BoardColumnView::columnModel() const
{
    return qobject_cast<BoardColumnModel *>(model());
}

QList<qint64> BoardColumnView::selectedLeadIds() const
{
    QList<qint64> ids;
    if (!selectionModel())
        return ids;
    QModelIndexList rows = selectionModel()->selectedRows();
    std::sort(rows.begin(), rows.end());
    for (const QModelIndex &index : rows)
        ids.append(index.data(int(BoardColumnModel::Role::LeadId)).toLongLong());
    if (ids.isEmpty() && currentIndex().isValid())
        ids.append(currentIndex().data(int(BoardColumnModel::Role::LeadId)).toLongLong());
    return ids;
}

bool BoardColumnView::selectLead(qint64 leadId)
{
    BoardColumnModel *board = columnModel();
    const int row = board ? board->rowOfLead(leadId) : -1;
    if (row < 0)
        return false;
    const QModelIndex index = board->index(row);
    setCurrentIndex(index);
    selectionModel()->select(index, QItemSelectionModel::ClearAndSelect);
    scrollTo(index);
    return true;
}

void BoardColumnView::startDrag(Qt::DropActions supportedActions)
{
    Q_UNUSED(supportedActions);
    const QModelIndexList indexes = selectionModel()->selectedIndexes();
    if (indexes.isEmpty())
        return;
    QMimeData *data = model()->mimeData(indexes);
    if (!data)
        return;
    auto *drag = new QDrag(this);
    drag->setMimeData(data);
    // The dragged card as it looks on the board, slightly transparent.
    const QModelIndex first = currentIndex().isValid() && selectionModel()->isSelected(currentIndex()) ? currentIndex()
                                                                                                        : indexes.first();
    const QRect rect = visualRect(first);
    if (rect.isValid()) {
        QPixmap pixmap(rect.size() * devicePixelRatioF());
        pixmap.setDevicePixelRatio(devicePixelRatioF());
        pixmap.fill(Qt::transparent);
        QPainter painter(&pixmap);
        painter.setOpacity(0.9);
        QStyleOptionViewItem option;
        initViewItemOption(&option);
        option.rect = QRect(QPoint(0, 0), rect.size());
        option.state |= QStyle::State_Selected;
        itemDelegate()->paint(&painter, option, first);
        painter.end();
        drag->setPixmap(pixmap);
        drag->setHotSpot(viewport()->mapFromGlobal(QCursor::pos()) - rect.topLeft());
    }
    Q_EMIT dragStarted(selectedLeadIds());
    // No clearOrRemove() afterwards, unlike QAbstractItemView: the move command changes the data.
    drag->exec(Qt::MoveAction, Qt::MoveAction);
    Q_EMIT dragFinished();
}

void BoardColumnView::keyPressEvent(QKeyEvent *event)
{
    if (event->modifiers() == Qt::NoModifier && (event->key() == Qt::Key_Left || event->key() == Qt::Key_Right)) {
        Q_EMIT focusNeighbour(event->key() == Qt::Key_Left ? -1 : 1);
        event->accept();
        return;
    }
    QListView::keyPressEvent(event);
}

void BoardColumnView::contextMenuEvent(QContextMenuEvent *event)
{
    const QModelIndex index = indexAt(event->pos());
    if (index.isValid() && !selectionModel()->isSelected(index)) {
        setCurrentIndex(index);
        selectionModel()->select(index, QItemSelectionModel::ClearAndSelect);
    }
    if (index.isValid())
        Q_EMIT contextMenuRequested(event->globalPos());
}

void BoardColumnView::resizeEvent(QResizeEvent *event)
{
    QListView::resizeEvent(event);
    // Cards take the column's width: with uniform sizes the view would keep the first size hint.
    doItemsLayout();
}

void BoardColumnView::paintEvent(QPaintEvent *event)
{
    QListView::paintEvent(event);
    BoardColumnModel *board = columnModel();
    if (!board || board->rowCount() > 0)
        return;
    QPainter painter(viewport());
    painter.setPen(palette().color(QPalette::PlaceholderText));
    const QString text = !board->hasLoaded() ? tr("Loading…")
                         : board->filter().isEmpty() ? tr("No leads in this stage")
                                                     : tr("No leads match the filter");
    painter.drawText(viewport()->rect().adjusted(12, 24, -12, 0), Qt::AlignHCenter | Qt::AlignTop | Qt::TextWordWrap,
                     text);
}

void BoardColumnView::rememberPosition()
{
    m_savedScroll = verticalScrollBar()->value();
    m_savedSelection = selectedLeadIds();
}

void BoardColumnView::restorePosition()
{
    BoardColumnModel *board = columnModel();
    if (!board)
        return;
    for (qint64 id : std::as_const(m_savedSelection)) {
        const int row = board->rowOfLead(id);
        if (row >= 0)
            selectionModel()->select(board->index(row), QItemSelectionModel::Select);
    }
    doItemsLayout(); // the scroll range of the new rows, before restoring the position
    verticalScrollBar()->setValue(m_savedScroll);
}

} // namespace funnel
