#pragma once

#include <QString>

namespace funnel {

// A lead in the new-SQL inbox: promoted to SQL and not opened by anyone yet.
struct InboxEntry {
    qint64 id = 0;
    QString name;
    QString company;
    QString email;
    int score = 0;
    QString owner;
    qint64 promotedAtMs = 0; // leads.stage_entered_at
    QString cause;           // of the latest stage_history row into SQL: gate, threshold, manual, ...
    QString reason;          // its reason: the gate event type, "score 85 >= 80", a person's words
};

// A promotion to SQL recorded in stage_history.
struct SqlPromotion {
    qint64 historyId = 0;
    qint64 leadId = 0;
    QString name;    // the lead's name, else its email
    QString company;
    QString reason;  // the history row's reason
};

} // namespace funnel
