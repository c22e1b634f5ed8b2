#include "ui/board/boardbanner.h"
#include "ui/board/boardcolumnheader.h"
#include "ui/board/boardcolumnmodel.h"
#include "ui/board/boardcolumnview.h"
#include "ui/board/boardfilterbar.h"
#include "ui/board/boardpage.h"

#include "core/io/demodatagenerator.h"
#include "core/storage/boardrotsettings.h"
#include "core/storage/database.h"
#include "core/storage/demodataloader.h"

#include <QAbstractItemModelTester>
#include <QDateTime>
#include <QDrag>
#include <QMimeData>
#include <QScrollBar>
#include <QSignalSpy>
#include <QSqlQuery>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>
#include <QUndoStack>

using namespace funnel;
using namespace Qt::StringLiterals;

Q_DECLARE_METATYPE(funnel::LeadFilter)

namespace {

struct LeadRow {
    QString stage;
    qint64 enteredAt = 0;
    qint64 historyRows = 0;
};

} // namespace

// The board against a real database: totals from SQL, paging, moves by drag and keyboard, undo.
class TestBoardPage : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void headersShowTheTotalsSqlGives();
    void aColumnLoadsOnePageOnly();
    void scrollingFetchesTheNextPage();
    void filtersChangeEveryHeaderTotal_data();
    void filtersChangeEveryHeaderTotal();
    void aDragWithTheMouseMovesALeadAndWritesHistory();
    void aRefusedDragChangesNothingAndSaysWhy();
    void undoRestoresStageAndHistory();
    void movingToLostAsksForAReason();
    void cancellingTheReasonMovesNothing();
    void theKeyboardMovesToTheNextStage();

private:
    void openBoard(BoardPage &board);
    LeadRow leadRow(qint64 id);
    qint64 firstLeadIn(BoardPage &board, Stage stage);
    void dragCard(BoardPage &board, Stage from, int row, Stage to);
    std::pair<qint64, qint64> sqlTotals(const QString &where, const QVariantList &values = {});
    QList<qint64> sqlIds(const QString &whereAndOrder, const QVariantList &values);

    QTemporaryDir m_dir;
    QString m_template;
    QString m_db;
    int m_case = 0;
};

void TestBoardPage::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QVERIFY(m_dir.isValid());
    m_template = m_dir.filePath(u"template.sqlite"_s);
    Database database;
    QVERIFY(database.open(m_template));
    DemoDataGenerator::Options options;
    options.leads = 1500;
    options.nowMs = QDateTime::currentMSecsSinceEpoch();
    const DemoLoadReport report = DemoDataLoader::load(database, DemoDataGenerator::generate(options), options.nowMs);
    QVERIFY2(report.succeeded(), qPrintable(report.failure));
    QSqlQuery checkpoint(database.connection());
    QVERIFY(checkpoint.exec(u"PRAGMA wal_checkpoint(TRUNCATE)"_s));
}

void TestBoardPage::init()
{
    // Every test moves leads: each starts from its own copy of the same data.
    m_db = m_dir.filePath(u"case%1.sqlite"_s.arg(++m_case));
    QVERIFY(QFile::copy(m_template, m_db));
}

void TestBoardPage::openBoard(BoardPage &board)
{
    board.setFilter({});
    board.setSort(BoardSort::Score);
    board.resize(1400, 900);
    board.show();
    QVERIFY(QTest::qWaitForWindowExposed(&board));
    QSignalSpy loaded(&board, &BoardPage::loaded);
    board.openDatabase(m_db);
    QVERIFY(loaded.wait(10000));
    QVERIFY(!board.isLoading());
}

std::pair<qint64, qint64> TestBoardPage::sqlTotals(const QString &where, const QVariantList &values)
{
    Database database;
    if (!database.open(m_db))
        return {-1, -1};
    QSqlQuery query(database.connection());
    query.prepare(u"SELECT COUNT(*), TOTAL(score) FROM leads WHERE "_s + where);
    for (const QVariant &value : values)
        query.addBindValue(value);
    if (!query.exec() || !query.next())
        return {-1, -1};
    return {query.value(0).toLongLong(), qint64(query.value(1).toDouble())};
}

