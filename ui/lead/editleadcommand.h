#pragma once

#include "core/storage/leadeditor.h"

#include <QUndoCommand>

namespace funnel {

class LeadWriteQueue;

// One edit of a lead's fields in the panel. Each direction checks that the row still holds what
// it expects, so undoing after someone else changed the lead is refused instead of clobbering.
class EditLeadCommand : public QUndoCommand
{
public:
    EditLeadCommand(LeadWriteQueue &queue, qint64 leadId, LeadFields before, LeadFields after,
                    QUndoCommand *parent = nullptr);

    void redo() override;
    void undo() override;

private:
    void write(const LeadFields &to, const LeadFields &expected);

    LeadWriteQueue &m_queue;
    qint64 m_leadId = 0;
    LeadFields m_before;
    LeadFields m_after;
};

} // namespace funnel
