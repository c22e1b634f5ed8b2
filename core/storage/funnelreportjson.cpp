#include "core/storage/funnelreportjson.h"

#include <QDateTime>
#include <QJsonArray>

namespace funnel {

using namespace Qt::StringLiterals;

namespace {

constexpr std::array<Stage, 4> funnelStages{Stage::Cold, Stage::MQL, Stage::SQL, Stage::Won};

QJsonValue optionalTime(const std::optional<qint64> &ms)
{
    return ms ? QJsonValue(QDateTime::fromMSecsSinceEpoch(*ms, Qt::UTC).toString(Qt::ISODateWithMs)) : QJsonValue();
}

QJsonValue optionalDays(const std::optional<qint64> &ms)
{
    return ms ? QJsonValue(FunnelReportJson::days(*ms)) : QJsonValue();
}

QJsonObject durations(const FunnelStats::Durations &value)
{
    return {{u"count"_s, value.count}, {u"medianDays"_s, optionalDays(value.medianMs)}, {u"p90Days"_s, optionalDays(value.p90Ms)}};
}

} // namespace

QJsonObject FunnelReportJson::toJson(const FunnelStats &stats, const DashboardFilter &filter)
{
    QJsonObject perStage;
    for (Stage stage : allStages) {
        const FunnelStats::StageTotals &totals = stats.stages[int(stage)];
        QJsonObject entry{{u"count"_s, totals.leads}, {u"scoreSum"_s, totals.scoreSum}};
        entry.insert(u"averageScore"_s, totals.leads ? QJsonValue(double(totals.scoreSum) / double(totals.leads)) : QJsonValue());
        perStage.insert(stageName(stage), entry);
    }
    QJsonObject reached;
    QJsonArray conversion;
    for (int rank = 0; rank < 4; ++rank) {
        reached.insert(stageName(funnelStages[rank]), stats.reached[rank]);
        if (rank < 3) {
            const auto rate = stats.conversion(rank);
            conversion.append(QJsonObject{{u"from"_s, stageName(funnelStages[rank])},
                                          {u"to"_s, stageName(funnelStages[rank + 1])},
                                          {u"rate"_s, rate ? QJsonValue(*rate) : QJsonValue()}});
        }
    }
    QJsonArray histogram;
    for (const FunnelStats::Bucket &bucket : stats.histogram) {
        QJsonObject byStage;
        for (Stage stage : allStages)
            byStage.insert(stageName(stage), bucket.perStage[int(stage)]);
        histogram.append(QJsonObject{{u"from"_s, bucket.lower}, {u"to"_s, bucket.lower + 10},
                                     {u"count"_s, bucket.total()}, {u"perStage"_s, byStage}});
    }
    QJsonObject timeInStage;
    for (int index = 0; index < 3; ++index) {
        timeInStage.insert(stageName(Stage(index)), QJsonObject{{u"left"_s, durations(stats.timeInStage[index].left)},
                                                                {u"still"_s, durations(stats.timeInStage[index].still)}});
    }
    QJsonArray trend;
    for (const FunnelStats::Week &week : stats.trend) {
        trend.append(QJsonObject{{u"weekStart"_s, QDateTime::fromMSecsSinceEpoch(week.startMs, Qt::UTC).date().toString(Qt::ISODate)},
                                 {u"MQL"_s, week.entered[0]},
                                 {u"SQL"_s, week.entered[1]},
                                 {u"Won"_s, week.entered[2]}});
    }
    const auto overall = stats.overallConversion();
    return {
        {u"filter"_s, QJsonObject{{u"from"_s, optionalTime(filter.fromMs)},
                                  {u"to"_s, optionalTime(filter.toMs)},
                                  {u"owner"_s, filter.owner.isEmpty() ? QJsonValue() : QJsonValue(filter.owner)},
                                  {u"source"_s, filter.source.isEmpty() ? QJsonValue() : QJsonValue(filter.source)}}},
        {u"totalLeads"_s, stats.totalLeads()},
        {u"stages"_s, perStage},
        {u"reached"_s, reached},
        {u"conversion"_s, conversion},
        {u"overallConversion"_s, overall ? QJsonValue(*overall) : QJsonValue()},
        {u"histogram"_s, histogram},
        {u"timeInStage"_s, timeInStage},
        {u"trend"_s, trend},
    };
}

} // namespace funnel
