#pragma once

#include <QString>

namespace funnel {

// A rep's note on a lead (table `notes`).
struct Note {
    qint64 id = 0;
    qint64 leadId = 0;
    qint64 atMs = 0;
    QString author;
    QString body;
};

} // namespace funnel
