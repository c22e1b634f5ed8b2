#include "core/storage/dashboardperiod.h"
#include "core/storage/dashboardquery.h"
#include "core/storage/database.h"
#include "core/storage/funnelreportcsv.h"
#include "core/storage/funnelreportjson.h"
#include "core/storage/statsquery.h"
#include "tests/storage/tst_dashboardfixture.h"

#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

using namespace funnel;
using namespace funnel::testing;
using namespace Qt::StringLiterals;

using Reached = std::array<qint64, 4>;
Q_DECLARE_METATYPE(Reached)

namespace {

DashboardFilter period(const QString &owner = {}, const QString &source = {})
{
    DashboardFilter filter;
    filter.fromMs = periodFrom;
    filter.toMs = periodTo;
    filter.owner = owner;
    filter.source = source;
    return filter;
}

std::optional<qint64> days(double value)
{
    return qint64(value * double(dayMs));
}

} // namespace

class TestDashboardQuery : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void reachedFollowsTheFilter_data();
    void reachedFollowsTheFilter();
    void stagesAndHistogramCountTheCohort();
    void timeInStage_data();
    void timeInStage();
    void percentilesAreNearestRank_data();
    void percentilesAreNearestRank();
    void trendCountsForwardMovesPerWeek();
    void trendFillsQuietWeeks();
    void cancelledLoadStopsWithoutError();
    void loadsThresholdsAndChoices();
    void periods_data();
    void periods();
    void csvOfEachChart();
    void jsonKeepsTheOldKeys();

private:
    QTemporaryDir m_dir;
    QString m_path;
    Database m_database;
};

void TestDashboardQuery::initTestCase()
{
    QVERIFY(m_dir.isValid());
    m_path = m_dir.filePath(u"hand.sqlite"_s);
    QVERIFY(m_database.open(m_path));
    QVERIFY(fillHandBuiltFunnel(m_database));
}

void TestDashboardQuery::reachedFollowsTheFilter_data()
{
    QTest::addColumn<DashboardFilter>("filter");
    QTest::addColumn<Reached>("expected");
    QTest::addRow("cohort") << period() << Reached{5, 4, 2, 1};
    QTest::addRow("owner ana") << period(u"ana"_s) << Reached{2, 2, 2, 1};
    QTest::addRow("source ads") << period({}, u"ads"_s) << Reached{2, 1, 0, 0};
    QTest::addRow("owner and source") << period(u"bo"_s, u"web"_s) << Reached{1, 1, 0, 0};
    QTest::addRow("nobody") << period(u"carla"_s) << Reached{0, 0, 0, 0};
    QTest::addRow("all time") << DashboardFilter{} << Reached{6, 5, 3, 1};
    DashboardFilter firstDay = period();
    firstDay.toMs = t0 + dayMs;
    QTest::addRow("end is exclusive") << firstDay << Reached{1, 1, 1, 1};
}

void TestDashboardQuery::reachedFollowsTheFilter()
{
    QFETCH(DashboardFilter, filter);
    QFETCH(Reached, expected);
    FunnelStats stats;
    StatsQuery query(m_database.connection());
    QVERIFY2(query.compute(StatsQuery::Aggregate::Reached, filter, now, stats), qPrintable(query.lastError()));
    QCOMPARE(stats.reached, expected);
}

void TestDashboardQuery::stagesAndHistogramCountTheCohort()
{
    StatsQuery query(m_database.connection());
    const auto stats = query.compute(period(), now);
    QVERIFY2(stats, qPrintable(query.lastError()));
    QCOMPARE(stats->totalLeads(), 5);
    for (Stage stage : allStages)
        QCOMPARE(stats->stages[int(stage)].leads, 1);
    QCOMPARE(stats->stages[int(Stage::Lost)].scoreSum, -12);
    QCOMPARE(stats->conversion(0), 0.8);
    QCOMPARE(stats->conversion(1), 0.5);
    QCOMPARE(stats->overallConversion(), 0.2);
    QList<int> lowers;
    for (const FunnelStats::Bucket &bucket : stats->histogram)
        lowers.append(bucket.lower);
    QCOMPARE(lowers, (QList<int>{-20, 0, 40, 80, 120}));
    QCOMPARE(stats->histogram.at(0).perStage[int(Stage::Lost)], 1);
    QCOMPARE(stats->histogram.at(3).perStage[int(Stage::SQL)], 1);
}

