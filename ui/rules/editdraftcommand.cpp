#include "ui/rules/editdraftcommand.h"

namespace funnel {

EditDraftCommand::EditDraftCommand(RuleSet before, RuleSet after, const QString &text, Setter setter,
                                   const QString &mergeKey)
    : QUndoCommand(text), m_before(std::move(before)), m_after(std::move(after)), m_setter(std::move(setter)),
      m_mergeKey(mergeKey)
{
}

void EditDraftCommand::undo()
{
    m_setter(m_before);
}

void EditDraftCommand::redo()
{
    m_setter(m_after);
}

bool EditDraftCommand::mergeWith(const QUndoCommand *other)
{
    const auto *next = static_cast<const EditDraftCommand *>(other);
    if (next->m_mergeKey != m_mergeKey)
        return false;
    m_after = next->m_after;
    return true;
}

} // namespace funnel
