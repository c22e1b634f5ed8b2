#pragma once

#include "core/domain/effect.h"

#include <QByteArray>
#include <QList>
#include <QString>
#include <QUrl>

#include <utility>
#include <variant>

namespace funnel {

// A webhook step's request, rendered for one lead: the shell writes it to the outbox in the same
// transaction as the enrollment's new state.
struct WebhookRequest {
    QString stepId;
    QString method;
    QUrl url;
    QList<std::pair<QString, QString>> headers;
    QByteArray body;
    QString error; // set when the body could not be rendered: the shell records a dead delivery
    friend bool operator==(const WebhookRequest &, const WebhookRequest &) = default;
};

// Effects of advancing an enrollment are data, like the scoring engine's.
using CampaignEffect = std::variant<WebhookRequest, ScoreChanged, StageChanged, MoveRefused, NotifySales>;

} // namespace funnel
