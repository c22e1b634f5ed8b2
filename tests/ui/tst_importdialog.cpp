#include "core/storage/database.h"
#include "ui/importer/importdialog.h"

#include <QApplication>
#include <QClipboard>
#include <QFile>
#include <QLabel>
#include <QPushButton>
#include <QSignalSpy>
#include <QSqlQuery>
#include <QStandardItemModel>
#include <QTemporaryDir>
#include <QTest>

using namespace funnel;
using namespace Qt::StringLiterals;

namespace {

qint64 scalar(const QString &dbPath, const QString &sql)
{
    Database database;
    if (!database.open(dbPath))
        return -1;
    QSqlQuery query(database.connection());
    return query.exec(sql) && query.next() ? query.value(0).toLongLong() : -1;
}

QPushButton *buttonNamed(QWidget &parent, const QString &text)
{
    for (QPushButton *button : parent.findChildren<QPushButton *>()) {
        if (button->text().remove(u'&') == text)
            return button;
    }
    return nullptr;
}

} // namespace

class TestImportDialog : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void summarisesGoodAndBadLines();
    void cancelKeepsCommittedBatches();

private:
    std::unique_ptr<QTemporaryDir> m_dir;
    QString m_db;
};

void TestImportDialog::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    m_db = m_dir->filePath(u"import.sqlite"_s);
    Database database;
    QVERIFY(database.open(m_db));
}

void TestImportDialog::summarisesGoodAndBadLines()
{
    const QString path = m_dir->filePath(u"leads.csv"_s);
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write("email;name;company;stage;score\n"
               "ada@acme.io;Ada;Acme;Cold;10\n"
               "\"bob@acme.io\";\"Bob\nthe builder\";Acme;MQL;45\n" // a quoted line break: rows != lines
               "broken-address;Cy;Acme;Cold;5\n"
               "di@acme.io;Di;Acme;Warm;5\n"
               "ed@acme.io;Ed;Acme;SQL;90\n");
    file.close();

    ImportDialog dialog(m_db);
    dialog.show();
    QSignalSpy finished(&dialog, &ImportDialog::finished);
    dialog.start(ImportJob::Kind::Leads, path);
    QVERIFY(finished.wait(10000));
    QCOMPARE(finished.first().first().toBool(), true);

    QCOMPARE(scalar(m_db, u"SELECT count(*) FROM leads"_s), 3);
    QCOMPARE(scalar(m_db, u"SELECT count(*) FROM leads WHERE name = 'Bob\nthe builder'"_s), 1);
    QStandardItemModel *rejected = dialog.rejectedModel();
    QCOMPARE(rejected->rowCount(), 2);
    QCOMPARE(rejected->item(0, 0)->text(), u"5"_s);
    QVERIFY(rejected->item(0, 1)->text().contains(u"email"_s));
    QCOMPARE(rejected->item(1, 0)->text(), u"6"_s);
    QVERIFY(rejected->item(1, 1)->text().contains(u"Warm"_s));
    QVERIFY2(dialog.summaryText().contains(u"3 leads created"_s), qPrintable(dialog.summaryText()));
    QVERIFY(dialog.summaryText().contains(u"2 lines rejected"_s));

    QPushButton *copy = buttonNamed(dialog, dialog.tr("Copy Report"));
    QVERIFY(copy && copy->isVisible());
    QTest::mouseClick(copy, Qt::LeftButton);
    const QString clipboard = QApplication::clipboard()->text();
    if (!clipboard.isEmpty()) { // the offscreen platform may have no clipboard
        QVERIFY(clipboard.contains(u"line 5:"_s));
        QVERIFY(clipboard.contains(u"line 6:"_s));
    }
    QCOMPARE(dialog.report().count(u"\nline "_s), 2);
}

void TestImportDialog::cancelKeepsCommittedBatches()
{
    const QString path = m_dir->filePath(u"events.jsonl"_s);
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    constexpr int lines = 200000;
    QByteArray chunk;
    for (int i = 0; i < lines; ++i) {
        chunk += u"{\"eventId\":\"e%1\",\"userId\":\"u-%2\",\"eventType\":\"VIEWED_PRICING\"}\n"_s.arg(i).arg(i % 2000).toUtf8();
        if (chunk.size() > (1 << 20)) {
            file.write(chunk);
            chunk.clear();
        }
    }
    file.write(chunk);
    file.close();

    ImportDialog dialog(m_db);
    dialog.setBatchSize(500);
    dialog.show();
    QSignalSpy finished(&dialog, &ImportDialog::finished);
    dialog.start(ImportJob::Kind::Events, path);
    QVERIFY(dialog.isRunning());
    QPushButton *cancel = buttonNamed(dialog, dialog.tr("Cancel"));
    if (!cancel) { // the platform's own wording of QDialogButtonBox::Cancel
        for (QPushButton *button : dialog.findChildren<QPushButton *>()) {
            if (button->isVisible() && button->isEnabled() && button->text().contains(u"ancel"_s))
                cancel = button;
        }
    }
    QVERIFY(cancel);
    QTest::mouseClick(cancel, Qt::LeftButton);
    QVERIFY(finished.wait(20000));

    const ImportJobResult &result = dialog.result();
    QVERIFY(result.cancelled);
    const qint64 stored = scalar(m_db, u"SELECT count(*) FROM events"_s);
    QVERIFY2(stored > 0 || result.events == 0, "what the job counted is what was committed");
    QCOMPARE(stored, result.events);
    QVERIFY2(stored < lines, qPrintable(QString::number(stored)));
    QCOMPARE(stored % 500, 0); // whole batches only
    QVERIFY(dialog.summaryText().startsWith(dialog.tr("Import cancelled.")));
}

QTEST_MAIN(TestImportDialog)
#include "tst_importdialog.moc"
