#include "core/io/jsonleventdecoder.h"

#include <QCoreApplication>

#include <simdjson.h>

#include <cstring>
#include <string_view>
#include <vector>

namespace funnel {
namespace {

// This file's messages, in the translation context "JsonlEventDecoder" (lupdate reads the macro).
struct Messages {
    Q_DECLARE_TR_FUNCTIONS(JsonlEventDecoder)
};

QString typeName(simdjson::dom::element_type type)
{
    using simdjson::dom::element_type;
    switch (type) {
    case element_type::ARRAY: return Messages::tr("an array");
    case element_type::OBJECT: return Messages::tr("an object");
    case element_type::INT64:
    case element_type::UINT64:
    case element_type::DOUBLE: return Messages::tr("a number");
    case element_type::STRING: return Messages::tr("a string");
    case element_type::BOOL: return Messages::tr("a boolean");
    case element_type::NULL_VALUE: return Messages::tr("null");
    }
    return {};
}

QString expected(std::string_view field, const QString &what, simdjson::dom::element_type found)
{
    return Messages::tr("\"%1\": expected %2, found %3")
        .arg(QLatin1StringView(field.data(), qsizetype(field.size())), what, typeName(found));
}

QString toQString(std::string_view text)
{
    return QString::fromUtf8(text.data(), qsizetype(text.size()));
}

// Reads a run of exactly `count` ASCII digits at `p`; -1 when any is missing.
int digits(const char *p, const char *end, int count)
{
    if (end - p < count)
        return -1;
    int value = 0;
    for (int i = 0; i < count; ++i) {
        const unsigned digit = unsigned(p[i]) - unsigned('0');
        if (digit > 9)
            return -1;
        value = value * 10 + int(digit);
    }
    return value;
}

// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's days_from_civil).
qint64 daysFromCivil(int year, int month, int day)
{
    year -= month <= 2 ? 1 : 0;
    const int era = (year >= 0 ? year : year - 399) / 400;
    const int yearOfEra = year - era * 400;
    const int dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1;
    const int dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear;
    return qint64(era) * 146097 + dayOfEra - 719468;
}

int daysInMonth(int year, int month)
{
    static constexpr int lengths[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    return month == 2 && leap ? 29 : lengths[month - 1];
}

} // namespace

struct JsonlEventDecoder::Private {
    simdjson::dom::parser parser;
    std::vector<char> padded; // simdjson reads up to SIMDJSON_PADDING bytes past the end
    simdjson::internal::string_builder<> metadata;
};

JsonlEventDecoder::JsonlEventDecoder()
    : d(std::make_unique<Private>())
{
}

JsonlEventDecoder::~JsonlEventDecoder() = default;

QString JsonlEventDecoder::lineTooLongError(qint64 bytes) const
{
    return Messages::tr("the line is %1 bytes long; the limit is %2 bytes").arg(bytes).arg(m_maxLineBytes);
}

std::optional<EventRecord> JsonlEventDecoder::decode(QByteArrayView line, QString *error)
{
    auto fail = [error](const QString &message) -> std::optional<EventRecord> {
        if (error)
            *error = message;
        return std::nullopt;
    };
    if (line.size() > m_maxLineBytes)
        return fail(lineTooLongError(line.size()));

    const size_t length = size_t(line.size());
    if (d->padded.size() < length + simdjson::SIMDJSON_PADDING)
        d->padded.resize(length + simdjson::SIMDJSON_PADDING);
    if (length > 0)
        std::memcpy(d->padded.data(), line.data(), length);
    std::memset(d->padded.data() + length, 0, simdjson::SIMDJSON_PADDING);

    simdjson::dom::element root;
    if (const auto parseError = d->parser.parse(d->padded.data(), length, false).get(root))
        return fail(Messages::tr("invalid JSON: %1").arg(QString::fromUtf8(simdjson::error_message(parseError))));
    simdjson::dom::object object;
    if (root.get(object))
        return fail(Messages::tr("expected a JSON object per line, found %1").arg(typeName(root.type())));

    using simdjson::dom::element_type;
    EventRecord record;
    bool hasEventType = false;
    // One pass over the fields; a repeated key takes its last value, as in JavaScript's JSON.parse.
    for (const simdjson::dom::key_value_pair field : object) {
        const std::string_view key = field.key;
        const simdjson::dom::element value = field.value;
        const element_type type = value.type();

        QString *text = nullptr;
        if (key == "eventId")
            text = &record.eventId;
        else if (key == "userId")
            text = &record.userId;
        else if (key == "eventType")
            text = &record.eventType;
        else if (key == "email")
            text = &record.email;
        else if (key == "name")
            text = &record.name;
        else if (key == "company")
            text = &record.company;

        if (text) {
            if (type == element_type::NULL_VALUE) {
                text->clear();
            } else if (type == element_type::STRING) {
                *text = toQString(value.get_string().value_unsafe());
            } else {
                return fail(expected(key, Messages::tr("a string"), type));
            }
            if (text == &record.eventType)
                hasEventType = type != element_type::NULL_VALUE;
        } else if (key == "timestamp") {
            if (type == element_type::NULL_VALUE) {
                record.atMs.reset();
                continue;
            }
            if (type != element_type::STRING)
                return fail(expected(key, Messages::tr("an ISO 8601 string such as 2026-11-27T10:00:00Z"), type));
            const std::string_view stamp = value.get_string().value_unsafe();
            record.atMs = parseTimestamp(QByteArrayView(stamp.data(), qsizetype(stamp.size())));
            if (!record.atMs)
                return fail(Messages::tr("\"timestamp\": expected ISO 8601 such as 2026-11-27T10:00:00Z"));
        } else if (key == "metadata") {
            if (type == element_type::NULL_VALUE) {
                record.metadataJson.clear();
                continue;
            }
            if (type != element_type::OBJECT)
                return fail(expected(key, Messages::tr("an object"), type));
            const simdjson::dom::object metadata = value.get_object().value_unsafe();
            if (metadata.size() == 0) {
                record.metadataJson.clear();
                continue;
            }
            d->metadata.clear();
            d->metadata.append(metadata);
            const std::string_view compact = d->metadata.str();
            record.metadataJson = QByteArray(compact.data(), qsizetype(compact.size()));
        }
        // Other fields are ignored: producers may send more than the contract names.
    }

    if (!hasEventType)
        return fail(Messages::tr("\"eventType\" is required"));
    if (record.eventType.isEmpty())
        return fail(Messages::tr("\"eventType\" must not be empty"));
    if (record.userId.isEmpty() && record.email.isEmpty())
        return fail(Messages::tr("\"userId\" or \"email\" is required"));
    return record;
}

std::optional<qint64> JsonlEventDecoder::parseTimestamp(QByteArrayView text)
{
    const char *p = text.data();
    const char *const end = p + text.size();

    // YYYY-MM-DD
    const int year = digits(p, end, 4);
    if (year < 0 || end - p < 10 || p[4] != '-' || p[7] != '-')
        return std::nullopt;
    const int month = digits(p + 5, end, 2);
    const int day = digits(p + 8, end, 2);
    if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month))
        return std::nullopt;
    p += 10;

