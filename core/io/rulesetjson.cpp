#include "core/io/rulesetjson.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSet>

#include <limits>

namespace funnel {
namespace {

constexpr auto formatName = "funnelboard-rules";
constexpr int formatVersion = 1;

// This file's messages, in the translation context "RuleSetJson" (lupdate reads the macro).
struct Messages {
    Q_DECLARE_TR_FUNCTIONS(RuleSetJson)
};

QString describe(const QJsonValue &value)
{
    switch (value.type()) {
    case QJsonValue::Null: return QStringLiteral("null");
    case QJsonValue::Bool: return value.toBool() ? QStringLiteral("true") : QStringLiteral("false");
    case QJsonValue::Double: return QString::number(value.toDouble());
    case QJsonValue::String: return u'"' + value.toString() + u'"';
    case QJsonValue::Array: return Messages::tr("an array");
    case QJsonValue::Object: return Messages::tr("an object");
    case QJsonValue::Undefined: return Messages::tr("nothing");
    }
    return {};
}

// Reads fields of one JSON object, remembering the first error with the field's full path.
class FieldReader
{
public:
    FieldReader(const QJsonObject &object, QString path, QString *error)
        : m_object(object), m_path(std::move(path)), m_error(error)
    {
    }

    bool failed() const { return !m_error->isEmpty(); }

    QString fieldPath(const QString &key) const { return m_path.isEmpty() ? key : m_path + u'.' + key; }

    void fail(const QString &key, const QString &expected, const QJsonValue &found)
    {
        if (!failed())
            *m_error = Messages::tr("%1: expected %2, found %3").arg(fieldPath(key), expected, describe(found));
    }

    int integer(const QString &key, int fallback, bool required = false, int minimum = std::numeric_limits<int>::min())
    {
        const QJsonValue value = m_object.value(key);
        if (value.isUndefined() && !required)
            return fallback;
        const double number = value.toDouble(0.5);
        if (!value.isDouble() || number != double(qint64(number)) || number < minimum || number > 1e9) {
            fail(key, minimum == 0 ? Messages::tr("a whole number of 0 or more") : minimum == 1 ? Messages::tr("a whole number of 1 or more") : Messages::tr("a whole number"), value);
            return fallback;
        }
        return int(number);
    }

    bool boolean(const QString &key, bool fallback)
    {
        const QJsonValue value = m_object.value(key);
        if (value.isUndefined())
            return fallback;
        if (!value.isBool()) {
            fail(key, Messages::tr("true or false"), value);
            return fallback;
        }
        return value.toBool();
    }

    QString string(const QString &key, bool required = false)
    {
        const QJsonValue value = m_object.value(key);
        if ((value.isUndefined() || value.isNull()) && !required)
            return {};
        if (!value.isString() || (required && value.toString().trimmed().isEmpty())) {
            fail(key, Messages::tr("a non-empty string"), value);
            return {};
        }
        return value.toString().trimmed();
    }

