#include "core/storage/database.h"
#include "core/storage/ingestpipeline.h"
#include "core/storage/leadrepository.h"
#include "ui/lead/leaddetailspanel.h"
#include "ui/lead/leadtimelinemodel.h"

#include <QAbstractItemModelTester>
#include <QBuffer>
#include <QDateTime>
#include <QLineEdit>
#include <QPushButton>
#include <QSet>
#include <QSignalSpy>
#include <QSqlQuery>
#include <QStandardItemModel>
#include <QTemporaryDir>
#include <QTest>
#include <QUndoStack>

using namespace funnel;
using namespace Qt::StringLiterals;

namespace {

QVariant value(const QString &dbPath, const QString &sql)
{
    Database database;
    if (!database.open(dbPath))
        return {};
    QSqlQuery query(database.connection());
    return query.exec(sql) && query.next() ? query.value(0) : QVariant();
}

} // namespace

class TestLeadDetailsPanel : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void explainsTheScoreAndMarksTheLeadSeen();
    void pagesTheTimelineNewestFirst();
    void editsAreUndoable();
    void addsNotes();
    void mergeIsUndoable();

private:
    std::unique_ptr<QTemporaryDir> m_dir;
    QString m_db;
    qint64 m_ada = 0;
    qint64 m_alias = 0;
    int m_adaEvents = 0;
};

void TestLeadDetailsPanel::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    m_db = m_dir->filePath(u"panel.sqlite"_s);
    Database database;
    QVERIFY(database.open(m_db));
    const qint64 t0 = QDateTime::currentMSecsSinceEpoch() - 3600 * 1000;
    QByteArray jsonl;
    auto add = [&](const QString &user, const QString &type, qint64 at, const QString &extra = {}) {
        jsonl += u"{\"userId\":\"%1\",\"eventType\":\"%2\",\"timestamp\":\"%3\",\"metadata\":{\"page\":\"/p%4\"}%5}\n"_s
                     .arg(user, type, QDateTime::fromMSecsSinceEpoch(at, Qt::UTC).toString(Qt::ISODateWithMs))
                     .arg(jsonl.size())
                     .arg(extra)
                     .toUtf8();
    };
    // Four pricing views in one day: the fourth is capped (30 a day).
    add(u"u-ada"_s, u"VIEWED_PRICING"_s, t0, u",\"email\":\"ada@acme.io\",\"name\":\"Ada Lovelace\""_s);
    add(u"u-ada"_s, u"VIEWED_PRICING"_s, t0 + 1000);
    add(u"u-ada"_s, u"VIEWED_PRICING"_s, t0 + 2000);
    add(u"u-ada"_s, u"VIEWED_PRICING"_s, t0 + 3000);
    add(u"u-ada"_s, u"DOWNLOADED_API_DOCS"_s, t0 + 4000);
    add(u"u-ada"_s, u"REQUESTED_DEMO"_s, t0 + 5000);
    add(u"u-ada"_s, u"SOMETHING_UNKNOWN"_s, t0 + 6000);
    m_adaEvents = 7;
    add(u"u-ada-2"_s, u"ABANDONED_CHECKOUT"_s, t0 + 7000, u",\"company\":\"Analytical Engines\""_s);
    QBuffer buffer(&jsonl);
    QVERIFY(buffer.open(QIODevice::ReadOnly));
    IngestPipeline pipeline(database, RuleSet::defaults());
    QVERIFY(pipeline.ingest(buffer).succeeded());
    LeadRepository leads(database);
    m_ada = leads.idForExternalId(u"u-ada"_s).value_or(0);
    m_alias = leads.idForExternalId(u"u-ada-2"_s).value_or(0);
    QVERIFY(m_ada && m_alias);
}

