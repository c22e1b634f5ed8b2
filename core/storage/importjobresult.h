#pragma once

#include <QList>
#include <QString>

namespace funnel {

// What an ImportJob did, the same shape for leads (CSV) and events (JSONL).
struct ImportJobResult {
    struct Rejected {
        qint64 line = 0; // 1-based line of the input
        QString message;
    };

    qint64 created = 0;   // leads created
    qint64 updated = 0;   // leads merged into existing ones (CSV)
    qint64 events = 0;    // events stored (JSONL)
    qint64 duplicates = 0; // lines whose eventId was stored already (JSONL)
    qint64 stageChanges = 0;
    qint64 rejectedCount = 0;  // every rejected line, even beyond the listed ones
    QList<Rejected> rejected;  // in line order
    qint64 bytesRead = 0;
    qint64 totalBytes = 0;
    bool cancelled = false;
    QString failure; // why the import stopped (file or database); empty when it ran to the end

    bool anythingChanged() const { return created + updated + events + stageChanges > 0; }
};

} // namespace funnel
