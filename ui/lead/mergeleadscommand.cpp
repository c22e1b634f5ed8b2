#include "ui/lead/mergeleadscommand.h"

#include "core/storage/database.h"
#include "core/storage/leadmerger.h"
#include "ui/lead/leadwritequeue.h"

#include <QCoreApplication>
#include <QDateTime>

namespace funnel {

MergeLeadsCommand::MergeLeadsCommand(LeadWriteQueue &queue, qint64 survivorId, qint64 duplicateId, QString actor,
                                     QUndoCommand *parent)
    : QUndoCommand(parent)
    , m_queue(queue)
    , m_survivorId(survivorId)
    , m_duplicateId(duplicateId)
    , m_actor(std::move(actor))
    , m_snapshot(std::make_shared<LeadMergeSnapshot>())
{
    setText(QCoreApplication::translate("MergeLeadsCommand", "Merge lead %1 into lead %2").arg(duplicateId).arg(survivorId));
}

void MergeLeadsCommand::redo()
{
    m_queue.enqueue(m_survivorId, [survivor = m_survivorId, duplicate = m_duplicateId, actor = m_actor,
                                   snapshot = m_snapshot](Database &database) {
        LeadMerger merger(database, database.activeRules());
        const LeadMergeResult result = merger.merge(survivor, duplicate, actor, QDateTime::currentMSecsSinceEpoch());
        *snapshot = result.snapshot;
        if (result.merged)
            return QString();
        return result.refusal.isEmpty() ? result.error.message : result.refusal;
    });
}

void MergeLeadsCommand::undo()
{
    m_queue.enqueue(m_survivorId, [snapshot = m_snapshot](Database &database) {
        if (!snapshot->isValid())
            return QString(); // the merge was refused: there is nothing to put back
        LeadMerger merger(database, database.activeRules());
        if (!merger.undo(*snapshot))
            return merger.refusal().isEmpty() ? merger.lastError().message : merger.refusal();
        *snapshot = {};
        return QString();
    });
}

} // namespace funnel
