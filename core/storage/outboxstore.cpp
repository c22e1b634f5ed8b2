#include "core/storage/outboxstore.h"

#include "core/storage/database.h"
#include "core/storage/transaction.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QSqlError>
#include <QSqlQuery>
#include <QUuid>
#include <QVariant>

namespace funnel {

using namespace Qt::StringLiterals;

namespace {

QString headersToJson(const QList<std::pair<QString, QString>> &headers)
{
    QJsonArray array;
    for (const auto &[name, value] : headers)
        array.append(QJsonArray{name, value});
    return QString::fromUtf8(QJsonDocument(array).toJson(QJsonDocument::Compact));
}

QList<std::pair<QString, QString>> headersFromJson(const QString &json)
{
    QList<std::pair<QString, QString>> headers;
    for (const QJsonValue &pair : QJsonDocument::fromJson(json.toUtf8()).array())
        headers.append({pair.toArray().at(0).toString(), pair.toArray().at(1).toString()});
    return headers;
}

QVariant nullable(qint64 value)
{
    return value == 0 ? QVariant(QMetaType::fromType<qint64>()) : QVariant(value);
}

const QString endpointColumns = u"id, url, secret, disabled_at, disabled_reason, consecutive_failures, dead_letters,"
                                " last_success_at, last_failure_at, last_status_code,"
                                " (SELECT count(*) FROM deliveries d WHERE d.endpoint_id = webhook_endpoints.id"
                                "  AND d.status = 'pending')"_s;

OutboxEndpoint endpointFrom(const QSqlQuery &query)
{
    OutboxEndpoint endpoint;
    endpoint.id = query.value(0).toLongLong();
    endpoint.url = query.value(1).toString();
    endpoint.secret = query.value(2).toString();
    endpoint.disabledAtMs = query.value(3).toLongLong();
    endpoint.disabledReason = query.value(4).toString();
    endpoint.consecutiveFailures = query.value(5).toInt();
    endpoint.deadLetters = query.value(6).toInt();
    endpoint.lastSuccessAtMs = query.value(7).toLongLong();
    endpoint.lastFailureAtMs = query.value(8).toLongLong();
    endpoint.lastStatusCode = query.value(9).toInt();
    endpoint.pending = query.value(10).toLongLong();
    return endpoint;
}

const QString deliveryColumns = u"d.id, d.message_id, d.endpoint_id, e.url, d.enrollment_id, d.step_id, d.campaign,"
                                " d.lead_id, d.method, d.headers, d.body, d.status, d.attempts, d.next_attempt_at,"
                                " d.created_at, d.last_attempt_at, d.last_status_code, d.last_latency_ms, d.last_error,"
                                " d.last_request, d.last_response"_s;

DeliveryRecord deliveryFrom(const QSqlQuery &query)
{
    DeliveryRecord record;
    record.id = query.value(0).toLongLong();
    record.messageId = query.value(1).toString();
    record.endpointId = query.value(2).toLongLong();
    record.url = query.value(3).toString();
    if (!query.isNull(4))
        record.enrollmentId = query.value(4).toLongLong();
    record.stepId = query.value(5).toString();
    record.campaign = query.value(6).toString();
    record.leadId = query.value(7).toLongLong();
    record.method = query.value(8).toString();
    record.headers = headersFromJson(query.value(9).toString());
    record.body = query.value(10).toByteArray();
    record.status = deliveryStatusFromName(query.value(11).toString()).value_or(DeliveryStatus::Pending);
    record.attempts = query.value(12).toInt();
    record.nextAttemptAtMs = query.value(13).toLongLong();
    record.createdAtMs = query.value(14).toLongLong();
    record.lastAttemptAtMs = query.value(15).toLongLong();
    record.lastStatusCode = query.value(16).toInt();
    record.lastLatencyMs = query.value(17).toLongLong();
    record.lastError = query.value(18).toString();
    record.lastRequest = query.value(19).toString();
    record.lastResponse = query.value(20).toString();
    return record;
}

} // namespace

bool OutboxStore::fail(const QSqlQuery &query) const
{
    m_lastError = m_database.errorFor(query.lastError());
    return false;
}

std::optional<OutboxEndpoint> OutboxStore::ensureEndpoint(const QString &url, const QString &secretIfNew, qint64 nowMs)
{
    QSqlQuery query(m_database.connection());
    query.prepare(u"INSERT INTO webhook_endpoints (url, secret, created_at) VALUES (?, ?, ?)"
                  " ON CONFLICT (url) DO NOTHING"_s);
    query.addBindValue(url);
    query.addBindValue(secretIfNew);
    query.addBindValue(nowMs);
    if (!query.exec()) {
        fail(query);
        return std::nullopt;
    }
    return endpointForUrl(url);
}

std::optional<OutboxEndpoint> OutboxStore::endpoint(qint64 id) const
{
    QSqlQuery query(m_database.connection());
    query.prepare(u"SELECT "_s + endpointColumns + u" FROM webhook_endpoints WHERE id = ?"_s);
    query.addBindValue(id);
    if (!query.exec()) {
        fail(query);
        return std::nullopt;
    }
    if (!query.next())
        return std::nullopt;
    return endpointFrom(query);
}

std::optional<OutboxEndpoint> OutboxStore::endpointForUrl(const QString &url) const
{
    QSqlQuery query(m_database.connection());
    query.prepare(u"SELECT "_s + endpointColumns + u" FROM webhook_endpoints WHERE url = ?"_s);
    query.addBindValue(url);
    if (!query.exec()) {
        fail(query);
        return std::nullopt;
    }
    if (!query.next())
        return std::nullopt;
    return endpointFrom(query);
}

QList<OutboxEndpoint> OutboxStore::endpoints() const
{
    QList<OutboxEndpoint> list;
    QSqlQuery query(m_database.connection());
    if (!query.exec(u"SELECT "_s + endpointColumns + u" FROM webhook_endpoints ORDER BY url"_s)) {
        fail(query);
        return list;
    }
    while (query.next())
        list.append(endpointFrom(query));
    return list;
}

bool OutboxStore::setEndpointSecret(const QString &url, const QString &secret, qint64 nowMs)
{
    QSqlQuery query(m_database.connection());
    query.prepare(u"INSERT INTO webhook_endpoints (url, secret, created_at) VALUES (?, ?, ?)"
                  " ON CONFLICT (url) DO UPDATE SET secret = excluded.secret"_s);
    query.addBindValue(url);
    query.addBindValue(secret);
    query.addBindValue(nowMs);
    return query.exec() || fail(query);
}

bool OutboxStore::setEndpointEnabled(qint64 endpointId, bool enabled, const QString &reason, qint64 nowMs)
{
    QSqlQuery query(m_database.connection());
    query.prepare(u"UPDATE webhook_endpoints SET disabled_at = ?, disabled_reason = ?,"
                  " consecutive_failures = CASE WHEN ? THEN 0 ELSE consecutive_failures END WHERE id = ?"_s);
    query.addBindValue(enabled ? QVariant(QMetaType::fromType<qint64>()) : QVariant(nowMs));
    query.addBindValue(enabled ? QVariant(QMetaType::fromType<QString>()) : QVariant(reason));
    query.addBindValue(enabled);
    query.addBindValue(endpointId);
    return query.exec() || fail(query);
}

std::optional<qint64> OutboxStore::enqueue(const OutboxMessage &message, qint64 nowMs)
{
    QSqlQuery endpointQuery(m_database.connection());
    endpointQuery.prepare(u"SELECT id FROM webhook_endpoints WHERE url = ?"_s);
    endpointQuery.addBindValue(message.url);
    if (!endpointQuery.exec()) {
        fail(endpointQuery);
        return std::nullopt;
    }
    if (!endpointQuery.next()) {
        m_lastError = {DatabaseError::Kind::Other, u"no webhook endpoint for %1"_s.arg(message.url), {}};
        return std::nullopt;
    }
    const qint64 endpointId = endpointQuery.value(0).toLongLong();
    QSqlQuery query(m_database.connection());
    query.prepare(u"INSERT INTO deliveries (message_id, endpoint_id, enrollment_id, step_id, campaign, lead_id, method,"
                  " headers, body, next_attempt_at, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
                  " ON CONFLICT (enrollment_id, step_id) DO NOTHING"_s);
    // The message id is the webhook-id header: chosen once, kept on every attempt and replay.
    query.addBindValue(QString(u"msg_"_s + QUuid::createUuid().toString(QUuid::Id128)));
    query.addBindValue(endpointId);
    query.addBindValue(message.enrollmentId ? QVariant(*message.enrollmentId) : QVariant(QMetaType::fromType<qint64>()));
    query.addBindValue(message.stepId.isEmpty() ? QVariant(QMetaType::fromType<QString>()) : QVariant(message.stepId));
    query.addBindValue(message.campaign);
    query.addBindValue(nullable(message.leadId));
    query.addBindValue(message.method);
    query.addBindValue(headersToJson(message.headers));
    query.addBindValue(message.body);
    query.addBindValue(std::max(message.notBeforeMs, nowMs));
    query.addBindValue(nowMs);
    if (!query.exec()) {
        fail(query);
        return std::nullopt;
    }
    if (query.numRowsAffected() > 0)
        return query.lastInsertId().toLongLong();
    // The (enrollment, step) pair had its delivery already: that one stands.
    QSqlQuery existing(m_database.connection());
    existing.prepare(u"SELECT id FROM deliveries WHERE enrollment_id = ? AND step_id = ?"_s);
    existing.addBindValue(message.enrollmentId ? QVariant(*message.enrollmentId) : QVariant());
    existing.addBindValue(message.stepId);
    if (!existing.exec() || !existing.next()) {
        fail(existing);
        return std::nullopt;
    }
    return existing.value(0).toLongLong();
}

std::optional<qint64> OutboxStore::enqueueStandalone(const OutboxMessage &message, const QString &secretIfNew, qint64 nowMs)
{
    Transaction transaction(m_database);
    if (!transaction.isActive()) {
        m_lastError = transaction.error();
        return std::nullopt;
    }
    if (!ensureEndpoint(message.url, secretIfNew, nowMs))
        return std::nullopt;
    const std::optional<qint64> id = enqueue(message, nowMs);
    if (!id)
        return std::nullopt;
    if (!transaction.commit()) {
        m_lastError = transaction.error();
        return std::nullopt;
    }
    return id;
}

QList<DueDelivery> OutboxStore::claimDue(qint64 nowMs, int limit, qint64 leaseMs)
{
    return claimDue(nowMs, limit, [leaseMs](int) { return leaseMs; });
}

QList<DueDelivery> OutboxStore::claimDue(qint64 nowMs, int limit, const std::function<qint64(int)> &leaseMs)
{
    QList<DueDelivery> claimed;
    // IMMEDIATE: two senders (the desktop app and funnelctl run) never claim the same row.
    Transaction transaction(m_database, Transaction::Mode::Immediate);
    if (!transaction.isActive()) {
        m_lastError = transaction.error();
        return claimed;
    }
    QSqlQuery select(m_database.connection());
    select.prepare(u"SELECT d.id, d.message_id, d.endpoint_id, e.url, e.secret, d.method, d.headers, d.body, d.attempts"
                   " FROM deliveries d JOIN webhook_endpoints e ON e.id = d.endpoint_id"
                   " WHERE d.status = 'pending' AND d.next_attempt_at <= ? AND e.disabled_at IS NULL"
                   " ORDER BY d.next_attempt_at, d.id LIMIT ?"_s);
    select.addBindValue(nowMs);
    select.addBindValue(limit);
    if (!select.exec()) {
        fail(select);
        return {};
    }
    while (select.next()) {
        DueDelivery due;
        due.id = select.value(0).toLongLong();
        due.messageId = select.value(1).toString();
        due.endpointId = select.value(2).toLongLong();
        due.url = select.value(3).toString();
        due.secret = select.value(4).toString();
        due.method = select.value(5).toString();
        due.headers = headersFromJson(select.value(6).toString());
        due.body = select.value(7).toByteArray();
        due.attempt = select.value(8).toInt() + 1;
        claimed.append(due);
    }
    select.finish();
    const qint64 lease = leaseMs(int(claimed.size()));
    QSqlQuery update(m_database.connection());
    update.prepare(u"UPDATE deliveries SET attempts = attempts + 1, next_attempt_at = ?, last_attempt_at = ?"
                   " WHERE id = ?"_s);
    for (const DueDelivery &due : std::as_const(claimed)) {
        update.bindValue(0, nowMs + lease);
        update.bindValue(1, nowMs);
        update.bindValue(2, due.id);
        if (!update.exec()) {
            fail(update);
            return {};
        }
    }
    if (!transaction.commit()) {
        m_lastError = transaction.error();
        return {};
    }
    return claimed;
}

bool OutboxStore::recordResults(const QList<DeliveryAttemptResult> &results)
{
    if (results.isEmpty())
        return true;
    Transaction transaction(m_database, Transaction::Mode::Immediate);
    if (!transaction.isActive()) {
        m_lastError = transaction.error();
        return false;
    }
    QSqlQuery attempt(m_database.connection());
    attempt.prepare(u"INSERT INTO delivery_attempts (delivery_id, attempt, started_at, status_code, latency_ms, error,"
                    " request, response) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"_s);
    QSqlQuery delivery(m_database.connection());
    delivery.prepare(u"UPDATE deliveries SET status = ?, next_attempt_at = ?, last_status_code = ?,"
                     " last_latency_ms = ?, last_error = ?, last_request = ?, last_response = ? WHERE id = ?"_s);
    QSqlQuery success(m_database.connection());
    success.prepare(u"UPDATE webhook_endpoints SET consecutive_failures = 0, last_success_at = ?,"
                    " last_status_code = ? WHERE id = ?"_s);
    QSqlQuery failure(m_database.connection());
    failure.prepare(u"UPDATE webhook_endpoints SET consecutive_failures = consecutive_failures + 1,"
                    " last_failure_at = ?, last_status_code = ?, dead_letters = dead_letters + ?,"
                    " disabled_at = CASE WHEN ? THEN ? ELSE disabled_at END,"
                    " disabled_reason = CASE WHEN ? THEN ? ELSE disabled_reason END WHERE id = ?"_s);
    for (const DeliveryAttemptResult &result : results) {
        const QVariant statusCode = result.statusCode ? QVariant(result.statusCode) : QVariant(QMetaType::fromType<int>());
        attempt.bindValue(0, result.deliveryId);
        attempt.bindValue(1, result.attempt);
        attempt.bindValue(2, result.startedAtMs);
        attempt.bindValue(3, statusCode);
        attempt.bindValue(4, result.latencyMs);
        attempt.bindValue(5, result.error.isEmpty() ? QVariant(QMetaType::fromType<QString>()) : QVariant(result.error));
        attempt.bindValue(6, result.request);
        attempt.bindValue(7, result.response);
        if (!attempt.exec())
            return fail(attempt);

        const bool succeeded = result.outcome == DeliveryAttemptResult::Outcome::Succeeded;
        const bool retry = result.outcome == DeliveryAttemptResult::Outcome::Retry;
        const bool gone = result.outcome == DeliveryAttemptResult::Outcome::DeadEndpointGone;
        delivery.bindValue(0, succeeded ? u"succeeded"_s : retry ? u"pending"_s : u"dead"_s);
        delivery.bindValue(1, retry ? QVariant(result.nextAttemptAtMs) : QVariant(QMetaType::fromType<qint64>()));
        delivery.bindValue(2, statusCode);
        delivery.bindValue(3, result.latencyMs);
        delivery.bindValue(4, result.error.isEmpty() ? QVariant(QMetaType::fromType<QString>()) : QVariant(result.error));
        delivery.bindValue(5, result.request);
        delivery.bindValue(6, result.response);
        delivery.bindValue(7, result.deliveryId);
        if (!delivery.exec())
            return fail(delivery);

        const qint64 finishedAt = result.startedAtMs + result.latencyMs;
        if (succeeded) {
            success.bindValue(0, finishedAt);
            success.bindValue(1, statusCode);
            success.bindValue(2, result.endpointId);
            if (!success.exec())
                return fail(success);
        } else {
            failure.bindValue(0, finishedAt);
            failure.bindValue(1, statusCode);
            failure.bindValue(2, retry ? 0 : 1);
            failure.bindValue(3, gone);
            failure.bindValue(4, finishedAt);
            failure.bindValue(5, gone);
            failure.bindValue(6, result.error);
            failure.bindValue(7, result.endpointId);
            if (!failure.exec())
                return fail(failure);
        }
    }
    if (!transaction.commit()) {
        m_lastError = transaction.error();
        return false;
    }
    return true;
}

std::optional<qint64> OutboxStore::nextDueAt() const
{
    QSqlQuery query(m_database.connection());
    if (!query.exec(u"SELECT min(d.next_attempt_at) FROM deliveries d JOIN webhook_endpoints e ON e.id = d.endpoint_id"
                    " WHERE d.status = 'pending' AND e.disabled_at IS NULL"_s)) {
        fail(query);
        return std::nullopt;
    }
    if (!query.next() || query.isNull(0))
        return std::nullopt;
    return query.value(0).toLongLong();
}

QList<DeliveryRecord> OutboxStore::deliveries(const ListFilter &filter) const
{
    QString sql = u"SELECT "_s + deliveryColumns
        + u" FROM deliveries d JOIN webhook_endpoints e ON e.id = d.endpoint_id WHERE 1 = 1"_s;
    QVariantList values;
    if (filter.status) {
        sql += u" AND d.status = ?"_s;
        values.append(deliveryStatusName(*filter.status));
    }
    if (!filter.campaign.isEmpty()) {
        sql += u" AND d.campaign = ?"_s;
        values.append(filter.campaign);
    }
    if (filter.fromMs) {
        sql += u" AND d.created_at >= ?"_s;
        values.append(filter.fromMs);
    }
    if (filter.toMs) {
        sql += u" AND d.created_at < ?"_s;
        values.append(filter.toMs);
    }
    if (filter.beforeId > 0) {
        sql += u" AND d.id < ?"_s;
        values.append(filter.beforeId);
    }
    sql += u" ORDER BY d.id DESC LIMIT ?"_s;
    values.append(filter.limit);
    QSqlQuery query(m_database.connection());
    query.prepare(sql);
    for (const QVariant &value : std::as_const(values))
        query.addBindValue(value);
    QList<DeliveryRecord> list;
    if (!query.exec()) {
        fail(query);
        return list;
    }
    while (query.next())
        list.append(deliveryFrom(query));
    return list;
}

std::optional<DeliveryRecord> OutboxStore::delivery(qint64 id) const
{
    QSqlQuery query(m_database.connection());
    query.prepare(u"SELECT "_s + deliveryColumns
                  + u" FROM deliveries d JOIN webhook_endpoints e ON e.id = d.endpoint_id WHERE d.id = ?"_s);
    query.addBindValue(id);
    if (!query.exec()) {
        fail(query);
        return std::nullopt;
    }
    if (!query.next())
        return std::nullopt;
    return deliveryFrom(query);
}

QList<DeliveryAttemptResult> OutboxStore::attempts(qint64 deliveryId) const
{
    QList<DeliveryAttemptResult> list;
    QSqlQuery query(m_database.connection());
    query.prepare(u"SELECT a.attempt, a.started_at, a.status_code, a.latency_ms, a.error, a.request, a.response,"
                  " d.endpoint_id FROM delivery_attempts a JOIN deliveries d ON d.id = a.delivery_id"
                  " WHERE a.delivery_id = ? ORDER BY a.id"_s);
    query.addBindValue(deliveryId);
    if (!query.exec()) {
        fail(query);
        return list;
    }
    while (query.next()) {
        DeliveryAttemptResult result;
        result.deliveryId = deliveryId;
        result.attempt = query.value(0).toInt();
        result.startedAtMs = query.value(1).toLongLong();
        result.statusCode = query.value(2).toInt();
        result.latencyMs = query.value(3).toLongLong();
        result.error = query.value(4).toString();
        result.request = query.value(5).toString();
        result.response = query.value(6).toString();
        result.endpointId = query.value(7).toLongLong();
        list.append(result);
    }
    return list;
}

qint64 OutboxStore::count(std::optional<DeliveryStatus> status) const
{
    QSqlQuery query(m_database.connection());
    query.prepare(status ? u"SELECT count(*) FROM deliveries WHERE status = ?"_s : u"SELECT count(*) FROM deliveries"_s);
    if (status)
        query.addBindValue(deliveryStatusName(*status));
    if (!query.exec() || !query.next()) {
        fail(query);
        return -1;
    }
    return query.value(0).toLongLong();
}

int OutboxStore::replayWhere(const QString &condition, const QVariantList &values, qint64 nowMs)
{
    QSqlQuery query(m_database.connection());
    query.prepare(u"UPDATE deliveries SET status = 'pending', attempts = 0, next_attempt_at = ?"
                  " WHERE status = 'dead' AND "_s + condition);
    query.addBindValue(nowMs);
    for (const QVariant &value : values)
        query.addBindValue(value);
    if (!query.exec()) {
        fail(query);
        return -1;
    }
    return query.numRowsAffected();
}

int OutboxStore::replay(qint64 deliveryId, qint64 nowMs)
{
    return replayWhere(u"id = ?"_s, {deliveryId}, nowMs);
}

int OutboxStore::replayAllDead(qint64 nowMs)
{
    return replayWhere(u"1 = 1"_s, {}, nowMs);
}

} // namespace funnel
