#include "core/campaigns/campaignjson.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>

namespace funnel {

using namespace Qt::StringLiterals;

namespace {

// This file's messages, in the translation context "CampaignJson" (lupdate reads the macro).
struct Messages {
    Q_DECLARE_TR_FUNCTIONS(CampaignJson)
};

// Reading with a path, so every error names the field it is about.
class Reader
{
public:
    QString error;

    bool fail(const QString &path, const QString &message)
    {
        if (error.isEmpty())
            error = path + u": "_s + message;
        return false;
    }

    bool string(const QJsonObject &object, const QString &path, const QString &key, QString &out, bool required = false)
    {
        const QJsonValue value = object.value(key);
        if (value.isUndefined())
            return required ? fail(path + u'.' + key, Messages::tr("is missing")) : true;
        if (!value.isString())
            return fail(path + u'.' + key, Messages::tr("expected a string"));
        out = value.toString();
        return true;
    }

    bool integer(const QJsonObject &object, const QString &path, const QString &key, int &out, bool required = false)
    {
        const QJsonValue value = object.value(key);
        if (value.isUndefined())
            return required ? fail(path + u'.' + key, Messages::tr("is missing")) : true;
        if (!value.isDouble() || value.toDouble() != double(value.toInt()))
            return fail(path + u'.' + key, Messages::tr("expected a whole number"));
        out = value.toInt();
        return true;
    }

    bool stage(const QJsonValue &value, const QString &path, Stage &out)
    {
        const std::optional<Stage> stage = value.isString() ? stageFromName(value.toString()) : std::nullopt;
        if (!stage)
            return fail(path, Messages::tr("expected one of Cold, MQL, SQL, Won, Lost"));
        out = *stage;
        return true;
    }

    bool stages(const QJsonObject &object, const QString &path, const QString &key, QList<Stage> &out)
    {
        const QJsonValue value = object.value(key);
        if (value.isUndefined())
            return true;
        if (!value.isArray())
            return fail(path + u'.' + key, Messages::tr("expected an array of stages"));
        const QJsonArray array = value.toArray();
        for (qsizetype i = 0; i < array.size(); ++i) {
            Stage stage = Stage::Cold;
            if (!this->stage(array.at(i), u"%1.%2[%3]"_s.arg(path, key).arg(i), stage))
                return false;
            out.append(stage);
        }
        return true;
    }

    bool duration(const QJsonObject &object, const QString &path, const QString &key, qint64 &out)
    {
        const QJsonValue value = object.value(key);
        if (value.isUndefined())
            return fail(path + u'.' + key, Messages::tr("is missing"));
        const std::optional<qint64> parsed =
            value.isString() ? CampaignJson::parseDuration(value.toString()) : std::nullopt;
        if (!parsed)
            return fail(path + u'.' + key, Messages::tr("expected a duration such as \"10m\", \"2h\" or \"3d\""));
        out = *parsed;
        return true;
    }

    bool trigger(const QJsonValue &value, const QString &path, CampaignTrigger &out)
    {
        if (!value.isObject())
            return fail(path, Messages::tr("expected an object"));
        const QJsonObject object = value.toObject();
        QString type;
        if (!string(object, path, u"type"_s, type, true))
            return false;
        if (type == "event"_L1) {
            out.kind = CampaignTrigger::Kind::Event;
            return string(object, path, u"eventType"_s, out.eventType, true);
        }
        if (type == "stageEntered"_L1) {
            out.kind = CampaignTrigger::Kind::StageEntered;
            return stage(object.value(u"stage"_s), path + u".stage"_s, out.stage);
        }
        if (type == "scoreCrossed"_L1) {
            out.kind = CampaignTrigger::Kind::ScoreCrossed;
            return integer(object, path, u"score"_s, out.score, true);
        }
        if (type == "schedule"_L1) {
            out.kind = CampaignTrigger::Kind::Schedule;
            return string(object, path, u"cron"_s, out.cron, true) && string(object, path, u"timeZone"_s, out.timeZone);
        }
        return fail(path + u".type"_s, Messages::tr("expected event, stageEntered, scoreCrossed or schedule"));
    }

