#pragma once

#include "core/domain/stage.h"

#include <QHash>
#include <QString>

namespace funnel {

// What campaigns need to know about a lead: its fields for templates and audience filters, and
// the latest time of each event type for "had event E within D" conditions.
struct CampaignLead {
    qint64 id = 0;
    QString email;
    QString name;
    QString company;
    QString source;
    Stage stage = Stage::Cold;
    int score = 0;
    QHash<QString, qint64> lastEventAtMs; // event type -> latest occurred_at (UTC ms)
    friend bool operator==(const CampaignLead &, const CampaignLead &) = default;
};

} // namespace funnel
