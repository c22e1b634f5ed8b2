#include "app/funnelctl/ctlapplication.h"

#include "core/io/demodatagenerator.h"
#include "core/storage/dashboardquery.h"
#include "core/storage/database.h"
#include "core/storage/demodataloader.h"
#include "core/storage/funnelreportjson.h"
#include "tests/storage/tst_dashboardfixture.h"

#include <QBuffer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

using namespace funnel;
using namespace funnel::testing;
using namespace Qt::StringLiterals;

namespace {

struct CtlRun {
    int exitCode = -1;
    QString out;
    QString err;
};

CtlRun runCtl(const QStringList &arguments)
{
    CtlRun result;
    QTextStream out(&result.out);
    QTextStream err(&result.err);
    QBuffer standardInput;
    standardInput.open(QIODevice::ReadOnly);
    CtlApplication ctl(out, err, standardInput);
    result.exitCode = ctl.run(QStringList{u"funnelctl"_s} + arguments);
    out.flush();
    err.flush();
    return result;
}

// "Still in the stage now" depends on the moment each side ran; everything else must be identical.
QJsonObject withoutTimeSoFar(QJsonObject json)
{
    QJsonObject time = json.value(u"timeInStage"_s).toObject();
    for (const QString &stage : time.keys()) {
        QJsonObject entry = time.value(stage).toObject();
        QJsonObject still = entry.value(u"still"_s).toObject();
        still.remove(u"medianDays"_s);
        still.remove(u"p90Days"_s);
        entry.insert(u"still"_s, still);
        time.insert(stage, entry);
    }
    json.insert(u"timeInStage"_s, time);
    return json;
}

} // namespace

class TestStats : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void handBuiltAnswers_data();
    void handBuiltAnswers();
    void datesMeanWholeLocalDays();
    void sameNumbersAsTheDashboardOnDemoData_data();
    void sameNumbersAsTheDashboardOnDemoData();
    void tableShowsEverySection();
    void badFilters_data();
    void badFilters();

private:
    QTemporaryDir m_dir;
    QString m_hand;
    QString m_demo;
};

void TestStats::initTestCase()
{
    qputenv("TZ", "UTC"); // the hand-built funnel is laid out in UTC days
    QVERIFY(m_dir.isValid());
    m_hand = m_dir.filePath(u"hand.sqlite"_s);
    {
        Database database;
        QVERIFY(database.open(m_hand));
        QVERIFY(fillHandBuiltFunnel(database));
    }
    m_demo = m_dir.filePath(u"demo.sqlite"_s);
    Database database;
    QVERIFY(database.open(m_demo));
    DemoDataGenerator::Options options;
    options.leads = 400;
    options.nowMs = QDateTime::currentMSecsSinceEpoch();
    const DemoLoadReport report = DemoDataLoader::load(database, DemoDataGenerator::generate(options), options.nowMs);
    QVERIFY2(report.succeeded(), qPrintable(report.failure));
}

void TestStats::handBuiltAnswers_data()
{
    QTest::addColumn<QStringList>("filters");
    QTest::addColumn<QList<int>>("reached");
    QTest::addColumn<double>("coldMedianDays");
    QTest::addColumn<double>("coldP90Days");
    QTest::addColumn<QList<int>>("firstWeek"); // MQL, SQL, Won
    const QStringList period{u"--from"_s, u"2026-11-02T00:00:00Z"_s, u"--to"_s, u"2026-11-16T00:00:00Z"_s};
    QTest::addRow("period") << period << QList<int>{5, 4, 2, 1} << 2.0 << 11.0 << QList<int>{3, 3, 0};
    QTest::addRow("owner bo") << period + QStringList{u"--owner"_s, u"bo"_s} << QList<int>{3, 2, 0, 0} << 1.0 << 7.0
                              << QList<int>{1, 0, 0};
    QTest::addRow("source web") << period + QStringList{u"--source"_s, u"web"_s} << QList<int>{3, 3, 2, 1} << 2.0 << 2.0
                                << QList<int>{2, 2, 0};
}

void TestStats::handBuiltAnswers()
{
    QFETCH(QStringList, filters);
    QFETCH(QList<int>, reached);
    const CtlRun run = runCtl(QStringList{u"--db"_s, m_hand, u"stats"_s, u"--json"_s} + filters);
    QCOMPARE(run.exitCode, 0);
    const QJsonObject json = QJsonDocument::fromJson(run.out.toUtf8()).object();
    const QJsonObject reachedJson = json.value(u"reached"_s).toObject();
    QCOMPARE(reachedJson.value(u"Cold"_s).toInt(), reached.at(0));
    QCOMPARE(reachedJson.value(u"MQL"_s).toInt(), reached.at(1));
    QCOMPARE(reachedJson.value(u"SQL"_s).toInt(), reached.at(2));
    QCOMPARE(reachedJson.value(u"Won"_s).toInt(), reached.at(3));
    QCOMPARE(json.value(u"totalLeads"_s).toInt(), reached.at(0));
    const QJsonObject cold = json.value(u"timeInStage"_s).toObject().value(u"Cold"_s).toObject().value(u"left"_s).toObject();
    QTEST(cold.value(u"medianDays"_s).toDouble(), "coldMedianDays");
    QTEST(cold.value(u"p90Days"_s).toDouble(), "coldP90Days");
    const QJsonObject week = json.value(u"trend"_s).toArray().first().toObject();
    QCOMPARE(week.value(u"weekStart"_s).toString(), u"2026-11-02"_s);
    QFETCH(QList<int>, firstWeek);
    QCOMPARE((QList<int>{week.value(u"MQL"_s).toInt(), week.value(u"SQL"_s).toInt(), week.value(u"Won"_s).toInt()}), firstWeek);
}

