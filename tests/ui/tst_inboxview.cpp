#include "core/storage/database.h"
#include "core/storage/ingestpipeline.h"
#include "core/storage/leadrepository.h"
#include "ui/inbox/inboxmodel.h"
#include "ui/inbox/inboxview.h"
#include "ui/inbox/sqlpromotionnotifier.h"

#include <QAbstractItemModelTester>
#include <QBuffer>
#include <QDateTime>
#include <QProcess>
#include <QSignalSpy>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeView>

using namespace funnel;
using namespace Qt::StringLiterals;

#ifndef FUNNELCTL_PATH
#error "tests/ui/CMakeLists.txt passes the path of the built funnelctl as FUNNELCTL_PATH"
#endif

namespace {

QByteArray eventLine(const QString &user, const QString &type, qint64 atMs, const QString &name)
{
    return u"{\"userId\":\"%1\",\"eventType\":\"%2\",\"timestamp\":\"%3\",\"name\":\"%4\",\"company\":\"Co %4\"}\n"_s
        .arg(user, type, QDateTime::fromMSecsSinceEpoch(atMs, Qt::UTC).toString(Qt::ISODateWithMs), name)
        .toUtf8();
}

} // namespace

class TestInboxView : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void listsUnseenSqlsNewestFirst();
    void activatesOnEnterAndDoubleClick();
    void anotherProcessPromotesALead();

private:
    std::unique_ptr<QTemporaryDir> m_dir;
    QString m_db;
    qint64 m_now = 0;
};

void TestInboxView::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    m_db = m_dir->filePath(u"inbox.sqlite"_s);
    m_now = QDateTime::currentMSecsSinceEpoch();
    Database database;
    QVERIFY(database.open(m_db));
    QByteArray jsonl;
    // Five SQLs by demo request, an hour apart (s0 oldest), one MQL, and s4 that a rep opened.
    for (int i = 0; i < 5; ++i)
        jsonl += eventLine(u"s%1"_s.arg(i), u"REQUESTED_DEMO"_s, m_now - (10 - i) * 3600 * 1000, u"Sql %1"_s.arg(i));
    jsonl += eventLine(u"m0"_s, u"DOWNLOADED_API_DOCS"_s, m_now - 3600 * 1000, u"Mql"_s);
    QBuffer buffer(&jsonl);
    QVERIFY(buffer.open(QIODevice::ReadOnly));
    IngestPipeline pipeline(database, RuleSet::defaults());
    QVERIFY(pipeline.ingest(buffer).succeeded());
    QSqlQuery query(database.connection());
    QVERIFY(query.exec(u"UPDATE leads SET seen_at = 1 WHERE external_id = 's4'"_s));
}

void TestInboxView::listsUnseenSqlsNewestFirst()
{
    InboxView inbox;
    inbox.model()->setPageSize(2);
    QAbstractItemModelTester tester(inbox.model(), QAbstractItemModelTester::FailureReportingMode::QtTest);
    QSignalSpy loaded(&inbox, &InboxView::loaded);
    QSignalSpy count(&inbox, &InboxView::unseenCountChanged);
    inbox.setDatabasePath(m_db);
    QVERIFY(loaded.wait(5000));
    QCOMPARE(inbox.unseenCount(), 4);
    QCOMPARE(count.count(), 1);
    QCOMPARE(count.first().first().toInt(), 4);

    InboxModel *model = inbox.model();
    QCOMPARE(model->rowCount(), 2); // lazily: the first page
    // The tester fetches too: keep asking until every page is in.
    QTRY_VERIFY_WITH_TIMEOUT([&] {
        model->fetchMore({});
        return !model->canFetchMore({}) && !model->isFetching();
    }(), 5000);
    QCOMPARE(model->rowCount(), 4);
    const QStringList expected{u"Sql 3"_s, u"Sql 2"_s, u"Sql 1"_s, u"Sql 0"_s};
    for (int row = 0; row < 4; ++row)
        QCOMPARE(model->index(row, int(InboxModel::Column::Name)).data().toString(), expected.at(row));
    QCOMPARE(model->index(0, int(InboxModel::Column::Company)).data().toString(), u"Co Sql 3"_s);
    QCOMPARE(model->index(0, 0).data(int(InboxModel::Role::Cause)).toString(), u"gate"_s);
    QCOMPARE(model->index(0, int(InboxModel::Column::Why)).data().toString(), u"REQUESTED_DEMO (gate)"_s);
    QCOMPARE(model->index(0, int(InboxModel::Column::Promoted)).data().toString(), InboxModel::tr("%n h ago", nullptr, 7));
}

