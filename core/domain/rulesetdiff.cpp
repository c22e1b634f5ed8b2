#include "core/domain/rulesetdiff.h"

#include <QMap>

namespace funnel {
namespace {

QString gateText(const std::optional<Stage> &gate)
{
    return gate ? stageName(*gate) : QStringLiteral("-");
}

QString capText(const std::optional<PointsCap> &cap)
{
    return cap ? QStringLiteral("%1/%2").arg(cap->points).arg(capPeriodName(cap->period)) : QStringLiteral("-");
}

QString decayText(const DecayPolicy &decay)
{
    if (!decay.enabled)
        return RuleSetDiff::tr("off");
    return RuleSetDiff::tr("after %1 days, -%2 every %3 days, floor %4")
        .arg(decay.afterDays)
        .arg(decay.points)
        .arg(decay.everyDays)
        .arg(decay.floor);
}

} // namespace

QString RuleSetDiff::describe(const Rule &rule)
{
    QStringList parts{QString((rule.points > 0 ? QStringLiteral("+") : QString()) + QString::number(rule.points))};
    if (rule.gate)
        parts.append(tr("gate %1").arg(stageName(*rule.gate)));
    if (!rule.enrollCampaign.isEmpty())
        parts.append(tr("enroll %1").arg(rule.enrollCampaign));
    if (rule.cap)
        parts.append(tr("cap %1").arg(capText(rule.cap)));
    return parts.join(QStringLiteral(", "));
}

QStringList RuleSetDiff::compare(const RuleSet &from, const RuleSet &to)
{
    QStringList changes;
    if (from.mqlThreshold() != to.mqlThreshold())
        changes.append(tr("MQL threshold %1 -> %2").arg(from.mqlThreshold()).arg(to.mqlThreshold()));
    if (from.sqlThreshold() != to.sqlThreshold())
        changes.append(tr("SQL threshold %1 -> %2").arg(from.sqlThreshold()).arg(to.sqlThreshold()));
    if (from.decay() != to.decay())
        changes.append(tr("decay: %1 -> %2").arg(decayText(from.decay()), decayText(to.decay())));

    QMap<QString, std::pair<const Rule *, const Rule *>> byType;
    const QList<Rule> before = from.rules();
    const QList<Rule> after = to.rules();
    for (const Rule &rule : before)
        byType[rule.eventType].first = &rule;
    for (const Rule &rule : after)
        byType[rule.eventType].second = &rule;
    for (auto it = byType.cbegin(); it != byType.cend(); ++it) {
        const auto [old, now] = it.value();
        if (!old) {
            changes.append(tr("%1: added (%2)").arg(it.key(), describe(*now)));
        } else if (!now) {
            changes.append(tr("%1: removed (was %2)").arg(it.key(), describe(*old)));
        } else if (*old != *now) {
            QStringList parts;
            if (old->points != now->points)
                parts.append(tr("points %1 -> %2").arg(old->points).arg(now->points));
            if (old->gate != now->gate)
                parts.append(tr("gate %1 -> %2").arg(gateText(old->gate), gateText(now->gate)));
            if (old->enrollCampaign != now->enrollCampaign)
                parts.append(tr("enroll %1 -> %2")
                                 .arg(old->enrollCampaign.isEmpty() ? QStringLiteral("-") : old->enrollCampaign,
                                      now->enrollCampaign.isEmpty() ? QStringLiteral("-") : now->enrollCampaign));
            if (old->cap != now->cap)
                parts.append(tr("cap %1 -> %2").arg(capText(old->cap), capText(now->cap)));
            changes.append(it.key() + QStringLiteral(": ") + parts.join(QStringLiteral(", ")));
        }
    }
    return changes;
}

} // namespace funnel