void TestLeadDetailsPanel::explainsTheScoreAndMarksTheLeadSeen()
{
    QVERIFY(value(m_db, u"SELECT seen_at FROM leads WHERE id = %1"_s.arg(m_ada)).isNull());
    LeadDetailsPanel panel;
    QAbstractItemModelTester scoreTester(panel.scoreModel(), QAbstractItemModelTester::FailureReportingMode::QtTest);
    QAbstractItemModelTester historyTester(panel.historyModel(), QAbstractItemModelTester::FailureReportingMode::QtTest);
    panel.resize(720, 640);
    panel.show();
    panel.setDatabasePath(m_db);
    QSignalSpy loaded(&panel, &LeadDetailsPanel::loaded);
    panel.showLead(m_ada);
    QVERIFY(loaded.wait(5000));

    const LeadDetails &details = panel.details();
    QCOMPARE(details.id, m_ada);
    QCOMPARE(details.score, 50); // 30 (capped pricing) + 20 (API docs)
    QCOMPARE(details.contributionTotal(), qint64(details.score));
    QCOMPARE(details.stage, Stage::SQL);
    // 3 scored views, 1 capped, the API docs; the unknown event and the demo request score nothing.
    QStandardItemModel *score = panel.scoreModel();
    QCOMPARE(score->rowCount(), 5);
    QVERIFY(score->item(3, 1)->text().contains(u"capped"_s));
    QCOMPARE(score->item(3, 2)->text(), panel.tr("0 (capped)"));
    QCOMPARE(score->item(4, 2)->text(), u"+20"_s);
    // The rules version per line: none was ever applied here, so no line names one.
    QCOMPARE(score->columnCount(), 4);
    QCOMPARE(score->item(4, 3)->text(), panel.tr("—"));
    QVERIFY2(panel.scoreSummary().contains(u"stored score 50"_s), qPrintable(panel.scoreSummary()));
    QVERIFY(panel.scoreSummary().contains(u": 50"_s));
    // created, Cold → MQL (API docs gate), MQL → SQL (demo gate)
    QCOMPARE(panel.historyModel()->rowCount(), 3);
    QCOMPARE(panel.historyModel()->item(2, 3)->text(), u"gate"_s);
    QCOMPARE(panel.historyModel()->item(2, 4)->text(), u"REQUESTED_DEMO"_s);

    QVERIFY(!value(m_db, u"SELECT seen_at FROM leads WHERE id = %1"_s.arg(m_ada)).isNull());
}

