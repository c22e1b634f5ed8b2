#include "core/io/demodatagenerator.h"
#include "core/storage/boardquery.h"
#include "core/storage/boardrotsettings.h"
#include "core/storage/database.h"
#include "core/storage/demodataloader.h"
#include "core/storage/leadmovestore.h"

#include <QDateTime>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>

using namespace funnel;
using namespace Qt::StringLiterals;

Q_DECLARE_METATYPE(funnel::LeadFilter)
Q_DECLARE_METATYPE(funnel::BoardSort)

namespace {

constexpr qint64 dayMs = 24LL * 60 * 60 * 1000;

// A lead as the test reads it straight from the table, to check BoardQuery against plain C++.
struct Row {
    qint64 id = 0;
    QString stage, name, email, company, owner, source;
    int score = 0;
    qint64 createdAt = 0;
    qint64 enteredAt = 0;
    std::optional<qint64> lastActivity;
    QSet<QString> reached; // every to_stage of its history
};

// Which PlanCounts a page is given: none, the true ones, or wrong ones saying none, many (the
// most a column can hold and still count as few) or every lead matches.
enum class Counts { None, Exact, SayNone, SayMany, SayAll };

} // namespace

Q_DECLARE_METATYPE(Counts)

// BoardQuery (totals, keyset pages, filters), BoardRotSettings and LeadMoveStore on a real file.
class TestBoardQuery : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void totalsMatchTheFilterAppliedInCpp_data();
    void totalsMatchTheFilterAppliedInCpp();
    void pagesWalkEveryLeadOnceInOrder_data();
    void pagesWalkEveryLeadOnceInOrder();
    void rotDaysDefaultAndPersist();
    void undoOfAMoveRestoresTheLeadExactly();
    void undoIsRefusedWhenTheLeadMovedSince();
    void aRefusedMoveWritesNothing();

private:
    QList<Row> readRows();
    static bool matches(const Row &row, const LeadFilter &filter, const BoardRotSettings::Days &rot, qint64 now);

    QTemporaryDir m_dir;
    QString m_db;
    qint64 m_now = 0;
};

void TestBoardQuery::initTestCase()
{
    QVERIFY(m_dir.isValid());
    m_db = m_dir.filePath(u"board.sqlite"_s);
    Database database;
    QVERIFY(database.open(m_db));
    DemoDataGenerator::Options options;
    options.leads = 800;
    options.nowMs = QDateTime::currentMSecsSinceEpoch();
    m_now = options.nowMs;
    const DemoLoadReport report = DemoDataLoader::load(database, DemoDataGenerator::generate(options), options.nowMs);
    QVERIFY2(report.succeeded(), qPrintable(report.failure));
}

QList<Row> TestBoardQuery::readRows()
{
    Database database;
    if (!database.open(m_db))
        return {};
    QSqlQuery query(database.connection());
    query.exec(u"SELECT id, stage, name, email, company, owner, source, score, created_at, stage_entered_at,"
               " last_activity_at FROM leads"_s);
    QHash<qint64, Row> rows;
    while (query.next()) {
        Row row;
        row.id = query.value(0).toLongLong();
        row.stage = query.value(1).toString();
        row.name = query.value(2).toString();
        row.email = query.value(3).toString();
        row.company = query.value(4).toString();
        row.owner = query.value(5).toString();
        row.source = query.value(6).toString();
        row.score = query.value(7).toInt();
        row.createdAt = query.value(8).toLongLong();
        row.enteredAt = query.value(9).toLongLong();
        if (!query.isNull(10))
            row.lastActivity = query.value(10).toLongLong();
        rows.insert(row.id, row);
    }
    query.exec(u"SELECT lead_id, to_stage FROM stage_history"_s);
    while (query.next())
        rows[query.value(0).toLongLong()].reached.insert(query.value(1).toString());
    return rows.values();
}

