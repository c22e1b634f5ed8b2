#include "ui/dashboard/dashboardpage.h"
#include "ui/dashboard/funnelchart.h"
#include "ui/dashboard/scorehistogramchart.h"
#include "ui/dashboard/stagesummarymodel.h"
#include "ui/dashboard/timeinstagechart.h"
#include "ui/dashboard/trendchart.h"

#include "core/io/demodatagenerator.h"
#include "core/storage/database.h"
#include "core/storage/demodataloader.h"
#include "core/storage/funnelreportcsv.h"
#include "core/storage/statsquery.h"
#include "tests/storage/tst_dashboardfixture.h"

#include <QAbstractItemModelTester>
#include <QBarSet>
#include <QHorizontalStackedBarSeries>
#include <QBarSeries>
#include <QComboBox>
#include <QImage>
#include <QLineSeries>
#include <QProgressBar>
#include <QSignalSpy>
#include <QSqlQuery>
#include <QStackedBarSeries>
#include <QTemporaryDir>
#include <QTest>

using namespace funnel;
using namespace funnel::testing;
using namespace Qt::StringLiterals;

Q_DECLARE_METATYPE(funnel::LeadFilter)

namespace {

QList<qreal> values(const QBarSet *set)
{
    QList<qreal> result;
    for (int i = 0; i < set->count(); ++i)
        result.append(set->at(i));
    return result;
}

} // namespace

class TestDashboardPage : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void chartsShowTheQueryNumbersOnDemoData_data();
    void chartsShowTheQueryNumbersOnDemoData();
    void handBuiltFunnelReadsAsExpected();
    void clickingABarDrillsDown();
    void hoveringExplainsTheBar();
    void aNewFilterSupersedesTheRunningLoad();
    void followsCommitsOfOtherConnections();
    void exportsImagesDataAndReport();

private:
    bool openAndWait(DashboardPage &page, const QString &path);
    void showHandBuilt(DashboardPage &page);

    QTemporaryDir m_dir;
    QString m_demo;
    QString m_hand;
};

void TestDashboardPage::initTestCase()
{
    // The hand-built funnel is laid out in UTC days; the period's whole days are local days.
    qputenv("TZ", "UTC");
    qRegisterMetaType<LeadFilter>();
    QVERIFY(m_dir.isValid());
    m_demo = m_dir.filePath(u"demo.sqlite"_s);
    {
        Database database;
        QVERIFY(database.open(m_demo));
        DemoDataGenerator::Options options;
        options.leads = 400;
        options.nowMs = QDateTime::currentMSecsSinceEpoch();
        const DemoLoadReport report = DemoDataLoader::load(database, DemoDataGenerator::generate(options), options.nowMs);
        QVERIFY2(report.succeeded(), qPrintable(report.failure));
    }
    m_hand = m_dir.filePath(u"hand.sqlite"_s);
    Database database;
    QVERIFY(database.open(m_hand));
    QVERIFY(fillHandBuiltFunnel(database));
}

bool TestDashboardPage::openAndWait(DashboardPage &page, const QString &path)
{
    QSignalSpy loaded(&page, &DashboardPage::loaded);
    page.openDatabase(path);
    return loaded.wait(15000);
}

void TestDashboardPage::showHandBuilt(DashboardPage &page)
{
    page.resize(1300, 850);
    page.show();
    QVERIFY(QTest::qWaitForWindowExposed(&page));
    page.setPeriod(DashboardPeriod::Preset::Custom, QDate(2026, 11, 2), QDate(2026, 11, 15));
    QVERIFY(openAndWait(page, m_hand));
    QCOMPARE(*page.data().filter.fromMs, periodFrom);
    QCOMPARE(*page.data().filter.toMs, periodTo);
}

void TestDashboardPage::chartsShowTheQueryNumbersOnDemoData_data()
{
    QTest::addColumn<DashboardPeriod::Preset>("preset");
    QTest::addColumn<QString>("owner");
    QTest::addRow("90 days") << DashboardPeriod::Preset::Last90Days << QString();
    QTest::addRow("30 days") << DashboardPeriod::Preset::Last30Days << QString();
    QTest::addRow("quarter, one owner") << DashboardPeriod::Preset::ThisQuarter << u"Maya Patel"_s;
}