void TestDashboardQuery::timeInStage_data()
{
    QTest::addColumn<DashboardFilter>("filter");
    QTest::addColumn<int>("stage");
    QTest::addColumn<qint64>("leftCount");
    QTest::addColumn<std::optional<qint64>>("leftMedian");
    QTest::addColumn<std::optional<qint64>>("leftP90");
    QTest::addColumn<qint64>("stillCount");
    QTest::addColumn<std::optional<qint64>>("stillMedian");
    QTest::addColumn<std::optional<qint64>>("stillP90");
    QTest::addRow("Cold") << period() << 0 << 5ll << days(2) << days(11) << 1ll << days(18) << days(18);
    QTest::addRow("MQL") << period() << 1 << 3ll << days(5) << days(6) << 2ll << days(8) << days(12);
    QTest::addRow("SQL") << period() << 2 << 2ll << days(4) << days(6) << 1ll << days(17) << days(17);
    QTest::addRow("Cold of bo") << period(u"bo"_s) << 0 << 2ll << days(1) << days(7) << 1ll << days(18) << days(18);
    QTest::addRow("SQL of bo") << period(u"bo"_s) << 2 << 0ll << std::optional<qint64>() << std::optional<qint64>() << 0ll
                               << std::optional<qint64>() << std::optional<qint64>();
    DashboardFilter secondWeek = period();
    secondWeek.fromMs = t0 + 7 * dayMs;
    // Only L3's Cold (7 d), L1's SQL (4 d), L5's MQL (6 d) and L6's SQL (6 d) left in the second week.
    QTest::addRow("MQL in week two") << secondWeek << 1 << 1ll << days(6) << days(6) << 2ll << days(8) << days(12);
    QTest::addRow("SQL in week two") << secondWeek << 2 << 2ll << days(4) << days(6) << 1ll << days(17) << days(17);
}

void TestDashboardQuery::timeInStage()
{
    QFETCH(DashboardFilter, filter);
    QFETCH(int, stage);
    FunnelStats stats;
    StatsQuery query(m_database.connection());
    QVERIFY2(query.compute(StatsQuery::Aggregate::TimeInStage, filter, now, stats), qPrintable(query.lastError()));
    const FunnelStats::StageTime &time = stats.timeInStage[stage];
    QTEST(time.left.count, "leftCount");
    QTEST(time.left.medianMs, "leftMedian");
    QTEST(time.left.p90Ms, "leftP90");
    QTEST(time.still.count, "stillCount");
    QTEST(time.still.medianMs, "stillMedian");
    QTEST(time.still.p90Ms, "stillP90");
}

void TestDashboardQuery::percentilesAreNearestRank_data()
{
    QTest::addColumn<QList<int>>("durations");
    QTest::addColumn<int>("median");
    QTest::addColumn<int>("p90");
    QTest::addRow("one") << QList<int>{5} << 5 << 5;
    QTest::addRow("four, unsorted") << QList<int>{10, 1, 7, 3} << 3 << 10;
    QTest::addRow("ten") << QList<int>{1, 2, 3, 4, 5, 6, 7, 8, 9, 10} << 5 << 9;
    QTest::addRow("eleven") << QList<int>{11, 10, 9, 8, 7, 6, 5, 4, 3, 2, 1} << 6 << 10;
    QTest::addRow("ties") << QList<int>{2, 2, 2, 9} << 2 << 9;
}

