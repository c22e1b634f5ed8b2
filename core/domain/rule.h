#pragma once

#include "core/domain/stage.h"

#include <QString>

#include <optional>

namespace funnel {

enum class CapPeriod { Day, Week, Ever };

// At most `points` points from one event type per period (UTC calendar day, ISO week, or ever).
struct PointsCap {
    int points = 0;
    CapPeriod period = CapPeriod::Day;
    friend bool operator==(const PointsCap &, const PointsCap &) = default;
};

// How one event type scores, gates and enrolls.
struct Rule {
    QString eventType;
    int points = 0;
    std::optional<Stage> gate;   // stage the event moves the lead to, if the table allows it
    QString enrollCampaign;      // campaign to enroll the lead in; empty for none
    std::optional<PointsCap> cap;
    friend bool operator==(const Rule &, const Rule &) = default;
};

// Scores of leads without events shrink: after `afterDays` of silence, minus `points` every
// `everyDays`, never below `floor` (a score already below the floor is left alone).
struct DecayPolicy {
    bool enabled = false;
    int afterDays = 30;
    int everyDays = 7;
    int points = 5;
    int floor = 0;
    friend bool operator==(const DecayPolicy &, const DecayPolicy &) = default;
};

QString capPeriodName(CapPeriod period);
std::optional<CapPeriod> capPeriodFromName(QStringView name);

} // namespace funnel