    std::optional<QJsonObject> object(const QString &key)
    {
        const QJsonValue value = m_object.value(key);
        if (value.isUndefined() || value.isNull())
            return std::nullopt;
        if (!value.isObject()) {
            fail(key, Messages::tr("an object"), value);
            return std::nullopt;
        }
        return value.toObject();
    }

private:
    QJsonObject m_object;
    QString m_path;
    QString *m_error;
};

std::optional<Rule> readRule(const QJsonValue &value, const QString &path, QString *error)
{
    if (!value.isObject()) {
        *error = Messages::tr("%1: expected an object, found %2").arg(path, describe(value));
        return std::nullopt;
    }
    FieldReader reader(value.toObject(), path, error);
    Rule rule;
    rule.eventType = reader.string(QStringLiteral("eventType"), true);
    rule.points = reader.integer(QStringLiteral("points"), 0);
    const QString gate = reader.string(QStringLiteral("gate"));
    if (!gate.isEmpty()) {
        rule.gate = stageFromName(gate);
        if (!rule.gate || *rule.gate == Stage::Cold || *rule.gate == Stage::Lost)
            reader.fail(QStringLiteral("gate"), Messages::tr("one of MQL, SQL, Won"), QJsonValue(gate));
    }
    rule.enrollCampaign = reader.string(QStringLiteral("enroll"));
    if (const auto cap = reader.object(QStringLiteral("cap"))) {
        FieldReader capReader(*cap, reader.fieldPath(QStringLiteral("cap")), error);
        PointsCap pointsCap;
        pointsCap.points = capReader.integer(QStringLiteral("points"), 0, true, 0);
        const QString per = capReader.string(QStringLiteral("per"), true);
        if (const auto period = capPeriodFromName(per))
            pointsCap.period = *period;
        else if (!capReader.failed())
            capReader.fail(QStringLiteral("per"), Messages::tr("one of day, week, ever"), QJsonValue(per));
        rule.cap = pointsCap;
    }
    if (reader.failed())
        return std::nullopt;
    return rule;
}

} // namespace

QByteArray RuleSetJson::toJson(const RuleSet &rules)
{
    QJsonArray ruleArray;
    for (const Rule &rule : rules.rules()) {
        QJsonObject object{{QStringLiteral("eventType"), rule.eventType}, {QStringLiteral("points"), rule.points}};
        if (rule.gate)
            object.insert(QStringLiteral("gate"), stageName(*rule.gate));
        if (!rule.enrollCampaign.isEmpty())
            object.insert(QStringLiteral("enroll"), rule.enrollCampaign);
        if (rule.cap) {
            object.insert(QStringLiteral("cap"), QJsonObject{{QStringLiteral("points"), rule.cap->points},
                                                             {QStringLiteral("per"), capPeriodName(rule.cap->period)}});
        }
        ruleArray.append(object);
    }
    const DecayPolicy &decay = rules.decay();
    const QJsonObject root{
        {QStringLiteral("format"), QLatin1StringView(formatName)},
        {QStringLiteral("version"), formatVersion},
        {QStringLiteral("thresholds"),
         QJsonObject{{QStringLiteral("mql"), rules.mqlThreshold()}, {QStringLiteral("sql"), rules.sqlThreshold()}}},
        {QStringLiteral("decay"), QJsonObject{{QStringLiteral("enabled"), decay.enabled},
                                              {QStringLiteral("afterDays"), decay.afterDays},
                                              {QStringLiteral("everyDays"), decay.everyDays},
                                              {QStringLiteral("points"), decay.points},
                                              {QStringLiteral("floor"), decay.floor}}},
        {QStringLiteral("rules"), ruleArray},
    };
    return QJsonDocument(root).toJson(QJsonDocument::Indented);
}

std::optional<RuleSet> RuleSetJson::fromJson(const QByteArray &json, QString *error)
{
    QString localError;
    QString &message = error ? *error : localError;
    message.clear();

    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(json, &parseError);
    if (parseError.error != QJsonParseError::NoError) {
        message = Messages::tr("invalid JSON at offset %1: %2").arg(parseError.offset).arg(parseError.errorString());
        return std::nullopt;
    }
    if (!document.isObject()) {
        message = Messages::tr("expected a JSON object with \"thresholds\", \"decay\" and \"rules\"");
        return std::nullopt;
    }
    const QJsonObject root = document.object();
    FieldReader reader(root, {}, &message);
    const QString format = reader.string(QStringLiteral("format"));
    if (!format.isEmpty() && format != QLatin1StringView(formatName))
        reader.fail(QStringLiteral("format"), u'"' + QLatin1StringView(formatName) + u'"', QJsonValue(format));
    const int version = reader.integer(QStringLiteral("version"), formatVersion);
    if (!reader.failed() && version > formatVersion)
        reader.fail(QStringLiteral("version"), Messages::tr("%1 or lower (this file is from a newer Funnelboard)").arg(formatVersion), QJsonValue(version));

    RuleSet rules;
    rules.setDecay(DecayPolicy{});
    if (const auto thresholds = reader.object(QStringLiteral("thresholds"))) {
        FieldReader thresholdReader(*thresholds, QStringLiteral("thresholds"), &message);
        const int mql = thresholdReader.integer(QStringLiteral("mql"), RuleSet::defaultMqlThreshold);
        const int sql = thresholdReader.integer(QStringLiteral("sql"), RuleSet::defaultSqlThreshold);
        if (!thresholdReader.failed() && sql <= mql)
            thresholdReader.fail(QStringLiteral("sql"), Messages::tr("a threshold above the MQL threshold (%1)").arg(mql), QJsonValue(sql));
        rules.setThresholds(mql, sql);
    }
    if (const auto decayObject = reader.object(QStringLiteral("decay"))) {
        FieldReader decayReader(*decayObject, QStringLiteral("decay"), &message);
        DecayPolicy decay;
        decay.enabled = decayReader.boolean(QStringLiteral("enabled"), true);
        decay.afterDays = decayReader.integer(QStringLiteral("afterDays"), decay.afterDays, false, 1);
        decay.everyDays = decayReader.integer(QStringLiteral("everyDays"), decay.everyDays, false, 1);
        decay.points = decayReader.integer(QStringLiteral("points"), decay.points, false, 0);
        decay.floor = decayReader.integer(QStringLiteral("floor"), decay.floor);
        rules.setDecay(decay);
    }
    if (message.isEmpty()) {
        const QJsonValue ruleValues = root.value(QStringLiteral("rules"));
        if (!ruleValues.isUndefined() && !ruleValues.isArray()) {
            reader.fail(QStringLiteral("rules"), Messages::tr("an array"), ruleValues);
        } else {
            QSet<QString> seen;
            const QJsonArray array = ruleValues.toArray();
            for (qsizetype i = 0; i < array.size() && message.isEmpty(); ++i) {
                const QString path = QStringLiteral("rules[%1]").arg(i);
                const std::optional<Rule> rule = readRule(array.at(i), path, &message);
                if (!rule)
                    break;
                if (seen.contains(rule->eventType)) {
                    message = Messages::tr("%1.eventType: \"%2\" has a rule already; expected one rule per event type")
                                  .arg(path, rule->eventType);
                    break;
                }
                seen.insert(rule->eventType);
                rules.setRule(*rule);
            }
        }
    }
    if (!message.isEmpty())
        return std::nullopt;
    return rules;
}

} // namespace funnel