    bool condition(const QJsonValue &value, const QString &path, ConditionSpec &out)
    {
        if (!value.isObject())
            return fail(path, Messages::tr("expected an object"));
        const QJsonObject object = value.toObject();
        if (object.contains(u"scoreAtLeast"_s)) {
            out.kind = ConditionSpec::Kind::ScoreAtLeast;
            return integer(object, path, u"scoreAtLeast"_s, out.score, true);
        }
        if (object.contains(u"stageIs"_s)) {
            out.kind = ConditionSpec::Kind::StageIs;
            return stage(object.value(u"stageIs"_s), path + u".stageIs"_s, out.stage);
        }
        if (object.contains(u"hadEvent"_s)) {
            out.kind = ConditionSpec::Kind::HadEventWithin;
            return string(object, path, u"hadEvent"_s, out.eventType, true)
                && duration(object, path, u"within"_s, out.withinMs);
        }
        return fail(path, Messages::tr("expected scoreAtLeast, stageIs or hadEvent"));
    }

    bool step(const QJsonValue &value, const QString &path, CampaignStep &out)
    {
        if (!value.isObject())
            return fail(path, Messages::tr("expected an object"));
        const QJsonObject object = value.toObject();
        QString type;
        if (!string(object, path, u"id"_s, out.id) || !string(object, path, u"type"_s, type, true))
            return false;
        if (type == "wait"_L1) {
            out.kind = CampaignStep::Kind::Wait;
            return duration(object, path, u"duration"_s, out.waitMs);
        }
        if (type == "webhook"_L1) {
            out.kind = CampaignStep::Kind::Webhook;
            if (!string(object, path, u"method"_s, out.webhook.method) || !string(object, path, u"url"_s, out.webhook.url)
                || !string(object, path, u"body"_s, out.webhook.bodyTemplate))
                return false;
            const QJsonValue headers = object.value(u"headers"_s);
            if (headers.isUndefined())
                return true;
            if (!headers.isArray())
                return fail(path + u".headers"_s, Messages::tr("expected an array of {\"name\", \"value\"} objects"));
            const QJsonArray array = headers.toArray();
            for (qsizetype i = 0; i < array.size(); ++i) {
                const QString headerPath = u"%1.headers[%2]"_s.arg(path).arg(i);
                if (!array.at(i).isObject())
                    return fail(headerPath, Messages::tr("expected an object"));
                QString name;
                QString headerValue;
                if (!string(array.at(i).toObject(), headerPath, u"name"_s, name, true)
                    || !string(array.at(i).toObject(), headerPath, u"value"_s, headerValue, true))
                    return false;
                out.webhook.headers.append({name, headerValue});
            }
            return true;
        }
        if (type == "condition"_L1) {
            out.kind = CampaignStep::Kind::Condition;
            return condition(object.value(u"if"_s), path + u".if"_s, out.condition)
                && string(object, path, u"yes"_s, out.yesStep) && string(object, path, u"no"_s, out.noStep);
        }
        if (type == "adjustScore"_L1) {
            out.kind = CampaignStep::Kind::AdjustScore;
            return integer(object, path, u"delta"_s, out.scoreDelta, true);
        }
        if (type == "moveStage"_L1) {
            out.kind = CampaignStep::Kind::MoveStage;
            return stage(object.value(u"to"_s), path + u".to"_s, out.moveTo);
        }
        if (type == "notifySales"_L1) {
            out.kind = CampaignStep::Kind::NotifySales;
            return string(object, path, u"text"_s, out.notifyText);
        }
        return fail(path + u".type"_s,
                    Messages::tr("expected wait, webhook, condition, adjustScore, moveStage or notifySales"));
    }