bool TestBoardQuery::matches(const Row &row, const LeadFilter &filter, const BoardRotSettings::Days &rot, qint64 now)
{
    if (!filter.text.isEmpty() && !row.name.contains(filter.text, Qt::CaseInsensitive)
        && !row.email.contains(filter.text, Qt::CaseInsensitive) && !row.company.contains(filter.text, Qt::CaseInsensitive))
        return false;
    if (!filter.owner.isEmpty() && row.owner != filter.owner)
        return false;
    if (!filter.source.isEmpty() && row.source != filter.source)
        return false;
    if ((filter.minScore && row.score < *filter.minScore) || (filter.maxScore && row.score > *filter.maxScore))
        return false;
    if ((filter.createdFromMs && row.createdAt < *filter.createdFromMs) || (filter.createdToMs && row.createdAt >= *filter.createdToMs))
        return false;
    if (filter.staleOnly) {
        const int days = rot[size_t(*stageFromName(row.stage))];
        if (days <= 0 || row.enteredAt >= now - days * dayMs)
            return false;
    }
    if (filter.reachedStage == Stage::SQL && !row.reached.contains(u"SQL"_s) && !row.reached.contains(u"Won"_s))
        return false;
    return true;
}

void TestBoardQuery::totalsMatchTheFilterAppliedInCpp_data()
{
    QTest::addColumn<LeadFilter>("filter");
    const QList<Row> rows = readRows();
    QVERIFY(!rows.isEmpty());
    QTest::addRow("none") << LeadFilter{};
    LeadFilter text;
    text.text = rows.first().company.left(4).toLower();
    QTest::addRow("text %s", qPrintable(text.text)) << text;
    LeadFilter owner;
    owner.owner = rows.first().owner;
    QTest::addRow("owner") << owner;
    LeadFilter source;
    source.source = rows.last().source;
    QTest::addRow("source") << source;
    LeadFilter scores;
    scores.minScore = 10;
    scores.maxScore = 60;
    QTest::addRow("score range") << scores;
    // Score ranges come from lead_rollup's whole buckets of 10 plus the partial buckets at the ends.
    const auto range = [](std::optional<int> low, std::optional<int> high, const QString &owner = {},
                          const QString &source = {}) {
        LeadFilter filter;
        filter.minScore = low;
        filter.maxScore = high;
        filter.owner = owner;
        filter.source = source;
        return filter;
    };
    QTest::addRow("score range, unaligned ends") << range(13, 67);
    QTest::addRow("score range, inside one bucket") << range(41, 47);
    QTest::addRow("score range, one whole bucket") << range(30, 39);
    QTest::addRow("score range, negative to positive") << range(-15, 5);
    QTest::addRow("score, minimum only") << range(35, std::nullopt);
    QTest::addRow("score, maximum only") << range(std::nullopt, 44);
    QTest::addRow("score range, empty") << range(50, 40);
    QTest::addRow("owner, source and minimum score") << range(20, std::nullopt, rows.first().owner, rows.first().source);
    QTest::addRow("source and score range") << range(5, 54, QString(), rows.last().source);
    LeadFilter stale;
    stale.staleOnly = true;
    QTest::addRow("stale") << stale;
    LeadFilter cohort;
    cohort.createdFromMs = m_now - 40 * dayMs;
    cohort.createdToMs = m_now - 10 * dayMs;
    cohort.reachedStage = Stage::SQL;
    QTest::addRow("cohort reached SQL") << cohort;
    LeadFilter escaped;
    escaped.text = u"%_"_s; // LIKE wildcards are literal text here
    QTest::addRow("wildcards") << escaped;
    // Three characters or more go through the trigram index, shorter text through LIKE: both
    // ignore case and match anywhere in name, email or company.
    LeadFilter upper;
    upper.text = rows.first().name.mid(1, 5).toUpper();
    QTest::addRow("text in any case %s", qPrintable(upper.text)) << upper;
    LeadFilter twoLetters;
    twoLetters.text = rows.last().name.mid(1, 2);
    QTest::addRow("two letters %s", qPrintable(twoLetters.text)) << twoLetters;
    LeadFilter email;
    email.text = rows.first().email.section(u'@', 1);
    QTest::addRow("email domain %s", qPrintable(email.text)) << email;
    LeadFilter quote;
    quote.text = u"o\"brien"_s; // a double quote is text, not FTS5 syntax
    QTest::addRow("double quote") << quote;
    LeadFilter syntax;
    syntax.text = u"a OR b*"_s; // FTS5 operators are text too
    QTest::addRow("fts operators") << syntax;
    LeadFilter ownerText;
    ownerText.owner = rows.first().owner;
    ownerText.text = rows.first().company.left(3);
    QTest::addRow("owner and text") << ownerText;
}

