#pragma once

#include "core/storage/deliveryrecord.h"
#include "core/webhooks/retrypolicy.h"

#include <QElapsedTimer>
#include <QHash>
#include <QList>
#include <QObject>
#include <QPointer>
#include <QString>
#include <QTimer>

#include <functional>
#include <memory>

class QNetworkAccessManager;
class QNetworkReply;

namespace funnel {

class Database;
class OutboxStore;

// Drains the persisted outbox: claims due deliveries, signs each attempt (Standard Webhooks, a fresh
// timestamp, the same webhook-id), sends it with a total deadline, and records the outcome.
//
// Retries on network errors, deadlines, 408, 429 and 5xx with the RetryPolicy (honouring
// Retry-After); redirects are not followed (3xx is a failure, retried); other 4xx dead-letter at once;
// 410 Gone also disables the endpoint. At most `maximumPerHost` requests per host are in flight.
// Lives on the thread of its Database; needs a running event loop.
class WebhookDispatcher : public QObject
{
    Q_OBJECT

public:
    struct Options {
        qint64 deadlineMs = 15000; // whole attempt: connect, send, wait, read
        RetryPolicy retry;
        int maximumPerHost = 6;     // QNetworkAccessManager opens up to 6 connections per host
        int maximumInFlight = 64;
        int claimBatch = 200;
        int pollIntervalMs = 1000;  // rows added by other processes are seen within this
        qint64 leaseExtraMs = 5000; // a claim outlives the deadline by this before a crash is assumed
        QByteArray userAgent = "Funnelboard-Webhooks/1";
        std::function<qint64()> clock; // ms since the epoch; the system clock when empty
    };

    WebhookDispatcher(Database &database, const Options &options, QObject *parent = nullptr);
    explicit WebhookDispatcher(Database &database, QObject *parent = nullptr);
    ~WebhookDispatcher() override;

    const Options &options() const { return m_options; }

    void start();
    void stop(); // aborts nothing: requests in flight finish and are recorded
    bool isRunning() const { return m_running; }

    int inFlight() const { return int(m_inFlight.size()); }
    // Requests in flight, claimed rows waiting for a connection, or results not yet recorded.
    bool isBusy() const { return !m_inFlight.isEmpty() || !m_queued.isEmpty() || !m_results.isEmpty(); }
    qint64 sentCount() const { return m_sent; }

    // Standard Webhooks headers and the exact request text of one attempt.
    static QList<std::pair<QByteArray, QByteArray>> signedHeaders(const DueDelivery &delivery, qint64 timestampSeconds,
                                                                  QString *error = nullptr);

Q_SIGNALS:
    void attemptFinished(qint64 deliveryId, funnel::DeliveryStatus status, int httpStatus);
    // Nothing in flight, nothing queued and nothing due now (later retries may still be pending).
    void idle();
    void storageFailed(const QString &message);

private:
    struct Flight;
    void pump();
    void send(const DueDelivery &delivery);
    void finish(QNetworkReply *reply);
    void flushResults();
    void scheduleNextPoll();
    qint64 now() const;
    QString hostKey(const QString &url) const;

    Database &m_database;
    std::unique_ptr<OutboxStore> m_store;
    Options m_options;
    QNetworkAccessManager *m_network = nullptr;
    QTimer m_pollTimer;
    QTimer m_flushTimer;
    QList<DueDelivery> m_queued; // claimed, waiting for a free slot of their host
    QHash<QNetworkReply *, std::shared_ptr<Flight>> m_inFlight;
    QHash<QString, int> m_perHost;
    QList<DeliveryAttemptResult> m_results;
    struct PendingSignal {
        qint64 deliveryId = 0;
        DeliveryStatus status = DeliveryStatus::Pending;
        int httpStatus = 0;
    };
    QList<PendingSignal> m_pendingSignals;
    qint64 m_sent = 0;
    bool m_running = false;
    bool m_pumping = false;
};

} // namespace funnel
