#pragma once

#include "core/domain/stage.h"

#include <QList>
#include <QString>

#include <optional>
#include <utility>

namespace funnel {

// What starts an enrollment.
struct CampaignTrigger {
    enum class Kind { Event, StageEntered, ScoreCrossed, Schedule };
    Kind kind = Kind::Event;
    QString eventType;             // Event
    Stage stage = Stage::MQL;      // StageEntered
    int score = 0;                 // ScoreCrossed: the score rose from below to at least this
    QString cron;                  // Schedule: 5-field cron expression (CronSchedule)
    QString timeZone = QStringLiteral("UTC");  // Schedule: IANA id
    friend bool operator==(const CampaignTrigger &, const CampaignTrigger &) = default;
};

// Which leads a trigger may enroll; empty lists mean "any".
struct AudienceFilter {
    QList<Stage> stages;
    std::optional<int> minimumScore;
    QStringList sources;
    friend bool operator==(const AudienceFilter &, const AudienceFilter &) = default;
};

struct ReEnrollmentPolicy {
    enum class Kind { Once, AfterDays, EveryTime };
    Kind kind = Kind::Once;
    int days = 30; // AfterDays: since the previous enrollment began
    friend bool operator==(const ReEnrollmentPolicy &, const ReEnrollmentPolicy &) = default;
};

// A lead leaves the campaign ("reached goal") as soon as it is in one of these stages.
struct CampaignGoal {
    QList<Stage> exitStages;
    friend bool operator==(const CampaignGoal &, const CampaignGoal &) = default;
};

struct WebhookStepSpec {
    QString method = QStringLiteral("POST");
    QString url; // empty or a placeholder until the user sets it; then the campaign cannot be enabled
    QList<std::pair<QString, QString>> headers;
    QString bodyTemplate = QStringLiteral("{}"); // JSON with {{placeholders}} (BodyTemplate)
    friend bool operator==(const WebhookStepSpec &, const WebhookStepSpec &) = default;
};

struct ConditionSpec {
    enum class Kind { ScoreAtLeast, StageIs, HadEventWithin };
    Kind kind = Kind::ScoreAtLeast;
    int score = 0;
    Stage stage = Stage::MQL;
    QString eventType;
    qint64 withinMs = 0;
    friend bool operator==(const ConditionSpec &, const ConditionSpec &) = default;
};

struct CampaignStep {
    enum class Kind { Wait, Webhook, Condition, AdjustScore, MoveStage, NotifySales };
    // Special targets of a condition's branches.
    static inline const QString nextStep = QString();  // the following step
    static inline const QString endOfCampaign = QStringLiteral("end");

    QString id; // stable across edits and reordering: deliveries are keyed by (enrollment, step id)
    Kind kind = Kind::Wait;
    qint64 waitMs = 0;             // Wait
    WebhookStepSpec webhook;       // Webhook
    ConditionSpec condition;       // Condition
    QString yesStep;               // Condition: step id, nextStep or endOfCampaign
    QString noStep = QStringLiteral("end");
    int scoreDelta = 0;            // AdjustScore
    Stage moveTo = Stage::SQL;     // MoveStage
    QString notifyText;            // NotifySales
    friend bool operator==(const CampaignStep &, const CampaignStep &) = default;
};

struct Campaign {
    QString name; // unique; the enrollments table refers to it
    QString description;
    bool enabled = false;
    CampaignTrigger trigger;
    AudienceFilter audience;
    ReEnrollmentPolicy reEnrollment;
    CampaignGoal goal;
    QList<CampaignStep> steps;

    int indexOfStep(const QString &stepId) const
    {
        for (qsizetype i = 0; i < steps.size(); ++i) {
            if (steps.at(i).id == stepId)
                return int(i);
        }
        return -1;
    }
    friend bool operator==(const Campaign &, const Campaign &) = default;
};

} // namespace funnel