void TestBoardQuery::totalsMatchTheFilterAppliedInCpp()
{
    QFETCH(LeadFilter, filter);
    const QList<Row> rows = readRows();
    Database database;
    QVERIFY(database.open(m_db));
    BoardQuery query(database);
    const auto byStage = query.totalsByStage(filter, m_now);
    QVERIFY2(byStage, qPrintable(query.lastError()));
    for (Stage stage : allStages) {
        qint64 count = 0;
        qint64 sum = 0;
        for (const Row &row : rows) {
            if (row.stage == stageName(stage) && matches(row, filter, query.rotDays(), m_now)) {
                ++count;
                sum += row.score;
            }
        }
        const auto totals = query.totals(stage, filter, m_now);
        QVERIFY2(totals, qPrintable(query.lastError()));
        QCOMPARE(totals->count, count);
        QCOMPARE(totals->scoreSum, sum);
        QCOMPARE((*byStage)[size_t(stage)], *totals);
    }
}

void TestBoardQuery::pagesWalkEveryLeadOnceInOrder_data()
{
    QTest::addColumn<BoardSort>("sort");
    QTest::addColumn<int>("pageSize");
    QTest::addColumn<LeadFilter>("filter");
    // Counts a caller passes to pick the plan (BoardQuery::PlanCounts): none (the page probes),
    // the true ones, or wrong ones (a stale header). They must never change the pages.
    QTest::addColumn<Counts>("counts");
    QTest::addRow("score, pages of 7") << BoardSort::Score << 7 << LeadFilter{} << Counts::None;
    QTest::addRow("last activity, pages of 5") << BoardSort::LastActivity << 5 << LeadFilter{} << Counts::None;
    QTest::addRow("days in stage, pages of 11") << BoardSort::DaysInStage << 11 << LeadFilter{} << Counts::None;
    QTest::addRow("score, one big page") << BoardSort::Score << 5000 << LeadFilter{} << Counts::None;
    // Filters an index can drive (few matches: the page collects and sorts them) and one it cannot
    // (the page walks the sort index): the same order either way.
    const QList<Row> rows = readRows();
    QVERIFY(!rows.isEmpty());
    LeadFilter owner;
    owner.owner = rows.first().owner;
    QTest::addRow("score, owner, pages of 3") << BoardSort::Score << 3 << owner << Counts::None;
    LeadFilter text;
    text.text = rows.first().company.left(4);
    QTest::addRow("last activity, text, pages of 4") << BoardSort::LastActivity << 4 << text << Counts::None;
    LeadFilter cohort;
    cohort.createdFromMs = m_now - 40 * dayMs;
    cohort.reachedStage = Stage::SQL;
    QTest::addRow("days in stage, cohort reached SQL, pages of 2") << BoardSort::DaysInStage << 2 << cohort << Counts::None;
    LeadFilter scores;
    scores.minScore = 20;
    scores.maxScore = 70;
    QTest::addRow("score, score range, pages of 6") << BoardSort::Score << 6 << scores << Counts::None;
    // A source (and an owner) walk their covering index in score order.
    LeadFilter source;
    source.source = rows.last().source;
    QTest::addRow("score, source, pages of 9") << BoardSort::Score << 9 << source << Counts::None;
    LeadFilter mine;
    mine.owner = rows.first().owner;
    mine.source = rows.first().source;
    mine.minScore = 10;
    QTest::addRow("score, owner, source and minimum, pages of 5") << BoardSort::Score << 5 << mine << Counts::None;
    LeadFilter sourceStale;
    sourceStale.source = rows.first().source;
    sourceStale.staleOnly = true;
    QTest::addRow("score, source and stale, pages of 4") << BoardSort::Score << 4 << sourceStale << Counts::None;
    QTest::addRow("days in stage, source, pages of 8") << BoardSort::DaysInStage << 8 << source << Counts::None;
    // With counts: a text alone picks between looking up its matches and walking the column's
    // score index; a cohort reads its stage's part of the creation range.
    LeadFilter word;
    word.text = rows.first().company.left(3);
    for (Counts counts : {Counts::Exact, Counts::SayNone, Counts::SayMany, Counts::SayAll}) {
        QTest::addRow("score, text alone, counts %d, pages of 3", int(counts)) << BoardSort::Score << 3 << word << counts;
        QTest::addRow("score, cohort, counts %d, pages of 4", int(counts)) << BoardSort::Score << 4 << cohort << counts;
    }
    LeadFilter created;
    created.createdFromMs = m_now - 30 * dayMs;
    created.createdToMs = m_now - 3 * dayMs;
    QTest::addRow("days in stage, created range, exact counts, pages of 5")
        << BoardSort::DaysInStage << 5 << created << Counts::Exact;
    QTest::addRow("last activity, text alone, exact counts, pages of 6")
        << BoardSort::LastActivity << 6 << word << Counts::Exact;
    LeadFilter ownerText = word;
    ownerText.owner = rows.first().owner;
    QTest::addRow("score, owner and text, exact counts, pages of 2") << BoardSort::Score << 2 << ownerText << Counts::Exact;
}

