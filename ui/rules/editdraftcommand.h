#pragma once

#include "core/domain/ruleset.h"

#include <QUndoCommand>

#include <functional>

namespace funnel {

// One change to the draft ruleset (a cell, a threshold, the decay, an added or removed type), as a
// before/after pair: rulesets are small, and snapshots make undo trivially exact. Consecutive
// changes of the same field (spin box steps) merge into one entry.
class EditDraftCommand : public QUndoCommand
{
public:
    using Setter = std::function<void(const RuleSet &)>;

    EditDraftCommand(RuleSet before, RuleSet after, const QString &text, Setter setter, const QString &mergeKey = {});

    void undo() override;
    void redo() override;
    int id() const override { return m_mergeKey.isEmpty() ? -1 : 6001; }
    bool mergeWith(const QUndoCommand *other) override;

private:
    RuleSet m_before;
    RuleSet m_after;
    Setter m_setter;
    QString m_mergeKey;
};

} // namespace funnel
