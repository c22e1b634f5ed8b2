#pragma once

#include "core/storage/leadmergesnapshot.h"

#include <QUndoCommand>

#include <memory>

namespace funnel {

class LeadWriteQueue;

// Merging a duplicate lead into a survivor. The snapshot the merge returns lives in this command
// (see LeadMergeSnapshot): undo writes it back. Redo and undo run on the write queue's one worker
// thread in order, so an undo queued before its redo finished still finds the snapshot.
class MergeLeadsCommand : public QUndoCommand
{
public:
    MergeLeadsCommand(LeadWriteQueue &queue, qint64 survivorId, qint64 duplicateId, QString actor,
                      QUndoCommand *parent = nullptr);

    void redo() override;
    void undo() override;

    qint64 survivorId() const { return m_survivorId; }
    qint64 duplicateId() const { return m_duplicateId; }

private:
    LeadWriteQueue &m_queue;
    qint64 m_survivorId = 0;
    qint64 m_duplicateId = 0;
    QString m_actor;
    std::shared_ptr<LeadMergeSnapshot> m_snapshot; // written and read only on the worker thread
};

} // namespace funnel
