// Times the dashboard's aggregates one by one and the whole page from open to painted data, on a
// database from funnel::LargeDatabase. Prints the figures next to a baseline from the same run (plain
// COUNT(*) scans) so that a slow machine reads as slow, not as a regression.
//
//   bench_dashboard [--leads N] [--events N] [--seed N] [--db FILE] [--strict]
//
// --db reuses (or creates once and keeps) a database; --strict exits 1 when a target is missed
// (each aggregate < 300 ms, the dashboard < 1.5 s from open).

#include "core/storage/dashboardquery.h"
#include "core/storage/database.h"
#include "core/storage/statsquery.h"
#include "tests/bench/common/benchoutput.h"
#include "tests/bench/common/largedatabase.h"
#include "ui/common/apptheme.h"
#include "ui/dashboard/dashboardpage.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QDateTime>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QEventLoop>
#include <QTimer>
#include <QSqlQuery>
#include <QTemporaryDir>

#include <cstdio>

using namespace funnel;
using namespace Qt::StringLiterals;

using testing::msSince;
using testing::print;

namespace {

constexpr double aggregateTargetMs = 300;
constexpr double dashboardTargetMs = 1500;

QString row(const QString &what, double ms, double target)
{
    const QString verdict = target <= 0 ? QString() : ms <= target ? u"ok"_s : u"OVER TARGET (%1 ms)"_s.arg(target, 0, 'f', 0);
    return u"  %1 %2 ms  %3"_s.arg(what.leftJustified(50)).arg(ms, 9, 'f', 1).arg(verdict);
}

QString aggregateName(StatsQuery::Aggregate aggregate)
{
    switch (aggregate) {
    case StatsQuery::Aggregate::Stages: return u"leads per stage"_s;
    case StatsQuery::Aggregate::Reached: return u"funnel (reached)"_s;
    case StatsQuery::Aggregate::Histogram: return u"score histogram"_s;
    case StatsQuery::Aggregate::TimeInStage: return u"time in stage"_s;
    case StatsQuery::Aggregate::Trend: return u"weekly trend"_s;
    }
    return {};
}

// Runs the event loop until the page says loaded() (true) or the time is up (false).
bool waitLoaded(DashboardPage &page, int timeoutMs)
{
    QEventLoop loop;
    bool done = false;
    const auto connection = QObject::connect(&page, &DashboardPage::loaded, &loop, [&] {
        done = true;
        loop.quit();
    });
    QTimer::singleShot(timeoutMs, &loop, &QEventLoop::quit);
    loop.exec();
    QObject::disconnect(connection);
    return done;
}

} // namespace

