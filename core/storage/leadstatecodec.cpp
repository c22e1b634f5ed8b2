#include "core/storage/leadstatecodec.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSqlQuery>
#include <QSqlRecord>
#include <QVariant>

#include <limits>

namespace funnel {
namespace {

using namespace Qt::StringLiterals;

// JSON string literal of `text` (event types are free text, so they are escaped properly).
void appendJsonString(QByteArray &out, const QString &text)
{
    out.append('"');
    const QByteArray utf8 = text.toUtf8();
    for (const char c : utf8) {
        switch (c) {
        case '"': out.append("\\\""); break;
        case '\\': out.append("\\\\"); break;
        case '\n': out.append("\\n"); break;
        case '\r': out.append("\\r"); break;
        case '\t': out.append("\\t"); break;
        default:
            if (static_cast<unsigned char>(c) < 0x20) {
                static constexpr char hex[] = "0123456789abcdef";
                out.append("\\u00");
                out.append(hex[(c >> 4) & 0xf]);
                out.append(hex[c & 0xf]);
            } else {
                out.append(c);
            }
        }
    }
    out.append('"');
}

} // namespace

std::optional<LeadState> LeadStateCodec::fromColumns(QStringView stage, qint64 score,
                                                     std::optional<qint64> lastActivityMs, int decaySteps,
                                                     QByteArrayView capUsageJson)
{
    const std::optional<Stage> parsedStage = stageFromName(stage);
    if (!parsedStage)
        return std::nullopt;
    LeadState state;
    state.stage = *parsedStage;
    state.score = int(std::clamp<qint64>(score, std::numeric_limits<int>::min(), std::numeric_limits<int>::max()));
    state.lastActivityMs = lastActivityMs.value_or(0);
    state.decayStepsApplied = decaySteps;
    if (!capUsageJson.isEmpty())
        state.capUsage = capUsageFromJson(capUsageJson);
    return state;
}

std::optional<LeadState> LeadStateCodec::fromRecord(const QSqlRecord &record)
{
    const QVariant lastActivity = record.value(u"last_activity_at"_s);
    return fromColumns(record.value(u"stage"_s).toString(), record.value(u"score"_s).toLongLong(),
                       lastActivity.isNull() ? std::nullopt : std::optional<qint64>(lastActivity.toLongLong()),
                       record.value(u"decay_steps"_s).toInt(), record.value(u"cap_usage"_s).toByteArray());
}

void LeadStateCodec::bindValues(QSqlQuery &query, const LeadState &state)
{
    query.bindValue(u":stage"_s, stageName(state.stage));
    query.bindValue(u":score"_s, state.score);
    const std::optional<qint64> lastActivity = lastActivityColumn(state);
    query.bindValue(u":last_activity_at"_s, lastActivity ? QVariant(*lastActivity) : QVariant(QMetaType::fromType<qint64>()));
    query.bindValue(u":decay_steps"_s, state.decayStepsApplied);
    const QByteArray caps = capUsageColumn(state);
    query.bindValue(u":cap_usage"_s, caps.isEmpty() ? QVariant(QMetaType::fromType<QString>()) : QVariant(QString::fromUtf8(caps)));
}

std::optional<qint64> LeadStateCodec::lastActivityColumn(const LeadState &state)
{
    if (state.lastActivityMs == 0)
        return std::nullopt;
    return state.lastActivityMs;
}

QByteArray LeadStateCodec::capUsageColumn(const LeadState &state)
{
    if (state.capUsage.isEmpty())
        return {};
    QByteArray out;
    out.reserve(64 * state.capUsage.size());
    out.append('{');
    for (auto it = state.capUsage.cbegin(); it != state.capUsage.cend(); ++it) { // in key order: stable text
        const CapUsage &usage = it.value();
        if (out.size() > 1)
            out.append(',');
        appendJsonString(out, it.key());
        out.append(":[");
        out.append(QByteArray::number(usage.periodStartMs));
        out.append(',');
        out.append(QByteArray::number(usage.points));
        out.append(']');
    }
    out.append('}');
    return out;
}

QMap<QString, CapUsage> LeadStateCodec::capUsageFromJson(QByteArrayView json)
{
    QMap<QString, CapUsage> usage;
    const QJsonObject root = QJsonDocument::fromJson(json.toByteArray()).object();
    for (auto it = root.begin(); it != root.end(); ++it) {
        const QJsonArray entry = it.value().toArray();
        const QJsonValue start = entry.at(0);
        const QJsonValue points = entry.at(1);
        if (entry.size() != 2 || !start.isDouble() || !points.isDouble())
            continue;
        usage.insert(it.key(), CapUsage{start.toInteger(), points.toInt()});
    }
    return usage;
}

} // namespace funnel