void TestDashboardPage::chartsShowTheQueryNumbersOnDemoData()
{
    QFETCH(DashboardPeriod::Preset, preset);
    QFETCH(QString, owner);
    DashboardPage page;
    QAbstractItemModelTester tester(page.stageSummary(), QAbstractItemModelTester::FailureReportingMode::QtTest);
    page.resize(1300, 850);
    page.show();
    page.setPeriod(preset);
    if (!owner.isEmpty())
        page.setOwner(owner);
    QVERIFY(openAndWait(page, m_demo));
    QCOMPARE(page.data().filter, page.filter());
    QCOMPARE(page.data().filter.owner, owner);

    // The same query class, on its own connection, with the filter the page shows.
    Database database;
    QVERIFY(database.open(m_demo));
    StatsQuery query(database.connection());
    const auto expected = query.compute(page.filter(), page.data().nowMs);
    QVERIFY(expected);
    QVERIFY2(expected->reached[0] > 0, "the demo data has leads in every period");

    for (int rank = 0; rank < 4; ++rank) {
        const QList<qreal> bar = values(page.funnelChart()->barSet(Stage(rank)));
        QCOMPARE(bar.at(3 - rank), double(expected->reached[rank]));
        QVERIFY(page.funnelChart()->barText(Stage(rank)).startsWith(QLocale().toString(expected->reached[rank])));
    }
    const QList<QBarSet *> histogramSets = page.scoreHistogramChart()->series()->barSets();
    QCOMPARE(histogramSets.size(), 5);
    const QList<int> lowers = page.scoreHistogramChart()->bucketLowers();
    QCOMPARE(lowers.first(), expected->histogram.first().lower);
    for (const FunnelStats::Bucket &bucket : expected->histogram) {
        const int index = int(lowers.indexOf(bucket.lower));
        QVERIFY(index >= 0);
        for (Stage stage : allStages)
            QCOMPARE(histogramSets.at(int(stage))->at(index), double(bucket.perStage[int(stage)]));
    }
    const QList<QBarSet *> timeSets = page.timeInStageChart()->series()->barSets();
    for (int index = 0; index < 3; ++index) {
        const auto median = TimeInStageChart::days(*expected, index, TimeInStageChart::Measure::LeftMedian);
        QCOMPARE(timeSets.at(index)->at(0), std::round(median.value_or(0) * 10) / 10);
    }
    for (int line = 0; line < 3; ++line) {
        const QList<QPointF> points = page.trendChart()->line(line)->points();
        QCOMPARE(points.size(), expected->trend.size());
        for (int week = 0; week < points.size(); ++week)
            QCOMPARE(points.at(week).y(), double(expected->trend.at(week).entered[line]));
    }
    QCOMPARE(page.funnelChart()->csv(), FunnelReportCsv::funnel(*expected));
    QCOMPARE(page.trendChart()->csv(), FunnelReportCsv::trend(*expected));
}

void TestDashboardPage::handBuiltFunnelReadsAsExpected()
{
    DashboardPage page;
    showHandBuilt(page);
    const std::array<double, 4> reached{5, 4, 2, 1};
    for (int rank = 0; rank < 4; ++rank)
        QCOMPARE(page.funnelChart()->barSet(Stage(rank))->at(3 - rank), reached[rank]);
    QCOMPARE(page.funnelChart()->barText(Stage::MQL), u"4  ·  80.0 %"_s);
    QCOMPARE(page.funnelChart()->barText(Stage::Won), u"1  ·  20.0 %"_s);
    // The padding centres each bar: padding + bar + padding = the widest bar.
    const QBarSet *padding = page.funnelChart()->series()->barSets().first();
    QCOMPARE(padding->at(3 - 1), 0.5);
    QCOMPARE(padding->at(3 - 3), 2.0);

    QCOMPARE(page.scoreHistogramChart()->bucketLowers(), (QList<int>{-20, -10, 0, 10, 20, 30, 40, 50, 60, 70, 80, 90, 100, 110, 120}));
    // Threshold lines at the MQL (40) and SQL (80) scores: left edges of their buckets.
    const QList<QAbstractSeries *> series = page.scoreHistogramChart()->chart()->series();
    QList<double> thresholds;
    for (QAbstractSeries *item : series) {
        if (auto *line = qobject_cast<QLineSeries *>(item))
            thresholds.append(line->at(0).x());
    }
    QCOMPARE(thresholds, (QList<double>{5.5, 9.5}));

    // Left in the period: Cold 2 / 11 days, MQL 5 / 6, SQL 4 / 6 (median / 90th percentile).
    const QList<QBarSet *> timeSets = page.timeInStageChart()->series()->barSets();
    QCOMPARE(values(timeSets.at(0)).mid(0, 2), (QList<qreal>{2, 11}));
    QCOMPARE(values(timeSets.at(1)).mid(0, 2), (QList<qreal>{5, 6}));
    QCOMPARE(values(timeSets.at(2)).mid(0, 2), (QList<qreal>{4, 6}));
    // Still in now: L4 has been Cold since t0 + 2 d, L2 SQL since t0 + 3 d.
    const auto daysSince = [&](qint64 ms) { return std::round(double(page.data().nowMs - ms) / 8.64e6) / 10; };
    QCOMPARE(timeSets.at(0)->at(2), daysSince(t0 + 2 * dayMs));
    QCOMPARE(timeSets.at(2)->at(3), daysSince(t0 + 3 * dayMs));

    QCOMPARE(page.trendChart()->line(0)->points(), (QList<QPointF>{{0, 3}, {1, 1}}));
    QCOMPARE(page.trendChart()->line(1)->points(), (QList<QPointF>{{0, 3}, {1, 0}}));
    QCOMPARE(page.trendChart()->line(2)->points(), (QList<QPointF>{{0, 0}, {1, 1}}));
}

