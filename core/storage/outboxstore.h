#pragma once

#include "core/storage/databaseerror.h"
#include "core/storage/deliveryrecord.h"
#include "core/storage/outboxendpoint.h"
#include "core/storage/outboxmessage.h"

#include <QList>
#include <QString>

#include <QVariantList>

#include <functional>
#include <optional>

class QSqlQuery;

namespace funnel {

class Database;

// The persisted webhook outbox: endpoints with their secrets and health, deliveries with their
// attempts. Delivery is at-least-once: a claim (the attempt counter and a lease) is committed before
// a request leaves, the result after the response; a crash in between re-sends the same message id
// once the lease runs out.
class OutboxStore
{
public:
    explicit OutboxStore(Database &database) : m_database(database) {}

    // --- endpoints
    // The endpoint of `url`, created with `secretIfNew` when missing (the caller generates secrets:
    // storage does not sign). Call inside the caller's transaction when it writes more.
    std::optional<OutboxEndpoint> ensureEndpoint(const QString &url, const QString &secretIfNew, qint64 nowMs);
    std::optional<OutboxEndpoint> endpoint(qint64 id) const;
    std::optional<OutboxEndpoint> endpointForUrl(const QString &url) const;
    QList<OutboxEndpoint> endpoints() const;
    bool setEndpointSecret(const QString &url, const QString &secret, qint64 nowMs);
    bool setEndpointEnabled(qint64 endpointId, bool enabled, const QString &reason, qint64 nowMs);

    // --- writing the outbox
    // Adds a delivery; with an enrollment id and step id, a second call for the same pair keeps the
    // first row and returns its id. No transaction of its own: the caller's step and this row commit
    // together. The endpoint must exist (ensureEndpoint).
    std::optional<qint64> enqueue(const OutboxMessage &message, qint64 nowMs);
    // Same, as its own transaction, creating the endpoint with `secretIfNew` when needed.
    std::optional<qint64> enqueueStandalone(const OutboxMessage &message, const QString &secretIfNew, qint64 nowMs);

    // --- the sender's side
    // Claims up to `limit` pending deliveries due at nowMs whose endpoint is enabled: each gets its
    // attempt counted and its next attempt moved to nowMs + leaseMs, in one committed transaction.
    // leaseMs(n) gives the lease for n claimed rows (more rows may wait longer for a connection).
    QList<DueDelivery> claimDue(qint64 nowMs, int limit, qint64 leaseMs);
    QList<DueDelivery> claimDue(qint64 nowMs, int limit, const std::function<qint64(int)> &leaseMs);
    // Stores attempt results in one transaction: the attempt row, the delivery's state, the endpoint's health.
    bool recordResults(const QList<DeliveryAttemptResult> &results);
    // The earliest next_attempt_at of a pending delivery to an enabled endpoint; nullopt if none.
    std::optional<qint64> nextDueAt() const;

    // --- the log
    struct ListFilter {
        std::optional<DeliveryStatus> status;
        QString campaign;
        qint64 fromMs = 0; // created_at range; 0 = open
        qint64 toMs = 0;
        int limit = 1000;
        qint64 beforeId = 0; // newest first: the page after the row with this id; 0 = from the newest
    };
    QList<DeliveryRecord> deliveries(const ListFilter &filter) const;
    std::optional<DeliveryRecord> delivery(qint64 id) const;
    QList<DeliveryAttemptResult> attempts(qint64 deliveryId) const;
    qint64 count(std::optional<DeliveryStatus> status) const;

    // Dead deliveries back to pending, due now, with a fresh retry schedule (same message id, so a
    // receiver that saw an earlier attempt can still dedupe). Returns how many were replayed.
    int replay(qint64 deliveryId, qint64 nowMs);
    int replayAllDead(qint64 nowMs);

    const DatabaseError &lastError() const { return m_lastError; }

private:
    bool fail(const QSqlQuery &query) const;
    int replayWhere(const QString &condition, const QVariantList &values, qint64 nowMs);

    Database &m_database;
    mutable DatabaseError m_lastError;
};

} // namespace funnel
