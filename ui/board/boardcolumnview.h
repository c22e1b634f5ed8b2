#pragma once

#include <QListView>

namespace funnel {

class BoardColumnModel;

// The cards of one column. Dragging cards hands the model's MIME data to QDrag and never removes
// rows itself (a move is a command; the columns reload when it committed). Left/Right at the column's
// edge ask the board to move the focus to the neighbouring column.
class BoardColumnView : public QListView
{
    Q_OBJECT

public:
    explicit BoardColumnView(QWidget *parent = nullptr);

    void setModel(QAbstractItemModel *model) override;
    BoardColumnModel *columnModel() const;
    QList<qint64> selectedLeadIds() const;
    // Selects the card of this lead if it is loaded; returns whether it was.
    bool selectLead(qint64 leadId);

Q_SIGNALS:
    void focusNeighbour(int direction); // -1 left, +1 right
    // A drag of these cards began (the board shows which columns accept them) and ended.
    void dragStarted(const QList<qint64> &leadIds);
    void dragFinished();
    void contextMenuRequested(const QPoint &globalPos);

protected:
    void startDrag(Qt::DropActions supportedActions) override;
    void keyPressEvent(QKeyEvent *event) override;
    void paintEvent(QPaintEvent *event) override;
    void contextMenuEvent(QContextMenuEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;

private:
    void rememberPosition();
    void restorePosition();

    int m_savedScroll = 0;
    QList<qint64> m_savedSelection;
};

} // namespace funnel
