#include "core/campaigns/defaultcampaigns.h"
#include "core/scheduler/campaignstore.h"
#include "core/storage/database.h"
#include "core/storage/ingestpipeline.h"
#include "tests/webhooks/testreceiver.h"
#include "ui/campaigns/campaignworker.h"

#include <QBuffer>
#include <QDateTime>
#include <QElapsedTimer>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSignalSpy>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

using namespace funnel;
using namespace Qt::StringLiterals;

// The desktop app's campaign worker: scheduler and sender on their own thread and connection.
class TestCampaignWorker : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void sendsWhileRunningAndStopsPromptly()
    {
        TestReceiver receiver;
        QVERIFY(receiver.listen());
        QTemporaryDir dir;
        const QString path = dir.filePath(u"worker.sqlite"_s);
        {
            Database db;
            QVERIFY(db.open(path));
            Campaign campaign = DefaultCampaigns::rateLimitHelp();
            campaign.steps[1].webhook.url = receiver.url();
            campaign.enabled = true;
            QStringList problems;
            QVERIFY(CampaignStore(db).save(campaign, QDateTime::currentMSecsSinceEpoch(), &problems));
            QVERIFY2(problems.isEmpty(), qPrintable(problems.join(u'\n')));
        }

        CampaignWorker worker;
        QSignalSpy activity(&worker, &CampaignWorker::activity);
        worker.start(path);
        QVERIFY(worker.isRunning());

        // Another connection ingests an event whose 10-minute wait is already over.
        {
            Database writer;
            QVERIFY(writer.open(path));
            IngestPipeline pipeline(writer, writer.activeRules());
            const qint64 at = QDateTime::currentMSecsSinceEpoch() - 11 * 60 * 1000;
            QBuffer buffer;
            buffer.setData(QJsonDocument(QJsonObject{{u"eventId"_s, u"w-1"_s},
                                                     {u"userId"_s, u"u-1"_s},
                                                     {u"eventType"_s, u"HIT_RATE_LIMIT"_s},
                                                     {u"timestamp"_s, QDateTime::fromMSecsSinceEpoch(at, Qt::UTC)
                                                                          .toString(Qt::ISODate)}})
                               .toJson(QJsonDocument::Compact)
                           + '\n');
            buffer.open(QIODevice::ReadOnly);
            QVERIFY(pipeline.ingest(buffer).succeeded());
        }
        QTRY_COMPARE_WITH_TIMEOUT(receiver.requests.size(), 1, 10000);
        QTRY_VERIFY(activity.count() > 0);
        QVERIFY(receiver.requests.first().headers.contains("webhook-signature"));

        QElapsedTimer stopping;
        stopping.start();
        worker.stop();
        QVERIFY(!worker.isRunning());
        QVERIFY2(stopping.elapsed() < 2000, qPrintable(QString::number(stopping.elapsed())));
        QTest::qWait(300);
        QCOMPARE(receiver.requests.size(), 1);
    }
};

QTEST_MAIN(TestCampaignWorker)
#include "tst_campaignworker.moc"
