#include "core/campaigns/enrollmentstate.h"

namespace funnel {

using namespace Qt::StringLiterals;

QString enrollmentStatusName(EnrollmentState::Status status)
{
    switch (status) {
    case EnrollmentState::Status::Active:
        return u"active"_s;
    case EnrollmentState::Status::Completed:
        return u"completed"_s;
    case EnrollmentState::Status::ReachedGoal:
        return u"goal"_s;
    case EnrollmentState::Status::Failed:
        return u"failed"_s;
    }
    return u"active"_s;
}

std::optional<EnrollmentState::Status> enrollmentStatusFromName(QStringView name)
{
    for (const auto status : {EnrollmentState::Status::Active, EnrollmentState::Status::Completed,
                              EnrollmentState::Status::ReachedGoal, EnrollmentState::Status::Failed}) {
        if (name == enrollmentStatusName(status))
            return status;
    }
    return std::nullopt;
}

} // namespace funnel
