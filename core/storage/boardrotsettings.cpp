#include "core/storage/boardrotsettings.h"

#include "core/storage/database.h"
#include "core/storage/transaction.h"

namespace funnel {

using namespace Qt::StringLiterals;

int BoardRotSettings::defaultDays(Stage stage)
{
    switch (stage) {
    case Stage::Cold: return 30;
    case Stage::MQL: return 21;
    case Stage::SQL: return 14;
    case Stage::Won:
    case Stage::Lost: return 0;
    }
    return 0;
}

BoardRotSettings::Days BoardRotSettings::defaults()
{
    Days days{};
    for (Stage stage : allStages)
        days[size_t(stage)] = defaultDays(stage);
    return days;
}

QString BoardRotSettings::key(Stage stage)
{
    return u"board.days_to_rot."_s + stageName(stage);
}

BoardRotSettings::Days BoardRotSettings::load(const Database &database)
{
    Days days = defaults();
    for (Stage stage : allStages) {
        if (const std::optional<QString> stored = database.settingValue(key(stage))) {
            bool ok = false;
            const int value = stored->toInt(&ok);
            if (ok && value >= 0)
                days[size_t(stage)] = value;
        }
    }
    return days;
}

bool BoardRotSettings::save(Database &database, const Days &days)
{
    Transaction transaction(database);
    if (!transaction.isActive())
        return false;
    for (Stage stage : allStages) {
        if (!database.setSettingValue(key(stage), QString::number(qMax(0, days[size_t(stage)]))))
            return false;
    }
    return transaction.commit();
}

std::optional<qint64> BoardRotSettings::staleBeforeMs(int days, qint64 nowMs)
{
    if (days <= 0)
        return std::nullopt;
    return nowMs - qint64(days) * 24 * 60 * 60 * 1000;
}

} // namespace funnel
