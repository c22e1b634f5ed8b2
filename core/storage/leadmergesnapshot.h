#pragma once

#include <QList>
#include <QString>
#include <QStringList>
#include <QVariantList>

namespace funnel {

// Everything a merge changed, so that LeadMerger::undo() can put both leads back exactly: the same
// row ids, the same column values, the same child rows on the same lead. Held by the undo command
// (in memory) rather than in a table: an undo stack does not outlive the session either.
struct LeadMergeSnapshot {
    struct Row {
        QStringList columns;
        QVariantList values;
    };
    // Child rows of the duplicate that now belong to the survivor, per referencing table.
    struct MovedRows {
        QString table;
        QString column; // the foreign key column that points at leads.id
        QList<qint64> rowIds;
    };
    struct EventPoints {
        qint64 eventId = 0;
        int points = 0;
        qint64 rulesVersion = 0; // events.rules_version before; 0 for NULL
    };

    qint64 survivorId = 0;
    qint64 duplicateId = 0;
    Row survivor;  // the survivor's leads row before the merge
    Row duplicate; // the duplicate's leads row, deleted by the merge
    QList<MovedRows> moved;
    QList<EventPoints> eventPoints;   // events whose points the re-score changed, with the old points
    QList<Row> removedAdjustments;    // decay rows of both leads, recomputed by the re-score
    QList<qint64> addedAdjustmentIds; // decay rows the re-score wrote
    qint64 addedHistoryId = 0;        // the stage_history row of a stage change; 0 when none

    bool isValid() const { return survivorId != 0 && duplicateId != 0; }
};

} // namespace funnel
