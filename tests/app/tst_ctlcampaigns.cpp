#include "app/funnelctl/ctlapplication.h"

#include "core/campaigns/campaignjson.h"
#include "core/campaigns/defaultcampaigns.h"
#include "core/storage/database.h"
#include "core/webhooks/webhooksigner.h"
#include "tests/webhooks/testreceiver.h"

#include <QBuffer>
#include <QDateTime>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

using namespace funnel;
using namespace Qt::StringLiterals;

namespace {

struct CtlRun {
    int exitCode = -1;
    QString out;
    QString err;
};

CtlRun runCtl(const QStringList &arguments, const QByteArray &input = {})
{
    CtlRun result;
    QTextStream out(&result.out);
    QTextStream err(&result.err);
    QByteArray inputCopy = input;
    QBuffer standardInput(&inputCopy);
    standardInput.open(QIODevice::ReadOnly);
    CtlApplication ctl(out, err, standardInput);
    result.exitCode = ctl.run(QStringList{u"funnelctl"_s} + arguments);
    out.flush();
    err.flush();
    return result;
}

QString writeFile(const QTemporaryDir &dir, const QString &name, const QByteArray &content)
{
    const QString path = dir.filePath(name);
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(content) != content.size())
        qFatal("cannot write test file");
    return path;
}

qint64 scalar(const QString &dbPath, const QString &sql)
{
    Database database;
    if (!database.open(dbPath))
        return -1;
    QSqlQuery query(database.connection());
    if (!query.exec(sql) || !query.next())
        return -1;
    return query.value(0).toLongLong();
}

QByteArray rateLimitEvent(qint64 atMs, int n = 1)
{
    return QJsonDocument(QJsonObject{{u"eventId"_s, u"rl-%1"_s.arg(n)},
                                     {u"userId"_s, u"u-%1"_s.arg(41 + n)},
                                     {u"email"_s, u"ada@example.com"_s},
                                     {u"eventType"_s, u"HIT_RATE_LIMIT"_s},
                                     {u"timestamp"_s, QDateTime::fromMSecsSinceEpoch(atMs, Qt::UTC).toString(Qt::ISODate)},
                                     {u"metadata"_s, QJsonObject{{u"endpoint"_s, u"/v1/search"_s}}}})
               .toJson(QJsonDocument::Compact)
        + '\n';
}

} // namespace

