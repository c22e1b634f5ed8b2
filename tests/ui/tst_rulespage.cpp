#include "ui/rules/rulespage.h"
#include "ui/rules/rulestablemodel.h"

#include "core/io/demodatagenerator.h"
#include "core/storage/database.h"
#include "core/storage/demodataloader.h"
#include "core/storage/whatifquery.h"
#include "ui/common/apptheme.h"

#include <QAbstractItemModelTester>
#include <QApplication>
#include <QDateTime>
#include <QLabel>
#include <QListView>
#include <QLocale>
#include <QPushButton>
#include <QProgressBar>
#include <QSqlQuery>
#include <QSignalSpy>
#include <QStandardItemModel>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QUndoStack>

using namespace funnel;
using namespace Qt::StringLiterals;

class TestRulesPage : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();
    void modelPassesTheTester();
    void editsAreUndoableAndValidated();
    void thresholdsAreValidated();
    void whatIfShowsTheQueryNumbers();
    void cancelDropsTheResult();
    void cancelledApplyWritesNothing();
    void applyMakesAVersion();

private:
    RuleSet draft() const;
    void waitLoaded();

    QTemporaryDir m_dir;
    QString m_path;
    std::unique_ptr<RulesPage> m_page;
};

RuleSet TestRulesPage::draft() const
{
    RuleSet rules = RuleSet::defaults();
    rules.setThresholds(30, 60);
    rules.setRule(Rule{u"VIEWED_PRICING"_s, 15, std::nullopt, {}, PointsCap{45, CapPeriod::Week}});
    return rules;
}

void TestRulesPage::initTestCase()
{
    QVERIFY(m_dir.isValid());
    m_path = m_dir.filePath(u"rules.sqlite"_s);
    Database database;
    QVERIFY(database.open(m_path));
    DemoDataGenerator::Options options;
    options.leads = 800;
    options.nowMs = QDateTime::currentMSecsSinceEpoch();
    const DemoLoadReport report = DemoDataLoader::load(database, DemoDataGenerator::generate(options), options.nowMs);
    QVERIFY2(report.succeeded(), qPrintable(report.failure));
}

void TestRulesPage::init()
{
    m_page = std::make_unique<RulesPage>();
    m_page->resize(1400, 900);
    m_page->show();
    waitLoaded();
}

void TestRulesPage::cleanup()
{
    m_page.reset();
}

void TestRulesPage::waitLoaded()
{
    QSignalSpy loaded(m_page.get(), &RulesPage::stateLoaded);
    m_page->openDatabase(m_path);
    QVERIFY(loaded.wait(10000));
}

void TestRulesPage::modelPassesTheTester()
{
    QAbstractItemModelTester tester(m_page->rulesModel(), QAbstractItemModelTester::FailureReportingMode::QtTest);
    RulesTableModel *model = m_page->rulesModel();
    QVERIFY(model->rowCount() >= RuleSet::defaults().rules().size());
    QVERIFY(model->rowOf(u"OPENED_EMAIL"_s) >= 0); // seen in the events, no rule
    m_page->changeDraft(draft(), u"test"_s);
    QCOMPARE(model->rules(), draft());
}

void TestRulesPage::editsAreUndoableAndValidated()
{
    RulesTableModel *model = m_page->rulesModel();
    const int row = model->rowOf(u"VIEWED_PRICING"_s);
    QVERIFY(row >= 0);
    QVERIFY(model->setData(model->index(row, RulesTableModel::Points), 25));
    QCOMPARE(m_page->draft().ruleFor(u"VIEWED_PRICING"_s)->points, 25);
    QCOMPARE(m_page->undoStack()->count(), 1);

    QSignalSpy refused(model, &RulesTableModel::editRefused);
    QVERIFY(!model->setData(model->index(row, RulesTableModel::Points), u"ten"_s));
    QCOMPARE(refused.count(), 1);
    auto *message = m_page->findChild<QLabel *>(u"rulesMessage"_s);
    QVERIFY2(message->text().contains(u"whole number"_s), qPrintable(message->text()));
    QVERIFY(!model->setData(model->index(row, RulesTableModel::Gate), u"Lost"_s));
    QVERIFY(message->text().contains(u"MQL, SQL or Won"_s));

    const int opened = model->rowOf(u"OPENED_EMAIL"_s);
    QVERIFY(model->setData(model->index(opened, RulesTableModel::Gate), u"MQL"_s));
    QCOMPARE(m_page->draft().ruleFor(u"OPENED_EMAIL"_s)->gate, std::optional(Stage::MQL));
    QCOMPARE(m_page->undoStack()->count(), 2);

    m_page->undoStack()->undo();
    QVERIFY(!m_page->draft().ruleFor(u"OPENED_EMAIL"_s));
    m_page->undoStack()->undo();
    QCOMPARE(m_page->draft(), m_page->current());
    m_page->undoStack()->redo();
    QCOMPARE(model->data(model->index(row, RulesTableModel::Points)).toInt(), 25);
}

