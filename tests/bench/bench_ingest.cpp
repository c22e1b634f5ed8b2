// Ingest benchmark (DESIGN.md, "Scale": ingest runs close to what raw SQLite inserts of the same rows
// reach). Generates N events for M users as JSONL, then times
//   (a) IngestPipeline, file to committed rows, into a fresh database, and
//   (b) the baseline: the same N event rows inserted into a fresh database with the same schema and
//       pragmas through the raw sqlite3 API, one prepared statement, one transaction.
// Target: (a) >= 0.5 x (b) in rows per second (elapsed time), peak RSS < 500 MB.
//
// Full size: cmake --build <build> --target bench   (or: bench_ingest --events 1000000 --users 100000)

#include "core/storage/database.h"
#include "core/storage/ingestpipeline.h"
#include "core/storage/leadmovestore.h"
#include "tests/storage/syntheticevents.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDateTime>
#include <QElapsedTimer>
#include <QFile>
#include <QSqlDriver>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QThread>

#include <sqlite3.h>
#include <sys/resource.h>

#include <algorithm>
#include <atomic>
#include <cstdio>
#include <memory>
#include <vector>

using namespace funnel;
using namespace Qt::StringLiterals;

namespace {

// Peak resident memory since the start, or since the last resetPeakRss(): VmHWM in /proc/self/status.
double peakRssMiB()
{
    QFile status(u"/proc/self/status"_s);
    if (status.open(QIODevice::ReadOnly)) {
        for (const QByteArray &line : status.readAll().split('\n')) {
            if (line.startsWith("VmHWM:"))
                return line.mid(6).trimmed().split(' ').value(0).toDouble() / 1024.0; // in kB
        }
    }
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    return double(usage.ru_maxrss) / 1024.0; // ru_maxrss is in KiB on Linux
}

// Makes the peak start again from what is resident now, so that the ingest's peak is not the JSONL
// generator's (Linux: "5" to clear_refs resets VmHWM). False where that is not possible.
bool resetPeakRss()
{
    QFile clearRefs(u"/proc/self/clear_refs"_s);
    return clearRefs.open(QIODevice::WriteOnly) && clearRefs.write("5") == 1;
}

// CPU seconds of this process (user + system): steadier than wall time on a shared machine.
double cpuSeconds(bool systemOnly = false)
{
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    auto seconds = [](const timeval &t) { return double(t.tv_sec) + double(t.tv_usec) / 1e6; };
    return (systemOnly ? 0.0 : seconds(usage.ru_utime)) + seconds(usage.ru_stime);
}

// Bytes this process wrote through write() and friends (page cache included), from /proc/self/io.
qint64 bytesWritten()
{
    QFile io(u"/proc/self/io"_s);
    if (!io.open(QIODevice::ReadOnly))
        return 0;
    for (const QByteArray &line : io.readAll().split('\n')) {
        if (line.startsWith("wchar: "))
            return line.mid(7).toLongLong();
    }
    return 0;
}

sqlite3 *sqliteHandle(const Database &db)
{
    const QVariant handle = db.connection().driver()->handle();
    if (qstrcmp(handle.typeName(), "sqlite3*") != 0)
        return nullptr;
    return *static_cast<sqlite3 *const *>(handle.constData());
}

// The baseline's rows, generated before the clock starts so that it times SQLite alone.
struct BaselineRows {
    struct Row {
        qint64 leadId;
        qint64 occurredAt;
        int points;
        const char *type;
        qsizetype uid;      // offset into text
        qsizetype uidSize;
        qsizetype metadata; // offset into text; metadataSize 0 means NULL
        qsizetype metadataSize;
    };
    std::vector<Row> rows;
    QByteArray text;
};

BaselineRows baselineRows(const testing::SyntheticOptions &options, const RuleSet &rules)
{
    BaselineRows out;
    out.rows.reserve(size_t(options.events));
    out.text.reserve(options.events * 64);
    testing::SyntheticEventGenerator generator(options);
    testing::SyntheticEvent event;
    while (generator.next(&event)) {
        const Rule *rule = rules.ruleFor(QString::fromLatin1(event.type));
        BaselineRows::Row row{qint64(event.user) + 1, event.atMs, rule ? rule->points : 0, event.type,
                              out.text.size(), event.eventId.size(), 0, 0};
        out.text += event.eventId;
        row.metadata = out.text.size();
        row.metadataSize = event.metadata.size();
        out.text += event.metadata;
        out.rows.push_back(row);
    }
    return out;
}

bool check(int rc, sqlite3 *db, const char *what)
{
    if (rc == SQLITE_OK || rc == SQLITE_DONE)
        return true;
    std::fprintf(stderr, "%s: %s\n", what, sqlite3_errmsg(db));
    return false;
}

// (b): raw sqlite3, one prepared statement, one transaction. Returns seconds, or -1 on error.
double runBaseline(const QString &path, const testing::SyntheticOptions &options, const BaselineRows &data,
                   double *cpu, qint64 *written)
{
    Database database; // the same schema and pragmas as (a)
    if (!database.open(path)) {
        std::fprintf(stderr, "%s\n", qPrintable(database.lastError().message));
        return -1;
    }
    sqlite3 *db = sqliteHandle(database);
    if (!db)
        return -1;

    // Leads first (untimed): events.lead_id is a foreign key.
    if (!check(sqlite3_exec(db, "BEGIN", nullptr, nullptr, nullptr), db, "begin"))
        return -1;
    sqlite3_stmt *lead = nullptr;
    sqlite3_prepare_v2(db, "INSERT INTO leads (id, external_id, created_at, stage_entered_at) VALUES (?1, ?2, 0, 0)",
                       -1, &lead, nullptr);
    for (int user = 0; user < options.users; ++user) {
        const QByteArray externalId = "u-" + QByteArray::number(user);
        sqlite3_bind_int64(lead, 1, user + 1);
        sqlite3_bind_text(lead, 2, externalId.constData(), int(externalId.size()), SQLITE_STATIC);
        if (!check(sqlite3_step(lead), db, "lead"))
            return -1;
        sqlite3_reset(lead);
    }
    sqlite3_finalize(lead);
    if (!check(sqlite3_exec(db, "COMMIT", nullptr, nullptr, nullptr), db, "commit"))
        return -1;

    QElapsedTimer timer;
    timer.start();
    const double cpuStart = cpuSeconds();
    const qint64 writtenStart = bytesWritten();
    sqlite3_stmt *insert = nullptr;
    sqlite3_prepare_v2(db, "INSERT INTO events (event_uid, lead_id, type, occurred_at, received_at, points, metadata) "
                           "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
                       -1, &insert, nullptr);
    if (!check(sqlite3_exec(db, "BEGIN", nullptr, nullptr, nullptr), db, "begin"))
        return -1;
    const char *text = data.text.constData();
    for (const BaselineRows::Row &row : data.rows) {
        sqlite3_bind_text(insert, 1, text + row.uid, int(row.uidSize), SQLITE_STATIC);
        sqlite3_bind_int64(insert, 2, row.leadId);
        sqlite3_bind_text(insert, 3, row.type, -1, SQLITE_STATIC);
        sqlite3_bind_int64(insert, 4, row.occurredAt);
        sqlite3_bind_int64(insert, 5, QDateTime::currentMSecsSinceEpoch());
        sqlite3_bind_int(insert, 6, row.points);
        if (row.metadataSize > 0)
            sqlite3_bind_text(insert, 7, text + row.metadata, int(row.metadataSize), SQLITE_STATIC);
        else
            sqlite3_bind_null(insert, 7);
        if (!check(sqlite3_step(insert), db, "insert"))
            return -1;
        sqlite3_reset(insert);
    }
    sqlite3_finalize(insert);
    if (!check(sqlite3_exec(db, "COMMIT", nullptr, nullptr, nullptr), db, "commit"))
        return -1;
    *cpu = cpuSeconds() - cpuStart;
    *written = bytesWritten() - writtenStart;
    return double(timer.nsecsElapsed()) / 1e9;
}

// (c), on request: a rep moves a lead to Lost every `intervalMs`, from a connection of its own, while
// the same file is ingested into a fresh database; how long each move waited for the write lock, and
// what the moves cost the ingest (each makes the batches decided ahead of it be decided again).
int runWithRepMoves(const QString &path, const QString &jsonlPath, int intervalMs)
{
    Database database;
    QFile input(jsonlPath);
    if (!database.open(path) || !input.open(QIODevice::ReadOnly))
        return 1;
    std::atomic<bool> ingesting{true};
    std::vector<double> waitsMs;
    QStringList failures;
    std::unique_ptr<QThread> rep(QThread::create([&] {
        Database connection;
        if (!connection.open(path)) {
            failures.append(connection.lastError().message);
            return;
        }
        LeadMoveStore moves(connection);
        while (ingesting.load()) {
            QThread::msleep(ulong(intervalMs));
            QSqlQuery pick(connection.connection());
            if (!pick.exec(u"SELECT id FROM leads WHERE stage IN ('Cold', 'MQL', 'SQL') AND id >= abs(random()) % "
                           "(SELECT max(id) + 1 FROM leads) ORDER BY id LIMIT 1"_s)
                || !pick.next())
                continue;
            const qint64 lead = pick.value(0).toLongLong();
            pick.finish();
            QElapsedTimer waited;
            waited.start();
            const LeadMoveStore::MoveOutcome outcome =
                moves.move(lead, Stage::Lost, u"no budget"_s, u"bench"_s, QDateTime::currentMSecsSinceEpoch());
            if (outcome.result.error.isError())
                failures.append(outcome.result.error.message);
            else if (outcome.record)
                waitsMs.push_back(double(waited.nsecsElapsed()) / 1e6);
        }
    }));
    rep->start();
    QElapsedTimer timer;
    timer.start();
    const IngestReport report = IngestPipeline(database, RuleSet::defaults()).ingest(input);
    const double seconds = double(timer.nsecsElapsed()) / 1e9;
    ingesting = false;
    rep->wait();
    if (!report.succeeded()) {
        std::fprintf(stderr, "ingest with rep moves failed: %s\n", qPrintable(report.failure));
        return 1;
    }
    std::sort(waitsMs.begin(), waitsMs.end());
    auto at = [&waitsMs](double share) { return waitsMs.empty() ? 0.0 : waitsMs[size_t(share * double(waitsMs.size() - 1))]; };
    std::printf("ingest with a rep's move every %d ms: %.2f s; %zu moves, %lld failed; a move took %.1f ms median,"
                " %.1f ms at the 90th percentile, %.1f ms at most\n",
                intervalMs, seconds, waitsMs.size(), qint64(failures.size()), at(0.5), at(0.9), at(1.0));
    for (const QString &failure : std::as_const(failures))
        std::fprintf(stderr, "move failed: %s\n", qPrintable(failure));
    return failures.isEmpty() ? 0 : 1;
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.setApplicationDescription(u"Times IngestPipeline against raw SQLite inserts of the same event rows."_s);
    parser.addHelpOption();
    const QCommandLineOption eventsOption(u"events"_s, u"Number of events (default 1000000)."_s, u"n"_s, u"1000000"_s);
    const QCommandLineOption usersOption(u"users"_s, u"Number of users (default 100000)."_s, u"n"_s, u"100000"_s);
    const QCommandLineOption batchOption(u"batch"_s, u"Most lines per ingest batch (default %1)."_s.arg(IngestPipeline::defaultBatchSize), u"n"_s,
                                         QString::number(IngestPipeline::defaultBatchSize));
    const QCommandLineOption batchMillisOption(
        u"batch-ms"_s, u"Most milliseconds a batch holds the write lock (default %1)."_s.arg(IngestPipeline::defaultMaxBatchMillis),
        u"ms"_s, QString::number(IngestPipeline::defaultMaxBatchMillis));
    const QCommandLineOption dirOption(u"dir"_s, u"Work in this directory instead of a temporary one."_s, u"path"_s);
    const QCommandLineOption requireOption(u"require-targets"_s, u"Exit with 1 when a target is missed."_s);
    const QCommandLineOption uniformOption(
        u"uniform"_s, u"A random user for every event (worst case for batching) instead of visits."_s);
    const QCommandLineOption skipBaselineOption(u"skip-baseline"_s, u"Time the pipeline only (for profiling)."_s);
    const QCommandLineOption repMovesOption(
        u"rep-moves"_s, u"Then ingest the file again while a rep moves a lead every ms milliseconds: how long moves wait."_s,
        u"ms"_s);
    parser.addOptions({eventsOption, usersOption, batchOption, batchMillisOption, dirOption, requireOption, uniformOption,
                       skipBaselineOption, repMovesOption});
    parser.process(app);

    testing::SyntheticOptions options;
    options.events = parser.value(eventsOption).toLongLong();
    options.users = parser.value(usersOption).toInt();
    options.traffic = parser.isSet(uniformOption) ? testing::Traffic::Uniform : testing::Traffic::Visits;
    if (options.events <= 0 || options.users <= 0) {
        std::fprintf(stderr, "--events and --users must be positive\n");
        return 2;
    }

    QTemporaryDir temporary;
    const QString dir = parser.isSet(dirOption) ? parser.value(dirOption) : temporary.path();
    const QString jsonlPath = dir + u"/events.jsonl"_s;
    const QString ingestDb = dir + u"/ingest.db"_s;
    const QString baselineDb = dir + u"/baseline.db"_s;
    const QString movesDb = dir + u"/moves.db"_s;
    for (const QString &path : {ingestDb, baselineDb, movesDb}) {
        for (const QString &suffix : {QString(), u"-wal"_s, u"-shm"_s})
            QFile::remove(path + suffix);
    }

    QElapsedTimer timer;
    timer.start();
    {
        QFile file(jsonlPath);
        if (!file.open(QIODevice::WriteOnly)) {
            std::fprintf(stderr, "%s\n", qPrintable(file.errorString()));
            return 1;
        }
        testing::SyntheticEventGenerator::writeJsonl(options, file);
    }
    std::printf("generated %lld events for %d users, %s traffic (%.1f MB JSONL) in %.2f s\n", options.events,
                options.users, parser.isSet(uniformOption) ? "uniform" : "visits",
                double(QFile(jsonlPath).size()) / 1e6, double(timer.elapsed()) / 1000.0);

    // (a) the pipeline
    const double generatorRssMiB = peakRssMiB();
    const bool peakReset = resetPeakRss();
    double ingestSeconds = 0;
    double ingestCpu = 0;
    qint64 ingestWritten = 0;
    double ingestSystem = 0;
    IngestReport report;
    {
        Database database;
        if (!database.open(ingestDb)) {
            std::fprintf(stderr, "%s\n", qPrintable(database.lastError().message));
            return 1;
        }
        QFile input(jsonlPath);
        if (!input.open(QIODevice::ReadOnly))
            return 1;
        IngestPipeline pipeline(database, RuleSet::defaults());
        pipeline.setBatchSize(parser.value(batchOption).toInt());
        pipeline.setMaxBatchMillis(parser.value(batchMillisOption).toInt());
        timer.restart();
        const double cpuStart = cpuSeconds();
        const double systemStart = cpuSeconds(true);
        const qint64 writtenStart = bytesWritten();
        report = pipeline.ingest(input);
        ingestSystem = cpuSeconds(true) - systemStart;
        ingestSeconds = double(timer.nsecsElapsed()) / 1e9;
        ingestCpu = cpuSeconds() - cpuStart;
        ingestWritten = bytesWritten() - writtenStart;
    }
    const double ingestRssMiB = peakRssMiB();
    if (!report.succeeded() || report.eventsStored != options.events) {
        std::fprintf(stderr, "ingest failed: %s (stored %lld of %lld, %lld errors)\n", qPrintable(report.failure),
                     report.eventsStored, options.events, report.errorCount);
        return 1;
    }
    const double ingestRate = double(report.eventsStored) / ingestSeconds;
    std::printf("ingest:   %lld events, %lld leads created, %lld stage changes in %.2f s = %.0f events/s"
                " (CPU %.2f s of which system %.2f s, %.0f MB written)\n",
                report.eventsStored, report.leadsCreated, report.stageChanges, ingestSeconds, ingestRate, ingestCpu,
                ingestSystem, double(ingestWritten) / 1e6);
    std::printf("peak RSS of the ingest: %.1f MiB (%s; the JSONL generator's peak before it: %.1f MiB)\n",
                ingestRssMiB, peakReset ? "measured from the ingest's start" : "includes the generator", generatorRssMiB);

    if (parser.isSet(skipBaselineOption))
        return 0;

    // (b) the baseline
    const BaselineRows rows = baselineRows(options, RuleSet::defaults());
    double baselineCpu = 0;
    qint64 baselineWritten = 0;
    const double baselineSeconds = runBaseline(baselineDb, options, rows, &baselineCpu, &baselineWritten);
    if (baselineSeconds < 0)
        return 1;
    const double baselineRate = double(options.events) / baselineSeconds;
    std::printf("baseline: %lld event rows, raw sqlite3, one statement, one transaction in %.2f s = %.0f rows/s"
                " (CPU %.2f s, %.0f MB written)\n",
                options.events, baselineSeconds, baselineRate, baselineCpu, double(baselineWritten) / 1e6);

    const double ratio = ingestRate / baselineRate;
    const bool rateMet = ratio >= 0.5;
    const bool memoryMet = ingestRssMiB < 500.0;
    std::printf("ratio ingest/baseline: %.2f (target >= 0.50: %s); peak RSS %.1f MiB (target < 500: %s)\n", ratio,
                rateMet ? "met" : "MISSED", ingestRssMiB, memoryMet ? "met" : "MISSED");
    // Ingest decides on one thread while it writes on another; the target is elapsed time.
    std::printf("CPU-time ratio (steadier on a busy machine; ingest's two threads add up): %.2f\n",
                baselineCpu / ingestCpu);
    std::printf("peak RSS of the whole run (incl. baseline rows): %.1f MiB\n", peakRssMiB());
    if (parser.isSet(repMovesOption) && runWithRepMoves(movesDb, jsonlPath, qMax(1, parser.value(repMovesOption).toInt())) != 0)
        return 1;
    return parser.isSet(requireOption) && !(rateMet && memoryMet) ? 1 : 0;
}
