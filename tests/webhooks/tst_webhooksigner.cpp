#include "core/webhooks/webhooksigner.h"

#include <QCryptographicHash>
#include <QTest>

using namespace funnel;
using namespace Qt::StringLiterals;

namespace {

// An independent implementation written from the specification's text: HMAC (RFC 2104) built on
// the plain hash, over "<id>.<timestamp>.<body>", base64, prefixed with the version "v1,".
QByteArray referenceHmacSha256(QByteArray key, const QByteArray &message)
{
    constexpr int blockSize = 64;
    if (key.size() > blockSize)
        key = QCryptographicHash::hash(key, QCryptographicHash::Sha256);
    key.resize(blockSize, '\0');
    QByteArray inner(blockSize, '\0');
    QByteArray outer(blockSize, '\0');
    for (int i = 0; i < blockSize; ++i) {
        inner[i] = char(key.at(i) ^ 0x36);
        outer[i] = char(key.at(i) ^ 0x5c);
    }
    const QByteArray innerHash = QCryptographicHash::hash(QByteArray(inner + message), QCryptographicHash::Sha256);
    return QCryptographicHash::hash(QByteArray(outer + innerHash), QCryptographicHash::Sha256);
}

QByteArray referenceSignature(const QString &secret, const QByteArray &id, const QByteArray &timestamp,
                              const QByteArray &body)
{
    const QByteArray key = QByteArray::fromBase64(secret.mid(6).toLatin1()); // drop "whsec_"
    return "v1," + referenceHmacSha256(key, QByteArray(id + '.' + timestamp + '.' + body)).toBase64();
}

} // namespace

class TestWebhookSigner : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void publishedVector()
    {
        // The example of the Standard Webhooks specification (also used by its reference libraries).
        const QString secret = u"whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"_s;
        const std::optional<QByteArray> key = WebhookSigner::decodeSecret(secret);
        QVERIFY(key);
        const QByteArray body = R"({"test": 2432232314})";
        const QByteArray expected = "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=";
        QCOMPARE(WebhookSigner::sign(*key, "msg_p5jXN8AQM9LWM0D4loKWxJek", 1614265330, body), expected);
        QCOMPARE(referenceSignature(secret, "msg_p5jXN8AQM9LWM0D4loKWxJek", "1614265330", body), expected);
        QVERIFY(WebhookSigner::verify(*key, "msg_p5jXN8AQM9LWM0D4loKWxJek", "1614265330", body, expected, 1614265330));
    }

    void matchesReference_data()
    {
        QTest::addColumn<QByteArray>("id");
        QTest::addColumn<qint64>("timestamp");
        QTest::addColumn<QByteArray>("body");
        QTest::addRow("empty body") << QByteArray("msg_1") << qint64(1) << QByteArray();
        QTest::addRow("json") << QByteArray("msg_2") << qint64(1780000000) << QByteArray(R"({"a":"b"})");
        QTest::addRow("utf-8 and newlines") << QByteArray("9f1c") << qint64(1780000001)
                                            << QString(u"{\"n\":\"Zoë \\n 🚀\"}\n"_s).toUtf8();
        QTest::addRow("dots in the id") << QByteArray("a.b.c") << qint64(42) << QByteArray("x.y");
        QTest::addRow("long body") << QByteArray("long") << qint64(1780000002) << QByteArray(100000, 'q');
    }

    void matchesReference()
    {
        QFETCH(QByteArray, id);
        QFETCH(qint64, timestamp);
        QFETCH(QByteArray, body);
        const QString secret = WebhookSigner::generateSecret();
        const QByteArray key = *WebhookSigner::decodeSecret(secret);
        const QByteArray signature = WebhookSigner::sign(key, id, timestamp, body);
        QCOMPARE(signature, referenceSignature(secret, id, QByteArray::number(timestamp), body));
        QVERIFY(WebhookSigner::verify(key, id, QByteArray::number(timestamp), body, signature, timestamp + 10));
        // Any change of id, timestamp or body breaks it.
        QVERIFY(!WebhookSigner::verify(key, id + 'x', QByteArray::number(timestamp), body, signature, timestamp));
        QVERIFY(!WebhookSigner::verify(key, id, QByteArray::number(timestamp + 1), body, signature, timestamp));
        QVERIFY(!WebhookSigner::verify(key, id, QByteArray::number(timestamp), body + ' ', signature, timestamp));
    }

    void verifyAcceptsAnyOfSeveralSignaturesAndChecksTheClock()
    {
        const QByteArray key = *WebhookSigner::decodeSecret(WebhookSigner::generateSecret());
        const QByteArray good = WebhookSigner::sign(key, "m", 1000, "{}");
        QVERIFY(WebhookSigner::verify(key, "m", "1000", "{}", "v1,AAAA " + good, 1000));
        QVERIFY(!WebhookSigner::verify(key, "m", "1000", "{}", "v1,AAAA", 1000));
        QVERIFY(!WebhookSigner::verify(key, "m", "1000", "{}", good, 1000 + 301)); // too old: replay
        QVERIFY(!WebhookSigner::verify(key, "m", "soon", "{}", good, 1000));
    }

    void secrets()
    {
        const QString a = WebhookSigner::generateSecret();
        const QString b = WebhookSigner::generateSecret();
        QVERIFY(a.startsWith("whsec_"_L1));
        QVERIFY(a != b);
        QCOMPARE(WebhookSigner::decodeSecret(a)->size(), WebhookSigner::secretKeyBytes);
        QVERIFY(WebhookSigner::decodeSecret(a.mid(6))); // the prefix is optional, as the libraries accept
        QString error;
        QVERIFY(!WebhookSigner::decodeSecret(u"whsec_not base64!"_s, &error));
        QVERIFY(!error.isEmpty());
        QVERIFY(!WebhookSigner::decodeSecret(u"whsec_c2hvcnQ="_s, &error)); // "short": 5 bytes
        QVERIFY(error.contains("24"_L1));
        QVERIFY(!WebhookSigner::decodeSecret(u"whsec_"_s));
    }
};

QTEST_GUILESS_MAIN(TestWebhookSigner)
#include "tst_webhooksigner.moc"
