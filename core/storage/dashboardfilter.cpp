#include "core/storage/dashboardfilter.h"

#include <QDateTime>

namespace funnel {

void DashboardFilter::setDates(QDate from, QDate lastDay)
{
    fromMs = from.isValid() ? std::optional<qint64>(from.startOfDay().toMSecsSinceEpoch()) : std::nullopt;
    toMs = lastDay.isValid() ? std::optional<qint64>(lastDay.addDays(1).startOfDay().toMSecsSinceEpoch()) : std::nullopt;
}

LeadFilter DashboardFilter::cohort() const
{
    LeadFilter filter;
    filter.owner = owner;
    filter.source = source;
    filter.createdFromMs = fromMs;
    filter.createdToMs = toMs;
    return filter;
}

} // namespace funnel
