#pragma once

#include <QByteArray>
#include <QDateTime>
#include <QList>

#include <optional>

class QRandomGenerator;

namespace funnel {

// When to try a failed webhook again. schedule[n] is the delay before attempt n+1; the default is
// the Standard Webhooks recommendation: at once, 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 14 h, 20 h, 24 h.
// Each delay is spread by +/- jitter so that endpoints recovering from an outage are not hit by
// every retry at the same instant; a Retry-After longer than the delay wins.
struct RetryPolicy {
    QList<qint64> scheduleMs = defaultScheduleMs();
    double jitter = 0.2;
    qint64 maximumRetryAfterMs = 24LL * 60 * 60 * 1000;

    static QList<qint64> defaultScheduleMs();
    int maximumAttempts() const { return int(scheduleMs.size()); }

    // Delay before the next attempt after `attemptsMade` attempts failed; nullopt when none is left.
    std::optional<qint64> delayAfter(int attemptsMade, std::optional<qint64> retryAfterMs,
                                     QRandomGenerator *random) const;

    // A Retry-After header: delta seconds or an HTTP date, relative to nowMs; nullopt if unreadable.
    static std::optional<qint64> parseRetryAfter(const QByteArray &value, qint64 nowMs);
};

} // namespace funnel