QList<qint64> TestBoardPage::sqlIds(const QString &whereAndOrder, const QVariantList &values)
{
    Database database;
    if (!database.open(m_db))
        return {};
    QSqlQuery query(database.connection());
    query.prepare(u"SELECT id FROM leads WHERE "_s + whereAndOrder);
    for (const QVariant &value : values)
        query.addBindValue(value);
    QList<qint64> ids;
    if (!query.exec())
        return {-1};
    while (query.next())
        ids.append(query.value(0).toLongLong());
    return ids;
}

LeadRow TestBoardPage::leadRow(qint64 id)
{
    Database database;
    if (!database.open(m_db))
        return {};
    QSqlQuery query(database.connection());
    query.prepare(u"SELECT stage, stage_entered_at, (SELECT COUNT(*) FROM stage_history WHERE lead_id = leads.id)"
                  " FROM leads WHERE id = ?"_s);
    query.addBindValue(id);
    if (!query.exec() || !query.next())
        return {};
    return {query.value(0).toString(), query.value(1).toLongLong(), query.value(2).toLongLong()};
}

qint64 TestBoardPage::firstLeadIn(BoardPage &board, Stage stage)
{
    BoardColumnModel *model = board.columnModel(stage);
    return model->rowCount() > 0 ? model->index(0).data(int(BoardColumnModel::Role::LeadId)).toLongLong() : 0;
}

void TestBoardPage::headersShowTheTotalsSqlGives()
{
    BoardPage board;
    std::vector<std::unique_ptr<QAbstractItemModelTester>> testers;
    for (Stage stage : allStages)
        testers.push_back(std::make_unique<QAbstractItemModelTester>(board.columnModel(stage),
                                                                     QAbstractItemModelTester::FailureReportingMode::QtTest));
    openBoard(board);
    for (Stage stage : allStages) {
        const auto [count, sum] = sqlTotals(u"stage = ?"_s, {stageName(stage)});
        QCOMPARE(board.columnModel(stage)->totals().count, count);
        QCOMPARE(board.columnModel(stage)->totals().scoreSum, sum);
        QCOMPARE(board.columnHeader(stage)->countText(), QLocale().toString(count));
    }
}

void TestBoardPage::aColumnLoadsOnePageOnly()
{
    BoardPage board;
    board.setPageSize(20);
    openBoard(board);
    const auto [coldCount, coldSum] = sqlTotals(u"stage = 'Cold'"_s);
    Q_UNUSED(coldSum);
    QVERIFY2(coldCount > 100, "the test needs a stage that holds far more than a page");
    // Give the view time to ask for more if it wanted to: it must not, the viewport is full.
    QTest::qWait(200);
    QVERIFY(board.columnModel(Stage::Cold)->rowCount() <= 20);
    QCOMPARE(board.columnModel(Stage::Cold)->totals().count, coldCount);
}

void TestBoardPage::scrollingFetchesTheNextPage()
{
    BoardPage board;
    board.setPageSize(20);
    openBoard(board);
    BoardColumnView *view = board.columnView(Stage::Cold);
    BoardColumnModel *model = board.columnModel(Stage::Cold);
    QCOMPARE(model->rowCount(), 20);
    view->verticalScrollBar()->setValue(view->verticalScrollBar()->maximum());
    QTRY_COMPARE_WITH_TIMEOUT(model->rowCount(), 40, 5000);
    // The pages continue the order without gaps or repeats.
    QSet<qint64> ids;
    int previousScore = std::numeric_limits<int>::max();
    for (int row = 0; row < model->rowCount(); ++row) {
        const QModelIndex index = model->index(row);
        ids.insert(index.data(int(BoardColumnModel::Role::LeadId)).toLongLong());
        const int score = index.data(int(BoardColumnModel::Role::Score)).toInt();
        QVERIFY(score <= previousScore);
        previousScore = score;
    }
    QCOMPARE(ids.size(), 40);
}

