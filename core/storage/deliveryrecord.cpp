#include "core/storage/deliveryrecord.h"

namespace funnel {

using namespace Qt::StringLiterals;

QString deliveryStatusName(DeliveryStatus status)
{
    switch (status) {
    case DeliveryStatus::Pending:
        return u"pending"_s;
    case DeliveryStatus::Succeeded:
        return u"succeeded"_s;
    case DeliveryStatus::Dead:
        return u"dead"_s;
    }
    return u"pending"_s;
}

std::optional<DeliveryStatus> deliveryStatusFromName(QStringView name)
{
    for (const auto status : {DeliveryStatus::Pending, DeliveryStatus::Succeeded, DeliveryStatus::Dead}) {
        if (name.compare(deliveryStatusName(status), Qt::CaseInsensitive) == 0)
            return status;
    }
    return std::nullopt;
}

} // namespace funnel
