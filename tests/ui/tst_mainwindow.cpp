#include "ui/mainwindow/mainwindow.h"
#include "ui/dashboard/stagesummarymodel.h"

#include "core/io/demodatagenerator.h"
#include "core/storage/database.h"
#include "core/storage/demodataloader.h"
#include "core/storage/statsquery.h"

#include <QAbstractItemModelTester>
#include <QDateTime>
#include <QLabel>
#include <QSignalSpy>
#include <QSqlQuery>
#include <QStatusBar>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTest>

using namespace funnel;
using namespace Qt::StringLiterals;

class TestMainWindow : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void showsTheDatabaseCountsFromSql();
    void reportsAnUnreadableDatabase();
    void dataLoadedWaitsForTheTabCountAndStatusBar();

private:
    QTemporaryDir m_dir;
    QString m_db;
    FunnelStats m_expected;
};

void TestMainWindow::initTestCase()
{
    QVERIFY(m_dir.isValid());
    m_db = m_dir.filePath(u"demo.sqlite"_s);
    Database database;
    QVERIFY(database.open(m_db));
    DemoDataGenerator::Options options;
    options.leads = 300;
    options.nowMs = QDateTime::currentMSecsSinceEpoch();
    const DemoLoadReport report = DemoDataLoader::load(database, DemoDataGenerator::generate(options), options.nowMs);
    QVERIFY2(report.succeeded(), qPrintable(report.failure));
    StatsQuery query(database.connection());
    const auto stats = query.compute();
    QVERIFY(stats);
    m_expected = *stats;
}

void TestMainWindow::showsTheDatabaseCountsFromSql()
{
    MainWindow window;
    QAbstractItemModelTester tester(window.stageSummary(), QAbstractItemModelTester::FailureReportingMode::QtTest);
    QSignalSpy loaded(window.stageSummary(), &StageSummaryModel::loaded);
    window.setCurrentView(MainWindow::View::Dashboard);
    window.show();
    window.openDatabase(m_db);
    QVERIFY(loaded.wait(10000));

    StageSummaryModel *model = window.stageSummary();
    QCOMPARE(model->rowCount(), 5);
    qint64 total = 0;
    for (int row = 0; row < model->rowCount(); ++row) {
        const qint64 count = model->index(row).data(int(StageSummaryModel::Role::Count)).toLongLong();
        QCOMPARE(count, m_expected.stages[row].leads);
        QVERIFY2(count > 0, "the demo data populates every stage");
        total += count;
    }
    QCOMPARE(total, 300);
    const QList<QLabel *> labels = window.statusBar()->findChildren<QLabel *>();
    const bool totalsShown = std::any_of(labels.begin(), labels.end(), [](QLabel *label) { return label->text().contains(u"300"_s); });
    QVERIFY(totalsShown);
    QVERIFY(window.windowTitle().contains(u"demo.sqlite"_s));
}

void TestMainWindow::reportsAnUnreadableDatabase()
{
    const QString garbage = m_dir.filePath(u"garbage.sqlite"_s);
    QFile file(garbage);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(QByteArray(4096, 'g'));
    file.close();

    MainWindow window;
    QSignalSpy failed(window.stageSummary(), &StageSummaryModel::failed);
    window.openDatabase(garbage);
    QVERIFY(failed.wait(10000));
    QVERIFY(!failed.first().first().toString().isEmpty());
}

// A screenshot is taken at dataLoaded(): by then the view's data, the New SQLs count in the tab
// title and the totals in the status bar all show.
void TestMainWindow::dataLoadedWaitsForTheTabCountAndStatusBar()
{
    qint64 unseen = 0;
    {
        Database database;
        QVERIFY(database.open(m_db));
        QSqlQuery query(database.connection());
        QVERIFY(query.exec(u"SELECT COUNT(*) FROM leads WHERE stage = 'SQL' AND seen_at IS NULL"_s) && query.next());
        unseen = query.value(0).toLongLong();
    }
    QVERIFY2(unseen > 0, "the demo data has unopened SQLs");
    MainWindow window;
    QSignalSpy loaded(&window, &MainWindow::dataLoaded);
    window.setCurrentView(MainWindow::View::Board);
    window.show();
    window.openDatabase(m_db);
    QVERIFY(loaded.wait(10000));
    QCOMPARE(loaded.count(), 1);
    const QTabWidget *tabs = window.findChild<QTabWidget *>();
    QVERIFY(tabs);
    QStringList titles;
    for (int index = 0; index < tabs->count(); ++index)
        titles << tabs->tabText(index);
    QVERIFY2(titles.contains(u"New SQLs (%1)"_s.arg(QLocale().toString(unseen))), qPrintable(titles.join(u", "_s)));
    const QList<QLabel *> labels = window.statusBar()->findChildren<QLabel *>();
    QVERIFY(std::any_of(labels.begin(), labels.end(), [](QLabel *label) { return label->text().contains(u"300"_s); }));
}

QTEST_MAIN(TestMainWindow)
#include "tst_mainwindow.moc"