    bool campaign(const QJsonValue &value, const QString &path, Campaign &out)
    {
        if (!value.isObject())
            return fail(path, Messages::tr("expected an object"));
        const QJsonObject object = value.toObject();
        if (!string(object, path, u"name"_s, out.name, true) || !string(object, path, u"description"_s, out.description))
            return false;
        if (out.name.trimmed().isEmpty())
            return fail(path + u".name"_s, Messages::tr("is empty"));
        const QJsonValue enabled = object.value(u"enabled"_s);
        if (!enabled.isUndefined() && !enabled.isBool())
            return fail(path + u".enabled"_s, Messages::tr("expected true or false"));
        out.enabled = enabled.toBool(false);
        if (!trigger(object.value(u"trigger"_s), path + u".trigger"_s, out.trigger))
            return false;

        const QJsonValue audienceValue = object.value(u"audience"_s);
        if (!audienceValue.isUndefined()) {
            if (!audienceValue.isObject())
                return fail(path + u".audience"_s, Messages::tr("expected an object"));
            const QJsonObject audience = audienceValue.toObject();
            const QString audiencePath = path + u".audience"_s;
            if (!stages(audience, audiencePath, u"stages"_s, out.audience.stages))
                return false;
            if (audience.contains(u"minimumScore"_s)) {
                int minimum = 0;
                if (!integer(audience, audiencePath, u"minimumScore"_s, minimum))
                    return false;
                out.audience.minimumScore = minimum;
            }
            const QJsonValue sources = audience.value(u"sources"_s);
            if (!sources.isUndefined()) {
                if (!sources.isArray())
                    return fail(audiencePath + u".sources"_s, Messages::tr("expected an array of strings"));
                for (const QJsonValue &source : sources.toArray())
                    out.audience.sources.append(source.toString());
            }
        }

        const QJsonValue reEnrollValue = object.value(u"reEnrollment"_s);
        if (!reEnrollValue.isUndefined()) {
            const QString reEnrollPath = path + u".reEnrollment"_s;
            if (!reEnrollValue.isObject())
                return fail(reEnrollPath, Messages::tr("expected an object"));
            QString policy;
            if (!string(reEnrollValue.toObject(), reEnrollPath, u"policy"_s, policy, true))
                return false;
            if (policy == "once"_L1) {
                out.reEnrollment.kind = ReEnrollmentPolicy::Kind::Once;
                if (!integer(reEnrollValue.toObject(), reEnrollPath, u"days"_s, out.reEnrollment.days))
                    return false;
            } else if (policy == "afterDays"_L1) {
                out.reEnrollment.kind = ReEnrollmentPolicy::Kind::AfterDays;
                if (!integer(reEnrollValue.toObject(), reEnrollPath, u"days"_s, out.reEnrollment.days, true))
                    return false;
                if (out.reEnrollment.days < 0)
                    return fail(reEnrollPath + u".days"_s, Messages::tr("cannot be negative"));
            } else if (policy == "everyTime"_L1) {
                out.reEnrollment.kind = ReEnrollmentPolicy::Kind::EveryTime;
                if (!integer(reEnrollValue.toObject(), reEnrollPath, u"days"_s, out.reEnrollment.days))
                    return false;
            } else {
                return fail(reEnrollPath + u".policy"_s, Messages::tr("expected once, afterDays or everyTime"));
            }
        }

        const QJsonValue goalValue = object.value(u"goal"_s);
        if (!goalValue.isUndefined()) {
            if (!goalValue.isObject())
                return fail(path + u".goal"_s, Messages::tr("expected an object"));
            if (!stages(goalValue.toObject(), path + u".goal"_s, u"exitStages"_s, out.goal.exitStages))
                return false;
        }

        const QJsonValue stepsValue = object.value(u"steps"_s);
        if (!stepsValue.isArray())
            return fail(path + u".steps"_s, Messages::tr("expected an array"));
        const QJsonArray steps = stepsValue.toArray();
        for (qsizetype i = 0; i < steps.size(); ++i) {
            CampaignStep step;
            if (!this->step(steps.at(i), u"%1.steps[%2]"_s.arg(path).arg(i), step))
                return false;
            if (step.id.isEmpty())
                step.id = u"s%1"_s.arg(i + 1);
            out.steps.append(step);
        }
        return true;
    }
};

QJsonArray stagesJson(const QList<Stage> &stages)
{
    QJsonArray array;
    for (const Stage stage : stages)
        array.append(stageName(stage));
    return array;
}

QJsonObject triggerJson(const CampaignTrigger &trigger)
{
    switch (trigger.kind) {
    case CampaignTrigger::Kind::Event:
        return {{u"type"_s, u"event"_s}, {u"eventType"_s, trigger.eventType}};
    case CampaignTrigger::Kind::StageEntered:
        return {{u"type"_s, u"stageEntered"_s}, {u"stage"_s, stageName(trigger.stage)}};
    case CampaignTrigger::Kind::ScoreCrossed:
        return {{u"type"_s, u"scoreCrossed"_s}, {u"score"_s, trigger.score}};
    case CampaignTrigger::Kind::Schedule:
        return {{u"type"_s, u"schedule"_s}, {u"cron"_s, trigger.cron}, {u"timeZone"_s, trigger.timeZone}};
    }
    return {};
}

QJsonObject stepJson(const CampaignStep &step)
{
    QJsonObject object{{u"id"_s, step.id}};
    switch (step.kind) {
    case CampaignStep::Kind::Wait:
        object.insert(u"type"_s, u"wait"_s);
        object.insert(u"duration"_s, CampaignJson::formatDuration(step.waitMs));
        break;
    case CampaignStep::Kind::Webhook: {
        object.insert(u"type"_s, u"webhook"_s);
        object.insert(u"method"_s, step.webhook.method);
        object.insert(u"url"_s, step.webhook.url);
        QJsonArray headers;
        for (const auto &[name, value] : step.webhook.headers)
            headers.append(QJsonObject{{u"name"_s, name}, {u"value"_s, value}});
        if (!headers.isEmpty())
            object.insert(u"headers"_s, headers);
        object.insert(u"body"_s, step.webhook.bodyTemplate);
        break;
    }
    case CampaignStep::Kind::Condition: {
        object.insert(u"type"_s, u"condition"_s);
        QJsonObject condition;
        switch (step.condition.kind) {
        case ConditionSpec::Kind::ScoreAtLeast:
            condition.insert(u"scoreAtLeast"_s, step.condition.score);
            break;
        case ConditionSpec::Kind::StageIs:
            condition.insert(u"stageIs"_s, stageName(step.condition.stage));
            break;
        case ConditionSpec::Kind::HadEventWithin:
            condition.insert(u"hadEvent"_s, step.condition.eventType);
            condition.insert(u"within"_s, CampaignJson::formatDuration(step.condition.withinMs));
            break;
        }
        object.insert(u"if"_s, condition);
        object.insert(u"yes"_s, step.yesStep);
        object.insert(u"no"_s, step.noStep);
        break;
    }
    case CampaignStep::Kind::AdjustScore:
        object.insert(u"type"_s, u"adjustScore"_s);
        object.insert(u"delta"_s, step.scoreDelta);
        break;
    case CampaignStep::Kind::MoveStage:
        object.insert(u"type"_s, u"moveStage"_s);
        object.insert(u"to"_s, stageName(step.moveTo));
        break;
    case CampaignStep::Kind::NotifySales:
        object.insert(u"type"_s, u"notifySales"_s);
        object.insert(u"text"_s, step.notifyText);
        break;
    }
    return object;
}

QJsonObject campaignObject(const Campaign &campaign)
{
    QJsonObject object{{u"name"_s, campaign.name},
                       {u"description"_s, campaign.description},
                       {u"enabled"_s, campaign.enabled},
                       {u"trigger"_s, triggerJson(campaign.trigger)}};
    QJsonObject audience;
    if (!campaign.audience.stages.isEmpty())
        audience.insert(u"stages"_s, stagesJson(campaign.audience.stages));
    if (campaign.audience.minimumScore)
        audience.insert(u"minimumScore"_s, *campaign.audience.minimumScore);
    if (!campaign.audience.sources.isEmpty())
        audience.insert(u"sources"_s, QJsonArray::fromStringList(campaign.audience.sources));
    object.insert(u"audience"_s, audience);
    QJsonObject reEnrollment;
    switch (campaign.reEnrollment.kind) {
    case ReEnrollmentPolicy::Kind::Once:
        reEnrollment.insert(u"policy"_s, u"once"_s);
        break;
    case ReEnrollmentPolicy::Kind::AfterDays:
        reEnrollment.insert(u"policy"_s, u"afterDays"_s);
        reEnrollment.insert(u"days"_s, campaign.reEnrollment.days);
        break;
    case ReEnrollmentPolicy::Kind::EveryTime:
        reEnrollment.insert(u"policy"_s, u"everyTime"_s);
        break;
    }
    if (campaign.reEnrollment.kind != ReEnrollmentPolicy::Kind::AfterDays && campaign.reEnrollment.days != ReEnrollmentPolicy().days)
        reEnrollment.insert(u"days"_s, campaign.reEnrollment.days); // kept for an editor that switches policy back
    object.insert(u"reEnrollment"_s, reEnrollment);
    object.insert(u"goal"_s, QJsonObject{{u"exitStages"_s, stagesJson(campaign.goal.exitStages)}});
    QJsonArray steps;
    for (const CampaignStep &step : campaign.steps)
        steps.append(stepJson(step));
    object.insert(u"steps"_s, steps);
    return object;
}

std::optional<QJsonValue> parseDocument(const QByteArray &json, QString *error)
{
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(json, &parseError);
    if (parseError.error != QJsonParseError::NoError) {
        if (error)
            *error = Messages::tr("not JSON at byte %1: %2").arg(parseError.offset).arg(parseError.errorString());
        return std::nullopt;
    }
    if (!document.isObject()) {
        if (error)
            *error = Messages::tr("expected a JSON object");
        return std::nullopt;
    }
    return QJsonValue(document.object());
}

} // namespace

QString CampaignJson::formatDuration(qint64 milliseconds)
{
    static const QList<std::pair<qint64, QString>> units{
        {24LL * 3600 * 1000, u"d"_s}, {3600LL * 1000, u"h"_s}, {60LL * 1000, u"m"_s}, {1000, u"s"_s}};
    for (const auto &[size, suffix] : units) {
        if (milliseconds != 0 && milliseconds % size == 0)
            return QString::number(milliseconds / size) + suffix;
    }
    return QString::number(milliseconds) + u"ms"_s;
}

std::optional<qint64> CampaignJson::parseDuration(const QString &text)
{
    static const QRegularExpression pattern(u"^\\s*(\\d+)\\s*(ms|s|m|h|d)\\s*$"_s);
    const QRegularExpressionMatch match = pattern.match(text);
    if (!match.hasMatch())
        return std::nullopt;
    bool ok = false;
    const qint64 amount = match.captured(1).toLongLong(&ok);
    if (!ok)
        return std::nullopt;
    const QString unit = match.captured(2);
    const qint64 factor = unit == "ms"_L1 ? 1 : unit == "s"_L1 ? 1000 : unit == "m"_L1 ? 60000 : unit == "h"_L1 ? 3600000 : 86400000;
    return amount * factor;
}

QByteArray CampaignJson::campaignToJson(const Campaign &campaign)
{
    return QJsonDocument(campaignObject(campaign)).toJson(QJsonDocument::Indented);
}

QByteArray CampaignJson::toJson(const CampaignBundle &bundle)
{
    QJsonArray campaigns;
    for (const Campaign &campaign : bundle.campaigns)
        campaigns.append(campaignObject(campaign));
    QJsonObject root{{u"version"_s, formatVersion}, {u"campaigns"_s, campaigns}};
    if (!bundle.endpointSecrets.isEmpty()) {
        QJsonObject secrets;
        for (auto it = bundle.endpointSecrets.cbegin(); it != bundle.endpointSecrets.cend(); ++it)
            secrets.insert(it.key(), it.value());
        root.insert(u"endpointSecrets"_s, secrets);
    }
    return QJsonDocument(root).toJson(QJsonDocument::Indented);
}

std::optional<Campaign> CampaignJson::campaignFromJson(const QByteArray &json, QString *error)
{
    const std::optional<QJsonValue> root = parseDocument(json, error);
    if (!root)
        return std::nullopt;
    Reader reader;
    Campaign campaign;
    if (!reader.campaign(*root, u"campaign"_s, campaign)) {
        if (error)
            *error = reader.error;
        return std::nullopt;
    }
    return campaign;
}

std::optional<CampaignBundle> CampaignJson::fromJson(const QByteArray &json, QString *error)
{
    const std::optional<QJsonValue> root = parseDocument(json, error);
    if (!root)
        return std::nullopt;
    const QJsonObject object = root->toObject();
    Reader reader;
    int version = formatVersion;
    if (!reader.integer(object, u"$"_s, u"version"_s, version)) {
        if (error)
            *error = reader.error;
        return std::nullopt;
    }
    if (version > formatVersion) {
        if (error)
            *error = Messages::tr("version: %1 is newer than this Funnelboard understands (%2)").arg(version).arg(formatVersion);
        return std::nullopt;
    }
    if (!object.value(u"campaigns"_s).isArray()) {
        if (error)
            *error = Messages::tr("campaigns: expected an array");
        return std::nullopt;
    }
    CampaignBundle bundle;
    const QJsonArray campaigns = object.value(u"campaigns"_s).toArray();
    for (qsizetype i = 0; i < campaigns.size(); ++i) {
        Campaign campaign;
        if (!reader.campaign(campaigns.at(i), u"campaigns[%1]"_s.arg(i), campaign)) {
            if (error)
                *error = reader.error;
            return std::nullopt;
        }
        for (const Campaign &other : std::as_const(bundle.campaigns)) {
            if (other.name == campaign.name) {
                if (error)
                    *error = Messages::tr("campaigns[%1].name: '%2' is used twice").arg(i).arg(campaign.name);
                return std::nullopt;
            }
        }
        bundle.campaigns.append(campaign);
    }
    const QJsonValue secrets = object.value(u"endpointSecrets"_s);
    if (!secrets.isUndefined()) {
        if (!secrets.isObject()) {
            if (error)
                *error = Messages::tr("endpointSecrets: expected an object of URL to secret");
            return std::nullopt;
        }
        const QJsonObject secretObject = secrets.toObject();
        for (auto it = secretObject.begin(); it != secretObject.end(); ++it) {
            if (!it.value().isString() || !it.value().toString().startsWith("whsec_"_L1)) {
                if (error)
                    *error = Messages::tr("endpointSecrets.%1: expected a whsec_ secret").arg(it.key());
                return std::nullopt;
            }
            bundle.endpointSecrets.insert(it.key(), it.value().toString());
        }
    }
    return bundle;
}

} // namespace funnel
