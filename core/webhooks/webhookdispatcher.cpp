#include "core/webhooks/webhookdispatcher.h"

#include "core/storage/database.h"
#include "core/storage/outboxstore.h"
#include "core/webhooks/webhooksigner.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QRandomGenerator>
#include <QUrl>

namespace funnel {

using namespace Qt::StringLiterals;

namespace {

QString requestText(const DueDelivery &delivery, const QList<std::pair<QByteArray, QByteArray>> &headers)
{
    QString text = delivery.method + u' ' + delivery.url + u'\n';
    for (const auto &[name, value] : headers)
        text += QString::fromLatin1(name) + u": "_s + QString::fromUtf8(value) + u'\n';
    return text + u'\n' + QString::fromUtf8(delivery.body);
}

QString responseText(QNetworkReply *reply, int status, const QByteArray &body)
{
    QString text = u"HTTP %1 %2\n"_s.arg(status).arg(
        QString::fromUtf8(reply->attribute(QNetworkRequest::HttpReasonPhraseAttribute).toByteArray()));
    for (const auto &[name, value] : reply->rawHeaderPairs())
        text += QString::fromLatin1(name) + u": "_s + QString::fromUtf8(value) + u'\n';
    return text + u'\n' + QString::fromUtf8(body);
}

} // namespace

struct WebhookDispatcher::Flight {
    DueDelivery delivery;
    QString request;
    QString host;
    qint64 startedAtMs = 0;
    QElapsedTimer elapsed;
    QTimer deadline;
    bool timedOut = false;
};

WebhookDispatcher::WebhookDispatcher(Database &database, QObject *parent)
    : WebhookDispatcher(database, Options(), parent)
{
}

WebhookDispatcher::WebhookDispatcher(Database &database, const Options &options, QObject *parent)
    : QObject(parent),
      m_database(database),
      m_store(std::make_unique<OutboxStore>(database)),
      m_options(options),
      m_network(new QNetworkAccessManager(this))
{
    m_pollTimer.setSingleShot(true);
    connect(&m_pollTimer, &QTimer::timeout, this, &WebhookDispatcher::pump);
    // Results that finish together are written in one transaction.
    m_flushTimer.setSingleShot(true);
    m_flushTimer.setInterval(2);
    connect(&m_flushTimer, &QTimer::timeout, this, [this] {
        flushResults();
        pump();
    });
}

WebhookDispatcher::~WebhookDispatcher()
{
    // Requests still in flight are abandoned unrecorded: their claims' leases expire and they are
    // sent again with the same webhook-id, which is what at-least-once means.
    m_running = false;
    for (auto it = m_inFlight.cbegin(); it != m_inFlight.cend(); ++it) {
        it.key()->disconnect(this);
        it.key()->abort();
    }
    flushResults();
}

qint64 WebhookDispatcher::now() const
{
    return m_options.clock ? m_options.clock() : QDateTime::currentMSecsSinceEpoch();
}

QString WebhookDispatcher::hostKey(const QString &url) const
{
    const QUrl parsed(url);
    return parsed.host() + u':' + QString::number(parsed.port(parsed.scheme() == "https"_L1 ? 443 : 80));
}

void WebhookDispatcher::start()
{
    m_running = true;
    m_pollTimer.start(0);
}

void WebhookDispatcher::stop()
{
    m_running = false;
    m_pollTimer.stop();
}

QList<std::pair<QByteArray, QByteArray>> WebhookDispatcher::signedHeaders(const DueDelivery &delivery,
                                                                          qint64 timestampSeconds, QString *error)
{
    using Header = std::pair<QByteArray, QByteArray>;
    QList<Header> headers;
    headers.append(Header{"content-type", "application/json"});
    for (const auto &[name, value] : delivery.headers)
        headers.append(Header{name.toLatin1(), value.toUtf8()});
    const std::optional<QByteArray> key = WebhookSigner::decodeSecret(delivery.secret, error);
    if (!key)
        return {};
    const QByteArray id = delivery.messageId.toLatin1();
    headers.append(Header{"webhook-id", id});
    headers.append(Header{"webhook-timestamp", QByteArray::number(timestampSeconds)});
    headers.append(Header{"webhook-signature", WebhookSigner::sign(*key, id, timestampSeconds, delivery.body)});
    return headers;
}

void WebhookDispatcher::pump()
{
    if (m_pumping)
        return;
    m_pumping = true;
    // Send what was claimed and waits for a slot of its host.
    for (qsizetype i = 0; i < m_queued.size() && m_inFlight.size() < m_options.maximumInFlight;) {
        if (m_perHost.value(hostKey(m_queued.at(i).url)) < m_options.maximumPerHost)
            send(m_queued.takeAt(i));
        else
            ++i;
    }
    if (m_running) {
        const int room = m_options.maximumInFlight - int(m_inFlight.size()) - int(m_queued.size());
        // Claim in batches (one transaction for many rows), not one row per finished request.
        const bool worthClaiming = room >= std::max(1, m_options.maximumInFlight / 2) || m_inFlight.isEmpty();
        if (room > 0 && worthClaiming) {
            const int limit = std::min(room, m_options.claimBatch);
            // Claimed rows may wait behind others of their host; the lease covers that wait, so no
            // other sender takes them over while they are still ours.
            const auto lease = [this](int claimedCount) {
                const int perHost = std::max(1, m_options.maximumPerHost);
                const qint64 rounds = (claimedCount + int(m_queued.size()) + perHost - 1) / perHost;
                return m_options.deadlineMs * std::max<qint64>(1, rounds) + m_options.leaseExtraMs;
            };
            const QList<DueDelivery> claimed = m_store->claimDue(now(), limit, lease);
            if (m_store->lastError().isError() && claimed.isEmpty())
                Q_EMIT storageFailed(m_store->lastError().message);
            for (const DueDelivery &delivery : claimed) {
                if (m_inFlight.size() < m_options.maximumInFlight
                    && m_perHost.value(hostKey(delivery.url)) < m_options.maximumPerHost)
                    send(delivery);
                else
                    m_queued.append(delivery);
            }
        }
    }
    m_pumping = false;
    if (m_inFlight.isEmpty() && m_queued.isEmpty() && m_results.isEmpty()) {
        const std::optional<qint64> due = m_store->nextDueAt();
        if (!due || *due > now())
            Q_EMIT idle();
    }
    scheduleNextPoll();
}

void WebhookDispatcher::scheduleNextPoll()
{
    if (!m_running)
        return;
    if (!m_inFlight.isEmpty() || !m_queued.isEmpty()) {
        m_pollTimer.stop(); // finishing requests pump again
        return;
    }
    qint64 wait = m_options.pollIntervalMs;
    if (const std::optional<qint64> due = m_store->nextDueAt())
        wait = std::clamp<qint64>(*due - now(), 0, wait);
    m_pollTimer.start(int(wait));
}

void WebhookDispatcher::send(const DueDelivery &delivery)
{
    auto flight = std::make_shared<Flight>();
    flight->delivery = delivery;
    flight->host = hostKey(delivery.url);
    flight->startedAtMs = now();
    flight->elapsed.start();

    QString signError;
    // A fresh timestamp on every attempt; the id stays.
    const auto headers = signedHeaders(delivery, flight->startedAtMs / 1000, &signError);
    QNetworkRequest request{QUrl(delivery.url)};
    // A webhook sender does not follow redirects: a 3xx is a failure (Standard Webhooks).
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::ManualRedirectPolicy);
    request.setHeader(QNetworkRequest::UserAgentHeader, m_options.userAgent);
    for (const auto &[name, value] : headers)
        request.setRawHeader(name, value);
    flight->request = requestText(delivery, headers);
    if (headers.isEmpty()) {
        DeliveryAttemptResult result{delivery.id, delivery.endpointId, delivery.attempt, flight->startedAtMs, 0, 0,
                                     tr("cannot sign: %1").arg(signError), flight->request, {},
                                     DeliveryAttemptResult::Outcome::Dead, 0};
        m_results.append(result);
        if (!m_flushTimer.isActive())
            m_flushTimer.start();
        return;
    }