void TestDashboardQuery::percentilesAreNearestRank()
{
    QFETCH(QList<int>, durations);
    QTemporaryDir dir;
    Database database;
    QVERIFY(database.open(dir.filePath(u"p.sqlite"_s)));
    QSqlQuery query(database.connection());
    // Each lead sits in MQL for its duration (in days) before moving to SQL at t0 + 30 d; it is in
    // SQL now, entered `day` days ago, so "still in SQL" has the same percentiles.
    for (int day : std::as_const(durations)) {
        const qint64 left = t0 + 30 * dayMs;
        const qint64 entered = left - day * dayMs;
        QVERIFY(query.exec(u"INSERT INTO leads (stage, created_at, stage_entered_at) VALUES ('SQL', %1, %2)"_s.arg(entered).arg(now - day * dayMs)));
        const qint64 id = query.lastInsertId().toLongLong();
        QVERIFY(query.exec(u"INSERT INTO stage_history (lead_id, from_stage, to_stage, at, cause) VALUES (%1, NULL, 'MQL', %2, 'created'),"
                           " (%1, 'MQL', 'SQL', %3, 'threshold')"_s.arg(id).arg(entered).arg(left)));
    }
    FunnelStats stats;
    StatsQuery stats_query(database.connection());
    QVERIFY(stats_query.compute(StatsQuery::Aggregate::TimeInStage, DashboardFilter{}, now, stats));
    QFETCH(int, median);
    QFETCH(int, p90);
    const FunnelStats::StageTime &mql = stats.timeInStage[int(Stage::MQL)];
    QCOMPARE(mql.left.count, durations.size());
    QCOMPARE(mql.left.medianMs, median * dayMs);
    QCOMPARE(mql.left.p90Ms, p90 * dayMs);
    const FunnelStats::StageTime &sql = stats.timeInStage[int(Stage::SQL)];
    QCOMPARE(sql.still.count, durations.size());
    QCOMPARE(sql.still.medianMs, median * dayMs);
    QCOMPARE(sql.still.p90Ms, p90 * dayMs);
}

void TestDashboardQuery::trendCountsForwardMovesPerWeek()
{
    FunnelStats stats;
    StatsQuery query(m_database.connection());
    QVERIFY2(query.compute(StatsQuery::Aggregate::Trend, period(), now, stats), qPrintable(query.lastError()));
    QCOMPARE(stats.trend.size(), 2);
    QCOMPARE(stats.trend.at(0).startMs, t0);
    QCOMPARE(stats.trend.at(0).entered, (std::array<qint64, 3>{3, 3, 0}));
    QCOMPARE(stats.trend.at(1).startMs, t0 + 7 * dayMs);
    QCOMPARE(stats.trend.at(1).entered, (std::array<qint64, 3>{1, 0, 1}));

    QVERIFY(query.compute(StatsQuery::Aggregate::Trend, period(u"ana"_s), now, stats));
    QCOMPARE(stats.trend.at(0).entered, (std::array<qint64, 3>{2, 3, 0}));
    QCOMPARE(stats.trend.at(1).entered, (std::array<qint64, 3>{0, 0, 1}));
}

void TestDashboardQuery::trendFillsQuietWeeks()
{
    DashboardFilter filter = period();
    filter.fromMs = t0 + 3 * dayMs; // a Thursday: its week still starts on Monday t0
    filter.toMs = t0 + 28 * dayMs;
    FunnelStats stats;
    StatsQuery query(m_database.connection());
    QVERIFY(query.compute(StatsQuery::Aggregate::Trend, filter, now, stats));
    QCOMPARE(stats.trend.size(), 4);
    QCOMPARE(stats.trend.first().startMs, t0);
    QCOMPARE(stats.trend.at(0).entered, (std::array<qint64, 3>{1, 3, 0})); // L5 MQL d4; L2 SQL d3, L1 d5, L6 d6
    QCOMPARE(stats.trend.at(2).entered, (std::array<qint64, 3>{}));
    QCOMPARE(stats.trend.at(3).entered, (std::array<qint64, 3>{}));
}

void TestDashboardQuery::cancelledLoadStopsWithoutError()
{
    DashboardQuery query(m_database);
    int asked = 0;
    const auto data = query.load(period(), now, false, [&asked] { return ++asked > 2; });
    QVERIFY(!data);
    QVERIFY(query.lastError().isEmpty());
    QCOMPARE(asked, 3);
}

void TestDashboardQuery::loadsThresholdsAndChoices()
{
    DashboardQuery query(m_database);
    const auto data = query.load(period(), now, true);
    QVERIFY2(data, qPrintable(query.lastError()));
    QCOMPARE(data->mqlThreshold, RuleSet::defaultMqlThreshold);
    QCOMPARE(data->sqlThreshold, RuleSet::defaultSqlThreshold);
    QCOMPARE(*data->owners, (QStringList{u"ana"_s, u"bo"_s}));
    QCOMPARE(*data->sources, (QStringList{u"ads"_s, u"web"_s}));
    QCOMPARE(data->stats.reached, (Reached{5, 4, 2, 1}));
    const auto without = query.load(period(), now, false);
    QVERIFY(without && !without->owners && !without->sources);
}

