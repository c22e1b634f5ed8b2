#pragma once

#include <QByteArray>
#include <QString>

#include <optional>

namespace funnel {

// The Standard Webhooks signature scheme (https://www.standardwebhooks.com): a secret
// "whsec_<base64 key>" per endpoint, and per request the headers webhook-id, webhook-timestamp
// (Unix seconds) and webhook-signature "v1,<base64 HMAC-SHA256(key, id.timestamp.body)>".
class WebhookSigner
{
public:
    static constexpr int secretKeyBytes = 32; // the spec asks for 24 to 64
    static constexpr qint64 defaultToleranceSeconds = 5 * 60;

    // A new secret from the system's cryptographic random source.
    static QString generateSecret();

    // The HMAC key of a secret ("whsec_" prefix optional); nullopt with a reason when it is not
    // base64 or its key is shorter than 24 bytes.
    static std::optional<QByteArray> decodeSecret(const QString &secret, QString *error = nullptr);
    static bool isValidSecret(const QString &secret) { return decodeSecret(secret).has_value(); }

    // "v1,<base64>" for one message.
    static QByteArray sign(const QByteArray &key, const QByteArray &messageId, qint64 timestampSeconds,
                           const QByteArray &body);

    // Checks a webhook-signature header (space-separated "v1,..." entries, any one may match) in
    // constant time, and that the timestamp is within `toleranceSeconds` of nowSeconds.
    static bool verify(const QByteArray &key, const QByteArray &messageId, const QByteArray &timestampHeader,
                       const QByteArray &body, const QByteArray &signatureHeader, qint64 nowSeconds,
                       qint64 toleranceSeconds = defaultToleranceSeconds);
};

} // namespace funnel