int main(int argc, char **argv)
{
    QApplication app(argc, argv);
    AppTheme::applyDark(app);
    QCommandLineParser parser;
    parser.setApplicationDescription(u"Dashboard benchmark"_s);
    parser.addHelpOption();
    const QCommandLineOption leadsOption(u"leads"_s, u"Leads to generate."_s, u"count"_s, u"20000"_s);
    const QCommandLineOption eventsOption(u"events"_s, u"Events to generate."_s, u"count"_s, u"100000"_s);
    const QCommandLineOption seedOption(u"seed"_s, u"Generator seed."_s, u"number"_s, u"7"_s);
    const QCommandLineOption dbOption(u"db"_s, u"Use (or create and keep) this database file."_s, u"file"_s);
    const QCommandLineOption strictOption(u"strict"_s, u"Exit 1 when a target is missed."_s);
    parser.addOptions({leadsOption, eventsOption, seedOption, dbOption, strictOption});
    parser.process(app);
    const int leads = parser.value(leadsOption).toInt();
    const qint64 events = parser.value(eventsOption).toLongLong();

    QTemporaryDir dir;
    const QString path = parser.isSet(dbOption) ? parser.value(dbOption) : dir.filePath(u"bench-dashboard.sqlite"_s);
    if (!QFileInfo::exists(path)) {
        QElapsedTimer timer;
        timer.start();
        QString error;
        if (!LargeDatabase::create(path, leads, events, parser.value(seedOption).toUInt(), &error)) {
            print(u"cannot create the database: "_s + error);
            return 2;
        }
        print(u"generated %1 leads, %2 events in %3 s: %4"_s.arg(leads).arg(events).arg(msSince(timer) / 1000.0, 0, 'f', 1).arg(path));
    } else {
        print(u"using %1"_s.arg(path));
    }

    Database database;
    if (!database.open(path)) {
        print(database.lastError().message);
        return 2;
    }
    bool missed = false;
    {
        QSqlQuery query(database.connection());
        print(u"baseline (same run, same file)"_s);
        for (const QString &table : {u"leads"_s, u"stage_history"_s, u"events"_s}) {
            QElapsedTimer timer;
            timer.start();
            query.exec(u"SELECT COUNT(*) FROM "_s + table);
            query.next();
            const qint64 rows = query.value(0).toLongLong();
            print(row(u"SELECT COUNT(*) FROM %1 (%2 rows)"_s.arg(table).arg(rows), msSince(timer), 0));
        }
    }

    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    const QDate today = QDate::currentDate();
    struct Case {
        QString name;
        DashboardFilter filter;
    };
    QList<Case> cases;
    DashboardFilter last30;
    last30.setDates(today.addDays(-29), today);
    cases.append({u"last 30 days"_s, last30});
    DashboardFilter last90;
    last90.setDates(today.addDays(-89), today);
    cases.append({u"last 90 days"_s, last90});
    DashboardFilter owner = last90;
    owner.owner = LargeDatabase::ownerName(0);
    cases.append({u"last 90 days, one owner"_s, owner});
    DashboardFilter source = last30;
    source.source = LargeDatabase::sourceName(1);
    cases.append({u"last 30 days, one source"_s, source});
    cases.append({u"all time"_s, DashboardFilter{}});
    DashboardFilter allTimeOwner;
    allTimeOwner.owner = LargeDatabase::ownerName(0);
    cases.append({u"all time, one owner"_s, allTimeOwner});

    {
        StatsQuery stats(database.connection());
        for (const Case &item : std::as_const(cases)) {
            print(u"aggregates: %1"_s.arg(item.name));
            double total = 0;
            for (StatsQuery::Aggregate aggregate : StatsQuery::allAggregates) {
                FunnelStats result;
                QElapsedTimer timer;
                timer.start();
                if (!stats.compute(aggregate, item.filter, now, result)) {
                    print(stats.lastError());
                    return 2;
                }
                const double ms = msSince(timer);
                total += ms;
                missed = missed || ms > aggregateTargetMs;
                print(row(aggregateName(aggregate), ms, aggregateTargetMs));
            }
            print(row(u"all five"_s, total, 0));
        }
    }
    {
        DashboardQuery choices(database);
        QElapsedTimer timer;
        timer.start();
        choices.distinctValues(u"owner"_s);
        choices.distinctValues(u"source"_s);
        const double ms = msSince(timer);
        missed = missed || ms > aggregateTargetMs;
        print(u"filter choices"_s);
        print(row(u"distinct owners and sources"_s, ms, aggregateTargetMs));
    }
    database.close();

    print(u"dashboard (offscreen, 1400 x 900, last 30 days)"_s);
    DashboardPage page;
    page.resize(1400, 900);
    page.show();
    QElapsedTimer timer;
    timer.start();
    page.openDatabase(path);
    if (!waitLoaded(page, 120000)) {
        print(u"the dashboard did not load"_s);
        return 2;
    }
    const double openMs = msSince(timer);
    missed = missed || openMs > dashboardTargetMs;
    print(row(u"open to every chart painted"_s, openMs, dashboardTargetMs));

    timer.restart();
    page.setOwner(LargeDatabase::ownerName(1));
    if (!waitLoaded(page, 120000))
        return 2;
    const double filterMs = msSince(timer);
    missed = missed || filterMs > dashboardTargetMs;
    print(row(u"owner filter changed to charts painted"_s, filterMs, dashboardTargetMs));

    timer.restart();
    page.setPeriod(DashboardPeriod::Preset::Last90Days);
    if (!waitLoaded(page, 120000))
        return 2;
    const double periodMs = msSince(timer);
    missed = missed || periodMs > dashboardTargetMs;
    print(row(u"period changed to 90 days to charts painted"_s, periodMs, dashboardTargetMs));

    print(missed ? u"some targets missed"_s : u"all targets met"_s);
    return missed && parser.isSet(strictOption) ? 1 : 0;
}
