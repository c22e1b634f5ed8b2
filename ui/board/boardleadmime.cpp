#include "ui/board/boardleadmime.h"

#include <QDataStream>
#include <QIODevice>
#include <QMimeData>

namespace funnel {

using namespace Qt::StringLiterals;

QString BoardLeadMime::mimeType()
{
    return u"application/x-funnelboard-lead-ids"_s;
}

QMimeData *BoardLeadMime::encode(const Payload &payload)
{
    QByteArray bytes;
    QDataStream stream(&bytes, QIODevice::WriteOnly);
    stream << quint8(payload.from) << payload.leadIds;
    auto *data = new QMimeData;
    data->setData(mimeType(), bytes);
    return data;
}

std::optional<BoardLeadMime::Payload> BoardLeadMime::decode(const QMimeData *data)
{
    if (!data || !data->hasFormat(mimeType()))
        return std::nullopt;
    QDataStream stream(data->data(mimeType()));
    quint8 from = 0;
    Payload payload;
    stream >> from >> payload.leadIds;
    if (stream.status() != QDataStream::Ok || from >= allStages.size() || payload.leadIds.isEmpty())
        return std::nullopt;
    payload.from = Stage(from);
    return payload;
}

} // namespace funnel