void TestBoardPage::filtersChangeEveryHeaderTotal_data()
{
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    const qint64 dayMs = 24LL * 60 * 60 * 1000;
    QTest::addColumn<LeadFilter>("filter");
    QTest::addColumn<QString>("where"); // independent SQL for the same leads, %STAGE% for the stage
    QTest::addColumn<QVariantList>("values");

    LeadFilter text;
    text.text = u"an"_s;
    QTest::addRow("text") << text
                          << u"(instr(lower(name), 'an') > 0 OR instr(lower(email), 'an') > 0 OR instr(lower(company), 'an') > 0)"_s
                          << QVariantList{};
    // Three letters or more: the trigram index, and the columns load after the totals, whose
    // counts pick each column's plan (BoardQuery::plansByColumnCount).
    LeadFilter trigram;
    trigram.text = u"ann"_s;
    QTest::addRow("text, trigram index")
        << trigram
        << u"(instr(lower(name), 'ann') > 0 OR instr(lower(email), 'ann') > 0 OR instr(lower(company), 'ann') > 0)"_s
        << QVariantList{};
    LeadFilter scores;
    scores.minScore = 20;
    scores.maxScore = 90;
    QTest::addRow("score range") << scores << u"score BETWEEN 20 AND 90"_s << QVariantList{};
    LeadFilter cohort;
    cohort.createdFromMs = now - 30 * dayMs;
    cohort.createdToMs = now - 5 * dayMs;
    QTest::addRow("cohort") << cohort << u"created_at >= ? AND created_at < ?"_s
                            << QVariantList{*cohort.createdFromMs, *cohort.createdToMs};
    LeadFilter reached;
    reached.reachedStage = Stage::SQL;
    QTest::addRow("reached SQL")
        << reached
        << u"id IN (SELECT lead_id FROM stage_history WHERE to_stage IN ('SQL', 'Won'))"_s << QVariantList{};
    LeadFilter stale;
    stale.staleOnly = true;
    QTest::addRow("stale") << stale
                           << u"stage_entered_at < ? - (CASE stage WHEN 'Cold' THEN 30 WHEN 'MQL' THEN 21"
                              " WHEN 'SQL' THEN 14 ELSE NULL END) * 86400000"_s
                           << QVariantList{now};
}

void TestBoardPage::filtersChangeEveryHeaderTotal()
{
    QFETCH(LeadFilter, filter);
    QFETCH(QString, where);
    QFETCH(QVariantList, values);
    BoardPage board;
    openBoard(board);
    QSignalSpy loaded(&board, &BoardPage::loaded);
    board.setFilter(filter);
    QVERIFY(loaded.wait(10000));
    bool narrowed = false;
    for (Stage stage : allStages) {
        const auto [count, sum] = sqlTotals(u"stage = ? AND "_s + where, QVariantList{stageName(stage)} + values);
        const auto [allCount, allSum] = sqlTotals(u"stage = ?"_s, {stageName(stage)});
        Q_UNUSED(allSum);
        narrowed = narrowed || count < allCount;
        QCOMPARE(board.columnModel(stage)->totals().count, count);
        QCOMPARE(board.columnModel(stage)->totals().scoreSum, sum);
        QCOMPARE(board.columnHeader(stage)->countText(), QLocale().toString(count));
        // The first page: the best-scored matches, as plain SQL orders them.
        const BoardColumnModel *model = board.columnModel(stage);
        QList<qint64> shown;
        for (int row = 0; row < model->rowCount(); ++row)
            shown.append(model->index(row).data(int(BoardColumnModel::Role::LeadId)).toLongLong());
        QCOMPARE(shown, sqlIds(u"stage = ? AND "_s + where + u" ORDER BY score DESC, id ASC LIMIT "_s
                                   + QString::number(model->pageSize()),
                               QVariantList{stageName(stage)} + values));
    }
    QVERIFY2(narrowed, "the filter should exclude some leads of the test data");
}