void TestRulesPage::thresholdsAreValidated()
{
    RuleSet bad = RuleSet::defaults();
    bad.setThresholds(90, 80);
    m_page->changeDraft(bad, u"bad thresholds"_s);
    auto *apply = m_page->findChild<QPushButton *>(u"applyRules"_s);
    QVERIFY(!apply->isEnabled());
    QVERIFY(m_page->findChild<QLabel *>(u"rulesMessage"_s)->text().contains(u"must be below"_s));
    m_page->changeDraft(draft(), u"good"_s);
    QVERIFY(apply->isEnabled());
}

void TestRulesPage::whatIfShowsTheQueryNumbers()
{
    m_page->changeDraft(draft(), u"draft"_s);
    QSignalSpy shown(m_page.get(), &RulesPage::whatIfShown);
    m_page->runWhatIf();
    QVERIFY(shown.wait(20000));

    Database database;
    QVERIFY(database.open(m_path));
    const auto impact = WhatIfQuery::run(database, database.activeRules(), draft(), 0);
    QVERIFY(impact && impact->movedLeads > 0);
    auto *summary = m_page->findChild<QLabel *>(u"whatIfSummary"_s);
    QVERIFY2(summary->text().contains(u"%1 leads would change stage"_s.arg(QLocale().toString(impact->movedLeads))),
             qPrintable(summary->text()));
    const QAbstractItemModel *stages = m_page->findChild<QTableView *>(u"whatIfStages"_s)->model();
    QCOMPARE(stages->rowCount(), 5);
    for (Stage stage : allStages) {
        QCOMPARE(stages->index(int(stage), 2).data().toString(), QLocale().toString(impact->draftStages[size_t(stage)]));
    }
    const QAbstractItemModel *sample = m_page->findChild<QTableView *>(u"whatIfSample"_s)->model();
    QCOMPARE(sample->rowCount(), impact->sample.size());
    QVERIFY(!sample->index(0, 3).data().toString().isEmpty());

    if (const QByteArray shot = qgetenv("FUNNEL_RULES_SCREENSHOT"); !shot.isEmpty())
        QVERIFY(m_page->grab().save(QString::fromLocal8Bit(shot), "PNG"));
    // Nothing was written.
    QCOMPARE(database.activeRules(), RuleSet::defaults());
}

void TestRulesPage::cancelDropsTheResult()
{
    m_page->changeDraft(draft(), u"draft"_s);
    QSignalSpy shown(m_page.get(), &RulesPage::whatIfShown);
    m_page->runWhatIf();
    QVERIFY(m_page->isBusy());
    m_page->cancelWhatIf();
    QVERIFY(!m_page->isBusy());
    QVERIFY(m_page->findChild<QLabel *>(u"whatIfSummary"_s)->text().contains(u"cancelled"_s));
    QTest::qWait(300);
    QCOMPARE(shown.count(), 0);
}

void TestRulesPage::cancelledApplyWritesNothing()
{
    m_page->changeDraft(draft(), u"draft"_s);
    QSignalSpy applied(m_page.get(), &RulesPage::rulesApplied);
    m_page->applyDraft();
    QVERIFY(m_page->isBusy());
    auto *cancel = m_page->findChild<QPushButton *>(u"cancelRun"_s);
    QVERIFY(cancel && cancel->isEnabled());
    QVERIFY(m_page->findChild<QProgressBar *>(u"runProgress"_s)->isVisibleTo(m_page.get()));
    cancel->click();
    QVERIFY(!m_page->isBusy());
    QVERIFY(!cancel->isEnabled());
    QVERIFY(m_page->findChild<QLabel *>(u"whatIfSummary"_s)->text().contains(u"nothing was written"_s));
    m_page.reset(); // waits for the worker: the re-score has stopped and rolled back
    QCOMPARE(applied.count(), 0);
    Database database;
    QVERIFY(database.open(m_path));
    QCOMPARE(database.activeRules(), RuleSet::defaults());
    QSqlQuery versions(database.connection());
    QVERIFY(versions.exec(u"SELECT count(*) FROM ruleset_versions"_s) && versions.next());
    QCOMPARE(versions.value(0).toInt(), 0);
}

void TestRulesPage::applyMakesAVersion()
{
    m_page->changeDraft(draft(), u"draft"_s);
    QSignalSpy applied(m_page.get(), &RulesPage::rulesApplied);
    QSignalSpy reloaded(m_page.get(), &RulesPage::stateLoaded);
    m_page->applyDraft();
    QVERIFY(applied.wait(20000));
    QCOMPARE(applied.first().first().toLongLong(), qint64(2));
    QVERIFY(reloaded.wait(10000));
    QCOMPARE(m_page->current(), draft());
    QCOMPARE(m_page->draft(), draft());
    QCOMPARE(m_page->findChild<QListView *>(u"versionList"_s)->model()->rowCount(), 2);
    Database database;
    QVERIFY(database.open(m_path));
    QCOMPARE(database.activeRules(), draft());
}

int main(int argc, char *argv[])
{
    QApplication app(argc, argv);
    AppTheme::applyDark(app);
    TestRulesPage test;
    return QTest::qExec(&test, argc, argv);
}

#include "tst_rulespage.moc"