void TestBoardQuery::pagesWalkEveryLeadOnceInOrder()
{
    QFETCH(BoardSort, sort);
    QFETCH(int, pageSize);
    QFETCH(LeadFilter, filter);
    QFETCH(Counts, counts);
    const QList<Row> rows = readRows();
    Database database;
    QVERIFY(database.open(m_db));
    BoardQuery query(database);
    const auto totals = query.totalsByStage(filter, m_now);
    QVERIFY2(totals, qPrintable(query.lastError()));
    qint64 boardCount = 0;
    for (const BoardQuery::Totals &stageTotals : *totals)
        boardCount += stageTotals.count;
    for (Stage stage : allStages) {
        std::optional<BoardQuery::PlanCounts> planCounts;
        switch (counts) {
        case Counts::None: break;
        case Counts::Exact: planCounts = BoardQuery::PlanCounts{(*totals)[size_t(stage)].count, boardCount}; break;
        case Counts::SayNone: planCounts = BoardQuery::PlanCounts{0, 1}; break;
        case Counts::SayMany: planCounts = BoardQuery::PlanCounts{5000, 5000}; break;
        case Counts::SayAll: planCounts = BoardQuery::PlanCounts{1'000'000'000, 1'000'000'000}; break;
        }
        QList<Row> expected;
        for (const Row &row : rows) {
            if (row.stage == stageName(stage) && matches(row, filter, query.rotDays(), m_now))
                expected.append(row);
        }
        std::sort(expected.begin(), expected.end(), [sort](const Row &a, const Row &b) {
            switch (sort) {
            case BoardSort::Score: return std::tie(b.score, a.id) < std::tie(a.score, b.id);
            case BoardSort::DaysInStage: return std::tie(a.enteredAt, a.id) < std::tie(b.enteredAt, b.id);
            case BoardSort::LastActivity:
                if (a.lastActivity.has_value() != b.lastActivity.has_value())
                    return a.lastActivity.has_value();
                return std::tie(b.lastActivity, b.id) < std::tie(a.lastActivity, a.id);
            }
            return false;
        });
        QList<qint64> walked;
        BoardCursor cursor;
        for (int pages = 0; pages < 10000; ++pages) {
            const auto page = query.page(stage, filter, sort, cursor, pageSize, m_now, planCounts);
            QVERIFY2(page, qPrintable(query.lastError()));
            QVERIFY(page->cards.size() <= pageSize);
            for (const BoardCard &card : page->cards)
                walked.append(card.id);
            cursor = page->next;
            if (!page->hasMore)
                break;
        }
        QList<qint64> expectedIds;
        for (const Row &row : expected)
            expectedIds.append(row.id);
        QCOMPARE(walked, expectedIds);
    }
}

void TestBoardQuery::rotDaysDefaultAndPersist()
{
    QTemporaryDir dir;
    Database database;
    QVERIFY(database.open(dir.filePath(u"rot.sqlite"_s)));
    BoardRotSettings::Days days = BoardRotSettings::load(database);
    QCOMPARE(days[size_t(Stage::Cold)], 30);
    QCOMPARE(days[size_t(Stage::MQL)], 21);
    QCOMPARE(days[size_t(Stage::SQL)], 14);
    QCOMPARE(days[size_t(Stage::Won)], 0);
    days[size_t(Stage::SQL)] = 3;
    QVERIFY(BoardRotSettings::save(database, days));
    QCOMPARE(BoardRotSettings::load(database)[size_t(Stage::SQL)], 3);
    QCOMPARE(database.settingValue(BoardRotSettings::key(Stage::SQL)), std::optional<QString>(u"3"_s));
}

