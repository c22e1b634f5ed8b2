#include "core/storage/dashboardperiod.h"

#include <QCoreApplication>

namespace funnel {

std::pair<QDate, QDate> DashboardPeriod::range(Preset preset, QDate today)
{
    switch (preset) {
    case Preset::Last7Days: return {today.addDays(-6), today};
    case Preset::Last30Days: return {today.addDays(-29), today};
    case Preset::Last90Days: return {today.addDays(-89), today};
    case Preset::ThisQuarter: return {QDate(today.year(), ((today.month() - 1) / 3) * 3 + 1, 1), today};
    case Preset::Custom: return {};
    }
    return {};
}

QString DashboardPeriod::label(Preset preset)
{
    switch (preset) {
    case Preset::Last7Days: return QCoreApplication::translate("DashboardPeriod", "Last 7 days");
    case Preset::Last30Days: return QCoreApplication::translate("DashboardPeriod", "Last 30 days");
    case Preset::Last90Days: return QCoreApplication::translate("DashboardPeriod", "Last 90 days");
    case Preset::ThisQuarter: return QCoreApplication::translate("DashboardPeriod", "This quarter");
    case Preset::Custom: return QCoreApplication::translate("DashboardPeriod", "Custom dates");
    }
    return {};
}

} // namespace funnel