void TestStats::datesMeanWholeLocalDays()
{
    const CtlRun exact = runCtl({u"--db"_s, m_hand, u"stats"_s, u"--json"_s, u"--from"_s, u"2026-11-02T00:00:00Z"_s, u"--to"_s,
                                 u"2026-11-16T00:00:00Z"_s});
    const CtlRun days = runCtl({u"--db"_s, m_hand, u"stats"_s, u"--json"_s, u"--from"_s, u"2026-11-02"_s, u"--to"_s, u"2026-11-15"_s});
    QCOMPARE(days.exitCode, 0);
    const QJsonObject a = withoutTimeSoFar(QJsonDocument::fromJson(exact.out.toUtf8()).object());
    const QJsonObject b = withoutTimeSoFar(QJsonDocument::fromJson(days.out.toUtf8()).object());
    QCOMPARE(b.value(u"filter"_s).toObject().value(u"to"_s).toString(), u"2026-11-16T00:00:00.000Z"_s); // the last day included
    QCOMPARE(a, b);
}

void TestStats::sameNumbersAsTheDashboardOnDemoData_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<DashboardFilter>("filter");
    const QDate today = QDate::currentDate();
    DashboardFilter last30;
    last30.setDates(today.addDays(-29), today);
    QTest::addRow("last 30 days") << QStringList{u"--from"_s, today.addDays(-29).toString(Qt::ISODate), u"--to"_s, today.toString(Qt::ISODate)}
                                  << last30;
    DashboardFilter owner = last30;
    owner.owner = u"Maya Patel"_s;
    QTest::addRow("one owner") << QStringList{u"--from"_s, today.addDays(-29).toString(Qt::ISODate), u"--to"_s, today.toString(Qt::ISODate),
                                              u"--owner"_s, u"Maya Patel"_s}
                               << owner;
    DashboardFilter source;
    source.source = u"website"_s;
    QTest::addRow("one source, all time") << QStringList{u"--source"_s, u"website"_s} << source;
}

void TestStats::sameNumbersAsTheDashboardOnDemoData()
{
    QFETCH(QStringList, arguments);
    QFETCH(DashboardFilter, filter);
    const CtlRun run = runCtl(QStringList{u"--db"_s, m_demo, u"stats"_s, u"--json"_s} + arguments);
    QCOMPARE(run.exitCode, 0);
    const QJsonObject fromCtl = QJsonDocument::fromJson(run.out.toUtf8()).object();
    QVERIFY(fromCtl.value(u"totalLeads"_s).toInt() > 0);

    // What the dashboard's worker loads for the same filter (the charts show exactly this; see
    // tests/ui/tst_dashboardpage.cpp).
    Database database;
    QVERIFY(database.open(m_demo));
    DashboardQuery query(database);
    const auto data = query.load(filter, QDateTime::currentMSecsSinceEpoch(), false);
    QVERIFY2(data, qPrintable(query.lastError()));
    const QJsonObject fromDashboard = FunnelReportJson::toJson(data->stats, filter);
    QCOMPARE(withoutTimeSoFar(fromCtl), withoutTimeSoFar(fromDashboard));
}

void TestStats::tableShowsEverySection()
{
    const CtlRun run = runCtl({u"--db"_s, m_hand, u"stats"_s, u"--from"_s, u"2026-11-02"_s, u"--to"_s, u"2026-11-15"_s, u"--owner"_s, u"ana"_s});
    QCOMPARE(run.exitCode, 0);
    for (const QString &expected : {u"owner ana"_s, u"Leads per stage"_s, u"Conversion"_s, u"Score histogram"_s,
                                    u"Days in stage"_s, u"New per week"_s, u"2026-11-09"_s})
        QVERIFY2(run.out.contains(expected), qPrintable(expected + u"\n"_s + run.out));
}

void TestStats::badFilters_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QString>("expected");
    QTest::addRow("bad from") << QStringList{u"--from"_s, u"yesterday"_s} << u"--from must be an ISO date"_s;
    QTest::addRow("bad to") << QStringList{u"--to"_s, u"2026-13-01"_s} << u"--to must be an ISO date"_s;
    QTest::addRow("reversed") << QStringList{u"--from"_s, u"2026-11-10"_s, u"--to"_s, u"2026-11-01"_s} << u"--from must come before --to"_s;
}

void TestStats::badFilters()
{
    QFETCH(QStringList, arguments);
    QFETCH(QString, expected);
    const CtlRun run = runCtl(QStringList{u"--db"_s, m_hand, u"stats"_s} + arguments);
    QCOMPARE(run.exitCode, int(CtlApplication::UsageError));
    QVERIFY2(run.err.contains(expected), qPrintable(run.err));
}

QTEST_GUILESS_MAIN(TestStats)
#include "tst_stats.moc"
