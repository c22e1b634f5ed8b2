#include "core/storage/funnelreportcsv.h"

#include <QDateTime>
#include <QStringList>

namespace funnel {

using namespace Qt::StringLiterals;

namespace {

QString number(const std::optional<double> &value)
{
    return value ? QString::number(*value, 'f', 4) : QString();
}

QString days(const std::optional<qint64> &ms)
{
    return ms ? QString::number(double(*ms) / 86'400'000.0, 'f', 2) : QString();
}

QByteArray join(const QList<QStringList> &rows)
{
    QByteArray out;
    for (const QStringList &row : rows)
        out += row.join(u',').toUtf8() + "\r\n";
    return out;
}

} // namespace

QByteArray FunnelReportCsv::funnel(const FunnelStats &stats)
{
    QList<QStringList> rows{{u"stage"_s, u"reached"_s, u"share_of_cohort"_s, u"conversion_from_previous"_s}};
    for (int rank = 0; rank < 4; ++rank) {
        const std::optional<double> share =
            stats.reached[0] ? std::optional<double>(double(stats.reached[rank]) / double(stats.reached[0])) : std::nullopt;
        rows.append({stageName(Stage(rank)), QString::number(stats.reached[rank]), number(share),
                     rank == 0 ? QString() : number(stats.conversion(rank - 1))});
    }
    return join(rows);
}

QByteArray FunnelReportCsv::histogram(const FunnelStats &stats)
{
    QStringList header{u"score_from"_s, u"score_to_exclusive"_s};
    for (Stage stage : allStages)
        header.append(stageName(stage));
    header.append(u"total"_s);
    QList<QStringList> rows{header};
    for (const FunnelStats::Bucket &bucket : stats.histogram) {
        QStringList row{QString::number(bucket.lower), QString::number(bucket.lower + 10)};
        for (qint64 count : bucket.perStage)
            row.append(QString::number(count));
        row.append(QString::number(bucket.total()));
        rows.append(row);
    }
    return join(rows);
}

QByteArray FunnelReportCsv::timeInStage(const FunnelStats &stats)
{
    QList<QStringList> rows{{u"stage"_s, u"left_count"_s, u"left_median_days"_s, u"left_p90_days"_s, u"still_count"_s,
                             u"still_median_days"_s, u"still_p90_days"_s}};
    for (int index = 0; index < 3; ++index) {
        const FunnelStats::StageTime &time = stats.timeInStage[index];
        rows.append({stageName(Stage(index)), QString::number(time.left.count), days(time.left.medianMs),
                     days(time.left.p90Ms), QString::number(time.still.count), days(time.still.medianMs),
                     days(time.still.p90Ms)});
    }
    return join(rows);
}

QByteArray FunnelReportCsv::trend(const FunnelStats &stats)
{
    QList<QStringList> rows{{u"week_start"_s, u"new_MQL"_s, u"new_SQL"_s, u"new_Won"_s}};
    for (const FunnelStats::Week &week : stats.trend) {
        rows.append({QDateTime::fromMSecsSinceEpoch(week.startMs, Qt::UTC).date().toString(Qt::ISODate),
                     QString::number(week.entered[0]), QString::number(week.entered[1]), QString::number(week.entered[2])});
    }
    return join(rows);
}

} // namespace funnel
