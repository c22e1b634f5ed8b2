#pragma once

#include <QCoreApplication>
#include <QString>

namespace funnel {

// Why a cron expression was refused: the field, the character position in the expression
// (0-based) and a translated sentence.
struct CronParseError {
    QString field;    // "minute", "hour", "day of month", "month", "day of week", or "expression"
    int position = 0;
    QString message;

    QString toString() const
    {
        return QCoreApplication::translate("CronSchedule", "%1 (field %2, position %3)")
            .arg(message, field)
            .arg(position + 1);
    }
};

} // namespace funnel
