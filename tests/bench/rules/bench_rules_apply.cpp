// Times applying a rules change to all history (RulesetVersionStore::apply, i.e. Rescorer::rescoreAll
// in one transaction: read every event, replay every lead, write what changed) and its undo, on a
// database from funnel::LargeDatabase or a copy of one given with --db (the file itself is never
// written). Next to it, measured in the same run, the baseline: raw prepared statements writing as
// many rows to the same tables (events.points, leads.score, new stage_history rows; indexes and
// triggers as they are), rolled back. Figures only; it fails only when the apply fails.
//
//   bench_rules_apply [--leads N] [--events N] [--seed N] [--db FILE] [--no-undo]

#include "core/domain/ruleset.h"
#include "core/storage/database.h"
#include "core/storage/rescorer.h"
#include "core/storage/rulesetversionstore.h"
#include "core/storage/transaction.h"
#include "tests/bench/common/benchoutput.h"
#include "tests/bench/common/largedatabase.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDateTime>
#include <QElapsedTimer>
#include <QDir>
#include <QFile>
#include <QTemporaryDir>

#include <sqlite3.h>

#include <cstdio>

using namespace funnel;
using namespace Qt::StringLiterals;

using testing::msSince;
using testing::print;

namespace {

// What the marketer changed: pricing views count more, thresholds lower; leads move both ways.
RuleSet draftRules(const RuleSet &current)
{
    RuleSet rules = current;
    rules.setThresholds(30, 70);
    rules.setRule(Rule{u"VIEWED_PRICING"_s, 12, std::nullopt, {}, PointsCap{36, CapPeriod::Week}});
    return rules;
}

void printReport(const QString &what, double ms, const RescoreReport &report)
{
    print(u"%1 %2 ms   (read %3, replay %4, write %5 ms%6)"_s.arg(what.leftJustified(34))
              .arg(ms, 9, 'f', 0)
              .arg(report.readMs)
              .arg(report.replayMs)
              .arg(report.writeMs)
              .arg(report.indexesRebuilt
                       ? u": rows %1, indexes built again %2"_s.arg(report.rowWritesMs).arg(report.writeMs - report.rowWritesMs)
                       : QString()));
    print(u"    %1 leads, %2 events; written: %3 event points, %4 scores, %5 stage changes, %6 decay rows"_s
              .arg(report.leads)
              .arg(report.events)
              .arg(report.eventsRescored)
              .arg(report.leadsRescored)
              .arg(report.stageChanges)
              .arg(report.decayRowsWritten));
}

// The baseline: as many rows written by plain prepared statements, one row per step, rolled back.
std::optional<double> rawWrites(sqlite3 *db, qint64 events, qint64 leads, qint64 history, qint64 nowMs)
{
    QElapsedTimer timer;
    timer.start();
    if (sqlite3_exec(db, "BEGIN IMMEDIATE", nullptr, nullptr, nullptr) != SQLITE_OK)
        return std::nullopt;
    auto run = [&](const char *sql, qint64 rows, qint64 stride) {
        sqlite3_stmt *statement = nullptr;
        if (sqlite3_prepare_v2(db, sql, -1, &statement, nullptr) != SQLITE_OK)
            return false;
        bool ok = true;
        for (qint64 i = 0; i < rows && ok; ++i) {
            sqlite3_bind_int64(statement, 1, 1 + i * stride);
            sqlite3_bind_int64(statement, 2, nowMs);
            ok = sqlite3_step(statement) == SQLITE_DONE;
            sqlite3_reset(statement);
        }
        sqlite3_finalize(statement);
        return ok;
    };
    const bool ok = run("UPDATE events SET points = points + 1 WHERE id = ?1 AND ?2 > 0", events, 1)
        && run("UPDATE leads SET score = score + 1 WHERE id = ?1 AND ?2 > 0", leads, 1)
        && run("INSERT INTO stage_history (lead_id, from_stage, to_stage, at, cause, reason, actor)"
               " SELECT id, stage, CASE stage WHEN 'Cold' THEN 'MQL' ELSE 'Cold' END, ?2, 'rescore', 'bench', ''"
               " FROM leads WHERE id = ?1",
               history, 2);
    sqlite3_exec(db, "ROLLBACK", nullptr, nullptr, nullptr);
    if (!ok)
        return std::nullopt;
    return msSince(timer);
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.addHelpOption();
    const QCommandLineOption leadsOption(u"leads"_s, u"leads to generate"_s, u"N"_s, u"20000"_s);
    const QCommandLineOption eventsOption(u"events"_s, u"events to generate"_s, u"N"_s, u"100000"_s);
    const QCommandLineOption seedOption(u"seed"_s, u"generator seed"_s, u"N"_s, u"7"_s);
    const QCommandLineOption dbOption(u"db"_s, u"copy this database and work on the copy"_s, u"FILE"_s);
    const QCommandLineOption noUndoOption(u"no-undo"_s, u"skip timing the undo"_s);
    parser.addOptions({leadsOption, eventsOption, seedOption, dbOption, noUndoOption});
    parser.process(app);

    QTemporaryDir dir(QDir::tempPath() + u"/bench-rules-apply-XXXXXX"_s);
    const QString path = dir.filePath(u"apply.sqlite"_s);
    QElapsedTimer timer;
    timer.start();
    if (parser.isSet(dbOption)) {
        if (!QFile::copy(parser.value(dbOption), path)) {
            print(u"cannot copy %1"_s.arg(parser.value(dbOption)));
            return 2;
        }
        print(u"copied %1 in %2 ms"_s.arg(parser.value(dbOption)).arg(msSince(timer), 0, 'f', 0));
    } else {
        QString error;
        if (!LargeDatabase::create(path, parser.value(leadsOption).toInt(), parser.value(eventsOption).toLongLong(),
                                   parser.value(seedOption).toUInt(), &error)) {
            print(u"cannot create %1: %2"_s.arg(path, error));
            return 2;
        }
        print(u"generated %1 in %2 ms"_s.arg(path).arg(msSince(timer), 0, 'f', 0));
    }

    Database database;
    timer.restart();
    if (!database.open(path)) {
        print(database.lastError().message);
        return 2;
    }
    print(u"opened (and migrated) in %1 ms"_s.arg(msSince(timer), 0, 'f', 0));
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    const RuleSet current = database.activeRules();
    RulesetVersionStore store(database);

    // The apply, with a progress callback as the GUI and funnelctl pass one.
    qint64 progressCalls = 0;
    const Rescorer::Progress progress = [&](qint64, qint64) {
        ++progressCalls;
        return true;
    };
    timer.restart();
    const auto applied = store.apply(draftRules(current), u"bench"_s, u"bench"_s, RulesApplyMode::History, now, progress);
    const double applyMs = msSince(timer);
    if (!applied || !applied->rescore) {
        print(u"apply failed: %1"_s.arg(store.lastError().message));
        return 1;
    }
    printReport(u"  apply (%1 progress reports)"_s.arg(progressCalls), applyMs, *applied->rescore);

    const RescoreReport &report = *applied->rescore;
    const auto baselineMs = rawWrites(database.sqliteHandle(), report.eventsRescored, report.leadsRescored,
                                      report.stageChanges, now);
    if (!baselineMs) {
        print(u"baseline failed: %1"_s.arg(QString::fromUtf8(sqlite3_errmsg(database.sqliteHandle()))));
        return 1;
    }
    print(u"  baseline: raw UPDATE/INSERT of as many rows    %1 ms   (apply is %2x the baseline)"_s
              .arg(*baselineMs, 9, 'f', 0)
              .arg(applyMs / *baselineMs, 0, 'f', 2));

    if (!parser.isSet(noUndoOption)) {
        timer.restart();
        const auto undone = store.undoLast(u"bench"_s, now + 1000, progress);
        const double undoMs = msSince(timer);
        if (!undone || !undone->rescore) {
            print(u"undo failed: %1"_s.arg(store.lastError().message));
            return 1;
        }
        printReport(u"  undo (restore and re-score)"_s, undoMs, *undone->rescore);
    }
    return 0;
}
