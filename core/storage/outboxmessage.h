#pragma once

#include <QByteArray>
#include <QList>
#include <QString>

#include <optional>
#include <utility>

namespace funnel {

// A webhook to send, as the outbox receives it.
struct OutboxMessage {
    QString url;
    QString method = QStringLiteral("POST");
    QList<std::pair<QString, QString>> headers;
    QByteArray body;
    std::optional<qint64> enrollmentId; // with stepId: at most one delivery per (enrollment, step)
    QString stepId;
    QString campaign;
    qint64 leadId = 0;
    qint64 notBeforeMs = 0; // first attempt at or after this
};

} // namespace funnel
