#include "core/campaigns/bodytemplate.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonParseError>
#include <QJsonValue>

namespace funnel {

using namespace Qt::StringLiterals;

namespace {

// This file's messages, in the translation context "BodyTemplate" (lupdate reads the macro).
struct Messages {
    Q_DECLARE_TR_FUNCTIONS(BodyTemplate)
};

constexpr auto metadataPrefix = "event.metadata."_L1;

bool isKnown(const QString &name)
{
    if (name.startsWith(metadataPrefix))
        return name.size() > metadataPrefix.size();
    return BodyTemplate::knownPlaceholders().contains(name);
}

// A placeholder's value as JSON; nullopt for an unknown name.
QJsonValue valueOf(const QString &name, const TemplateContext &context)
{
    const CampaignLead &lead = context.lead;
    if (name == "lead.email"_L1)
        return lead.email;
    if (name == "lead.name"_L1)
        return lead.name;
    if (name == "lead.company"_L1)
        return lead.company;
    if (name == "lead.id"_L1)
        return double(lead.id);
    if (name == "lead.score"_L1)
        return lead.score;
    if (name == "lead.stage"_L1)
        return stageName(lead.stage);
    if (name == "campaign.name"_L1)
        return context.campaignName;
    if (name.startsWith(metadataPrefix))
        return context.eventMetadata.value(name.mid(metadataPrefix.size())); // Undefined when absent
    return QJsonValue::Undefined;
}

// The JSON text of a value as a whole JSON value.
QByteArray jsonValueText(const QJsonValue &value)
{
    if (value.isUndefined() || value.isNull())
        return "null";
    const QByteArray array = QJsonDocument(QJsonArray{value}).toJson(QJsonDocument::Compact);
    return array.mid(1, array.size() - 2); // strip [ ]
}

// The characters of a value inside a JSON string: its text, escaped, without the quotes.
QByteArray jsonStringContent(const QJsonValue &value)
{
    QString text;
    if (value.isString())
        text = value.toString();
    else if (value.isUndefined() || value.isNull())
        text.clear();
    else if (value.isDouble() || value.isBool())
        text = QString::fromUtf8(jsonValueText(value));
    else
        text = QString::fromUtf8(jsonValueText(value)); // objects and arrays as compact JSON text
    const QByteArray quoted = jsonValueText(text);
    return quoted.mid(1, quoted.size() - 2);
}

struct Placeholder {
    qsizetype start = 0; // of "{{"
    qsizetype end = 0;   // after "}}"
    QString name;
    bool inString = false;
};

// Splits the template into literal text and placeholders, knowing which ones sit inside strings.
bool scan(const QString &text, QList<Placeholder> &placeholders, TemplateError *error, qsizetype *errorAt)
{
    bool inString = false;
    for (qsizetype i = 0; i < text.size(); ++i) {
        const QChar c = text.at(i);
        if (c == u'{' && i + 1 < text.size() && text.at(i + 1) == u'{') {
            const qsizetype close = text.indexOf("}}"_L1, i + 2);
            if (close < 0) {
                if (error)
                    error->message = Messages::tr("'{{' is not closed by '}}'");
                *errorAt = i;
                return false;
            }
            placeholders.append({i, close + 2, text.mid(i + 2, close - i - 2).trimmed(), inString});
            i = close + 1;
            continue;
        }
        if (inString && c == u'\\') {
            ++i; // the escaped character cannot end the string
            continue;
        }
        if (c == u'"')
            inString = !inString;
    }
    return true;
}

void locate(const QString &text, qsizetype offset, TemplateError &error)
{
    error.offset = int(offset);
    error.line = 1;
    error.column = 1;
    for (qsizetype i = 0; i < offset && i < text.size(); ++i) {
        if (text.at(i) == u'\n') {
            ++error.line;
            error.column = 1;
        } else {
            ++error.column;
        }
    }
}

} // namespace

QString TemplateError::toString() const
{
    return QCoreApplication::translate("BodyTemplate", "line %1, column %2: %3").arg(line).arg(column).arg(message);
}

QStringList BodyTemplate::knownPlaceholders()
{
    return {u"lead.email"_s, u"lead.name"_s, u"lead.company"_s, u"lead.id"_s, u"lead.score"_s,
            u"lead.stage"_s, u"campaign.name"_s, u"event.metadata.*"_s};
}

std::optional<TemplateError> BodyTemplate::validate(const QString &templateText)
{
    TemplateError error;
    QList<Placeholder> placeholders;
    qsizetype errorAt = 0;
    if (!scan(templateText, placeholders, &error, &errorAt)) {
        locate(templateText, errorAt, error);
        return error;
    }
    // Same-length stand-ins keep every offset of the parser's error pointing into the template:
    // 'x's inside strings, a 0 padded with spaces outside.
    QString probe = templateText;
    for (const Placeholder &placeholder : placeholders) {
        if (!isKnown(placeholder.name)) {
            error.message = Messages::tr("unknown placeholder '{{%1}}'; known: %2")
                                .arg(placeholder.name, knownPlaceholders().join(u", "_s));
            locate(templateText, placeholder.start, error);
            return error;
        }
        const qsizetype length = placeholder.end - placeholder.start;
        const QString standIn = placeholder.inString ? QString(length, u'x') : u"0"_s + QString(length - 1, u' ');
        probe.replace(placeholder.start, length, standIn);
    }
    const QByteArray utf8 = probe.toUtf8();
    QJsonParseError parseError;
    QJsonDocument::fromJson(utf8, &parseError);
    if (parseError.error != QJsonParseError::NoError) {
        error.message = parseError.errorString();
        // The parser counts UTF-8 bytes and reports the position after the offending character;
        // people count characters and want the offending one.
        const int at = qMax(0, parseError.offset - 1);
        locate(templateText, QString::fromUtf8(utf8.left(at)).size(), error);
        return error;
    }
    return std::nullopt;
}

QByteArray BodyTemplate::render(const QString &templateText, const TemplateContext &context)
{
    QList<Placeholder> placeholders;
    qsizetype errorAt = 0;
    if (!scan(templateText, placeholders, nullptr, &errorAt))
        return templateText.toUtf8();
    QByteArray body;
    body.reserve(templateText.size() + 64);
    qsizetype at = 0;
    for (const Placeholder &placeholder : placeholders) {
        body += QStringView(templateText).mid(at, placeholder.start - at).toUtf8();
        const QJsonValue value = valueOf(placeholder.name, context);
        body += placeholder.inString ? jsonStringContent(value) : jsonValueText(value);
        at = placeholder.end;
    }
    body += QStringView(templateText).mid(at).toUtf8();
    return body;
}

} // namespace funnel
