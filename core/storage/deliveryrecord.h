#pragma once

#include <QByteArray>
#include <QList>
#include <QString>

#include <optional>
#include <utility>

namespace funnel {

enum class DeliveryStatus { Pending, Succeeded, Dead };

QString deliveryStatusName(DeliveryStatus status); // "pending", "succeeded", "dead"
std::optional<DeliveryStatus> deliveryStatusFromName(QStringView name);

// One row of the delivery log.
struct DeliveryRecord {
    qint64 id = 0;
    QString messageId;
    qint64 endpointId = 0;
    QString url;
    std::optional<qint64> enrollmentId;
    QString stepId;
    QString campaign;
    qint64 leadId = 0;
    QString method;
    QList<std::pair<QString, QString>> headers;
    QByteArray body;
    DeliveryStatus status = DeliveryStatus::Pending;
    int attempts = 0;
    qint64 nextAttemptAtMs = 0;
    qint64 createdAtMs = 0;
    qint64 lastAttemptAtMs = 0;
    int lastStatusCode = 0;
    qint64 lastLatencyMs = 0;
    QString lastError;
    QString lastRequest;
    QString lastResponse;
};

// A delivery claimed for an attempt: everything the sender needs, with the endpoint's secret.
struct DueDelivery {
    qint64 id = 0;
    QString messageId;
    qint64 endpointId = 0;
    QString url;
    QString secret;
    QString method;
    QList<std::pair<QString, QString>> headers;
    QByteArray body;
    int attempt = 0; // 1 for the first attempt
};

// What one attempt came to, as the dispatcher decided.
struct DeliveryAttemptResult {
    enum class Outcome { Succeeded, Retry, Dead, DeadEndpointGone };
    qint64 deliveryId = 0;
    qint64 endpointId = 0;
    int attempt = 0;
    qint64 startedAtMs = 0;
    int statusCode = 0; // 0 when no response came
    qint64 latencyMs = 0;
    QString error;
    QString request;  // the exact request: request line, headers, body
    QString response; // status line, headers, body; empty when none came
    Outcome outcome = Outcome::Retry;
    qint64 nextAttemptAtMs = 0; // Retry
};

} // namespace funnel
