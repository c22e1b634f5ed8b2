#include "core/scheduler/campaignstore.h"
#include "core/storage/database.h"
#include "core/storage/outboxstore.h"
#include "core/storage/transaction.h"
#include "core/webhooks/webhooksigner.h"
#include "ui/campaigns/campaignlistmodel.h"
#include "ui/campaigns/campaignspage.h"
#include "ui/campaigns/deliverylogmodel.h"
#include "ui/lead/leadwritequeue.h"

#include <QAbstractItemModelTester>
#include <QDateTime>
#include <QLabel>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QSqlQuery>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

using namespace funnel;
using namespace Qt::StringLiterals;

namespace {

const QString hookUrl = u"https://hooks.example.com/tips"_s;

// `count` deliveries; the newest one is dead (a 400 answer), the others succeeded.
void fillOutbox(Database &db, int count)
{
    OutboxStore store(db);
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    {
        Transaction transaction(db);
        QVERIFY(store.ensureEndpoint(hookUrl, WebhookSigner::generateSecret(), now));
        OutboxMessage message;
        message.url = hookUrl;
        message.campaign = u"RATE_LIMIT_HELP_SEQUENCE"_s;
        for (int i = 0; i < count; ++i) {
            message.body = "{\"n\":" + QByteArray::number(i) + "}";
            QVERIFY(store.enqueue(message, now));
        }
        QVERIFY(transaction.commit());
    }
    QList<DeliveryAttemptResult> results;
    for (const DueDelivery &due : store.claimDue(now, count, 60000)) {
        DeliveryAttemptResult result;
        result.deliveryId = due.id;
        result.endpointId = due.endpointId;
        result.attempt = due.attempt;
        result.startedAtMs = now;
        result.latencyMs = 12;
        result.request = u"POST "_s + hookUrl + u"\nwebhook-id: "_s + due.messageId;
        const bool last = due.body == "{\"n\":" + QByteArray::number(count - 1) + "}";
        result.statusCode = last ? 400 : 200;
        result.response = last ? u"HTTP 400 Bad Request\n\nno such list"_s : u"HTTP 200 OK\n\nok"_s;
        result.outcome = last ? DeliveryAttemptResult::Outcome::Dead : DeliveryAttemptResult::Outcome::Succeeded;
        results.append(result);
    }
    QCOMPARE(results.size(), count);
    QVERIFY(store.recordResults(results));
}

int rowOf(const QAbstractItemModel *model, const QString &name)
{
    for (int row = 0; row < model->rowCount(); ++row) {
        if (model->index(row, 0).data(int(CampaignListModel::Role::Name)).toString() == name)
            return row;
    }
    return -1;
}

} // namespace