void TestBoardPage::dragCard(BoardPage &board, Stage from, int row, Stage to)
{
    BoardColumnView *source = board.columnView(from);
    BoardColumnView *target = board.columnView(to);
    const QPoint start = source->visualRect(source->model()->index(row, 0)).center();
    const QPoint drop = target->viewport()->rect().center();

    // The rep presses on a card and moves the mouse: the view starts a drag with the card's lead.
    QSignalSpy started(source, &BoardColumnView::dragStarted);
    QTest::mousePress(source->viewport(), Qt::LeftButton, {}, start);
    QTest::mouseMove(source->viewport(), start + QPoint(5, 5));
    QTest::mouseMove(source->viewport(), start + QPoint(QApplication::startDragDistance() * 3, 10));
    QTest::mouseMove(source->viewport(), start + QPoint(QApplication::startDragDistance() * 4, 20));
    QCOMPARE(started.count(), 1);
    const qint64 dragged = source->model()->index(row, 0).data(int(BoardColumnModel::Role::LeadId)).toLongLong();
    QCOMPARE(started.first().first().value<QList<qint64>>(), QList<qint64>{dragged});
    QTest::mouseRelease(source->viewport(), Qt::LeftButton, {}, start);

    // The offscreen platform has no drag loop (QDrag::exec() returns at once), so the drop side is
    // delivered as the window system would: enter, move and drop events on the target view, carrying
    // the MIME data the source model made for the drag.
    std::unique_ptr<QMimeData> data(source->model()->mimeData({source->model()->index(row, 0)}));
    QVERIFY(data);
    QDragEnterEvent enter(drop, Qt::MoveAction, data.get(), Qt::LeftButton, {});
    QApplication::sendEvent(target->viewport(), &enter);
    QVERIFY(enter.isAccepted());
    QDragMoveEvent move(drop, Qt::MoveAction, data.get(), Qt::LeftButton, {});
    QApplication::sendEvent(target->viewport(), &move);
    QVERIFY(move.isAccepted());
    QDropEvent dropEvent(QPointF(drop), Qt::MoveAction, data.get(), Qt::LeftButton, {});
    QApplication::sendEvent(target->viewport(), &dropEvent);
    QVERIFY(dropEvent.isAccepted());
}

void TestBoardPage::aDragWithTheMouseMovesALeadAndWritesHistory()
{
    BoardPage board;
    openBoard(board);
    const qint64 lead = firstLeadIn(board, Stage::Cold);
    QVERIFY(lead > 0);
    const LeadRow before = leadRow(lead);
    QSignalSpy moved(&board, &BoardPage::moveFinished);
    QSignalSpy loaded(&board, &BoardPage::loaded);
    dragCard(board, Stage::Cold, 0, Stage::MQL);
    QVERIFY(moved.wait(10000));
    const LeadRow after = leadRow(lead);
    QCOMPARE(after.stage, u"MQL"_s);
    QCOMPARE(after.historyRows, before.historyRows + 1);
    Database database;
    QVERIFY(database.open(m_db));
    QSqlQuery history(database.connection());
    history.prepare(u"SELECT from_stage, to_stage, cause, actor, at FROM stage_history WHERE lead_id = ? ORDER BY id DESC LIMIT 1"_s);
    history.addBindValue(lead);
    QVERIFY(history.exec() && history.next());
    QCOMPARE(history.value(0).toString(), u"Cold"_s);
    QCOMPARE(history.value(1).toString(), u"MQL"_s);
    QCOMPARE(history.value(2).toString(), u"manual"_s);
    QCOMPARE(history.value(3).toString(), BoardPage::currentActor());
    QCOMPARE(history.value(4).toLongLong(), after.enteredAt);
    // The columns reload: the card left Cold, arrived in MQL, and the headers follow.
    QTRY_VERIFY_WITH_TIMEOUT(board.columnModel(Stage::MQL)->rowOfLead(lead) >= 0
                                 || board.columnModel(Stage::MQL)->totals().count == sqlTotals(u"stage = 'MQL'"_s).first,
                             5000);
    QTRY_COMPARE_WITH_TIMEOUT(board.columnModel(Stage::Cold)->rowOfLead(lead), -1, 5000);
    QTRY_COMPARE_WITH_TIMEOUT(board.columnModel(Stage::Cold)->totals().count, sqlTotals(u"stage = 'Cold'"_s).first, 5000);
    QCOMPARE(board.undoStack()->count(), 1);
}

