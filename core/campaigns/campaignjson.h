#pragma once

#include "core/campaigns/campaign.h"

#include <QByteArray>
#include <QList>
#include <QMap>
#include <QString>

#include <optional>

namespace funnel {

// Campaigns as JSON, for export, import and the settings of a machine moved to another:
// {"version": 1, "campaigns": [...], "endpointSecrets": {"<url>": "whsec_..."}}.
// Signing secrets are written only when given (funnelctl campaigns export --with-secrets).
struct CampaignBundle {
    QList<Campaign> campaigns;
    QMap<QString, QString> endpointSecrets; // URL -> whsec_ secret
};

class CampaignJson
{
public:
    static constexpr int formatVersion = 1;

    static QByteArray toJson(const CampaignBundle &bundle);
    static QByteArray campaignToJson(const Campaign &campaign);

    // Errors name the field, e.g. "campaigns[1].steps[2].url: expected a string".
    static std::optional<CampaignBundle> fromJson(const QByteArray &json, QString *error = nullptr);
    static std::optional<Campaign> campaignFromJson(const QByteArray &json, QString *error = nullptr);

    // "10m", "2h", "3d", "45s", "1500ms" <-> milliseconds.
    static QString formatDuration(qint64 milliseconds);
    static std::optional<qint64> parseDuration(const QString &text);
};

} // namespace funnel