    // T HH:MM:SS
    if (end - p < 9 || (*p != 'T' && *p != 't' && *p != ' ') || p[3] != ':' || p[6] != ':')
        return std::nullopt;
    const int hour = digits(p + 1, end, 2);
    const int minute = digits(p + 4, end, 2);
    const int second = digits(p + 7, end, 2);
    if (hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 59)
        return std::nullopt;
    p += 9;

    // .fff (any number of digits; milliseconds kept, the rest truncated)
    int millis = 0;
    if (p < end && (*p == '.' || *p == ',')) {
        ++p;
        const char *const fractionStart = p;
        int scale = 100;
        while (p < end && unsigned(*p) - unsigned('0') <= 9) {
            millis += (*p - '0') * scale;
            scale /= 10;
            ++p;
        }
        if (p == fractionStart)
            return std::nullopt;
    }

    // Z or +HH:MM / +HHMM / +HH
    if (p == end)
        return std::nullopt; // a time without an offset is ambiguous: whose local time?
    int offsetMinutes = 0;
    if (*p == 'Z' || *p == 'z') {
        ++p;
    } else if (*p == '+' || *p == '-') {
        const int sign = *p == '-' ? -1 : 1;
        ++p;
        const int offsetHours = digits(p, end, 2);
        if (offsetHours < 0 || offsetHours > 23)
            return std::nullopt;
        p += 2;
        int offsetMins = 0;
        if (p < end) {
            if (*p == ':')
                ++p;
            offsetMins = digits(p, end, 2);
            if (offsetMins < 0 || offsetMins > 59)
                return std::nullopt;
            p += 2;
        }
        offsetMinutes = sign * (offsetHours * 60 + offsetMins);
    } else {
        return std::nullopt;
    }
    if (p != end)
        return std::nullopt;

    const qint64 seconds = daysFromCivil(year, month, day) * 86400 + hour * 3600 + minute * 60 + second
        - qint64(offsetMinutes) * 60;
    return seconds * 1000 + millis;
}

} // namespace funnel
