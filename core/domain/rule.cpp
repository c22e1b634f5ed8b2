#include "core/domain/rule.h"

namespace funnel {

QString capPeriodName(CapPeriod period)
{
    switch (period) {
    case CapPeriod::Day: return QStringLiteral("day");
    case CapPeriod::Week: return QStringLiteral("week");
    case CapPeriod::Ever: return QStringLiteral("ever");
    }
    return {};
}

std::optional<CapPeriod> capPeriodFromName(QStringView name)
{
    for (CapPeriod period : {CapPeriod::Day, CapPeriod::Week, CapPeriod::Ever}) {
        if (name.compare(capPeriodName(period), Qt::CaseInsensitive) == 0)
            return period;
    }
    return std::nullopt;
}

} // namespace funnel