    QNetworkReply *reply = m_network->sendCustomRequest(request, delivery.method.toLatin1(), delivery.body);
    ++m_sent;
    m_inFlight.insert(reply, flight);
    ++m_perHost[flight->host];
    // setTransferTimeout() is an inactivity timeout: a receiver that trickles bytes would never
    // trip it. The deadline covers the whole attempt.
    flight->deadline.setSingleShot(true);
    flight->deadline.setTimerType(Qt::PreciseTimer); // a coarse timer may fire 5 % early
    connect(&flight->deadline, &QTimer::timeout, reply, [flight, reply] {
        flight->timedOut = true;
        reply->abort();
    });
    flight->deadline.start(int(m_options.deadlineMs));
    connect(reply, &QNetworkReply::finished, this, [this, reply] { finish(reply); });
}

void WebhookDispatcher::finish(QNetworkReply *reply)
{
    const std::shared_ptr<Flight> flight = m_inFlight.take(reply);
    reply->deleteLater();
    if (!flight)
        return;
    flight->deadline.stop();
    if (--m_perHost[flight->host] <= 0)
        m_perHost.remove(flight->host);

    const DueDelivery &delivery = flight->delivery;
    const qint64 finishedAt = now();
    DeliveryAttemptResult result;
    result.deliveryId = delivery.id;
    result.endpointId = delivery.endpointId;
    result.attempt = delivery.attempt;
    result.startedAtMs = flight->startedAtMs;
    result.latencyMs = flight->elapsed.elapsed();
    result.request = flight->request;

    const QVariant statusAttribute = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute);
    const int status = statusAttribute.isValid() ? statusAttribute.toInt() : 0;
    result.statusCode = status;
    std::optional<qint64> retryAfter;
    bool retryable = true;
    if (flight->timedOut) {
        result.error = tr("no complete response within %1 ms").arg(m_options.deadlineMs);
    } else if (status == 0) {
        result.error = reply->errorString();
    } else {
        const QByteArray body = reply->readAll();
        result.response = responseText(reply, status, body);
        if (status >= 200 && status < 300) {
            result.outcome = DeliveryAttemptResult::Outcome::Succeeded;
        } else if (status == 410) {
            result.outcome = DeliveryAttemptResult::Outcome::DeadEndpointGone;
            result.error = tr("410 Gone: the endpoint was disabled");
            retryable = false;
        } else if (status >= 300 && status < 400) {
            result.error = tr("redirect to %1 not followed")
                               .arg(QString::fromUtf8(reply->rawHeader("location")));
        } else if (status == 408 || status == 429 || status >= 500) {
            result.error = tr("HTTP %1").arg(status);
            retryAfter = RetryPolicy::parseRetryAfter(reply->rawHeader("retry-after"), finishedAt);
        } else {
            result.error = tr("HTTP %1: not retried").arg(status);
            result.outcome = DeliveryAttemptResult::Outcome::Dead;
            retryable = false;
        }
    }
    if (retryable && result.outcome != DeliveryAttemptResult::Outcome::Succeeded) {
        const std::optional<qint64> delay =
            m_options.retry.delayAfter(delivery.attempt, retryAfter, QRandomGenerator::global());
        if (delay) {
            result.outcome = DeliveryAttemptResult::Outcome::Retry;
            result.nextAttemptAtMs = finishedAt + *delay;
        } else {
            result.outcome = DeliveryAttemptResult::Outcome::Dead;
            result.error += tr(" (attempt %1 of %1: dead-lettered)").arg(delivery.attempt);
        }
    }
    m_results.append(result);
    if (!m_flushTimer.isActive())
        m_flushTimer.start();

    const DeliveryStatus deliveryStatus = result.outcome == DeliveryAttemptResult::Outcome::Succeeded ? DeliveryStatus::Succeeded
        : result.outcome == DeliveryAttemptResult::Outcome::Retry                                   ? DeliveryStatus::Pending
                                                                                                     : DeliveryStatus::Dead;
    m_pendingSignals.append({delivery.id, deliveryStatus, status});
    // The slot is free now: the next request need not wait for the results to be written.
    pump();
}

void WebhookDispatcher::flushResults()
{
    if (m_results.isEmpty())
        return;
    const QList<DeliveryAttemptResult> results = std::exchange(m_results, {});
    if (!m_store->recordResults(results)) {
        // Not recorded: the leases run out and the deliveries are sent again, same ids.
        Q_EMIT storageFailed(m_store->lastError().message);
        m_pendingSignals.clear();
        return;
    }
    // Signals after commit, never before.
    const auto signalsToSend = std::exchange(m_pendingSignals, {});
    for (const PendingSignal &pending : signalsToSend)
        Q_EMIT attemptFinished(pending.deliveryId, pending.status, pending.httpStatus);
}

} // namespace funnel