void TestInboxView::activatesOnEnterAndDoubleClick()
{
    InboxView inbox;
    inbox.resize(800, 400);
    inbox.show();
    QVERIFY(QTest::qWaitForWindowExposed(&inbox));
    QSignalSpy loaded(&inbox, &InboxView::loaded);
    inbox.setDatabasePath(m_db);
    QVERIFY(loaded.wait(5000));
    QSignalSpy activated(&inbox, &InboxView::leadActivated);
    QTreeView *view = inbox.view();
    const QModelIndex second = inbox.model()->index(1, 0);
    view->setCurrentIndex(second);
    QTest::keyClick(view, Qt::Key_Return);
    QCOMPARE(activated.count(), 1);
    QCOMPARE(activated.first().first().toLongLong(), inbox.model()->leadIdAt(1));

    const QPoint centre = view->visualRect(inbox.model()->index(2, 0)).center();
    // QTest's widget double-click has no press before it; a real one does.
    QTest::mouseClick(view->viewport(), Qt::LeftButton, {}, centre);
    QTest::mouseDClick(view->viewport(), Qt::LeftButton, {}, centre);
    QTRY_COMPARE(activated.count(), 2);
    QCOMPARE(activated.last().first().toLongLong(), inbox.model()->leadIdAt(2));
}

void TestInboxView::anotherProcessPromotesALead()
{
    InboxView inbox;
    inbox.notifier()->setNotificationsEnabled(false); // no tray popups from a test run
    QSignalSpy loaded(&inbox, &InboxView::loaded);
    QSignalSpy ready(inbox.notifier(), &SqlPromotionNotifier::ready);
    QSignalSpy promoted(inbox.notifier(), &SqlPromotionNotifier::promoted);
    QSignalSpy count(&inbox, &InboxView::unseenCountChanged);
    inbox.setDatabasePath(m_db, 100);
    QVERIFY(loaded.wait(5000));
    QTRY_VERIFY(inbox.notifier()->isReady());
    QCOMPARE(promoted.count(), 0); // promotions from before watching began are not news

    QProcess ctl;
    ctl.start(QStringLiteral(FUNNELCTL_PATH), {u"--db"_s, m_db, u"ingest"_s, u"-"_s});
    QVERIFY2(ctl.waitForStarted(5000), qPrintable(ctl.errorString()));
    ctl.write(eventLine(u"fresh"_s, u"REQUESTED_DEMO"_s, m_now, u"Fresh"_s));
    ctl.closeWriteChannel();
    QVERIFY(ctl.waitForFinished(10000));
    QCOMPARE(ctl.exitCode(), 0);

    QTRY_COMPARE_WITH_TIMEOUT(promoted.count(), 1, 5000);
    const QList<qint64> ids = promoted.first().first().value<QList<qint64>>();
    Database database;
    QVERIFY(database.open(m_db));
    QCOMPARE(ids, QList<qint64>{LeadRepository(database).idForExternalId(u"fresh"_s).value_or(-1)});
    QTRY_COMPARE_WITH_TIMEOUT(inbox.unseenCount(), 5, 5000);
    QCOMPARE(count.last().first().toInt(), 5);
    QTRY_COMPARE(inbox.model()->index(0, 0).data().toString(), u"Fresh"_s);
}

QTEST_MAIN(TestInboxView)
#include "tst_inboxview.moc"