void TestDashboardPage::clickingABarDrillsDown()
{
    DashboardPage page;
    page.setOwner(u"ana"_s);
    showHandBuilt(page);
    QSignalSpy drill(&page, &DashboardPage::drillDownRequested);
    FunnelChart *funnel = page.funnelChart();
    QTest::mouseClick(funnel->viewport(), Qt::LeftButton, {}, funnel->barCentre(Stage::SQL).toPoint());
    QTRY_COMPARE(drill.count(), 1);
    const LeadFilter sql = drill.takeFirst().first().value<LeadFilter>();
    QCOMPARE(sql.reachedStage, Stage::SQL);
    QCOMPARE(sql.createdFromMs, periodFrom);
    QCOMPARE(sql.createdToMs, periodTo);
    QCOMPARE(sql.owner, u"ana"_s);
    QVERIFY(!sql.minScore);

    // ana's cohort scores 85 and 120: buckets 80, 90, ... 120; the second is 90..99.
    QCOMPARE(page.scoreHistogramChart()->bucketLowers().at(1), 90);
    Q_EMIT page.scoreHistogramChart()->series()->clicked(1, page.scoreHistogramChart()->series()->barSets().first());
    QCOMPARE(drill.count(), 1);
    const LeadFilter bucket = drill.takeFirst().first().value<LeadFilter>();
    QCOMPARE(bucket.minScore, 90);
    QCOMPARE(bucket.maxScore, 99);
    QCOMPARE(bucket.owner, u"ana"_s);
    QVERIFY(!bucket.reachedStage);
}

void TestDashboardPage::hoveringExplainsTheBar()
{
    DashboardPage page;
    showHandBuilt(page);
    FunnelChart *funnel = page.funnelChart();
    Q_EMIT funnel->series()->hovered(true, 3 - 1, funnel->barSet(Stage::MQL));
    QVERIFY2(funnel->hoverText().contains(u"4 leads reached MQL"_s), qPrintable(funnel->hoverText()));
    QVERIFY(funnel->hoverText().contains(u"80.0 % of the 5 leads"_s));
    Q_EMIT funnel->series()->hovered(false, 3 - 1, funnel->barSet(Stage::MQL));
    QVERIFY(funnel->hoverText().isEmpty());
    QVERIFY(funnel->toolTip().contains(u"Cold to SQL"_s)); // the monotonic definition, said once for all bars

    ScoreHistogramChart *histogram = page.scoreHistogramChart();
    Q_EMIT histogram->series()->hovered(true, 10, histogram->series()->barSets().first()); // 80..89
    QVERIFY2(histogram->hoverText().contains(u"Score 80 to 89"_s), qPrintable(histogram->hoverText()));
    QVERIFY(histogram->hoverText().contains(u"SQL: 1"_s));

    QBarSet *mql = page.timeInStageChart()->series()->barSets().at(1);
    Q_EMIT mql->hovered(true, 0);
    QVERIFY2(page.timeInStageChart()->hoverText().contains(u"3 leads left MQL"_s), qPrintable(page.timeInStageChart()->hoverText()));
    QVERIFY(page.timeInStageChart()->hoverText().contains(u"median 5.0 days, 90th percentile 6.0 days"_s));

    Q_EMIT page.trendChart()->line(2)->hovered(QPointF(1.02, 0.9), true);
    QVERIFY2(page.trendChart()->hoverText().contains(u"<b>Won: 1</b>"_s), qPrintable(page.trendChart()->hoverText()));
    QVERIFY(page.trendChart()->hoverText().contains(u"New MQLs: 1"_s));
}

void TestDashboardPage::aNewFilterSupersedesTheRunningLoad()
{
    DashboardPage page;
    showHandBuilt(page);
    auto *busy = page.findChild<QProgressBar *>(u"busyIndicator"_s);
    QVERIFY(busy);
    QVERIFY(!busy->isVisible());
    QSignalSpy loaded(&page, &DashboardPage::loaded);
    page.setOwner(u"bo"_s);
    QVERIFY(busy->isVisible()); // at once, before the worker even starts
    page.refresh();              // a load starts...
    page.setSource(u"web"_s);    // ...and is superseded by this one
    QVERIFY(loaded.wait(10000));
    QTest::qWait(300);
    QCOMPARE(loaded.count(), 1);
    QVERIFY(!busy->isVisible());
    QCOMPARE(page.data().filter.owner, u"bo"_s);
    QCOMPARE(page.data().filter.source, u"web"_s);
    QCOMPARE(page.funnelChart()->barSet(Stage::Cold)->at(3), 1.0); // only L5
    QCOMPARE(page.funnelChart()->barSet(Stage::MQL)->at(2), 1.0);
}