class TestCtlCampaigns : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init()
    {
        m_dir = std::make_unique<QTemporaryDir>();
        QVERIFY(m_dir->isValid());
        m_db = m_dir->filePath(u"funnel.sqlite"_s);
    }

    void help_data()
    {
        QTest::addColumn<QString>("command");
        QTest::addColumn<QString>("expected");
        QTest::addRow("run") << u"run"_s << u"--until-idle"_s;
        QTest::addRow("campaigns") << u"campaigns"_s << u"enable NAME"_s;
        QTest::addRow("schedule") << u"schedule"_s << u"--count"_s;
        QTest::addRow("deliveries") << u"deliveries"_s << u"--status"_s;
        QTest::addRow("endpoints") << u"endpoints"_s << u"--lead-events"_s;
    }
    void help()
    {
        QFETCH(QString, command);
        QFETCH(QString, expected);
        const CtlRun run = runCtl({command, u"--help"_s});
        QCOMPARE(run.exitCode, 0);
        QVERIFY2(run.out.contains(expected), qPrintable(run.out));
    }

    void usageErrors_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::addRow("campaigns without action") << QStringList{u"campaigns"_s};
        QTest::addRow("enable without name") << QStringList{u"campaigns"_s, u"enable"_s};
        QTest::addRow("schedule bad count") << QStringList{u"schedule"_s, u"preview"_s, u"X"_s, u"--count"_s, u"0"_s};
        QTest::addRow("deliveries bad status") << QStringList{u"deliveries"_s, u"list"_s, u"--status"_s, u"lost"_s};
        QTest::addRow("replay without id") << QStringList{u"deliveries"_s, u"replay"_s};
        QTest::addRow("endpoints add without url") << QStringList{u"endpoints"_s, u"add"_s};
    }
    void usageErrors()
    {
        QFETCH(QStringList, arguments);
        const CtlRun run = runCtl(QStringList{u"--db"_s, m_db} + arguments);
        QCOMPARE(run.exitCode, int(CtlApplication::UsageError));
    }

    void listEnableRefusedExportImport()
    {
        const CtlRun list = runCtl({u"--db"_s, m_db, u"campaigns"_s, u"list"_s});
        QCOMPARE(list.exitCode, 0);
        QVERIFY2(list.out.contains(u"RATE_LIMIT_HELP_SEQUENCE"_s) && list.out.contains(u"event HIT_RATE_LIMIT"_s),
                 qPrintable(list.out));

        // The shipped target is a placeholder: enabling is refused with a sentence that says so.
        const CtlRun enable = runCtl({u"--db"_s, m_db, u"campaigns"_s, u"enable"_s, u"RATE_LIMIT_HELP_SEQUENCE"_s});
        QCOMPARE(enable.exitCode, int(CtlApplication::InputRejected));
        QVERIFY2(enable.err.contains(u"cannot be enabled"_s) && enable.err.contains(u"placeholder"_s), qPrintable(enable.err));
        QCOMPARE(runCtl({u"--db"_s, m_db, u"campaigns"_s, u"enable"_s, u"NO_SUCH"_s}).exitCode,
                 int(CtlApplication::InputRejected));

        const CtlRun exported = runCtl({u"--db"_s, m_db, u"campaigns"_s, u"export"_s, u"RATE_LIMIT_HELP_SEQUENCE"_s});
        QCOMPARE(exported.exitCode, 0);
        std::optional<CampaignBundle> bundle = CampaignJson::fromJson(exported.out.toUtf8());
        QVERIFY(bundle && bundle->campaigns.size() == 1);
        bundle->campaigns[0].steps[1].webhook.url = u"https://hooks.example.com/tips"_s;
        const QString file = writeFile(*m_dir, u"campaigns.json"_s, CampaignJson::toJson(*bundle));
        QCOMPARE(runCtl({u"--db"_s, m_db, u"campaigns"_s, u"import"_s, file}).exitCode, 0);
        QCOMPARE(runCtl({u"--db"_s, m_db, u"campaigns"_s, u"enable"_s, u"RATE_LIMIT_HELP_SEQUENCE"_s}).exitCode, 0);
        QCOMPARE(scalar(m_db, u"SELECT enabled FROM campaigns WHERE name = 'RATE_LIMIT_HELP_SEQUENCE'"_s), 1);
        QCOMPARE(runCtl({u"--db"_s, m_db, u"campaigns"_s, u"disable"_s, u"RATE_LIMIT_HELP_SEQUENCE"_s}).exitCode, 0);
        QCOMPARE(scalar(m_db, u"SELECT enabled FROM campaigns WHERE name = 'RATE_LIMIT_HELP_SEQUENCE'"_s), 0);
    }

    void schedulePreview()
    {
        const CtlRun run = runCtl({u"--db"_s, m_db, u"schedule"_s, u"preview"_s, u"WEEKLY_BEST_PRACTICES"_s,
                                   u"--count"_s, u"3"_s});
        QCOMPARE(run.exitCode, 0);
        const QStringList lines = run.out.split(u'\n', Qt::SkipEmptyParts);
        QCOMPARE(lines.size(), 3);
        for (const QString &line : lines) {
            const QDateTime at = QDateTime::fromString(line.section(u' ', 0, 0), Qt::ISODate);
            QVERIFY2(at.isValid() && at.date().dayOfWeek() == Qt::Monday && at.time() == QTime(9, 0), qPrintable(line));
        }
        const CtlRun notCron = runCtl({u"--db"_s, m_db, u"schedule"_s, u"preview"_s, u"RATE_LIMIT_HELP_SEQUENCE"_s});
        QCOMPARE(notCron.exitCode, int(CtlApplication::InputRejected));
    }

    void endpointsAddListsHealthAndShowsTheSecretOnce()
    {
        const CtlRun add = runCtl({u"--db"_s, m_db, u"endpoints"_s, u"add"_s, u"https://hooks.example.com/a"_s});
        QCOMPARE(add.exitCode, 0);
        const QString secret = add.out.trimmed().section(u'\n', -1);
        QVERIFY2(secret.startsWith(u"whsec_"_s) && WebhookSigner::isValidSecret(secret), qPrintable(add.out));
        const CtlRun again = runCtl({u"--db"_s, m_db, u"endpoints"_s, u"add"_s, u"https://hooks.example.com/a"_s});
        QCOMPARE(again.exitCode, int(CtlApplication::InputRejected));
        QVERIFY(!again.out.contains(secret) && !again.err.contains(secret));
        QCOMPARE(runCtl({u"--db"_s, m_db, u"endpoints"_s, u"add"_s, u"https://hooks.example.invalid/x"_s}).exitCode,
                 int(CtlApplication::InputRejected));
        const CtlRun list = runCtl({u"--db"_s, m_db, u"endpoints"_s, u"list"_s});
        QCOMPARE(list.exitCode, 0);
        QVERIFY(list.out.contains(u"https://hooks.example.com/a"_s) && list.out.contains(u"enabled"_s));
        QVERIFY(!list.out.contains(secret));
    }

    // The whole path: an event 11 minutes old, the 10-minute wait is over, one signed request; a
    // second run sends nothing again.
    void endToEndRateLimitHelp()
    {
        TestReceiver receiver;
        QVERIFY(receiver.listen());
        QCOMPARE(runCtl({u"--db"_s, m_db, u"init"_s}).exitCode, 0);
        const CtlRun add = runCtl({u"--db"_s, m_db, u"endpoints"_s, u"add"_s, receiver.url()});
        QCOMPARE(add.exitCode, 0);
        const QString secret = add.out.trimmed().section(u'\n', -1);

        Campaign campaign = DefaultCampaigns::rateLimitHelp();
        campaign.steps[1].webhook.url = receiver.url();
        campaign.enabled = true;
        const QString file = writeFile(*m_dir, u"rate.json"_s, CampaignJson::toJson({{campaign}, {}}));
        const CtlRun imported = runCtl({u"--db"_s, m_db, u"campaigns"_s, u"import"_s, file});
        QVERIFY2(imported.exitCode == 0, qPrintable(imported.err));

        const qint64 eventAt = QDateTime::currentMSecsSinceEpoch() - 11 * 60 * 1000;
        QCOMPARE(runCtl({u"--db"_s, m_db, u"ingest"_s, u"-"_s}, rateLimitEvent(eventAt)).exitCode, 0);

        const CtlRun run = runCtl({u"--db"_s, m_db, u"run"_s, u"--until-idle"_s});
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
        QCOMPARE(receiver.requests.size(), 1);
        const TestReceiver::Request &request = receiver.requests.first();
        QVERIFY(WebhookSigner::verify(*WebhookSigner::decodeSecret(secret), request.headers.value("webhook-id"),
                                      request.headers.value("webhook-timestamp"), request.body,
                                      request.headers.value("webhook-signature"), QDateTime::currentSecsSinceEpoch()));
        const QJsonObject body = QJsonDocument::fromJson(request.body).object();
        QCOMPARE(body.value(u"endpoint"_s).toString(), u"/v1/search"_s);
        QCOMPARE(scalar(m_db, u"SELECT count(*) FROM deliveries WHERE status = 'succeeded'"_s), 1);

        const CtlRun again = runCtl({u"--db"_s, m_db, u"run"_s, u"--until-idle"_s});
        QCOMPARE(again.exitCode, 0);
        QCOMPARE(receiver.requests.size(), 1);

        const CtlRun log = runCtl({u"--db"_s, m_db, u"deliveries"_s, u"list"_s, u"--status"_s, u"succeeded"_s});
        QCOMPARE(log.exitCode, 0);
        QVERIFY2(log.out.contains(u"RATE_LIMIT_HELP_SEQUENCE"_s) && log.out.contains(u" 200 "_s), qPrintable(log.out));
        QCOMPARE(runCtl({u"--db"_s, m_db, u"deliveries"_s, u"replay"_s, u"--dead"_s}).exitCode, 0);
    }

    // More deliveries than connections per host: --until-idle waits for the claimed ones too.
    void runUntilIdleSendsEveryClaimedDelivery()
    {
        TestReceiver receiver;
        receiver.defaultReply.delayMs = 20;
        QVERIFY(receiver.listen());
        Campaign campaign = DefaultCampaigns::rateLimitHelp();
        campaign.steps[1].webhook.url = receiver.url();
        campaign.enabled = true;
        const QString file = writeFile(*m_dir, u"rate.json"_s, CampaignJson::toJson({{campaign}, {}}));
        QCOMPARE(runCtl({u"--db"_s, m_db, u"campaigns"_s, u"import"_s, file}).exitCode, 0);
        QByteArray events;
        const qint64 eventAt = QDateTime::currentMSecsSinceEpoch() - 11 * 60 * 1000;
        for (int n = 1; n <= 20; ++n)
            events += rateLimitEvent(eventAt, n);
        QCOMPARE(runCtl({u"--db"_s, m_db, u"ingest"_s, u"-"_s}, events).exitCode, 0);
        const CtlRun run = runCtl({u"--db"_s, m_db, u"run"_s, u"--until-idle"_s});
        QCOMPARE(run.exitCode, 0);
        QCOMPARE(receiver.requests.size(), 20);
        QVERIFY2(run.out.contains(u"attempts succeeded 20"_s), qPrintable(run.out));
        QCOMPARE(scalar(m_db, u"SELECT count(*) FROM deliveries WHERE status = 'succeeded'"_s), 20);
    }

private:
    std::unique_ptr<QTemporaryDir> m_dir;
    QString m_db;
};

QTEST_GUILESS_MAIN(TestCtlCampaigns)
#include "tst_ctlcampaigns.moc"