class TestCampaignsPage : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init()
    {
        QVERIFY(m_dir.isValid());
        m_path = m_dir.filePath(u"campaigns-%1.sqlite"_s.arg(++m_file));
        Database db;
        QVERIFY(db.open(m_path));
        fillOutbox(db, 450);
        QSqlQuery activity(db.connection());
        QVERIFY(activity.exec(u"INSERT INTO campaign_activity (at, campaign, kind, text)"
                              " VALUES (1, 'API_DEEP_DIVE_SEQUENCE', 'notify', 'An API evaluator looked at pricing.')"_s));
    }

    void showsCampaignsAndALazyDeliveryLog()
    {
        CampaignsPage page;
        QAbstractItemModelTester campaignTester(page.campaignModel());
        QAbstractItemModelTester deliveryTester(page.deliveryModel());
        QSignalSpy loaded(&page, &CampaignsPage::loaded);
        QSignalSpy inserted(page.deliveryModel(), &QAbstractItemModel::rowsInserted);
        page.resize(1200, 800);
        page.show();
        page.openDatabase(m_path);
        QTRY_COMPARE(loaded.count(), 1);

        QCOMPARE(page.campaignModel()->rowCount(), 4); // the shipped campaigns, installed once
        QCOMPARE(page.activityList()->count(), 1);
        QVERIFY(page.activityList()->item(0)->text().contains(u"An API evaluator looked at pricing."_s));
        const int rateLimit = rowOf(page.campaignModel(), u"RATE_LIMIT_HELP_SEQUENCE"_s);
        QVERIFY(rateLimit >= 0);
        QCOMPARE(page.campaignModel()->index(rateLimit, CampaignListModel::TriggerColumn).data().toString(),
                 u"Event HIT_RATE_LIMIT"_s);

        // Lazy: pages of pageSize rows, each read when the view (or anyone) asks for more.
        QVERIFY(inserted.count() >= 1);
        QCOMPARE(inserted.first().at(1).toInt(), 0);
        QCOMPARE(inserted.first().at(2).toInt(), DeliveryLogModel::pageSize - 1);
        for (int pages = 0; pages < 5 && page.deliveryModel()->rowCount() < 450; ++pages) {
            QTRY_VERIFY(!page.deliveryModel()->isLoading());
            page.deliveryModel()->fetchMore({});
        }
        QTRY_COMPARE(page.deliveryModel()->rowCount(), 450);
        QCOMPARE(inserted.count(), 3);
        QVERIFY(!page.deliveryModel()->canFetchMore({}));
    }

    // The shipped target is a placeholder: Enable is refused with the reason, nothing changes.
    void enableIsRefusedWithTheReason()
    {
        CampaignsPage page;
        QSignalSpy loaded(&page, &CampaignsPage::loaded);
        page.show();
        page.openDatabase(m_path);
        QTRY_COMPARE(loaded.count(), 1);
        page.campaignView()->selectRow(rowOf(page.campaignModel(), u"RATE_LIMIT_HELP_SEQUENCE"_s));
        QVERIFY(page.enableButton()->isEnabled());
        QTest::mouseClick(page.enableButton(), Qt::LeftButton);
        QTRY_VERIFY(page.messageLabel()->isVisible());
        QVERIFY2(page.messageLabel()->text().contains(u"placeholder"_s), qPrintable(page.messageLabel()->text()));
        Database db;
        QVERIFY(db.open(m_path));
        QCOMPARE(CampaignStore(db).campaign(u"RATE_LIMIT_HELP_SEQUENCE"_s)->enabled, false);
    }

    // The newest delivery is dead: its detail shows request and response, Replay queues it again.
    void replayADeadLetter()
    {
        CampaignsPage page;
        QSignalSpy loaded(&page, &CampaignsPage::loaded);
        page.show();
        page.openDatabase(m_path);
        QTRY_COMPARE(loaded.count(), 1);
        const QModelIndex newest = page.deliveryModel()->index(0, 0);
        QCOMPARE(newest.data(int(DeliveryLogModel::Role::Status)).toInt(), int(DeliveryStatus::Dead));
        page.deliveryView()->setCurrentIndex(newest);
        QVERIFY(page.detailView()->toPlainText().contains(u"no such list"_s));
        QVERIFY(page.detailView()->toPlainText().contains(u"webhook-id"_s));
        QVERIFY(page.replayButton()->isEnabled());
        // A succeeded one cannot be replayed.
        page.deliveryView()->setCurrentIndex(page.deliveryModel()->index(1, 0));
        QVERIFY(!page.replayButton()->isEnabled());

        const qint64 id = newest.data(int(DeliveryLogModel::Role::DeliveryId)).toLongLong();
        page.deliveryView()->setCurrentIndex(newest);
        QTest::mouseClick(page.replayButton(), Qt::LeftButton);
        page.writeQueue()->waitForDone();
        Database db;
        QVERIFY(db.open(m_path));
        QCOMPARE(OutboxStore(db).delivery(id)->status, DeliveryStatus::Pending);
        // The log reads again and shows it pending.
        QTRY_COMPARE(page.deliveryModel()->index(0, 0).data(int(DeliveryLogModel::Role::Status)).toInt(),
                     int(DeliveryStatus::Pending));
    }

private:
    QTemporaryDir m_dir;
    QString m_path;
    int m_file = 0;
};

QTEST_MAIN(TestCampaignsPage)
#include "tst_campaignspage.moc"
