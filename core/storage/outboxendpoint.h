#pragma once

#include <QString>

namespace funnel {

// A webhook target with its signing secret and health.
struct OutboxEndpoint {
    qint64 id = 0;
    QString url;
    QString secret;          // whsec_...
    qint64 disabledAtMs = 0; // 0 = enabled
    QString disabledReason;
    int consecutiveFailures = 0;
    int deadLetters = 0;
    qint64 lastSuccessAtMs = 0;
    qint64 lastFailureAtMs = 0;
    int lastStatusCode = 0;
    qint64 pending = 0; // deliveries waiting for it

    bool isEnabled() const { return disabledAtMs == 0; }
};

} // namespace funnel
