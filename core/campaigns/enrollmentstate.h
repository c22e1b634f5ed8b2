#pragma once

#include <QByteArray>
#include <QString>

#include <optional>

namespace funnel {

// Where one lead is in one campaign. The shell stores it; advance() computes the next one.
struct EnrollmentState {
    enum class Status { Active, Completed, ReachedGoal, Failed };
    qint64 id = 0;
    qint64 leadId = 0;
    QString campaign;
    int stepIndex = 0;
    qint64 dueAtMs = 0;           // the current step runs at or after this; starts at the trigger time
    Status status = Status::Active;
    qint64 triggerAtMs = 0;
    QByteArray eventMetadataJson; // of the triggering event, for templates
    QString failure;              // why the status is Failed

    friend bool operator==(const EnrollmentState &, const EnrollmentState &) = default;
};

QString enrollmentStatusName(EnrollmentState::Status status); // "active", "completed", "goal", "failed"
std::optional<EnrollmentState::Status> enrollmentStatusFromName(QStringView name);

} // namespace funnel
