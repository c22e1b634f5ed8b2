#include "core/campaigns/cronschedule.h"

#include <QCoreApplication>
#include <QStringList>

#include <array>

namespace funnel {

using namespace Qt::StringLiterals;

namespace {

// This file's messages, in the translation context "CronSchedule" (lupdate reads the macro).
struct Messages {
    Q_DECLARE_TR_FUNCTIONS(CronSchedule)
};

struct FieldSpec {
    const char *name;
    int minimum;
    int maximum;
    QStringList names; // names[i] stands for minimum + i (months) or i (weekdays)
};

const std::array<FieldSpec, 5> &fieldSpecs()
{
    static const std::array<FieldSpec, 5> specs{{
        {QT_TRANSLATE_NOOP("CronSchedule", "minute"), 0, 59, {}},
        {QT_TRANSLATE_NOOP("CronSchedule", "hour"), 0, 23, {}},
        {QT_TRANSLATE_NOOP("CronSchedule", "day of month"), 1, 31, {}},
        {QT_TRANSLATE_NOOP("CronSchedule", "month"), 1, 12,
         {u"JAN"_s, u"FEB"_s, u"MAR"_s, u"APR"_s, u"MAY"_s, u"JUN"_s, u"JUL"_s, u"AUG"_s, u"SEP"_s, u"OCT"_s,
          u"NOV"_s, u"DEC"_s}},
        // 7 is Sunday too, as in Vixie cron.
        {QT_TRANSLATE_NOOP("CronSchedule", "day of week"), 0, 7,
         {u"SUN"_s, u"MON"_s, u"TUE"_s, u"WED"_s, u"THU"_s, u"FRI"_s, u"SAT"_s}},
    }};
    return specs;
}

struct FieldParser {
    const FieldSpec &spec;
    QStringView text;
    int offset = 0; // of text within the whole expression
    CronParseError *error = nullptr;

    bool fail(int at, const QString &message) const
    {
        if (error)
            *error = {Messages::tr(spec.name), offset + at, message};
        return false;
    }

    // A number or a name at `pos`; advances pos.
    bool value(qsizetype &pos, int &result) const
    {
        const qsizetype start = pos;
        while (pos < text.size() && text.at(pos).isLetterOrNumber())
            ++pos;
        const QStringView token = text.mid(start, pos - start);
        if (token.isEmpty())
            return fail(int(start), Messages::tr("a number is missing"));
        bool ok = false;
        result = token.toInt(&ok);
        if (!ok) {
            const int index = int(spec.names.indexOf(token.toString().toUpper()));
            if (index < 0 || token.size() != 3) {
                return fail(int(start), spec.names.isEmpty() ? Messages::tr("'%1' is not a number").arg(token)
                                                             : Messages::tr("'%1' is neither a number nor a name").arg(token));
            }
            result = spec.minimum == 1 ? index + 1 : index;
            return true;
        }
        if (result < spec.minimum || result > spec.maximum) {
            return fail(int(start),
                        Messages::tr("%1 is out of range %2-%3").arg(token).arg(spec.minimum).arg(spec.maximum));
        }
        return true;
    }