void TestLeadDetailsPanel::pagesTheTimelineNewestFirst()
{
    LeadDetailsPanel panel;
    panel.setDatabasePath(m_db);
    LeadTimelineModel *timeline = panel.timelineModel();
    timeline->setPageSize(3);
    QAbstractItemModelTester tester(timeline, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QSignalSpy loaded(&panel, &LeadDetailsPanel::loaded);
    panel.showLead(m_ada);
    QVERIFY(loaded.wait(5000));
    QTRY_VERIFY(timeline->rowCount() >= 3);
    QTRY_VERIFY_WITH_TIMEOUT([&] {
        timeline->fetchMore({});
        return !timeline->canFetchMore({}) && !timeline->isFetching();
    }(), 5000);
    QCOMPARE(timeline->rowCount(), m_adaEvents);
    QSet<qint64> ids; // each page fetched once: no event twice
    for (int row = 0; row < timeline->rowCount(); ++row)
        ids.insert(timeline->index(row, 0).data(int(LeadTimelineModel::Role::EventId)).toLongLong());
    QCOMPARE(ids.size(), m_adaEvents);
    QCOMPARE(timeline->index(0, 0).data(int(LeadTimelineModel::Role::Type)).toString(), u"SOMETHING_UNKNOWN"_s);
    for (int row = 1; row < timeline->rowCount(); ++row) {
        QVERIFY(timeline->index(row - 1, 0).data(int(LeadTimelineModel::Role::OccurredAt)).toLongLong()
                >= timeline->index(row, 0).data(int(LeadTimelineModel::Role::OccurredAt)).toLongLong());
    }
    QVERIFY(timeline->index(0, int(LeadTimelineModel::Column::Details)).data().toString().startsWith(u"page: /p"_s));
}

void TestLeadDetailsPanel::editsAreUndoable()
{
    QUndoStack stack;
    LeadDetailsPanel panel;
    panel.setUndoStack(&stack);
    panel.setDatabasePath(m_db);
    panel.show();
    QSignalSpy loaded(&panel, &LeadDetailsPanel::loaded);
    QSignalSpy changed(&panel, &LeadDetailsPanel::leadChanged);
    panel.showLead(m_ada);
    QVERIFY(loaded.wait(5000));

    auto *name = panel.findChildren<QLineEdit *>().at(0);
    auto *owner = panel.findChildren<QLineEdit *>().at(3);
    QCOMPARE(name->text(), u"Ada Lovelace"_s);
    name->selectAll();
    QTest::keyClicks(name, u"Ada King"_s);
    owner->setFocus();
    QTest::keyClicks(owner, u"grace"_s);
    QPushButton *save = nullptr;
    for (QPushButton *button : panel.findChildren<QPushButton *>()) {
        if (button->text() == panel.tr("Save"))
            save = button;
    }
    QVERIFY(save && save->isEnabled());
    QTest::mouseClick(save, Qt::LeftButton);
    QTRY_COMPARE(changed.count(), 1);
    QCOMPARE(changed.first().first().toLongLong(), m_ada);
    QCOMPARE(value(m_db, u"SELECT name || '/' || owner FROM leads WHERE id = %1"_s.arg(m_ada)).toString(), u"Ada King/grace"_s);
    QCOMPARE(stack.count(), 1);
    QTRY_COMPARE(panel.details().name, u"Ada King"_s); // reloaded after the commit

    stack.undo();
    QTRY_COMPARE(changed.count(), 2);
    QCOMPARE(value(m_db, u"SELECT name || '/' || owner FROM leads WHERE id = %1"_s.arg(m_ada)).toString(), u"Ada Lovelace/"_s);
    QTRY_COMPARE(name->text(), u"Ada Lovelace"_s);
    stack.redo();
    QTRY_COMPARE(changed.count(), 3);
    QCOMPARE(value(m_db, u"SELECT name FROM leads WHERE id = %1"_s.arg(m_ada)).toString(), u"Ada King"_s);
}

void TestLeadDetailsPanel::addsNotes()
{
    LeadDetailsPanel panel;
    panel.setActor(u"rep"_s);
    panel.setDatabasePath(m_db);
    QAbstractItemModelTester tester(panel.notesModel(), QAbstractItemModelTester::FailureReportingMode::QtTest);
    QSignalSpy loaded(&panel, &LeadDetailsPanel::loaded);
    panel.showLead(m_ada);
    QVERIFY(loaded.wait(5000));
    QCOMPARE(panel.notesModel()->rowCount(), 0);
    panel.addNote(u"Wants SSO before signing"_s);
    QVERIFY(loaded.wait(5000));
    QCOMPARE(panel.notesModel()->rowCount(), 1);
    QCOMPARE(panel.notesModel()->item(0, 1)->text(), u"rep"_s);
    QCOMPARE(panel.notesModel()->item(0, 2)->text(), u"Wants SSO before signing"_s);
}

void TestLeadDetailsPanel::mergeIsUndoable()
{
    QUndoStack stack;
    LeadDetailsPanel panel;
    panel.setUndoStack(&stack);
    panel.setDatabasePath(m_db);
    QSignalSpy loaded(&panel, &LeadDetailsPanel::loaded);
    QSignalSpy changed(&panel, &LeadDetailsPanel::leadChanged);
    panel.showLead(m_ada);
    QVERIFY(loaded.wait(5000));

    panel.mergeWith(m_alias);
    QTRY_COMPARE(changed.count(), 1);
    QCOMPARE(value(m_db, u"SELECT count(*) FROM leads WHERE id = %1"_s.arg(m_alias)).toInt(), 0);
    QTRY_COMPARE(panel.details().eventCount, qint64(m_adaEvents + 1));
    QCOMPARE(panel.details().company, u"Analytical Engines"_s);
    QCOMPARE(panel.details().score, 65); // + 15 for the abandoned checkout
    QCOMPARE(panel.details().contributionTotal(), qint64(65));

    stack.undo();
    QTRY_COMPARE(changed.count(), 2);
    QCOMPARE(value(m_db, u"SELECT count(*) FROM events WHERE lead_id = %1"_s.arg(m_alias)).toInt(), 1);
    QCOMPARE(value(m_db, u"SELECT score FROM leads WHERE id = %1"_s.arg(m_ada)).toInt(), 50);
    QTRY_COMPARE(panel.details().eventCount, qint64(m_adaEvents));
}

QTEST_MAIN(TestLeadDetailsPanel)
#include "tst_leaddetailspanel.moc"
