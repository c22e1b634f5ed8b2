// QueryInterrupter stops a statement that is running on another thread's connection.

#include "core/storage/database.h"
#include "core/storage/queryinterrupter.h"

#include <QElapsedTimer>
#include <QSemaphore>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

using namespace funnel;
using namespace Qt::StringLiterals;

namespace {

// Counts to a billion: minutes of work unless something stops it.
const QString endlessQuery = u"WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < 1000000000)"
                             " SELECT COUNT(*) FROM c"_s;

} // namespace

class TestQueryInterrupter : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void interruptStopsTheRunningStatement();
    void interruptBeforeAttachIsSeenAndHarmless();
    void aDetachedInterrupterTouchesNoConnection();
};

void TestQueryInterrupter::interruptStopsTheRunningStatement()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(u"i.sqlite"_s);
    const auto interrupter = QueryInterrupter::create();
    QSemaphore started;
    bool finished = false;
    QString error;
    qint64 elapsedMs = 0;
    std::unique_ptr<QThread> worker(QThread::create([&] {
        Database database;
        if (!database.open(path))
            return;
        const QueryInterrupterScope scope(interrupter.get(), database);
        QSqlQuery query(database.connection());
        QElapsedTimer timer;
        timer.start();
        started.release();
        finished = query.exec(endlessQuery) && query.next();
        error = query.lastError().text();
        elapsedMs = timer.elapsed();
    }));
    worker->start();
    QVERIFY(started.tryAcquire(1, 30000));
    QThread::msleep(200); // let the statement get going
    interrupter->interrupt();
    QVERIFY(worker->wait(30000));
    QVERIFY(!finished);
    QVERIFY2(error.contains(u"interrupt"_s, Qt::CaseInsensitive), qPrintable(error));
    QVERIFY2(elapsedMs < 20000, qPrintable(QString::number(elapsedMs)));
    QVERIFY(interrupter->isInterrupted());
}

void TestQueryInterrupter::interruptBeforeAttachIsSeenAndHarmless()
{
    QTemporaryDir dir;
    const auto interrupter = QueryInterrupter::create();
    interrupter->interrupt();
    Database database;
    QVERIFY(database.open(dir.filePath(u"j.sqlite"_s)));
    const QueryInterrupterScope scope(interrupter.get(), database);
    QVERIFY(interrupter->isInterrupted()); // what a worker checks before its next query
    QSqlQuery query(database.connection());
    QVERIFY(query.exec(u"SELECT 1"_s)); // nothing is running: the connection is not poisoned
    QVERIFY(query.next());
}

void TestQueryInterrupter::aDetachedInterrupterTouchesNoConnection()
{
    QTemporaryDir dir;
    const auto interrupter = QueryInterrupter::create();
    Database database;
    QVERIFY(database.open(dir.filePath(u"k.sqlite"_s)));
    {
        const QueryInterrupterScope scope(interrupter.get(), database);
    }
    interrupter->interrupt(); // after detach: must not reach the connection
    QSqlQuery query(database.connection());
    QVERIFY(query.exec(u"WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < 1000) SELECT COUNT(*) FROM c"_s));
    QVERIFY(query.next());
    QCOMPARE(query.value(0).toInt(), 1000);
}

QTEST_GUILESS_MAIN(TestQueryInterrupter)
#include "tst_queryinterrupter.moc"
