#pragma once

#include "core/domain/stage.h"

#include <QFrame>

namespace funnel {

class BoardColumnHeader;
class BoardColumnModel;
class BoardColumnView;

// One column of the board: its header over its view, on a slightly raised panel.
class BoardColumnWidget : public QFrame
{
    Q_OBJECT

public:
    BoardColumnWidget(BoardColumnModel *model, QWidget *parent = nullptr);

    BoardColumnModel *model() const { return m_model; }
    BoardColumnView *view() const { return m_view; }
    BoardColumnHeader *header() const { return m_header; }

    // While cards are dragged: whether this column would take them.
    enum class DropHint { None, Allowed, Refused };
    void setDropHint(DropHint hint);
    DropHint dropHint() const { return m_dropHint; }

protected:
    void paintEvent(QPaintEvent *event) override;

private:
    BoardColumnModel *m_model = nullptr;
    BoardColumnHeader *m_header = nullptr;
    BoardColumnView *m_view = nullptr;
    DropHint m_dropHint = DropHint::None;
};

} // namespace funnel
