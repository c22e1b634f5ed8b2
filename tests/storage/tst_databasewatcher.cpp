#include "core/storage/database.h"
#include "core/storage/databasewatcher.h"

#include <QSignalSpy>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

using namespace funnel;
using namespace Qt::StringLiterals;

class TestDatabaseWatcher : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void noticesCommitsOfOtherConnections();
    void refusesAnUnreadableFile();
};

void TestDatabaseWatcher::noticesCommitsOfOtherConnections()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(u"watched.sqlite"_s);
    Database writer;
    QVERIFY(writer.open(path));

    DatabaseWatcher watcher;
    QSignalSpy changed(&watcher, &DatabaseWatcher::changed);
    QVERIFY(watcher.watch(path, 20));
    QTest::qWait(100);
    QCOMPARE(changed.count(), 0); // nothing happened, nothing said

    QVERIFY(writer.setSettingValue(u"probe"_s, u"1"_s));
    QTRY_COMPARE(changed.count(), 1);
    QVERIFY(writer.setSettingValue(u"probe"_s, u"2"_s));
    QTRY_COMPARE(changed.count(), 2);

    watcher.stop();
    QVERIFY(writer.setSettingValue(u"probe"_s, u"3"_s));
    QTest::qWait(100);
    QCOMPARE(changed.count(), 2);
}

void TestDatabaseWatcher::refusesAnUnreadableFile()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(u"garbage.sqlite"_s);
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(QByteArray(4096, 'z'));
    file.close();
    DatabaseWatcher watcher;
    QVERIFY(!watcher.watch(path));
}

QTEST_GUILESS_MAIN(TestDatabaseWatcher)
#include "tst_databasewatcher.moc"
