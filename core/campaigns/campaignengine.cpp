#include "core/campaigns/campaignengine.h"

#include "core/campaigns/bodytemplate.h"
#include "core/campaigns/cronschedule.h"
#include "core/domain/transitiontable.h"

#include <QCoreApplication>
#include <QJsonDocument>
#include <QSet>
#include <QUrl>

namespace funnel {

using namespace Qt::StringLiterals;

namespace {

// This file's messages, in the translation context "CampaignEngine" (lupdate reads the macro).
struct Messages {
    Q_DECLARE_TR_FUNCTIONS(CampaignEngine)
};

constexpr qint64 dayMs = 24LL * 60 * 60 * 1000;
// A condition that jumps back without a wait in between would loop for ever within one advance.
constexpr int maximumStepsPerAdvance = 1000;

bool triggerMatches(const CampaignTrigger &trigger, const TriggerOccurrence &occurrence)
{
    if (trigger.kind != occurrence.kind)
        return false;
    switch (trigger.kind) {
    case CampaignTrigger::Kind::Event:
        return trigger.eventType == occurrence.eventType;
    case CampaignTrigger::Kind::StageEntered:
        return trigger.stage == occurrence.stage;
    case CampaignTrigger::Kind::ScoreCrossed:
        return occurrence.scoreBefore < trigger.score && occurrence.scoreAfter >= trigger.score;
    case CampaignTrigger::Kind::Schedule:
        return true;
    }
    return false;
}

QString stageList(const QList<Stage> &stages)
{
    QStringList names;
    for (const Stage stage : stages)
        names.append(stageName(stage));
    return names.join(u", "_s);
}

bool conditionHolds(const ConditionSpec &condition, const CampaignLead &lead, qint64 nowMs)
{
    switch (condition.kind) {
    case ConditionSpec::Kind::ScoreAtLeast:
        return lead.score >= condition.score;
    case ConditionSpec::Kind::StageIs:
        return lead.stage == condition.stage;
    case ConditionSpec::Kind::HadEventWithin: {
        const auto it = lead.lastEventAtMs.constFind(condition.eventType);
        return it != lead.lastEventAtMs.constEnd() && *it >= nowMs - condition.withinMs;
    }
    }
    return false;
}

int resolveTarget(const Campaign &campaign, const QString &target, int current)
{
    if (target == CampaignStep::nextStep)
        return current + 1;
    if (target == CampaignStep::endOfCampaign)
        return int(campaign.steps.size());
    const int index = campaign.indexOfStep(target);
    return index < 0 ? int(campaign.steps.size()) : index;
}

} // namespace

EnrollmentDecision CampaignEngine::enrollmentDecision(const Campaign &campaign, const CampaignLead &lead,
                                                      const TriggerOccurrence &occurrence,
                                                      const QList<PastEnrollment> &history)
{
    using Verdict = EnrollmentDecision::Verdict;
    if (!campaign.enabled)
        return {Verdict::CampaignDisabled, Messages::tr("the campaign %1 is not enabled").arg(campaign.name)};
    if (!triggerMatches(campaign.trigger, occurrence))
        return {Verdict::TriggerMismatch, Messages::tr("this is not the campaign's trigger")};

    const AudienceFilter &audience = campaign.audience;
    if (!audience.stages.isEmpty() && !audience.stages.contains(lead.stage)) {
        return {Verdict::OutsideAudience,
                Messages::tr("the lead is %1; the audience is %2").arg(stageName(lead.stage), stageList(audience.stages))};
    }
    if (audience.minimumScore && lead.score < *audience.minimumScore) {
        return {Verdict::OutsideAudience,
                Messages::tr("the score %1 is below the audience's minimum %2").arg(lead.score).arg(*audience.minimumScore)};
    }
    if (!audience.sources.isEmpty() && !audience.sources.contains(lead.source, Qt::CaseInsensitive)) {
        return {Verdict::OutsideAudience,
                Messages::tr("the source '%1' is not one of %2").arg(lead.source, audience.sources.join(u", "_s))};
    }
    if (campaign.goal.exitStages.contains(lead.stage))
        return {Verdict::AlreadyAtGoal, Messages::tr("the lead is already %1, the campaign's goal").arg(stageName(lead.stage))};

    qint64 latest = std::numeric_limits<qint64>::min();
    for (const PastEnrollment &past : history) {
        if (past.active)
            return {Verdict::AlreadyActive, Messages::tr("the lead is already enrolled in %1").arg(campaign.name)};
        latest = std::max(latest, past.enrolledAtMs);
    }
    if (!history.isEmpty()) {
        switch (campaign.reEnrollment.kind) {
        case ReEnrollmentPolicy::Kind::Once:
            return {Verdict::EnrolledBefore, Messages::tr("the lead was enrolled before and the campaign enrolls once")};
        case ReEnrollmentPolicy::Kind::AfterDays:
            if (occurrence.atMs < latest + campaign.reEnrollment.days * dayMs) {
                return {Verdict::TooSoon, QCoreApplication::translate("CampaignEngine",
                                                                         "the lead was enrolled less than %n day(s) ago",
                                                                         nullptr, campaign.reEnrollment.days)};
            }
            break;
        case ReEnrollmentPolicy::Kind::EveryTime:
            break;
        }
    }
    return {};
}

EnrollmentState CampaignEngine::start(const Campaign &campaign, qint64 leadId, const TriggerOccurrence &occurrence)
{
    EnrollmentState state;
    state.leadId = leadId;
    state.campaign = campaign.name;
    state.dueAtMs = occurrence.atMs;
    state.triggerAtMs = occurrence.atMs;
    state.eventMetadataJson = occurrence.eventMetadataJson;
    return state;
}

AdvanceResult CampaignEngine::advance(const Campaign &campaign, const EnrollmentState &state,
                                      const CampaignLead &lead, qint64 nowMs)
{
    AdvanceResult result{state, {}, lead};
    EnrollmentState &next = result.next;
    CampaignLead &current = result.lead;
    const QString actor = Messages::tr("campaign %1").arg(campaign.name);
    for (int executed = 0; next.status == EnrollmentState::Status::Active; ++executed) {
        if (campaign.goal.exitStages.contains(current.stage)) {
            next.status = EnrollmentState::Status::ReachedGoal;
            break;
        }
        if (next.stepIndex < 0 || next.stepIndex >= campaign.steps.size()) {
            next.status = EnrollmentState::Status::Completed;
            break;
        }
        if (next.dueAtMs > nowMs)
            break;
        if (executed >= maximumStepsPerAdvance) {
            next.status = EnrollmentState::Status::Failed;
            next.failure = Messages::tr("the steps loop without a wait");
            break;
        }
        const CampaignStep &step = campaign.steps.at(next.stepIndex);
        switch (step.kind) {
        case CampaignStep::Kind::Wait:
            next.dueAtMs += std::max<qint64>(0, step.waitMs);
            ++next.stepIndex;
            break;
        case CampaignStep::Kind::Webhook: {
            TemplateContext context{current, QJsonDocument::fromJson(next.eventMetadataJson).object(), campaign.name};
            WebhookRequest request{step.id, step.webhook.method.toUpper(), QUrl(step.webhook.url),
                                   step.webhook.headers, {}, {}};
            if (const std::optional<TemplateError> error = BodyTemplate::validate(step.webhook.bodyTemplate))
                request.error = Messages::tr("the body template is not valid JSON: %1").arg(error->toString());
            else
                request.body = BodyTemplate::render(step.webhook.bodyTemplate, context);
            result.effects.append(request);
            ++next.stepIndex;
            break;
        }
        case CampaignStep::Kind::Condition: {
            const bool holds = conditionHolds(step.condition, current, nowMs);
            next.stepIndex = resolveTarget(campaign, holds ? step.yesStep : step.noStep, next.stepIndex);
            break;
        }
        case CampaignStep::Kind::AdjustScore:
            if (step.scoreDelta != 0) {
                result.effects.append(ScoreChanged{step.scoreDelta, actor, step.scoreDelta});
                current.score += step.scoreDelta;
            }
            ++next.stepIndex;
            break;
        case CampaignStep::Kind::MoveStage:
            if (current.stage != step.moveTo) {
                // A campaign moves a lead the way a person would; the table may refuse, and that is logged.
                const TransitionVerdict verdict = TransitionTable::check(current.stage, step.moveTo, MoveCause::Manual);
                if (verdict.allowed) {
                    result.effects.append(StageChanged{current.stage, step.moveTo, MoveCause::Manual, actor});
                    current.stage = step.moveTo;
                } else {
                    result.effects.append(MoveRefused{current.stage, step.moveTo, verdict.refusal});
                }
            }
            ++next.stepIndex;
            break;
        case CampaignStep::Kind::NotifySales:
            result.effects.append(NotifySales{step.notifyText.isEmpty()
                                                  ? Messages::tr("%1: %2 needs attention").arg(campaign.name, current.email)
                                                  : step.notifyText});
            ++next.stepIndex;
            break;
        }
    }
    return result;
}

QString CampaignEngine::placeholderUrl()
{
    // RFC 2606 reserves .invalid: it can never resolve, so a forgotten placeholder sends nothing.
    return u"https://hooks.example.invalid/replace-me"_s;
}

bool CampaignEngine::isValidTarget(const QString &url, QString *why)
{
    const QUrl parsed(url, QUrl::StrictMode);
    QString problem;
    if (url.trimmed().isEmpty())
        problem = Messages::tr("no webhook target is set");
    else if (!parsed.isValid() || (parsed.scheme() != "https"_L1 && parsed.scheme() != "http"_L1)
             || parsed.host().isEmpty())
        problem = Messages::tr("'%1' is not an http or https URL").arg(url);
    else if (parsed.host().endsWith(".invalid"_L1) || parsed.host() == "invalid"_L1)
        problem = Messages::tr("the webhook target %1 is a placeholder; set the real URL").arg(url);
    if (why)
        *why = problem;
    return problem.isEmpty();
}

QStringList CampaignEngine::problems(const Campaign &campaign)
{
    QStringList problems;
    if (campaign.name.trimmed().isEmpty())
        problems.append(Messages::tr("the campaign has no name"));
    const CampaignTrigger &trigger = campaign.trigger;
    if (trigger.kind == CampaignTrigger::Kind::Event && trigger.eventType.trimmed().isEmpty())
        problems.append(Messages::tr("the trigger names no event type"));
    if (trigger.kind == CampaignTrigger::Kind::Schedule) {
        CronParseError error;
        if (!CronSchedule::parse(trigger.cron, trigger.timeZone, &error))
            problems.append(Messages::tr("the schedule is not valid: %1").arg(error.toString()));
    }
    if (campaign.steps.isEmpty())
        problems.append(Messages::tr("the campaign has no steps"));
    QSet<QString> ids;
    for (qsizetype i = 0; i < campaign.steps.size(); ++i) {
        const CampaignStep &step = campaign.steps.at(i);
        const QString where = Messages::tr("step %1").arg(i + 1);
        if (step.id.isEmpty() || step.id == CampaignStep::endOfCampaign || ids.contains(step.id))
            problems.append(Messages::tr("%1: the step id '%2' is empty, reserved or used twice").arg(where, step.id));
        ids.insert(step.id);
        switch (step.kind) {
        case CampaignStep::Kind::Wait:
            if (step.waitMs < 0)
                problems.append(Messages::tr("%1: a wait cannot be negative").arg(where));
            break;
        case CampaignStep::Kind::Webhook: {
            QString why;
            if (!isValidTarget(step.webhook.url, &why))
                problems.append(where + u": "_s + why);
            static const QStringList methods{u"POST"_s, u"PUT"_s, u"PATCH"_s};
            if (!methods.contains(step.webhook.method.toUpper()))
                problems.append(Messages::tr("%1: the method %2 cannot carry a body (use POST, PUT or PATCH)")
                                    .arg(where, step.webhook.method));
            if (const std::optional<TemplateError> error = BodyTemplate::validate(step.webhook.bodyTemplate))
                problems.append(Messages::tr("%1: the body template: %2").arg(where, error->toString()));
            for (const auto &[name, value] : step.webhook.headers) {
                Q_UNUSED(value)
                if (name.isEmpty() || name.contains(u':') || name.contains(u' ') || name.startsWith("webhook-"_L1, Qt::CaseInsensitive))
                    problems.append(Messages::tr("%1: the header name '%2' is not allowed").arg(where, name));
            }
            break;
        }
        case CampaignStep::Kind::Condition:
            for (const QString &target : {step.yesStep, step.noStep}) {
                if (target != CampaignStep::nextStep && target != CampaignStep::endOfCampaign
                    && campaign.indexOfStep(target) < 0)
                    problems.append(Messages::tr("%1: the branch target '%2' is no step of this campaign").arg(where, target));
            }
            if (step.condition.kind == ConditionSpec::Kind::HadEventWithin && step.condition.eventType.isEmpty())
                problems.append(Messages::tr("%1: the condition names no event type").arg(where));
            break;
        case CampaignStep::Kind::AdjustScore:
        case CampaignStep::Kind::MoveStage:
        case CampaignStep::Kind::NotifySales:
            break;
        }
    }
    return problems;
}

} // namespace funnel
