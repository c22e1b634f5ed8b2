#include "core/webhooks/retrypolicy.h"

#include <QLocale>
#include <QTimeZone>
#include <QRandomGenerator>

namespace funnel {

using namespace Qt::StringLiterals;

QList<qint64> RetryPolicy::defaultScheduleMs()
{
    constexpr qint64 second = 1000;
    constexpr qint64 minute = 60 * second;
    constexpr qint64 hour = 60 * minute;
    return {0, 5 * second, 5 * minute, 30 * minute, 2 * hour, 5 * hour, 10 * hour, 14 * hour, 20 * hour, 24 * hour};
}

std::optional<qint64> RetryPolicy::delayAfter(int attemptsMade, std::optional<qint64> retryAfterMs,
                                              QRandomGenerator *random) const
{
    if (attemptsMade >= scheduleMs.size())
        return std::nullopt;
    qint64 delay = scheduleMs.at(std::max(0, attemptsMade));
    if (jitter > 0 && delay > 0) {
        const double factor = 1.0 + jitter * (2.0 * (random ? random->generateDouble() : 0.5) - 1.0);
        delay = qint64(double(delay) * factor);
    }
    if (retryAfterMs)
        delay = std::max(delay, std::min(*retryAfterMs, maximumRetryAfterMs));
    return delay;
}

std::optional<qint64> RetryPolicy::parseRetryAfter(const QByteArray &value, qint64 nowMs)
{
    const QByteArray trimmed = value.trimmed();
    if (trimmed.isEmpty())
        return std::nullopt;
    bool ok = false;
    const qint64 seconds = trimmed.toLongLong(&ok);
    if (ok)
        return seconds < 0 ? std::nullopt : std::optional<qint64>(seconds * 1000);
    // IMF-fixdate, e.g. "Wed, 21 Oct 2015 07:28:00 GMT"; the day and month names are English.
    QDateTime date = QLocale::c().toDateTime(QString::fromLatin1(trimmed), u"ddd, dd MMM yyyy HH:mm:ss 'GMT'"_s);
    if (!date.isValid())
        return std::nullopt;
    date.setTimeZone(QTimeZone::utc());
    return std::max<qint64>(0, date.toMSecsSinceEpoch() - nowMs);
}

} // namespace funnel
