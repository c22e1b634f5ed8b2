#pragma once

#include "core/campaigns/campaign.h"
#include "core/campaigns/campaigneffect.h"
#include "core/campaigns/campaignlead.h"
#include "core/campaigns/enrollmentstate.h"
#include "core/campaigns/triggeroccurrence.h"

#include <QList>
#include <QString>
#include <QStringList>

namespace funnel {

// An earlier enrollment of the same lead in the same campaign.
struct PastEnrollment {
    qint64 enrolledAtMs = 0;
    bool active = false;
};

struct EnrollmentDecision {
    enum class Verdict {
        Enroll,
        CampaignDisabled,
        TriggerMismatch,
        OutsideAudience,
        AlreadyAtGoal,
        AlreadyActive, // at most one active enrollment per lead and campaign
        EnrolledBefore, // policy "once"
        TooSoon,        // policy "again after N days"
    };
    Verdict verdict = Verdict::Enroll;
    QString reason; // translated; empty for Enroll
    bool enroll() const { return verdict == Verdict::Enroll; }
};

struct AdvanceResult {
    EnrollmentState next;
    QList<CampaignEffect> effects;
    CampaignLead lead; // the lead as the campaign's own effects left it
};

// Pure campaign decisions: no database, no network, no clock of their own.
class CampaignEngine
{
public:
    static EnrollmentDecision enrollmentDecision(const Campaign &campaign, const CampaignLead &lead,
                                                 const TriggerOccurrence &occurrence,
                                                 const QList<PastEnrollment> &history);

    // The state of a new enrollment: first step, due at the trigger's own time.
    static EnrollmentState start(const Campaign &campaign, qint64 leadId, const TriggerOccurrence &occurrence);

    // Runs every step that is due at nowMs: waits move the due time (counted from the previous due
    // time, so a 10-minute wait after an event is 10 minutes after the event's timestamp), webhook
    // steps render their requests, conditions branch, score and stage steps act on the lead. Stops
    // at a wait that is not yet due, at the end (Completed) or when the goal is reached.
    static AdvanceResult advance(const Campaign &campaign, const EnrollmentState &state, const CampaignLead &lead,
                                 qint64 nowMs);

    // Why the campaign cannot be enabled (translated, one problem per entry); empty when it can.
    static QStringList problems(const Campaign &campaign);
    // A webhook target a campaign can be enabled with: http(s), a host, not a placeholder.
    static bool isValidTarget(const QString &url, QString *why = nullptr);
    // The placeholder the shipped campaigns use until the user sets a real target.
    static QString placeholderUrl();
};

} // namespace funnel
