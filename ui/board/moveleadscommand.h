#pragma once

#include "ui/board/boardmover.h"

#include <QUndoCommand>

#include <memory>

namespace funnel {

// One user intent on the board — "move these leads to that stage" — as an undoable command. redo()
// and undo() hand the work to the BoardMover (a worker); the journal it fills on redo tells undo
// exactly what to take back.
class MoveLeadsCommand : public QUndoCommand
{
public:
    MoveLeadsCommand(BoardMover *mover, const BoardMover::Request &request, const QString &text,
                     QUndoCommand *parent = nullptr);

    void redo() override;
    void undo() override;

    const BoardMover::Request &request() const { return m_request; }

private:
    BoardMover *m_mover = nullptr;
    BoardMover::Request m_request;
    std::shared_ptr<BoardMover::Journal> m_journal = std::make_shared<BoardMover::Journal>();
};

} // namespace funnel
