#pragma once

#include "core/campaigns/campaignlead.h"

#include <QByteArray>
#include <QJsonObject>
#include <QString>
#include <QStringList>

#include <optional>

namespace funnel {

// Where a template is wrong: 0-based character offset, 1-based line and column, and why.
struct TemplateError {
    int offset = 0;
    int line = 1;
    int column = 1;
    QString message;
    QString toString() const;
};

struct TemplateContext {
    CampaignLead lead;
    QJsonObject eventMetadata;
    QString campaignName;
};

// A JSON body with {{placeholders}}: {{lead.email}}, {{lead.name}}, {{lead.company}},
// {{lead.score}}, {{lead.stage}}, {{event.metadata.<key>}}, {{campaign.name}}.
//
// Inside a JSON string a value is inserted JSON-escaped ("Hi {{lead.name}}"); outside one it becomes
// a JSON value ({"score": {{lead.score}}} gives a number, a string field gives a quoted string, a
// missing metadata key gives null). Values are never expanded again, so a lead named "{{x}}" is text.
class BodyTemplate
{
public:
    static QStringList knownPlaceholders(); // without braces; event.metadata.<key> as "event.metadata.*"

    // The template is JSON once its placeholders are filled, and names only known placeholders.
    static std::optional<TemplateError> validate(const QString &templateText);

    // The body for one lead; valid JSON whenever validate() accepted the template.
    static QByteArray render(const QString &templateText, const TemplateContext &context);
};

} // namespace funnel
