// Signed deliveries per second: N due deliveries in the outbox, a receiver on 127.0.0.1 in its own
// thread, one dispatcher draining the outbox (claim, sign, send, record) until every row succeeded.
#include "core/storage/database.h"
#include "core/storage/outboxstore.h"
#include "core/storage/transaction.h"
#include "core/webhooks/webhookdispatcher.h"
#include "core/webhooks/webhooksigner.h"
#include "tests/webhooks/testreceiver.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QTemporaryDir>
#include <QTextStream>
#include <QThread>

using namespace funnel;
using namespace Qt::StringLiterals;

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.addHelpOption();
    const QCommandLineOption countOption(u"deliveries"_s, u"Number of due deliveries."_s, u"n"_s, u"10000"_s);
    const QCommandLineOption perHostOption(u"per-host"_s, u"Connections per host."_s, u"n"_s, u"6"_s);
    parser.addOptions({countOption, perHostOption});
    parser.process(app);
    const int count = parser.value(countOption).toInt();
    QTextStream out(stdout);

    QThread receiverThread;
    receiverThread.start();
    QObject receiverContext;
    receiverContext.moveToThread(&receiverThread);
    TestReceiver *receiver = nullptr;
    QString url;
    QMetaObject::invokeMethod(&receiverContext, [&] {
        receiver = new TestReceiver;
        receiver->listen();
        url = receiver->url();
    }, Qt::BlockingQueuedConnection);

    QTemporaryDir dir;
    Database db;
    if (!db.open(dir.filePath(u"bench.sqlite"_s))) {
        out << db.lastError().message << Qt::endl;
        return 1;
    }
    OutboxStore store(db);
    QElapsedTimer timer;
    timer.start();
    {
        Transaction transaction(db);
        const qint64 now = QDateTime::currentMSecsSinceEpoch();
        store.ensureEndpoint(url, WebhookSigner::generateSecret(), now);
        OutboxMessage message;
        message.url = url;
        message.campaign = u"BENCH"_s;
        for (int i = 0; i < count; ++i) {
            message.body = QByteArray(R"({"type":"funnelboard.campaign.step","lead":{"email":"lead)")
                + QByteArray::number(i) + R"(@example.com","score":42}})";
            message.leadId = i + 1;
            if (!store.enqueue(message, now)) {
                out << store.lastError().message << Qt::endl;
                return 1;
            }
        }
        transaction.commit();
    }
    out << "enqueued " << count << " deliveries in " << timer.elapsed() << " ms" << Qt::endl;

    WebhookDispatcher::Options options;
    options.maximumPerHost = parser.value(perHostOption).toInt();
    options.maximumInFlight = options.maximumPerHost * 4;
    options.claimBatch = 500;
    WebhookDispatcher dispatcher(db, options);
    qint64 succeeded = 0;
    qint64 failed = 0;
    QObject::connect(&dispatcher, &WebhookDispatcher::attemptFinished, &app,
                     [&](qint64, DeliveryStatus status, int) {
                         (status == DeliveryStatus::Succeeded ? succeeded : failed) += 1;
                         if (succeeded + failed == count)
                             app.quit();
                     });
    timer.restart();
    dispatcher.start();
    app.exec();
    const qint64 elapsed = std::max<qint64>(1, timer.elapsed());
    const qint64 stored = store.count(DeliveryStatus::Succeeded);
    out << "delivered " << succeeded << " (failed attempts " << failed << ", stored as succeeded " << stored
        << ") in " << elapsed << " ms: " << qint64(double(succeeded) * 1000.0 / double(elapsed))
        << " signed deliveries/s" << Qt::endl;

    QMetaObject::invokeMethod(&receiverContext, [&] { delete receiver; }, Qt::BlockingQueuedConnection);
    receiverThread.quit();
    receiverThread.wait();
    return stored == count ? 0 : 1;
}
