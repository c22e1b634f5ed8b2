#pragma once

#include "core/domain/stage.h"

#include <QList>
#include <QString>

#include <optional>

class QMimeData;

namespace funnel {

// The drag payload of board cards: which leads, from which column. A private MIME type, so that a
// drop elsewhere (a text editor) does not receive half a lead.
class BoardLeadMime
{
public:
    struct Payload {
        QList<qint64> leadIds;
        Stage from = Stage::Cold;
    };

    static QString mimeType();
    static QMimeData *encode(const Payload &payload);
    static std::optional<Payload> decode(const QMimeData *data);
};

} // namespace funnel
