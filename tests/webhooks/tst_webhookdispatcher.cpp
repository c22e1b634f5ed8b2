#include "core/storage/database.h"
#include "core/storage/outboxstore.h"
#include "core/webhooks/webhookdispatcher.h"
#include "core/webhooks/webhooksigner.h"
#include "tests/webhooks/testreceiver.h"

#include <QCryptographicHash>
#include <QElapsedTimer>
#include <QProcess>
#include <QRandomGenerator>
#include <QSignalSpy>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

using namespace funnel;
using namespace Qt::StringLiterals;

namespace {

// Independent of WebhookSigner: HMAC-SHA256 from RFC 2104 on the plain hash, as the spec describes.
QByteArray referenceSignature(const QString &secret, const QByteArray &id, const QByteArray &timestamp,
                              const QByteArray &body)
{
    QByteArray key = QByteArray::fromBase64(secret.mid(6).toLatin1());
    key.resize(64, '\0');
    QByteArray inner(64, '\0');
    QByteArray outer(64, '\0');
    for (int i = 0; i < 64; ++i) {
        inner[i] = char(key.at(i) ^ 0x36);
        outer[i] = char(key.at(i) ^ 0x5c);
    }
    const QByteArray message = id + '.' + timestamp + '.' + body;
    const QByteArray innerHash = QCryptographicHash::hash(QByteArray(inner + message), QCryptographicHash::Sha256);
    return "v1," + QCryptographicHash::hash(QByteArray(outer + innerHash), QCryptographicHash::Sha256).toBase64();
}

WebhookDispatcher::Options fastOptions()
{
    WebhookDispatcher::Options options;
    options.deadlineMs = 400;
    options.retry.scheduleMs = {0, 50, 100, 150};
    options.retry.jitter = 0;
    options.pollIntervalMs = 20;
    options.leaseExtraMs = 100;
    return options;
}

} // namespace

class TestWebhookDispatcher : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    std::unique_ptr<Database> m_db;
    std::unique_ptr<TestReceiver> m_receiver;
    QString m_secret;
    int m_counter = 0;

    qint64 enqueue(const QString &url, const QByteArray &body = "{\"hello\":\"world\"}")
    {
        OutboxStore store(*m_db);
        OutboxMessage message;
        message.url = url;
        message.body = body;
        message.campaign = u"TEST"_s;
        message.headers = {{u"X-Campaign"_s, u"TEST"_s}};
        const std::optional<qint64> id = store.enqueueStandalone(message, m_secret, QDateTime::currentMSecsSinceEpoch());
        [&] { QVERIFY2(id, qPrintable(store.lastError().message)); }();
        return id.value_or(0);
    }

    DeliveryRecord record(qint64 id) { return *OutboxStore(*m_db).delivery(id); }

    // Runs a dispatcher until the delivery is no longer pending (or the timeout passes).
    DeliveryStatus runUntilSettled(qint64 id, const WebhookDispatcher::Options &options, int timeoutMs = 5000)
    {
        WebhookDispatcher dispatcher(*m_db, options);
        dispatcher.start();
        QElapsedTimer timer;
        timer.start();
        while (record(id).status == DeliveryStatus::Pending && timer.elapsed() < timeoutMs)
            QTest::qWait(10);
        return record(id).status;
    }