void TestBoardPage::aRefusedDragChangesNothingAndSaysWhy()
{
    BoardPage board;
    openBoard(board);
    const qint64 lead = firstLeadIn(board, Stage::Cold);
    const LeadRow before = leadRow(lead);
    dragCard(board, Stage::Cold, 0, Stage::Won);
    QTRY_VERIFY_WITH_TIMEOUT(board.banner()->isVisible(), 5000);
    QCOMPARE(board.banner()->kind(), BoardBanner::Kind::Refusal);
    QVERIFY2(board.banner()->text().contains(u"Only an SQL can be won"_s), qPrintable(board.banner()->text()));
    QCOMPARE(board.undoStack()->count(), 0);
    QTest::qWait(100);
    const LeadRow after = leadRow(lead);
    QCOMPARE(after.stage, before.stage);
    QCOMPARE(after.enteredAt, before.enteredAt);
    QCOMPARE(after.historyRows, before.historyRows);
}

void TestBoardPage::undoRestoresStageAndHistory()
{
    BoardPage board;
    openBoard(board);
    const qint64 lead = firstLeadIn(board, Stage::MQL);
    const LeadRow before = leadRow(lead);
    QSignalSpy moved(&board, &BoardPage::moveFinished);
    QVERIFY(board.requestMove({lead}, Stage::MQL, Stage::SQL));
    QVERIFY(moved.wait(10000));
    QCOMPARE(leadRow(lead).stage, u"SQL"_s);
    QCOMPARE(leadRow(lead).historyRows, before.historyRows + 1);

    board.undoStack()->undo();
    QVERIFY(moved.wait(10000));
    const LeadRow undone = leadRow(lead);
    QCOMPARE(undone.stage, before.stage);
    QCOMPARE(undone.enteredAt, before.enteredAt);
    QCOMPARE(undone.historyRows, before.historyRows);
    QTRY_VERIFY_WITH_TIMEOUT(board.columnModel(Stage::SQL)->rowOfLead(lead) < 0, 5000);

    board.undoStack()->redo();
    QVERIFY(moved.wait(10000));
    QCOMPARE(leadRow(lead).stage, u"SQL"_s);
    QCOMPARE(leadRow(lead).historyRows, before.historyRows + 1);
}

void TestBoardPage::movingToLostAsksForAReason()
{
    BoardPage board;
    openBoard(board);
    QList<std::pair<Stage, Stage>> asked;
    board.setReasonProvider([&asked](Stage from, Stage to, const QString &) -> std::optional<QString> {
        asked.append({from, to});
        return u"No budget"_s;
    });
    const qint64 lead = firstLeadIn(board, Stage::SQL);
    QSignalSpy moved(&board, &BoardPage::moveFinished);
    dragCard(board, Stage::SQL, 0, Stage::Lost);
    QVERIFY(moved.wait(10000));
    QCOMPARE(asked.size(), 1);
    QCOMPARE(asked.first().second, Stage::Lost);
    Database database;
    QVERIFY(database.open(m_db));
    QSqlQuery history(database.connection());
    history.prepare(u"SELECT to_stage, reason FROM stage_history WHERE lead_id = ? ORDER BY id DESC LIMIT 1"_s);
    history.addBindValue(lead);
    QVERIFY(history.exec() && history.next());
    QCOMPARE(history.value(0).toString(), u"Lost"_s);
    QCOMPARE(history.value(1).toString(), u"No budget"_s);
}

void TestBoardPage::cancellingTheReasonMovesNothing()
{
    BoardPage board;
    openBoard(board);
    board.setReasonProvider([](Stage, Stage, const QString &) { return std::optional<QString>(); });
    const qint64 lead = firstLeadIn(board, Stage::SQL);
    const LeadRow before = leadRow(lead);
    QVERIFY(!board.requestMove({lead}, Stage::SQL, Stage::MQL));
    QCOMPARE(board.undoStack()->count(), 0);
    QCOMPARE(leadRow(lead).historyRows, before.historyRows);
}

void TestBoardPage::theKeyboardMovesToTheNextStage()
{
    BoardPage board;
    openBoard(board);
    BoardColumnView *view = board.columnView(Stage::Cold);
    const qint64 lead = firstLeadIn(board, Stage::Cold);
    view->setFocus();
    QVERIFY(view->selectLead(lead));
    QSignalSpy moved(&board, &BoardPage::moveFinished);
    QTest::keyClick(view, Qt::Key_Right, Qt::AltModifier);
    QVERIFY(moved.wait(10000));
    QCOMPARE(leadRow(lead).stage, u"MQL"_s);
}

QTEST_MAIN(TestBoardPage)
#include "tst_boardpage.moc"
