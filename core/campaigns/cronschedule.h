#pragma once

#include "core/campaigns/cronparseerror.h"

#include <QDateTime>
#include <QList>
#include <QString>
#include <QTimeZone>

#include <optional>

namespace funnel {

// A standard 5-field cron expression (minute hour day-of-month month day-of-week) with lists,
// ranges, steps, month and weekday names and the @yearly .. @hourly shortcuts, in a time zone.
//
// As in Vixie cron, when both day fields are restricted (neither starts with '*') a day matches if
// either matches; otherwise both must. Wall-clock times skipped by a DST gap fire once, at the first
// instant after the gap; wall-clock times repeated when clocks go back fire once, on the first pass.
class CronSchedule
{
public:
    CronSchedule() = default;

    static std::optional<CronSchedule> parse(const QString &expression, const QTimeZone &zone,
                                             CronParseError *error = nullptr);
    // The zone by IANA id ("Europe/Berlin"); an unknown id is an error of the field "time zone".
    static std::optional<CronSchedule> parse(const QString &expression, const QString &zoneId,
                                             CronParseError *error = nullptr);

    bool isValid() const { return m_valid; }
    QString expression() const { return m_expression; }
    QTimeZone timeZone() const { return m_zone; }

    // The first fire time strictly after `after`, in the schedule's zone; invalid when there is
    // none within the next eight years (e.g. "0 0 30 2 *").
    QDateTime nextFireAfter(const QDateTime &after) const;
    // The next `count` fire times after `after`.
    QList<QDateTime> nextFireTimes(const QDateTime &after, int count) const;

private:
    bool dayMatches(const QDate &date) const;
    qint64 resolveWallClock(qint64 wallMs) const;

    QString m_expression;
    QTimeZone m_zone;
    quint64 m_minutes = 0; // bit n: minute n
    quint32 m_hours = 0;
    quint32 m_daysOfMonth = 0; // bits 1..31
    quint16 m_months = 0;      // bits 1..12
    quint8 m_daysOfWeek = 0;   // bits 0..6, Sunday = 0
    bool m_dayOfMonthStar = false;
    bool m_dayOfWeekStar = false;
    bool m_valid = false;
};

} // namespace funnel