private Q_SLOTS:
    void initTestCase() { QVERIFY(m_dir.isValid()); }

    void init()
    {
        m_db = std::make_unique<Database>();
        QVERIFY(m_db->open(m_dir.filePath(u"outbox-%1.sqlite"_s.arg(++m_counter))));
        m_receiver = std::make_unique<TestReceiver>();
        QVERIFY(m_receiver->listen());
        m_secret = WebhookSigner::generateSecret();
    }

    void cleanup()
    {
        m_receiver.reset();
        m_db.reset();
    }

    void signatureVerifiesWithAnIndependentImplementation()
    {
        const qint64 id = enqueue(m_receiver->url());
        QCOMPARE(runUntilSettled(id, fastOptions()), DeliveryStatus::Succeeded);
        QCOMPARE(m_receiver->requests.size(), 1);
        const TestReceiver::Request &request = m_receiver->requests.first();
        QCOMPARE(request.method, QByteArray("POST"));
        QCOMPARE(request.path, QByteArray("/hook"));
        QCOMPARE(request.body, QByteArray("{\"hello\":\"world\"}"));
        QCOMPARE(request.headers.value("content-type"), QByteArray("application/json"));
        QCOMPARE(request.headers.value("x-campaign"), QByteArray("TEST"));
        const QByteArray webhookId = request.headers.value("webhook-id");
        const QByteArray timestamp = request.headers.value("webhook-timestamp");
        QCOMPARE(QString::fromLatin1(webhookId), record(id).messageId);
        QVERIFY(qAbs(timestamp.toLongLong() - QDateTime::currentSecsSinceEpoch()) < 5);
        QCOMPARE(request.headers.value("webhook-signature"), referenceSignature(m_secret, webhookId, timestamp, request.body));
        QVERIFY(WebhookSigner::verify(*WebhookSigner::decodeSecret(m_secret), webhookId, timestamp, request.body,
                                      request.headers.value("webhook-signature"), QDateTime::currentSecsSinceEpoch()));

        const DeliveryRecord stored = record(id);
        QCOMPARE(stored.attempts, 1);
        QCOMPARE(stored.lastStatusCode, 200);
        QVERIFY(stored.lastRequest.contains(u"webhook-signature: v1,"_s));
        QVERIFY(stored.lastRequest.endsWith(u"{\"hello\":\"world\"}"_s));
        QVERIFY(stored.lastResponse.startsWith(u"HTTP 200"_s));
        QVERIFY(stored.lastResponse.endsWith(u"ok"_s));
        const OutboxEndpoint endpoint = *OutboxStore(*m_db).endpointForUrl(m_receiver->url());
        QVERIFY(endpoint.lastSuccessAtMs > 0);
        QCOMPARE(endpoint.consecutiveFailures, 0);
    }

    void serverErrorIsRetriedWithTheSameId()
    {
        m_receiver->script = {{500, {}, "boom", 0, false}, {200, {}, "ok", 0, false}};
        const qint64 id = enqueue(m_receiver->url());
        QCOMPARE(runUntilSettled(id, fastOptions()), DeliveryStatus::Succeeded);
        QCOMPARE(m_receiver->requests.size(), 2);
        const TestReceiver::Request &first = m_receiver->requests.at(0);
        const TestReceiver::Request &second = m_receiver->requests.at(1);
        QCOMPARE(second.headers.value("webhook-id"), first.headers.value("webhook-id"));
        // Each attempt is signed again for its own timestamp.
        QCOMPARE(second.headers.value("webhook-signature"),
                 referenceSignature(m_secret, second.headers.value("webhook-id"),
                                    second.headers.value("webhook-timestamp"), second.body));
        QVERIFY(second.atMs - first.atMs >= 45); // the schedule's 50 ms
        QCOMPARE(record(id).attempts, 2);
        const QList<DeliveryAttemptResult> attempts = OutboxStore(*m_db).attempts(id);
        QCOMPARE(attempts.size(), 2);
        QCOMPARE(attempts.at(0).statusCode, 500);
        QVERIFY(attempts.at(0).response.endsWith(u"boom"_s));
        QCOMPARE(attempts.at(1).statusCode, 200);
    }

    void hangingReceiverTimesOutAndIsRetried()
    {
        m_receiver->script = {{200, {}, {}, 0, true}};
        const qint64 id = enqueue(m_receiver->url());
        QElapsedTimer timer;
        timer.start();
        QCOMPARE(runUntilSettled(id, fastOptions()), DeliveryStatus::Succeeded);
        QVERIFY(timer.elapsed() >= 400);
        QCOMPARE(m_receiver->requests.size(), 2);
        QCOMPARE(m_receiver->requests.at(1).headers.value("webhook-id"), m_receiver->requests.at(0).headers.value("webhook-id"));
        const QList<DeliveryAttemptResult> attempts = OutboxStore(*m_db).attempts(id);
        QCOMPARE(attempts.size(), 2);
        QCOMPARE(attempts.at(0).statusCode, 0);
        QVERIFY2(attempts.at(0).error.contains(u"400 ms"_s), qPrintable(attempts.at(0).error));
        QVERIFY(attempts.at(0).latencyMs >= 390);
    }

    void slowTrickleStillHitsTheTotalDeadline()
    {
        // Answers after 600 ms: longer than the 400 ms deadline. An inactivity timeout would not fire
        // for a receiver that keeps the connection busy; ours counts the whole attempt.
        m_receiver->script = {{200, {}, "late", 600, false}};
        const qint64 id = enqueue(m_receiver->url());
        QCOMPARE(runUntilSettled(id, fastOptions()), DeliveryStatus::Succeeded);
        QCOMPARE(OutboxStore(*m_db).attempts(id).first().statusCode, 0);
    }

    void clientErrorDeadLettersWithoutRetry()
    {
        m_receiver->script = {{422, {}, "bad payload", 0, false}};
        const qint64 id = enqueue(m_receiver->url());
        QCOMPARE(runUntilSettled(id, fastOptions()), DeliveryStatus::Dead);
        QTest::qWait(200); // would have been two retries by now
        QCOMPARE(m_receiver->requests.size(), 1);
        const DeliveryRecord stored = record(id);
        QCOMPARE(stored.attempts, 1);
        QCOMPARE(stored.lastStatusCode, 422);
        QVERIFY(stored.lastResponse.endsWith(u"bad payload"_s));
        const OutboxEndpoint endpoint = *OutboxStore(*m_db).endpointForUrl(m_receiver->url());
        QCOMPARE(endpoint.deadLetters, 1);
        QCOMPARE(endpoint.consecutiveFailures, 1);
        QVERIFY(endpoint.isEnabled());
    }

    void goneDisablesTheEndpoint()
    {
        m_receiver->script = {{410, {}, {}, 0, false}};
        const qint64 first = enqueue(m_receiver->url());
        QCOMPARE(runUntilSettled(first, fastOptions()), DeliveryStatus::Dead);
        const OutboxEndpoint endpoint = *OutboxStore(*m_db).endpointForUrl(m_receiver->url());
        QVERIFY(!endpoint.isEnabled());
        QVERIFY(endpoint.disabledReason.contains(u"410"_s));
        // Later deliveries to it wait; nothing more is sent.
        const qint64 second = enqueue(m_receiver->url());
        QCOMPARE(runUntilSettled(second, fastOptions(), 300), DeliveryStatus::Pending);
        QCOMPARE(m_receiver->requests.size(), 1);
    }

    void tooManyRequestsHonoursRetryAfter()
    {
        m_receiver->script = {{429, {{"Retry-After", "1"}}, {}, 0, false}, {200, {}, "ok", 0, false}};
        const qint64 id = enqueue(m_receiver->url());
        QCOMPARE(runUntilSettled(id, fastOptions()), DeliveryStatus::Succeeded);
        QCOMPARE(m_receiver->requests.size(), 2);
        const qint64 gap = m_receiver->requests.at(1).atMs - m_receiver->requests.at(0).atMs;
        QVERIFY2(gap >= 990, qPrintable(QString::number(gap))); // not the schedule's 50 ms
    }

    void redirectsAreNotFollowed()
    {
        m_receiver->script = {{302, {{"Location", m_receiver->url(u"/elsewhere"_s).toLatin1()}}, {}, 0, false},
                              {200, {}, "ok", 0, false}};
        const qint64 id = enqueue(m_receiver->url());
        QCOMPARE(runUntilSettled(id, fastOptions()), DeliveryStatus::Succeeded);
        QCOMPARE(m_receiver->requests.size(), 2);
        for (const TestReceiver::Request &request : std::as_const(m_receiver->requests))
            QCOMPARE(request.path, QByteArray("/hook"));
        const QList<DeliveryAttemptResult> attempts = OutboxStore(*m_db).attempts(id);
        QCOMPARE(attempts.at(0).statusCode, 302);
        QVERIFY(attempts.at(0).error.contains(u"/elsewhere"_s));
    }

    void lastAttemptDeadLettersAndReplaySendsTheSameId()
    {
        m_receiver->defaultReply = {503, {}, "down", 0, false};
        const qint64 id = enqueue(m_receiver->url());
        QCOMPARE(runUntilSettled(id, fastOptions()), DeliveryStatus::Dead);
        QCOMPARE(m_receiver->requests.size(), 4); // the schedule has four attempts
        QCOMPARE(OutboxStore(*m_db).endpointForUrl(m_receiver->url())->deadLetters, 1);
        QCOMPARE(OutboxStore(*m_db).endpointForUrl(m_receiver->url())->consecutiveFailures, 4);

        m_receiver->defaultReply = {200, {}, "ok", 0, false};
        QCOMPARE(OutboxStore(*m_db).replayAllDead(QDateTime::currentMSecsSinceEpoch()), 1);
        QCOMPARE(record(id).status, DeliveryStatus::Pending);
        QCOMPARE(runUntilSettled(id, fastOptions()), DeliveryStatus::Succeeded);
        QCOMPARE(m_receiver->requests.size(), 5);
        QCOMPARE(m_receiver->requests.last().headers.value("webhook-id"), m_receiver->requests.first().headers.value("webhook-id"));
        QCOMPARE(OutboxStore(*m_db).replay(id, 0), 0); // only dead ones are replayed
    }

    void crashBetweenSendAndCommitResendsTheSameId()
    {
        // The child claims the delivery and sends it; the receiver holds the answer; we SIGKILL the
        // child before it can record anything.
        m_receiver->script = {{200, {}, {}, 0, true}};
        const qint64 id = enqueue(m_receiver->url());
        const QString path = m_db->path();
        m_db.reset(); // the child's turn

        QProcess child;
        child.start(QStringLiteral(FUNNEL_DISPATCHER_CHILD), {path});
        QVERIFY(child.waitForStarted());
        QTRY_COMPARE_WITH_TIMEOUT(m_receiver->requests.size(), 1, 10000);
        child.kill(); // SIGKILL
        QVERIFY(child.waitForFinished());
        QCOMPARE(child.exitStatus(), QProcess::CrashExit);

        m_db = std::make_unique<Database>();
        QVERIFY(m_db->open(path));
        DeliveryRecord afterCrash = record(id);
        QCOMPARE(afterCrash.status, DeliveryStatus::Pending);
        QCOMPARE(afterCrash.attempts, 1); // the claim was committed before the request left
        QCOMPARE(OutboxStore(*m_db).attempts(id).size(), 0); // the result never was

        // A new dispatcher sends it again once the child's lease runs out, with the same id, so the
        // receiver can drop the duplicate.
        QCOMPARE(runUntilSettled(id, fastOptions(), 10000), DeliveryStatus::Succeeded);
        QCOMPARE(m_receiver->requests.size(), 2);
        QCOMPARE(m_receiver->requests.at(1).headers.value("webhook-id"), m_receiver->requests.at(0).headers.value("webhook-id"));
        QVERIFY(m_receiver->requests.at(1).atMs - m_receiver->requests.at(0).atMs >= 1400); // the 1.5 s lease
        QCOMPARE(record(id).attempts, 2);
    }

    void restartMidBackoffKeepsTheSchedule()
    {
        WebhookDispatcher::Options options = fastOptions();
        options.retry.scheduleMs = {0, 1500};
        m_receiver->script = {{500, {}, {}, 0, false}, {200, {}, "ok", 0, false}};
        const qint64 id = enqueue(m_receiver->url());
        qint64 scheduled = 0;
        {
            WebhookDispatcher first(*m_db, options);
            QSignalSpy finished(&first, &WebhookDispatcher::attemptFinished);
            first.start();
            QTRY_COMPARE(finished.size(), 1);
            scheduled = record(id).nextAttemptAtMs;
            QVERIFY(scheduled >= m_receiver->requests.first().atMs + 1400);
        } // the app quits in the middle of the backoff

        WebhookDispatcher second(*m_db, options);
        QSignalSpy finished(&second, &WebhookDispatcher::attemptFinished);
        second.start();
        QTest::qWait(300);
        QCOMPARE(m_receiver->requests.size(), 1); // not sent again at start
        QCOMPARE(record(id).nextAttemptAtMs, scheduled);
        QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, 5000);
        QCOMPARE(record(id).status, DeliveryStatus::Succeeded);
        QVERIFY(m_receiver->requests.at(1).atMs >= scheduled - 20);
    }

    void concurrencyPerHostIsBounded()
    {
        m_receiver->defaultReply = {200, {}, "ok", 100, false};
        QList<qint64> ids;
        for (int i = 0; i < 8; ++i)
            ids.append(enqueue(m_receiver->url()));
        WebhookDispatcher::Options options = fastOptions();
        options.maximumPerHost = 2;
        options.deadlineMs = 2000;
        WebhookDispatcher dispatcher(*m_db, options);
        QSignalSpy finished(&dispatcher, &WebhookDispatcher::attemptFinished);
        dispatcher.start();
        QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 8, 10000);
        QCOMPARE(m_receiver->requests.size(), 8);
        QVERIFY(m_receiver->maxConcurrent <= 2);
        QCOMPARE(m_receiver->maxConcurrent, 2);
        QVERIFY(m_receiver->connections() <= 2); // keep-alive: connections are reused
        QCOMPARE(OutboxStore(*m_db).count(DeliveryStatus::Succeeded), 8);
    }

    void idleWhenNothingIsDue()
    {
        const qint64 id = enqueue(m_receiver->url());
        WebhookDispatcher dispatcher(*m_db, fastOptions());
        QSignalSpy idle(&dispatcher, &WebhookDispatcher::idle);
        dispatcher.start();
        QTRY_VERIFY(idle.size() >= 1);
        QCOMPARE(record(id).status, DeliveryStatus::Succeeded);
    }

    void oneDeliveryPerEnrollmentStep()
    {
        QSqlQuery query(m_db->connection());
        QVERIFY(query.exec(u"INSERT INTO leads (id, email, created_at, stage_entered_at) VALUES (1, 'a@b.co', 0, 0)"_s));
        QVERIFY(query.exec(u"INSERT INTO enrollments (id, lead_id, campaign, enrolled_at) VALUES (7, 1, 'C', 0)"_s));
        OutboxStore store(*m_db);
        OutboxMessage message;
        message.url = m_receiver->url();
        message.body = "{}";
        message.enrollmentId = 7;
        message.stepId = u"s2"_s;
        const std::optional<qint64> first = store.enqueueStandalone(message, m_secret, 1);
        const std::optional<qint64> again = store.enqueueStandalone(message, WebhookSigner::generateSecret(), 2);
        QVERIFY(first);
        QCOMPARE(again, first);
        message.stepId = u"s3"_s;
        QVERIFY(store.enqueueStandalone(message, m_secret, 3) != first);
        QCOMPARE(store.count(std::nullopt), 2);
        // The endpoint keeps the secret it was created with.
        QCOMPARE(store.endpointForUrl(m_receiver->url())->secret, m_secret);
    }

    void retryPolicy()
    {
        RetryPolicy policy;
        QCOMPARE(policy.maximumAttempts(), 10);
        policy.jitter = 0;
        QCOMPARE(policy.delayAfter(1, std::nullopt, nullptr), std::optional<qint64>(5000));
        QCOMPARE(policy.delayAfter(2, std::nullopt, nullptr), std::optional<qint64>(300000));
        QCOMPARE(policy.delayAfter(9, std::nullopt, nullptr), std::optional<qint64>(24LL * 3600000));
        QCOMPARE(policy.delayAfter(10, std::nullopt, nullptr), std::nullopt);
        QCOMPARE(policy.delayAfter(1, 60000, nullptr), std::optional<qint64>(60000));
        QCOMPARE(policy.delayAfter(2, 60000, nullptr), std::optional<qint64>(300000)); // the longer one wins
        policy.jitter = 0.2;
        for (int i = 0; i < 100; ++i) {
            const qint64 delay = *policy.delayAfter(3, std::nullopt, QRandomGenerator::global());
            QVERIFY(delay >= 1440000 && delay <= 2160000);
        }
        QCOMPARE(RetryPolicy::parseRetryAfter("120", 0), std::optional<qint64>(120000));
        QCOMPARE(RetryPolicy::parseRetryAfter("Wed, 21 Oct 2015 07:28:00 GMT", QDateTime::fromString(u"2015-10-21T07:27:00Z"_s, Qt::ISODate).toMSecsSinceEpoch()),
                 std::optional<qint64>(60000));
        QCOMPARE(RetryPolicy::parseRetryAfter("soon", 0), std::nullopt);
    }
};

QTEST_GUILESS_MAIN(TestWebhookDispatcher)
#include "tst_webhookdispatcher.moc"
