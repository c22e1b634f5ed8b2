#include "core/storage/database.h"
#include "core/storage/importjob.h"

#include <QFile>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

using namespace funnel;
using namespace Qt::StringLiterals;

namespace {

bool writeFile(const QString &path, const QByteArray &data)
{
    QFile file(path);
    return file.open(QIODevice::WriteOnly) && file.write(data) == data.size();
}

qint64 scalar(const QString &dbPath, const QString &sql)
{
    Database database;
    if (!database.open(dbPath))
        return -1;
    QSqlQuery query(database.connection());
    return query.exec(sql) && query.next() ? query.value(0).toLongLong() : -1;
}

} // namespace

class TestImportJob : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void reportsRejectedLinesByNumber_data();
    void reportsRejectedLinesByNumber();
    void cancelStopsEarlyAndKeepsCommittedBatches_data();
    void cancelStopsEarlyAndKeepsCommittedBatches();

private:
    std::unique_ptr<QTemporaryDir> m_dir;
    QString m_db;
};

void TestImportJob::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    m_db = m_dir->filePath(u"import.sqlite"_s);
    Database database;
    QVERIFY(database.open(m_db));
}

void TestImportJob::reportsRejectedLinesByNumber_data()
{
    QTest::addColumn<int>("kind");
    QTest::addColumn<QByteArray>("content");
    QTest::addColumn<QList<qint64>>("badLines");
    QTest::addColumn<QString>("countSql");
    QTest::addColumn<qint64>("goodRows");

    QTest::addRow("leads csv") << int(ImportJob::Kind::Leads)
                               << QByteArray("email,name,stage,score\n"
                                             "ada@acme.io,Ada,Cold,10\n"
                                             "not-an-email,Bob,Cold,5\n"
                                             "cy@acme.io,Cy,Hot,5\n"
                                             "di@acme.io,Di,MQL,45\n"
                                             "ed@acme.io,Ed,Cold,lots\n")
                               << QList<qint64>{3, 4, 6} << u"SELECT count(*) FROM leads"_s << qint64(2);
    QTest::addRow("events jsonl") << int(ImportJob::Kind::Events)
                                  << QByteArray("{\"userId\":\"u-1\",\"eventType\":\"VIEWED_PRICING\"}\n"
                                                "{not json\n"
                                                "{\"userId\":\"u-2\",\"eventType\":\"REQUESTED_DEMO\"}\n"
                                                "{\"userId\":\"u-3\"}\n")
                                  << QList<qint64>{2, 4} << u"SELECT count(*) FROM events"_s << qint64(2);
}

void TestImportJob::reportsRejectedLinesByNumber()
{
    QFETCH(int, kind);
    QFETCH(QByteArray, content);
    QFETCH(QList<qint64>, badLines);
    QFETCH(QString, countSql);
    QFETCH(qint64, goodRows);
    const QString file = m_dir->filePath(u"input"_s);
    QVERIFY(writeFile(file, content));

    ImportJob job(ImportJob::Kind(kind), file, m_db);
    qint64 lastProgress = 0;
    job.setProgressCallback([&](qint64 read, qint64 total) {
        QVERIFY(read <= total);
        lastProgress = read;
    });
    const ImportJobResult result = job.run();
    QVERIFY2(result.failure.isEmpty(), qPrintable(result.failure));
    QVERIFY(!result.cancelled);
    QList<qint64> lines;
    for (const ImportJobResult::Rejected &rejected : result.rejected) {
        lines.append(rejected.line);
        QVERIFY(!rejected.message.isEmpty());
    }
    QCOMPARE(lines, badLines);
    QCOMPARE(result.rejectedCount, badLines.size());
    QCOMPARE(scalar(m_db, countSql), goodRows);
    QCOMPARE(lastProgress, qint64(content.size()));
    QVERIFY(result.anythingChanged());
}

void TestImportJob::cancelStopsEarlyAndKeepsCommittedBatches_data()
{
    QTest::addColumn<int>("kind");
    QTest::addRow("leads csv") << int(ImportJob::Kind::Leads);
    QTest::addRow("events jsonl") << int(ImportJob::Kind::Events);
}

void TestImportJob::cancelStopsEarlyAndKeepsCommittedBatches()
{
    QFETCH(int, kind);
    constexpr int rows = 50000;
    QByteArray content = kind == int(ImportJob::Kind::Leads) ? QByteArray("email,name\n") : QByteArray();
    for (int i = 0; i < rows; ++i) {
        content += kind == int(ImportJob::Kind::Leads)
            ? u"lead%1@example.com,Lead Number %1\n"_s.arg(i).toUtf8()
            : u"{\"eventId\":\"e%1\",\"userId\":\"u-%2\",\"eventType\":\"VIEWED_PRICING\"}\n"_s.arg(i).arg(i % 500).toUtf8();
    }
    const QString file = m_dir->filePath(u"large"_s);
    QVERIFY(writeFile(file, content));

    ImportJob job(ImportJob::Kind(kind), file, m_db);
    job.setBatchSize(1000);
    // Cancel as soon as the job reports its first progress: it must stop at the next boundary.
    job.setProgressCallback([&](qint64 read, qint64) {
        if (read > 0)
            job.cancel();
    });
    const ImportJobResult result = job.run();
    QVERIFY(result.cancelled);
    QVERIFY(result.failure.isEmpty());
    QVERIFY(result.bytesRead < content.size());
    const qint64 stored = kind == int(ImportJob::Kind::Leads) ? scalar(m_db, u"SELECT count(*) FROM leads"_s)
                                                              : scalar(m_db, u"SELECT count(*) FROM events"_s);
    QVERIFY2(stored > 0 && stored < rows, qPrintable(QString::number(stored)));
    QCOMPARE(stored, kind == int(ImportJob::Kind::Leads) ? result.created : result.events);
    QCOMPARE(result.rejectedCount, 0); // a cancel never cuts a row in half
}

QTEST_GUILESS_MAIN(TestImportJob)
#include "tst_importjob.moc"
