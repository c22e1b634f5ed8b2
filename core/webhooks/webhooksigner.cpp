#include "core/webhooks/webhooksigner.h"

#include <QCoreApplication>
#include <QList>
#include <QMessageAuthenticationCode>
#include <QRandomGenerator>

namespace funnel {

using namespace Qt::StringLiterals;

namespace {

constexpr auto secretPrefix = "whsec_"_L1;
constexpr int minimumKeyBytes = 24;

bool constantTimeEquals(const QByteArray &a, const QByteArray &b)
{
    if (a.size() != b.size())
        return false;
    unsigned char difference = 0;
    for (qsizetype i = 0; i < a.size(); ++i)
        difference |= static_cast<unsigned char>(a.at(i) ^ b.at(i));
    return difference == 0;
}

} // namespace

QString WebhookSigner::generateSecret()
{
    QByteArray key(secretKeyBytes, Qt::Uninitialized);
    QRandomGenerator::system()->fillRange(reinterpret_cast<quint32 *>(key.data()), secretKeyBytes / 4);
    return secretPrefix + QString::fromLatin1(key.toBase64());
}

std::optional<QByteArray> WebhookSigner::decodeSecret(const QString &secret, QString *error)
{
    const QString encoded = secret.startsWith(secretPrefix) ? secret.mid(secretPrefix.size()) : secret;
    const auto decoded = QByteArray::fromBase64Encoding(encoded.toLatin1(), QByteArray::AbortOnBase64DecodingErrors);
    if (!decoded || encoded.isEmpty()) {
        if (error)
            *error = QCoreApplication::translate("WebhookSigner", "the signing secret is not whsec_ followed by base64");
        return std::nullopt;
    }
    if (decoded.decoded.size() < minimumKeyBytes) {
        if (error) {
            *error = QCoreApplication::translate("WebhookSigner", "the signing secret holds %1 bytes; at least %2 are needed")
                         .arg(decoded.decoded.size())
                         .arg(minimumKeyBytes);
        }
        return std::nullopt;
    }
    return decoded.decoded;
}

QByteArray WebhookSigner::sign(const QByteArray &key, const QByteArray &messageId, qint64 timestampSeconds,
                               const QByteArray &body)
{
    QMessageAuthenticationCode mac(QCryptographicHash::Sha256, key);
    mac.addData(messageId);
    mac.addData(".");
    mac.addData(QByteArray::number(timestampSeconds));
    mac.addData(".");
    mac.addData(body);
    return "v1," + mac.result().toBase64();
}

bool WebhookSigner::verify(const QByteArray &key, const QByteArray &messageId, const QByteArray &timestampHeader,
                           const QByteArray &body, const QByteArray &signatureHeader, qint64 nowSeconds,
                           qint64 toleranceSeconds)
{
    bool ok = false;
    const qint64 timestamp = timestampHeader.trimmed().toLongLong(&ok);
    if (!ok || qAbs(nowSeconds - timestamp) > toleranceSeconds)
        return false;
    const QByteArray expected = sign(key, messageId, timestamp, body);
    bool matched = false;
    for (const QByteArray &entry : signatureHeader.split(' ')) {
        if (!entry.isEmpty() && constantTimeEquals(entry, expected))
            matched = true; // no early exit: the time taken does not depend on which entry matched
    }
    return matched;
}

} // namespace funnel