void TestDashboardQuery::periods_data()
{
    QTest::addColumn<DashboardPeriod::Preset>("preset");
    QTest::addColumn<QDate>("today");
    QTest::addColumn<QDate>("from");
    QTest::addColumn<QDate>("to");
    QTest::addRow("7 days") << DashboardPeriod::Preset::Last7Days << QDate(2026, 11, 28) << QDate(2026, 11, 22) << QDate(2026, 11, 28);
    QTest::addRow("30 days") << DashboardPeriod::Preset::Last30Days << QDate(2026, 3, 1) << QDate(2026, 1, 31) << QDate(2026, 3, 1);
    QTest::addRow("90 days") << DashboardPeriod::Preset::Last90Days << QDate(2026, 11, 28) << QDate(2026, 8, 31) << QDate(2026, 11, 28);
    QTest::addRow("quarter Q4") << DashboardPeriod::Preset::ThisQuarter << QDate(2026, 11, 28) << QDate(2026, 10, 1) << QDate(2026, 11, 28);
    QTest::addRow("quarter Q1 first day") << DashboardPeriod::Preset::ThisQuarter << QDate(2027, 1, 1) << QDate(2027, 1, 1) << QDate(2027, 1, 1);
    QTest::addRow("quarter Q2 end") << DashboardPeriod::Preset::ThisQuarter << QDate(2026, 6, 30) << QDate(2026, 4, 1) << QDate(2026, 6, 30);
}

void TestDashboardQuery::periods()
{
    QFETCH(DashboardPeriod::Preset, preset);
    QFETCH(QDate, today);
    const auto [from, to] = DashboardPeriod::range(preset, today);
    QTEST(from, "from");
    QTEST(to, "to");
    DashboardFilter filter;
    filter.setDates(from, to);
    QCOMPARE(*filter.fromMs, from.startOfDay().toMSecsSinceEpoch());
    QCOMPARE(*filter.toMs, to.addDays(1).startOfDay().toMSecsSinceEpoch()); // the last day is included
    QCOMPARE(filter.cohort().createdFromMs, filter.fromMs);
}

void TestDashboardQuery::csvOfEachChart()
{
    StatsQuery query(m_database.connection());
    const auto stats = query.compute(period(), now);
    QVERIFY(stats);
    const QList<QByteArray> funnel = FunnelReportCsv::funnel(*stats).split('\n');
    QCOMPARE(funnel.at(0), "stage,reached,share_of_cohort,conversion_from_previous\r");
    QCOMPARE(funnel.at(2), "MQL,4,0.8000,0.8000\r");
    QCOMPARE(funnel.at(4), "Won,1,0.2000,0.5000\r");
    const QList<QByteArray> histogram = FunnelReportCsv::histogram(*stats).split('\n');
    QCOMPARE(histogram.at(0), "score_from,score_to_exclusive,Cold,MQL,SQL,Won,Lost,total\r");
    QCOMPARE(histogram.at(1), "-20,-10,0,0,0,0,1,1\r");
    const QList<QByteArray> time = FunnelReportCsv::timeInStage(*stats).split('\n');
    QCOMPARE(time.at(1), "Cold,5,2.00,11.00,1,18.00,18.00\r");
    const QList<QByteArray> trend = FunnelReportCsv::trend(*stats).split('\n');
    QCOMPARE(trend.at(1), "2026-11-02,3,3,0\r");
    QCOMPARE(trend.at(2), "2026-11-09,1,0,1\r");
}

void TestDashboardQuery::jsonKeepsTheOldKeys()
{
    StatsQuery query(m_database.connection());
    const auto stats = query.compute(period(u"ana"_s), now);
    QVERIFY(stats);
    const QJsonObject json = FunnelReportJson::toJson(*stats, period(u"ana"_s));
    for (const QString &key : {u"totalLeads"_s, u"stages"_s, u"reached"_s, u"conversion"_s, u"overallConversion"_s,
                               u"histogram"_s, u"timeInStage"_s, u"trend"_s, u"filter"_s})
        QVERIFY2(json.contains(key), qPrintable(key));
    QCOMPARE(json.value(u"filter"_s).toObject().value(u"owner"_s).toString(), u"ana"_s);
    QCOMPARE(json.value(u"filter"_s).toObject().value(u"from"_s).toString(), u"2026-11-02T00:00:00.000Z"_s);
    QCOMPARE(json.value(u"overallConversion"_s).toDouble(), 0.5);
}

QTEST_GUILESS_MAIN(TestDashboardQuery)
#include "tst_dashboardquery.moc"