    bool parse(quint64 &bits, bool &star) const
    {
        bits = 0;
        star = text.startsWith(u'*');
        qsizetype itemStart = 0;
        for (const QStringView item : text.split(u',')) {
            const int at = int(itemStart);
            itemStart += item.size() + 1;
            if (item.isEmpty())
                return fail(at, Messages::tr("an empty list item"));
            int low = spec.minimum;
            int high = spec.maximum;
            qsizetype pos = 0;
            bool range = false;
            if (item.at(0) == u'*') {
                pos = 1;
                range = true;
            } else {
                qsizetype p = at;
                if (!value(p, low))
                    return false;
                pos = p - at;
                high = low;
                if (pos < item.size() && item.at(pos) == u'-') {
                    ++pos;
                    p = at + pos;
                    if (!value(p, high))
                        return false;
                    if (high < low)
                        return fail(at, Messages::tr("the range %1 runs backwards").arg(item));
                    pos = p - at;
                    range = true;
                }
            }
            int step = 1;
            if (pos < item.size() && item.at(pos) == u'/') {
                ++pos;
                qsizetype stepEnd = pos;
                while (stepEnd < item.size() && item.at(stepEnd).isDigit())
                    ++stepEnd;
                bool ok = false;
                step = item.mid(pos, stepEnd - pos).toInt(&ok);
                if (!ok || step <= 0)
                    return fail(at + int(pos), Messages::tr("the step must be a positive number"));
                if (!range)
                    high = spec.maximum; // "5/15" means 5-max/15, as most crons read it
                pos = stepEnd;
            }
            if (pos != item.size())
                return fail(at + int(pos), Messages::tr("unexpected '%1'").arg(item.at(pos)));
            for (int v = low; v <= high; v += step)
                bits |= quint64(1) << v;
        }
        return true;
    }
};

QString expandShortcut(const QString &expression)
{
    static const QList<std::pair<QString, QString>> shortcuts{
        {u"@yearly"_s, u"0 0 1 1 *"_s},  {u"@annually"_s, u"0 0 1 1 *"_s}, {u"@monthly"_s, u"0 0 1 * *"_s},
        {u"@weekly"_s, u"0 0 * * 0"_s},  {u"@daily"_s, u"0 0 * * *"_s},    {u"@midnight"_s, u"0 0 * * *"_s},
        {u"@hourly"_s, u"0 * * * *"_s},
    };
    for (const auto &[name, fields] : shortcuts) {
        if (expression.compare(name, Qt::CaseInsensitive) == 0)
            return fields;
    }
    return {};
}

constexpr qint64 minuteMs = 60 * 1000;
constexpr qint64 dayMs = 24 * 60 * minuteMs;
constexpr int searchDays = 8 * 366; // long enough for a 29 February that falls on a given weekday

} // namespace

std::optional<CronSchedule> CronSchedule::parse(const QString &expression, const QString &zoneId,
                                                CronParseError *error)
{
    const QTimeZone zone(zoneId.toUtf8());
    if (!zone.isValid()) {
        if (error)
            *error = {Messages::tr("time zone"), 0, Messages::tr("'%1' is not a known time zone").arg(zoneId)};
        return std::nullopt;
    }
    return parse(expression, zone, error);
}

std::optional<CronSchedule> CronSchedule::parse(const QString &expression, const QTimeZone &zone, CronParseError *error)
{
    if (!zone.isValid()) {
        if (error)
            *error = {Messages::tr("time zone"), 0, Messages::tr("the time zone is not valid")};
        return std::nullopt;
    }
    const QString trimmed = expression.trimmed();
    QString fieldsText = trimmed;
    int baseOffset = int(expression.indexOf(trimmed));
    if (trimmed.startsWith(u'@')) {
        fieldsText = expandShortcut(trimmed);
        if (fieldsText.isEmpty()) {
            if (error) {
                *error = {Messages::tr("expression"), baseOffset,
                          Messages::tr("unknown shortcut '%1' (known: @yearly, @annually, @monthly, @weekly, @daily, "
                             "@midnight, @hourly)")
                              .arg(trimmed)};
            }
            return std::nullopt;
        }
        baseOffset = 0;
    }

    // Split on whitespace, remembering where each field starts for the error positions.
    QList<std::pair<QStringView, int>> fields;
    const QStringView view(fieldsText);
    qsizetype pos = 0;
    while (pos < view.size()) {
        while (pos < view.size() && view.at(pos).isSpace())
            ++pos;
        const qsizetype start = pos;
        while (pos < view.size() && !view.at(pos).isSpace())
            ++pos;
        if (pos > start)
            fields.append({view.mid(start, pos - start), baseOffset + int(start)});
    }
    if (fields.size() != 5) {
        if (error) {
            *error = {Messages::tr("expression"), fields.size() > 5 ? fields.at(5).second : baseOffset + int(trimmed.size()),
                      Messages::tr("expected 5 fields (minute hour day-of-month month day-of-week), found %1").arg(fields.size())};
        }
        return std::nullopt;
    }

    CronSchedule schedule;
    schedule.m_expression = trimmed;
    schedule.m_zone = zone;
    std::array<quint64, 5> bits{};
    std::array<bool, 5> stars{};
    for (int i = 0; i < 5; ++i) {
        const FieldParser parser{fieldSpecs()[i], fields.at(i).first, fields.at(i).second, error};
        if (!parser.parse(bits[i], stars[i]))
            return std::nullopt;
    }
    schedule.m_minutes = bits[0];
    schedule.m_hours = quint32(bits[1]);
    schedule.m_daysOfMonth = quint32(bits[2]);
    schedule.m_months = quint16(bits[3]);
    schedule.m_daysOfWeek = quint8((bits[4] | (bits[4] >> 7)) & 0x7f); // 7 is Sunday
    schedule.m_dayOfMonthStar = stars[2];
    schedule.m_dayOfWeekStar = stars[4];
    schedule.m_valid = true;
    return schedule;
}

bool CronSchedule::dayMatches(const QDate &date) const
{
    if (!(m_months & (1u << date.month())))
        return false;
    const bool dom = m_daysOfMonth & (1u << date.day());
    const bool dow = m_daysOfWeek & (1u << (date.dayOfWeek() % 7));
    // Vixie cron: a '*' in either day field makes the two an AND (the star matches everything);
    // two restricted fields are an OR ("0 0 1,15 * MON" fires on the 1st, the 15th and Mondays).
    return (m_dayOfMonthStar || m_dayOfWeekStar) ? (dom && dow) : (dom || dow);
}

// The instant of a wall-clock time (as milliseconds of a naive UTC clock). A time that occurs
// twice resolves to its first occurrence; a time inside a gap to the end of the gap.
qint64 CronSchedule::resolveWallClock(qint64 wallMs) const
{
    const int before = m_zone.offsetFromUtc(QDateTime::fromMSecsSinceEpoch(wallMs - dayMs, QTimeZone::utc()));
    const int after = m_zone.offsetFromUtc(QDateTime::fromMSecsSinceEpoch(wallMs + dayMs, QTimeZone::utc()));
    qint64 best = std::numeric_limits<qint64>::max();
    for (const int offset : {before, after}) {
        const qint64 candidate = wallMs - qint64(offset) * 1000;
        if (m_zone.offsetFromUtc(QDateTime::fromMSecsSinceEpoch(candidate, QTimeZone::utc())) == offset)
            best = std::min(best, candidate);
    }
    if (best != std::numeric_limits<qint64>::max())
        return best;
    // In a gap [T + before, T + after): the transition T is the first valid instant after it.
    const QTimeZone::OffsetData transition =
        m_zone.nextTransition(QDateTime::fromMSecsSinceEpoch(wallMs - qint64(after) * 1000 - 1, QTimeZone::utc()));
    return transition.atUtc.isValid() ? transition.atUtc.toMSecsSinceEpoch() : wallMs - qint64(before) * 1000;
}

QDateTime CronSchedule::nextFireAfter(const QDateTime &after) const
{
    if (!m_valid || !after.isValid())
        return {};
    const qint64 afterMs = after.toMSecsSinceEpoch();
    const qint64 localMs = afterMs + qint64(m_zone.offsetFromUtc(after)) * 1000;
    // The next whole wall-clock minute strictly after `after`.
    const qint64 startWall = (localMs >= 0 ? localMs / minuteMs : (localMs - minuteMs + 1) / minuteMs) * minuteMs + minuteMs;
    const QDateTime start = QDateTime::fromMSecsSinceEpoch(startWall, QTimeZone::utc());
    const QDate firstDay = start.date();
    const int firstMinute = start.time().hour() * 60 + start.time().minute();
    const qint64 firstDayWall = startWall - qint64(firstMinute) * minuteMs;

    for (int dayIndex = 0; dayIndex < searchDays; ++dayIndex) {
        const QDate day = firstDay.addDays(dayIndex);
        if (!dayMatches(day))
            continue;
        const qint64 dayWall = firstDayWall + qint64(dayIndex) * dayMs;
        for (int hour = 0; hour < 24; ++hour) {
            if (!(m_hours & (1u << hour)))
                continue;
            for (int minute = 0; minute < 60; ++minute) {
                if (!(m_minutes & (quint64(1) << minute)))
                    continue;
                const int minuteOfDay = hour * 60 + minute;
                if (dayIndex == 0 && minuteOfDay < firstMinute)
                    continue;
                // Slots in a gap, and the second pass of a repeated hour, resolve to instants at or
                // before ones already returned; "strictly after" drops them, so each fires once.
                const qint64 instant = resolveWallClock(dayWall + qint64(minuteOfDay) * minuteMs);
                if (instant > afterMs)
                    return QDateTime::fromMSecsSinceEpoch(instant, m_zone);
            }
        }
    }
    return {};
}

QList<QDateTime> CronSchedule::nextFireTimes(const QDateTime &after, int count) const
{
    QList<QDateTime> times;
    QDateTime cursor = after;
    while (int(times.size()) < count) {
        cursor = nextFireAfter(cursor);
        if (!cursor.isValid())
            break;
        times.append(cursor);
    }
    return times;
}

} // namespace funnel
