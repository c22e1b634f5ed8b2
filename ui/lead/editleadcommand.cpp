#include "ui/lead/editleadcommand.h"

#include "ui/lead/leadwritequeue.h"

#include <QCoreApplication>

namespace funnel {

EditLeadCommand::EditLeadCommand(LeadWriteQueue &queue, qint64 leadId, LeadFields before, LeadFields after,
                                 QUndoCommand *parent)
    : QUndoCommand(parent), m_queue(queue), m_leadId(leadId), m_before(std::move(before)), m_after(std::move(after))
{
    const QString name = m_after.name.isEmpty() ? m_before.name : m_after.name;
    setText(QCoreApplication::translate("EditLeadCommand", "Edit lead “%1”").arg(name));
}

void EditLeadCommand::redo()
{
    write(m_after, m_before);
}

void EditLeadCommand::undo()
{
    write(m_before, m_after);
}

void EditLeadCommand::write(const LeadFields &to, const LeadFields &expected)
{
    const qint64 leadId = m_leadId;
    m_queue.enqueue(leadId, [leadId, to, expected](Database &database) {
        LeadEditor editor(database);
        if (editor.setFields(leadId, to, expected))
            return QString();
        return editor.refusal().isEmpty() ? editor.lastError().message : editor.refusal();
    });
}

} // namespace funnel
