#include "core/campaigns/defaultcampaigns.h"

#include "core/campaigns/campaignengine.h"

namespace funnel {

using namespace Qt::StringLiterals;

namespace {

constexpr qint64 minute = 60 * 1000;
constexpr qint64 hour = 60 * minute;
constexpr qint64 day = 24 * hour;

CampaignStep wait(const QString &id, qint64 ms)
{
    CampaignStep step;
    step.id = id;
    step.kind = CampaignStep::Kind::Wait;
    step.waitMs = ms;
    return step;
}

CampaignStep webhook(const QString &id, const QString &message)
{
    CampaignStep step;
    step.id = id;
    step.kind = CampaignStep::Kind::Webhook;
    step.webhook.url = CampaignEngine::placeholderUrl();
    step.webhook.bodyTemplate = u"{\n"
                                "  \"type\": \"funnelboard.campaign.step\",\n"
                                "  \"campaign\": \"{{campaign.name}}\",\n"
                                "  \"message\": \""_s
        + message
        + u"\",\n"
          "  \"lead\": {\"email\": \"{{lead.email}}\", \"name\": \"{{lead.name}}\", \"score\": {{lead.score}}, "
          "\"stage\": \"{{lead.stage}}\"}\n"
          "}"_s;
    return step;
}

CampaignStep notify(const QString &id, const QString &text)
{
    CampaignStep step;
    step.id = id;
    step.kind = CampaignStep::Kind::NotifySales;
    step.notifyText = text;
    return step;
}

Campaign eventCampaign(const QString &name, const QString &description, const QString &eventType)
{
    Campaign campaign;
    campaign.name = name;
    campaign.description = description;
    campaign.trigger.kind = CampaignTrigger::Kind::Event;
    campaign.trigger.eventType = eventType;
    campaign.goal.exitStages = {Stage::SQL, Stage::Won, Stage::Lost};
    return campaign;
}

} // namespace

Campaign DefaultCampaigns::apiDeepDive()
{
    Campaign campaign = eventCampaign(u"API_DEEP_DIVE_SEQUENCE"_s,
                                      u"Guides a lead who downloaded the API docs through the API."_s,
                                      u"DOWNLOADED_API_DOCS"_s);
    // A lead who also looked at pricing is worth a call: sales hears of it, the nurture goes on
    // until sales moves the lead to SQL (the goal).
    CampaignStep pricing;
    pricing.id = u"looked-at-pricing"_s;
    pricing.kind = CampaignStep::Kind::Condition;
    pricing.condition.kind = ConditionSpec::Kind::HadEventWithin;
    pricing.condition.eventType = u"VIEWED_PRICING"_s;
    pricing.condition.withinMs = 7 * day;
    pricing.yesStep = CampaignStep::nextStep;
    pricing.noStep = u"examples"_s;
    campaign.steps = {webhook(u"welcome"_s, u"Welcome to the API deep dive"_s),
                      wait(u"wait-2d"_s, 2 * day),
                      pricing,
                      notify(u"tell-sales"_s, u"An API evaluator looked at pricing."_s),
                      webhook(u"examples"_s, u"Examples and SDKs for your first integration"_s),
                      wait(u"wait-3d"_s, 3 * day),
                      webhook(u"office-hours"_s, u"Book an API office hour"_s)};
    return campaign;
}

Campaign DefaultCampaigns::cartRecovery()
{
    Campaign campaign = eventCampaign(u"CART_RECOVERY_SEQUENCE"_s,
                                      u"Brings back a lead who abandoned the checkout."_s, u"ABANDONED_CHECKOUT"_s);
    campaign.reEnrollment = {ReEnrollmentPolicy::Kind::AfterDays, 14};
    campaign.goal.exitStages = {Stage::Won, Stage::Lost};
    // Everyone gets the reminder; a lead with a high score a day later also gets sales and a discount.
    CampaignStep hot;
    hot.id = u"hot-lead"_s;
    hot.kind = CampaignStep::Kind::Condition;
    hot.condition.kind = ConditionSpec::Kind::ScoreAtLeast;
    hot.condition.score = 60;
    hot.yesStep = CampaignStep::nextStep;
    hot.noStep = CampaignStep::endOfCampaign;
    campaign.steps = {wait(u"wait-1h"_s, hour),
                      webhook(u"reminder"_s, u"You left something in your cart"_s),
                      wait(u"wait-1d"_s, day),
                      hot,
                      notify(u"tell-sales"_s, u"A lead with a high score abandoned the checkout."_s),
                      webhook(u"discount"_s, u"A discount to finish your order"_s)};
    return campaign;
}

Campaign DefaultCampaigns::rateLimitHelp()
{
    Campaign campaign = eventCampaign(u"RATE_LIMIT_HELP_SEQUENCE"_s,
                                      u"Ten minutes after a lead hits the rate limit, sends query optimisation tips."_s,
                                      u"HIT_RATE_LIMIT"_s);
    campaign.reEnrollment = {ReEnrollmentPolicy::Kind::AfterDays, 7};
    campaign.goal.exitStages = {};
    CampaignStep tips = webhook(u"optimise-queries"_s, u"Optimise your queries"_s);
    tips.webhook.bodyTemplate = u"{\n"
                                "  \"type\": \"funnelboard.campaign.step\",\n"
                                "  \"campaign\": \"{{campaign.name}}\",\n"
                                "  \"message\": \"Optimise your queries\",\n"
                                "  \"endpoint\": \"{{event.metadata.endpoint}}\",\n"
                                "  \"lead\": {\"email\": \"{{lead.email}}\", \"name\": \"{{lead.name}}\"}\n"
                                "}"_s;
    campaign.steps = {wait(u"wait-10m"_s, 10 * minute), tips};
    return campaign;
}

Campaign DefaultCampaigns::weeklyBestPractices()
{
    Campaign campaign;
    campaign.name = u"WEEKLY_BEST_PRACTICES"_s;
    campaign.description = u"Every Monday at 09:00, best practices for every MQL."_s;
    campaign.trigger.kind = CampaignTrigger::Kind::Schedule;
    campaign.trigger.cron = u"0 9 * * MON"_s;
    campaign.trigger.timeZone = u"UTC"_s;
    campaign.audience.stages = {Stage::MQL};
    campaign.reEnrollment = {ReEnrollmentPolicy::Kind::EveryTime, 0};
    campaign.goal.exitStages = {Stage::SQL, Stage::Won, Stage::Lost};
    campaign.steps = {webhook(u"best-practices"_s, u"This week's best practices"_s)};
    return campaign;
}

QList<Campaign> DefaultCampaigns::all()
{
    return {apiDeepDive(), cartRecovery(), rateLimitHelp(), weeklyBestPractices()};
}

} // namespace funnel