void TestDashboardPage::followsCommitsOfOtherConnections()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(u"live.sqlite"_s);
    Database writer;
    QVERIFY(writer.open(path));
    QVERIFY(fillHandBuiltFunnel(writer));
    DashboardPage page;
    page.resize(1000, 700);
    page.show();
    page.setPeriod(DashboardPeriod::Preset::Custom, QDate(2026, 11, 2), QDate(2026, 11, 15));
    QVERIFY(openAndWait(page, path));
    QCOMPARE(page.funnelChart()->barSet(Stage::Cold)->at(3), 5.0);

    QSignalSpy loaded(&page, &DashboardPage::loaded);
    QSqlQuery query(writer.connection());
    QVERIFY(query.exec(u"INSERT INTO leads (name, owner, stage, created_at, stage_entered_at) VALUES ('L7', 'carla', 'Cold', %1, %1)"_s.arg(t0 + dayMs)));
    QVERIFY(query.exec(u"INSERT INTO stage_history (lead_id, to_stage, at, cause) VALUES (%1, 'Cold', %2, 'created')"_s
                           .arg(query.lastInsertId().toLongLong())
                           .arg(t0 + dayMs)));
    QVERIFY(loaded.wait(10000));
    QCOMPARE(page.funnelChart()->barSet(Stage::Cold)->at(3), 6.0);
    QTRY_VERIFY(page.findChild<QComboBox *>(u"ownerCombo"_s)->findData(u"carla"_s) >= 0); // the new owner is offered
}

void TestDashboardPage::exportsImagesDataAndReport()
{
    DashboardPage page;
    showHandBuilt(page);
    QTemporaryDir dir;
    QString error;
    for (DashboardPage::Chart which : DashboardPage::allCharts) {
        DashboardChart *chart = page.chart(which);
        const QString png = dir.filePath(chart->fileStem() + u".png"_s);
        QVERIFY2(page.exportChartImage(which, png, &error), qPrintable(error));
        const QImage image(png);
        QCOMPARE(image.size(), chart->size() * 2);
        // Not blank: the chart background and at least one other colour.
        QVERIFY(image.pixelColor(image.width() / 2, image.height() / 2) != image.pixelColor(2, 2)
                || image.pixelColor(image.width() / 3, image.height() / 2) != image.pixelColor(2, 2));

        const QString svg = dir.filePath(chart->fileStem() + u".svg"_s);
        QVERIFY2(page.exportChartImage(which, svg, &error), qPrintable(error));
        QFile svgFile(svg);
        QVERIFY(svgFile.open(QIODevice::ReadOnly));
        const QByteArray svgText = svgFile.readAll();
        QVERIFY(svgText.contains("<svg"));
        QVERIFY(svgText.contains(chart->displayName().toUtf8()));

        const QString csv = dir.filePath(chart->fileStem() + u".csv"_s);
        QVERIFY2(page.exportChartData(which, csv, &error), qPrintable(error));
        QFile csvFile(csv);
        QVERIFY(csvFile.open(QIODevice::ReadOnly));
        QCOMPARE(csvFile.readAll(), chart->csv());
    }
    QFile funnelCsv(dir.filePath(u"funnel.csv"_s));
    QVERIFY(funnelCsv.open(QIODevice::ReadOnly));
    QVERIFY(funnelCsv.readAll().contains("SQL,2,0.4000,0.5000"));

    const QString pdf = dir.filePath(u"report.pdf"_s);
    QVERIFY2(page.exportReport(pdf, &error), qPrintable(error));
    QFile pdfFile(pdf);
    QVERIFY(pdfFile.open(QIODevice::ReadOnly));
    const QByteArray pdfBytes = pdfFile.readAll();
    QVERIFY(pdfBytes.startsWith("%PDF"));
    QCOMPARE(pdfBytes.count("/Type /Page") - pdfBytes.count("/Type /Pages"), 1); // one page
    QVERIFY(page.filterDescription().contains(u"all owners"_s));

    QVERIFY(!page.exportChartData(DashboardPage::Chart::Funnel, dir.filePath(u"missing/folder/x.csv"_s), &error));
    QVERIFY(error.contains(u"x.csv"_s));
}

QTEST_MAIN(TestDashboardPage)
#include "tst_dashboardpage.moc"
