#include "ui/board/moveleadscommand.h"

namespace funnel {

MoveLeadsCommand::MoveLeadsCommand(BoardMover *mover, const BoardMover::Request &request, const QString &text,
                                   QUndoCommand *parent)
    : QUndoCommand(text, parent), m_mover(mover), m_request(request)
{
}

void MoveLeadsCommand::redo()
{
    m_mover->apply(m_request, m_journal);
}

void MoveLeadsCommand::undo()
{
    m_mover->revert(m_journal);
}

} // namespace funnel