namespace {

struct Snapshot {
    QString stage;
    qint64 enteredAt = 0;
    QList<qint64> history;
    friend bool operator==(const Snapshot &, const Snapshot &) = default;
};

Snapshot snapshot(Database &database, qint64 lead)
{
    Snapshot result;
    QSqlQuery query(database.connection());
    query.prepare(u"SELECT stage, stage_entered_at FROM leads WHERE id = ?"_s);
    query.addBindValue(lead);
    if (query.exec() && query.next()) {
        result.stage = query.value(0).toString();
        result.enteredAt = query.value(1).toLongLong();
    }
    query.prepare(u"SELECT id FROM stage_history WHERE lead_id = ? ORDER BY id"_s);
    query.addBindValue(lead);
    if (query.exec()) {
        while (query.next())
            result.history.append(query.value(0).toLongLong());
    }
    return result;
}

qint64 someLeadIn(Database &database, Stage stage)
{
    QSqlQuery query(database.connection());
    query.prepare(u"SELECT id FROM leads WHERE stage = ? ORDER BY id DESC LIMIT 1"_s);
    query.addBindValue(stageName(stage));
    return query.exec() && query.next() ? query.value(0).toLongLong() : 0;
}

} // namespace

void TestBoardQuery::undoOfAMoveRestoresTheLeadExactly()
{
    Database database;
    QVERIFY(database.open(m_db));
    const qint64 lead = someLeadIn(database, Stage::Cold);
    QVERIFY(lead > 0);
    const Snapshot before = snapshot(database, lead);
    LeadMoveStore store(database);
    const auto moved = store.move(lead, Stage::MQL, {}, u"rep"_s, m_now + 1000);
    QVERIFY(moved.record);
    const Snapshot after = snapshot(database, lead);
    QCOMPARE(after.stage, u"MQL"_s);
    QCOMPARE(after.enteredAt, m_now + 1000);
    QCOMPARE(after.history.size(), before.history.size() + 1);
    QCOMPARE(moved.record->historyId, after.history.last());
    QCOMPARE(moved.record->from, Stage::Cold);

    const auto undone = store.undo(*moved.record);
    QVERIFY2(undone.undone, qPrintable(undone.refusal));
    QCOMPARE(snapshot(database, lead), before);
}

void TestBoardQuery::undoIsRefusedWhenTheLeadMovedSince()
{
    Database database;
    QVERIFY(database.open(m_db));
    const qint64 lead = someLeadIn(database, Stage::MQL);
    LeadMoveStore store(database);
    const auto first = store.move(lead, Stage::SQL, {}, u"rep"_s, m_now + 1000);
    QVERIFY(first.record);
    const auto second = store.move(lead, Stage::Won, {}, u"rep"_s, m_now + 2000);
    QVERIFY(second.record);
    const Snapshot won = snapshot(database, lead);
    const auto refused = store.undo(*first.record);
    QVERIFY(!refused.undone);
    QVERIFY(!refused.refusal.isEmpty());
    QCOMPARE(snapshot(database, lead), won);
    // In order, both undo.
    QVERIFY(store.undo(*second.record).undone);
    QVERIFY(store.undo(*first.record).undone);
    QCOMPARE(snapshot(database, lead).stage, u"MQL"_s);
}

void TestBoardQuery::aRefusedMoveWritesNothing()
{
    Database database;
    QVERIFY(database.open(m_db));
    const qint64 lead = someLeadIn(database, Stage::Cold);
    const Snapshot before = snapshot(database, lead);
    LeadMoveStore store(database);
    const auto refused = store.move(lead, Stage::Won, {}, u"rep"_s, m_now);
    QVERIFY(!refused.record);
    QVERIFY(!refused.result.refusal.isEmpty());
    QCOMPARE(snapshot(database, lead), before);
}

QTEST_GUILESS_MAIN(TestBoardQuery)
#include "tst_boardquery.moc"
