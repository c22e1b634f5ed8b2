#include "core/storage/demodataloader.h"

#include "core/io/demodatagenerator.h"
#include "core/storage/database.h"
#include "core/storage/ingestpipeline.h"

#include <QBuffer>
#include <QCoreApplication>
#include <QSqlError>
#include <QSqlQuery>

namespace funnel {

using namespace Qt::StringLiterals;

namespace {

constexpr qint64 dayMs = 24LL * 3600 * 1000;

} // namespace

DemoLoadReport DemoDataLoader::load(Database &database, const DemoDataSet &data, qint64 nowMs)
{
    DemoLoadReport report;
    LeadRepository leads(database);
    report.leads = leads.importRecords(data.leads, u"demo"_s);
    if (report.leads.databaseError.isError()) {
        report.failure = report.leads.databaseError.message;
        return report;
    }

    QByteArray jsonl;
    jsonl.reserve(data.events.size() * 160);
    for (const EventRecord &event : data.events) {
        jsonl += DemoDataGenerator::toJsonLine(event);
        jsonl += '\n';
    }
    QBuffer buffer(&jsonl);
    buffer.open(QIODevice::ReadOnly);
    IngestPipeline pipeline(database, database.activeRules());
    report.events = pipeline.ingest(buffer);
    if (!report.events.succeeded()) {
        report.failure = report.events.failure;
        return report;
    }

    // A rep's move happens after the lead entered its current stage; moves the table refuses (a
    // lead that was won meanwhile cannot be lost) are simply not part of the story.
    QSqlQuery lookup(database.connection());
    lookup.prepare(u"SELECT id, stage_entered_at FROM leads WHERE external_id = ?"_s);
    for (const DemoMove &move : data.moves) {
        lookup.addBindValue(move.externalId);
        if (!lookup.exec() || !lookup.next())
            continue;
        const qint64 leadId = lookup.value(0).toLongLong();
        const qint64 enteredAt = lookup.value(1).toLongLong();
        lookup.finish();
        const qint64 atMs = std::max(move.atMs, enteredAt + dayMs);
        if (atMs >= nowMs)
            continue;
        const LeadMoveResult result = leads.moveLead(leadId, move.to, MoveCause::Manual, move.reason, move.actor, atMs);
        if (result.error.isError()) {
            report.failure = result.error.message;
            return report;
        }
        if (result.moved)
            ++report.moves;
    }

    // Reps have opened everything but the SQLs of the last two days: those are the inbox.
    QSqlQuery seen(database.connection());
    seen.prepare(u"UPDATE leads SET seen_at = stage_entered_at WHERE stage <> 'SQL' OR stage_entered_at < ?"_s);
    seen.addBindValue(nowMs - 2 * dayMs);
    if (!seen.exec())
        report.failure = database.errorFor(seen.lastError()).message;
    return report;
}

} // namespace funnel
