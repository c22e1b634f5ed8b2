// End-to-end latency of a campaign webhook: an event is ingested (its own connection and thread, as
// `funnelctl ingest` or the import dialog would), the CampaignRunner notices the commit, enrolls the
// lead, runs the webhook step and sends it; a receiver on 127.0.0.1 in its own thread takes the time.
// Reports p50/p90/p99/max of "ingest committed -> request received".
#include "core/campaigns/campaign.h"
#include "core/scheduler/campaignrunner.h"
#include "core/scheduler/campaignstore.h"
#include "core/storage/database.h"
#include "core/storage/ingestpipeline.h"
#include "tests/webhooks/testreceiver.h"

#include <QBuffer>
#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDateTime>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTextStream>
#include <QThread>
#include <QTimer>

#include <algorithm>
#include <mutex>

using namespace funnel;
using namespace Qt::StringLiterals;

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.addHelpOption();
    const QCommandLineOption countOption(u"events"_s, u"Number of events, one at a time."_s, u"n"_s, u"200"_s);
    const QCommandLineOption gapOption(u"gap-ms"_s, u"Pause between two events."_s, u"ms"_s, u"20"_s);
    const QCommandLineOption watchOption(u"watch-ms"_s, u"CampaignRunner watch interval."_s, u"ms"_s, u"100"_s);
    const QCommandLineOption pollOption(u"poll-ms"_s, u"CampaignRunner poll interval."_s, u"ms"_s, u"1000"_s);
    parser.addOptions({countOption, gapOption, watchOption, pollOption});
    parser.process(app);
    const int count = parser.value(countOption).toInt();
    QTextStream out(stdout);

    // Receiver thread: the time each request arrived, by the event's sequence number.
    QThread receiverThread;
    receiverThread.start();
    QObject receiverContext;
    receiverContext.moveToThread(&receiverThread);
    TestReceiver *receiver = nullptr;
    QString url;
    std::mutex mutex;
    QHash<int, qint64> receivedAt;
    QMetaObject::invokeMethod(&receiverContext, [&] {
        receiver = new TestReceiver;
        receiver->listen();
        receiver->onRequest = [&](const TestReceiver::Request &request) {
            const int seq = QJsonDocument::fromJson(request.body).object().value(u"seq"_s).toInt();
            const std::lock_guard lock(mutex);
            receivedAt.insert(seq, request.atMs);
        };
        url = receiver->url();
    }, Qt::BlockingQueuedConnection);

    QTemporaryDir dir;
    const QString path = dir.filePath(u"bench.sqlite"_s);
    Database db;
    if (!db.open(path)) {
        out << db.lastError().message << Qt::endl;
        return 1;
    }
    Campaign campaign;
    campaign.name = u"LATENCY"_s;
    campaign.enabled = true;
    campaign.trigger.kind = CampaignTrigger::Kind::Event;
    campaign.trigger.eventType = u"BENCH_PING"_s;
    campaign.reEnrollment.kind = ReEnrollmentPolicy::Kind::EveryTime;
    CampaignStep step;
    step.id = u"ping"_s;
    step.kind = CampaignStep::Kind::Webhook;
    step.webhook.url = url;
    step.webhook.bodyTemplate = u"{\"seq\": {{event.metadata.seq}}, \"lead\": \"{{lead.email}}\"}"_s;
    campaign.steps = {step};
    QStringList problems;
    if (!CampaignStore(db).save(campaign, QDateTime::currentMSecsSinceEpoch(), &problems) || !problems.isEmpty()) {
        out << "campaign refused: " << problems.join(u"; "_s) << Qt::endl;
        return 1;
    }

    // Ingest thread: one event per commit, the commit time by sequence number.
    QHash<int, qint64> committedAt;
    QThread ingestThread;
    QObject ingestContext;
    ingestContext.moveToThread(&ingestThread);
    ingestThread.start();
    const int gapMs = parser.value(gapOption).toInt();
    QMetaObject::invokeMethod(&ingestContext, [&] {
        Database writer;
        if (!writer.open(path))
            return;
        IngestPipeline pipeline(writer, writer.activeRules());
        pipeline.setBatchSize(1);
        for (int i = 1; i <= count; ++i) {
            const qint64 now = QDateTime::currentMSecsSinceEpoch();
            const QByteArray line = QJsonDocument(QJsonObject{
                                                      {u"eventId"_s, u"ping-%1"_s.arg(i)},
                                                      {u"userId"_s, u"u-%1"_s.arg(i % 50)},
                                                      {u"eventType"_s, u"BENCH_PING"_s},
                                                      {u"timestamp"_s, QDateTime::fromMSecsSinceEpoch(now, Qt::UTC).toString(Qt::ISODateWithMs)},
                                                      {u"metadata"_s, QJsonObject{{u"seq"_s, i}}},
                                                  })
                                        .toJson(QJsonDocument::Compact)
                + '\n';
            QBuffer buffer;
            buffer.setData(line);
            buffer.open(QIODevice::ReadOnly);
            pipeline.ingest(buffer);
            {
                const std::lock_guard lock(mutex);
                committedAt.insert(i, QDateTime::currentMSecsSinceEpoch());
            }
            QThread::msleep(gapMs);
        }
    }, Qt::QueuedConnection);

    CampaignRunner::Options options;
    options.watchIntervalMs = parser.value(watchOption).toInt();
    options.pollIntervalMs = parser.value(pollOption).toInt();
    CampaignRunner runner(db, options);
    QTimer done;
    QObject::connect(&done, &QTimer::timeout, &app, [&] {
        const std::lock_guard lock(mutex);
        if (receivedAt.size() >= count)
            app.quit();
    });
    done.start(10);
    QTimer::singleShot(std::max(60000, count * (gapMs + 50) * 3), &app, &QCoreApplication::quit);
    runner.start();
    app.exec();
    runner.stop();
    ingestThread.quit();
    ingestThread.wait();

    QList<qint64> latencies;
    for (auto it = receivedAt.cbegin(); it != receivedAt.cend(); ++it) {
        if (committedAt.contains(it.key()))
            latencies.append(it.value() - committedAt.value(it.key()));
    }
    std::sort(latencies.begin(), latencies.end());
    const auto percentile = [&](double p) {
        return latencies.isEmpty() ? qint64(-1) : latencies.at(std::min<qsizetype>(latencies.size() - 1, qsizetype(p * double(latencies.size()))));
    };
    out << "events " << count << ", received " << latencies.size() << " (watch " << options.watchIntervalMs
        << " ms, poll " << options.pollIntervalMs << " ms): ingest committed -> webhook received p50 "
        << percentile(0.50) << " ms, p90 " << percentile(0.90) << " ms, p99 " << percentile(0.99) << " ms, max "
        << (latencies.isEmpty() ? -1 : latencies.last()) << " ms" << Qt::endl;

    QMetaObject::invokeMethod(&receiverContext, [&] { delete receiver; }, Qt::BlockingQueuedConnection);
    receiverThread.quit();
    receiverThread.wait();
    return latencies.size() == count ? 0 : 1;
}
