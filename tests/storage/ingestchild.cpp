// Test-only: ingests a JSONL file into a database, so that tst_ingestcrash can kill a real process
// in the middle of it. Usage: ingest_child <database> <events.jsonl> <batch size>

#include "core/storage/database.h"
#include "core/storage/ingestpipeline.h"

#include <QCoreApplication>
#include <QFile>

#include <cstdio>

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const QStringList args = app.arguments();
    if (args.size() != 4) {
        std::fprintf(stderr, "usage: ingest_child <database> <events.jsonl> <batch size>\n");
        return 2;
    }
    funnel::Database database;
    if (!database.open(args.at(1))) {
        std::fprintf(stderr, "%s\n", qPrintable(database.lastError().message));
        return 1;
    }
    QFile input(args.at(2));
    if (!input.open(QIODevice::ReadOnly)) {
        std::fprintf(stderr, "%s\n", qPrintable(input.errorString()));
        return 1;
    }
    funnel::IngestPipeline pipeline(database, database.activeRules());
    pipeline.setBatchSize(args.at(3).toInt());
    const funnel::IngestReport report = pipeline.ingest(input);
    std::printf("lines %lld stored %lld duplicates %lld leads %lld errors %lld\n", report.linesRead,
                report.eventsStored, report.duplicatesSkipped, report.leadsCreated, report.errorCount);
    if (!report.succeeded()) {
        std::fprintf(stderr, "%s\n", qPrintable(report.failure));
        return 1;
    }
    return 0;
}
