#include "core/domain/rulesetdiff.h"
#include "core/domain/scoringengine.h"
#include "core/io/demodatagenerator.h"
#include "core/storage/database.h"
#include "core/storage/demodataloader.h"
#include "core/storage/ingestpipeline.h"
#include "core/storage/leaddetailsquery.h"
#include "core/storage/leadmerger.h"
#include "core/storage/leadstatecodec.h"
#include "core/storage/rescorer.h"
#include "core/storage/rulesetversionstore.h"
#include "core/storage/transaction.h"
#include "core/storage/whatifquery.h"

#include <QBuffer>
#include <QDateTime>
#include <QSqlError>
#include <QSqlQuery>
#include <QSqlRecord>
#include <QTemporaryDir>
#include <QSet>
#include <QTest>

using namespace funnel;
using namespace Qt::StringLiterals;

namespace {

constexpr qint64 dayMs = 24LL * 3600 * 1000;
const qint64 demoNow = QDateTime(QDate(2026, 11, 27), QTime(12, 0), Qt::UTC).toMSecsSinceEpoch();

RuleSet draftRules()
{
    RuleSet rules = RuleSet::defaults();
    rules.setThresholds(30, 60);
    rules.setRule(Rule{u"VIEWED_PRICING"_s, 15, std::nullopt, {}, PointsCap{45, CapPeriod::Week}});
    rules.setRule(Rule{u"OPENED_EMAIL"_s, 2, std::nullopt, {}, std::nullopt});
    return rules;
}

// Every lead's ledger through the lead panel's query: the lines add up to the stored score.
void verifyLedger(Database &database, const RuleSet &rules)
{
    QSqlQuery ids(database.connection());
    QVERIFY(ids.exec(u"SELECT id FROM leads ORDER BY id"_s));
    LeadDetailsQuery details(database);
    int leads = 0;
    while (ids.next()) {
        const qint64 id = ids.value(0).toLongLong();
        const std::optional<LeadDetails> lead = details.load(id, rules);
        QVERIFY(lead);
        QVERIFY2(lead->contributionTotal() == lead->score,
                 qPrintable(u"lead %1: ledger %2, stored %3"_s.arg(id).arg(lead->contributionTotal()).arg(lead->score)));
        ++leads;
    }
    QVERIFY(leads > 1000);
}

QList<std::pair<qint64, int>> scores(Database &database)
{
    QList<std::pair<qint64, int>> list;
    QSqlQuery query(database.connection());
    query.exec(u"SELECT id, score FROM leads ORDER BY id"_s);
    while (query.next())
        list.append({query.value(0).toLongLong(), query.value(1).toInt()});
    return list;
}

std::array<qint64, 5> stageCounts(Database &database)
{
    std::array<qint64, 5> counts{};
    QSqlQuery query(database.connection());
    query.exec(u"SELECT stage, count(*) FROM leads GROUP BY stage"_s);
    while (query.next())
        counts[size_t(*stageFromName(query.value(0).toString()))] = query.value(1).toLongLong();
    return counts;
}

// Every table a rescore may write, as text: equal texts, equal databases (for these tables).
QString snapshot(Database &database)
{
    QString text;
    QSqlQuery query(database.connection());
    for (const QString &sql : {u"SELECT id, stage, score, last_activity_at, decay_steps, cap_usage, stage_entered_at,"
                               " seen_at, reached FROM leads ORDER BY id"_s,
                               u"SELECT id, points FROM events ORDER BY id"_s,
                               u"SELECT * FROM score_adjustments ORDER BY id"_s,
                               u"SELECT * FROM stage_history ORDER BY id"_s,
                               u"SELECT * FROM lead_rollup ORDER BY 1, 2, 3, 4, 5"_s,
                               u"SELECT id FROM ruleset_versions ORDER BY id"_s,
                               u"SELECT key, value FROM settings ORDER BY key"_s}) {
        if (!query.exec(sql))
            return query.lastError().text();
        while (query.next()) {
            for (int i = 0; i < query.record().count(); ++i)
                text += query.value(i).toString() + u'|';
            text += u'\n';
        }
    }
    return text;
}

} // namespace

class TestRescorer : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void ledgerHoldsAfterIngest();
    void rescoreUnderTheSameRulesChangesNothing();
    void applyToHistoryDoesWhatTheWhatIfSaid();
    void ledgerHoldsAfterDecay();
    void futureOnlyKeepsScores();
    void whatIfAfterFutureOnlyPredictsTheRescore();
    void undoRestoresVersionAndScores();
    void versionsListAndDiff();
    void rescoreEqualsFoldingApply_data();
    void rescoreEqualsFoldingApply();
    void ledgerNamesTheVersionThatScored();
    void mergeRescoresUnderTheVersionInForce();
    void cancelWritesNothing_data();
    void cancelWritesNothing();

private:
    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<Database> m_database;
};

void TestRescorer::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    m_database = std::make_unique<Database>();
    QVERIFY(m_database->open(m_dir->filePath(u"rescore.sqlite"_s)));
    DemoDataGenerator::Options options;
    options.leads = 1200;
    options.nowMs = demoNow;
    const DemoLoadReport report = DemoDataLoader::load(*m_database, DemoDataGenerator::generate(options), demoNow);
    QVERIFY2(report.succeeded(), qPrintable(report.failure));
}

void TestRescorer::ledgerHoldsAfterIngest()
{
    verifyLedger(*m_database, RuleSet::defaults());
    QSqlQuery decay(m_database->connection());
    QVERIFY(decay.exec(u"SELECT count(*) FROM score_adjustments WHERE reason = 'decay'"_s) && decay.next());
    QVERIFY(decay.value(0).toInt() > 0); // the demo's 90 days include silences long enough to decay
}

void TestRescorer::rescoreUnderTheSameRulesChangesNothing()
{
    const auto before = scores(*m_database);
    Transaction transaction(*m_database);
    DatabaseError error;
    const auto report = Rescorer::rescoreAll(*m_database, RuleSet::defaults(), u"rules v1"_s, demoNow, 0, &error);
    QVERIFY2(report, qPrintable(error.message));
    QVERIFY(transaction.commit());
    QCOMPARE(report->eventsRescored, qint64(0));
    QCOMPARE(report->leadsRescored, qint64(0));
    QCOMPARE(report->stageChanges, qint64(0));
    QCOMPARE(scores(*m_database), before);
}

void TestRescorer::applyToHistoryDoesWhatTheWhatIfSaid()
{
    const RuleSet draft = draftRules();
    const auto impact = WhatIfQuery::run(*m_database, RuleSet::defaults(), draft, 0);
    QVERIFY(impact);
    QVERIFY(impact->movedLeads > 0);
    QCOMPARE(stageCounts(*m_database), impact->currentStages);

    RulesetVersionStore store(*m_database);
    const auto applied = store.apply(draft, u"marketing"_s, u"pricing counts more"_s, RulesApplyMode::History, demoNow);
    QVERIFY2(applied, qPrintable(store.lastError().message));
    QCOMPARE(applied->version.id, qint64(2)); // v1 keeps the rules in force before
    QVERIFY(applied->rescore);
    QCOMPARE(applied->rescore->stageChanges, impact->movedLeads);
    QCOMPARE(stageCounts(*m_database), impact->draftStages);
    QCOMPARE(m_database->activeRules(), draft);

    QSqlQuery history(m_database->connection());
    QVERIFY(history.exec(u"SELECT count(*) FROM stage_history WHERE cause = 'rescore' AND reason = 'rules v2'"_s)
            && history.next());
    QCOMPARE(history.value(0).toLongLong(), impact->movedLeads);
    if (!applied->rescore->newSqls.isEmpty()) {
        QSqlQuery unseen(m_database->connection());
        QVERIFY(unseen.exec(u"SELECT seen_at IS NULL, stage FROM leads WHERE id = %1"_s.arg(applied->rescore->newSqls.first()))
                && unseen.next());
        QVERIFY(unseen.value(0).toBool()); // a new SQL for the inbox
        QCOMPARE(unseen.value(1).toString(), u"SQL"_s);
    }
    verifyLedger(*m_database, draft);
}

void TestRescorer::ledgerHoldsAfterDecay()
{
    // Decay taken at ingest: an event after a long silence.
    QSqlQuery quiet(m_database->connection());
    QVERIFY(quiet.exec(u"SELECT external_id FROM leads WHERE score > 20 AND external_id IS NOT NULL"
                       " ORDER BY last_activity_at LIMIT 1"_s)
            && quiet.next());
    const QByteArray line = "{\"userId\":\"" + quiet.value(0).toString().toUtf8()
        + "\",\"eventType\":\"OPENED_EMAIL\",\"timestamp\":\""
        + QDateTime::fromMSecsSinceEpoch(demoNow + 200 * dayMs, Qt::UTC).toString(Qt::ISODate).toUtf8() + "\"}\n";
    QBuffer input;
    input.setData(line);
    QVERIFY(input.open(QIODevice::ReadOnly));
    IngestPipeline pipeline(*m_database, RuleSet::defaults());
    QCOMPARE(pipeline.ingest(input).eventsStored, qint64(1));
    verifyLedger(*m_database, RuleSet::defaults());

    // Decay due by a later time, taken by a rescore.
    Transaction transaction(*m_database);
    const auto report = Rescorer::rescoreAll(*m_database, draftRules(), u"rules v9"_s, demoNow, demoNow + 365 * dayMs);
    QVERIFY(report);
    QVERIFY(transaction.commit());
    QVERIFY(report->leadsRescored > 0);
    verifyLedger(*m_database, draftRules());
}

void TestRescorer::futureOnlyKeepsScores()
{
    const auto before = scores(*m_database);
    RulesetVersionStore store(*m_database);
    const auto applied = store.apply(draftRules(), u"marketing"_s, {}, RulesApplyMode::Future, demoNow);
    QVERIFY(applied);
    QVERIFY(!applied->rescore);
    QCOMPARE(scores(*m_database), before);
    QCOMPARE(m_database->activeRules(), draftRules());
    QCOMPARE(store.currentVersionId(), applied->version.id);
}

void TestRescorer::whatIfAfterFutureOnlyPredictsTheRescore()
{
    // Stored scores now come from other rules than those in force: "now" is what is stored, so the
    // preview of re-scoring under the rules in force still predicts exactly what a rescore does.
    RulesetVersionStore store(*m_database);
    QVERIFY(store.apply(draftRules(), u"marketing"_s, {}, RulesApplyMode::Future, demoNow));
    const auto impact = WhatIfQuery::run(*m_database, draftRules(), draftRules(), 0);
    QVERIFY(impact);
    QVERIFY(impact->movedLeads > 0);
    QCOMPARE(stageCounts(*m_database), impact->currentStages);
    const auto restored = store.restore(2, u"marketing"_s, demoNow);
    QVERIFY2(restored && restored->rescore, qPrintable(store.lastError().message));
    QCOMPARE(restored->rescore->stageChanges, impact->movedLeads);
    QCOMPARE(restored->rescore->leadsRescored, impact->rescoredLeads);
    QCOMPARE(stageCounts(*m_database), impact->draftStages);
}

void TestRescorer::undoRestoresVersionAndScores()
{
    const auto before = scores(*m_database);
    const auto stagesBefore = stageCounts(*m_database);
    RulesetVersionStore store(*m_database);
    QVERIFY(store.apply(draftRules(), u"marketing"_s, {}, RulesApplyMode::History, demoNow));
    QVERIFY(scores(*m_database) != before);
    const auto undone = store.undoLast(u"marketing"_s, demoNow);
    QVERIFY2(undone, qPrintable(store.lastError().message));
    QCOMPARE(undone->version.id, qint64(3));
    QCOMPARE(undone->version.note, u"restore of v1"_s);
    QCOMPARE(m_database->activeRules(), RuleSet::defaults());
    QCOMPARE(scores(*m_database), before);
    QCOMPARE(stageCounts(*m_database), stagesBefore);
    verifyLedger(*m_database, RuleSet::defaults());
}

void TestRescorer::versionsListAndDiff()
{
    RulesetVersionStore store(*m_database);
    QCOMPARE(store.versions()->size(), 0);
    QCOMPARE(store.currentVersionId(), qint64(0));
    QVERIFY(!store.undoLast(u"x"_s, demoNow));
    QVERIFY(store.apply(draftRules(), u"ada"_s, u"first"_s, RulesApplyMode::Future, demoNow));
    const auto versions = store.versions();
    QVERIFY(versions);
    QCOMPARE(versions->size(), 2);
    QCOMPARE(versions->first().author, u"ada"_s);
    QCOMPARE(versions->first().note, u"first"_s);
    QCOMPARE(versions->first().rules, draftRules());
    QCOMPARE(versions->last().rules, RuleSet::defaults());

    const QStringList changes = RuleSetDiff::compare(versions->last().rules, versions->first().rules);
    QVERIFY2(changes.contains(u"MQL threshold 40 -> 30"_s), qPrintable(changes.join(u'\n')));
    QVERIFY(changes.contains(u"SQL threshold 80 -> 60"_s));
    QVERIFY2(changes.contains(u"VIEWED_PRICING: points 10 -> 15, cap 30/day -> 45/week"_s), qPrintable(changes.join(u'\n')));
    QVERIFY(changes.contains(u"OPENED_EMAIL: added (+2)"_s));
    QCOMPARE(changes.size(), 4);
    QVERIFY(RuleSetDiff::compare(draftRules(), draftRules()).isEmpty());
}


void TestRescorer::rescoreEqualsFoldingApply_data()
{
    QTest::addColumn<int>("variant");
    QTest::addColumn<qint64>("decayUntilMs");
    QTest::addColumn<qint64>("indexRebuildMinimum"); // 0: the lead indexes are dropped and rebuilt
    QTest::addRow("weekly cap, lower thresholds") << 0 << qint64(0) << Rescorer::defaultIndexRebuildMinimum;
    QTest::addRow("weekly cap, indexes rebuilt") << 0 << qint64(0) << qint64(0);
    QTest::addRow("daily cap, faster decay") << 1 << qint64(0) << qint64(0);
    QTest::addRow("cap ever, penalty, decay until later") << 2 << demoNow + 40 * dayMs << Rescorer::defaultIndexRebuildMinimum;
    QTest::addRow("the same rules") << 3 << qint64(0) << qint64(0);
}

// The raw, compiled rescore stores exactly what folding funnel::apply over each lead's events (as
// ingest does) gives: each event's points, the decay rows, score, activity, decay steps, cap usage
// and, unless people pinned it, the stage.
void TestRescorer::rescoreEqualsFoldingApply()
{
    QFETCH(int, variant);
    QFETCH(qint64, decayUntilMs);
    QFETCH(qint64, indexRebuildMinimum);
    RuleSet rules = RuleSet::defaults();
    switch (variant) {
    case 0: rules = draftRules(); break;
    case 1: {
        rules.setRule(Rule{u"VIEWED_PRICING"_s, 12, std::nullopt, {}, PointsCap{20, CapPeriod::Day}});
        rules.setDecay(DecayPolicy{true, 10, 3, 4, 5});
        break;
    }
    case 2: {
        rules.setRule(Rule{u"DOWNLOADED_API_DOCS"_s, 25, Stage::MQL, {}, PointsCap{50, CapPeriod::Ever}});
        rules.setRule(Rule{u"OPENED_EMAIL"_s, -1, std::nullopt, {}, std::nullopt});
        break;
    }
    default: break;
    }
    {
        Transaction transaction(*m_database);
        DatabaseError error;
        const auto report = Rescorer::rescoreAll(*m_database, rules, u"test"_s, demoNow, decayUntilMs, &error, {},
                                                 indexRebuildMinimum);
        QVERIFY2(report, qPrintable(error.message));
        QVERIFY(transaction.commit());
        if (variant == 3)
            QCOMPARE(report->leadsRescored, qint64(0));
        else
            QVERIFY(report->eventsRescored > 0);
    }
    const auto bases = Rescorer::baseScores(*m_database);
    const auto pinned = Rescorer::pinnedStages(*m_database);
    QVERIFY(bases && pinned);

    QMultiHash<qint64, QString> expectedDecay; // lead -> "at delta event"
    QHash<qint64, LeadState> states;
    QSqlQuery events(m_database->connection());
    QVERIFY(events.exec(u"SELECT id, lead_id, type, occurred_at, points FROM events ORDER BY lead_id, id"_s));
    int checkedEvents = 0;
    while (events.next()) {
        const qint64 lead = events.value(1).toLongLong();
        auto state = states.find(lead);
        if (state == states.end()) {
            state = states.insert(lead, LeadState{});
            state->score = bases->value(lead);
        }
        const Outcome outcome = apply(*state, Event{events.value(2).toString(), events.value(3).toLongLong()}, rules);
        QVERIFY2(outcome.points == events.value(4).toInt(), qPrintable(u"event %1"_s.arg(events.value(0).toLongLong())));
        for (const ScoreChanged &change : outcome.effectsOf<ScoreChanged>()) {
            if (change.rule == "decay"_L1)
                expectedDecay.insert(lead, u"%1 %2 %3"_s.arg(events.value(3).toLongLong()).arg(change.delta).arg(events.value(0).toLongLong()));
        }
        *state = outcome.next;
        ++checkedEvents;
    }
    QVERIFY(checkedEvents > 10000);
    if (decayUntilMs > 0) {
        for (auto it = states.begin(); it != states.end(); ++it) {
            const Outcome decayed = applyDecay(*it, decayUntilMs, rules);
            for (const ScoreChanged &change : decayed.effectsOf<ScoreChanged>())
                expectedDecay.insert(it.key(), u"%1 %2 0"_s.arg(decayUntilMs).arg(change.delta));
            *it = decayed.next;
        }
    }
    QMultiHash<qint64, QString> storedDecay;
    QSqlQuery decay(m_database->connection());
    QVERIFY(decay.exec(u"SELECT lead_id, at, delta, coalesce(event_id, 0) FROM score_adjustments WHERE reason = 'decay'"_s));
    while (decay.next())
        storedDecay.insert(decay.value(0).toLongLong(), u"%1 %2 %3"_s.arg(decay.value(1).toLongLong()).arg(decay.value(2).toInt()).arg(decay.value(3).toLongLong()));
    if (variant != 2)
        QVERIFY(!expectedDecay.isEmpty());
    auto sortedValues = [](const QMultiHash<qint64, QString> &rows) {
        QStringList all;
        for (auto it = rows.cbegin(); it != rows.cend(); ++it)
            all.append(QString::number(it.key()) + u' ' + it.value());
        all.sort();
        return all;
    };
    QCOMPARE(sortedValues(storedDecay), sortedValues(expectedDecay));

    QSqlQuery leads(m_database->connection());
    QVERIFY(leads.exec(u"SELECT id, stage, score, last_activity_at, decay_steps, cap_usage FROM leads"_s));
    while (leads.next()) {
        const qint64 id = leads.value(0).toLongLong();
        const auto state = states.constFind(id);
        if (state == states.cend())
            continue;
        const QString what = u"lead %1"_s.arg(id);
        QVERIFY2(leads.value(2).toInt() == state->score, qPrintable(what));
        QVERIFY2(leads.value(3).toLongLong() == state->lastActivityMs, qPrintable(what));
        QVERIFY2(leads.value(4).toInt() == state->decayStepsApplied, qPrintable(what));
        QVERIFY2(leads.value(5).toString() == QString::fromUtf8(LeadStateCodec::capUsageColumn(*state)), qPrintable(what));
        const Stage expected = pinned->value(id, state->stage);
        QVERIFY2(leads.value(1).toString() == stageName(expected), qPrintable(what));
    }
    verifyLedger(*m_database, rules);
}

// After a future-only change, events ingested before it keep the points of the old version and
// later ones score under the new: the ledger names the version per line and still adds up to the
// stored score for every lead. A re-score of all history then makes every line the new version's.
void TestRescorer::ledgerNamesTheVersionThatScored()
{
    RuleSet dearer = RuleSet::defaults();
    dearer.setRule(Rule{u"VIEWED_PRICING"_s, 25, std::nullopt, {}, std::nullopt});
    RulesetVersionStore store(*m_database);
    const auto applied = store.apply(dearer, u"marketing"_s, {}, RulesApplyMode::Future, demoNow);
    QVERIFY(applied);
    QCOMPARE(applied->version.id, qint64(2)); // v1: the rules in force before

    // More events for 40 known leads, after the change, through ingest with the rules in force.
    QSqlQuery known(m_database->connection());
    QVERIFY(known.exec(u"SELECT id, external_id FROM leads WHERE external_id IS NOT NULL AND stage IN ('Cold', 'MQL')"
                       " AND id IN (SELECT lead_id FROM events WHERE type = 'VIEWED_PRICING' AND points = 10)"
                       " ORDER BY id LIMIT 40"_s));
    QByteArray lines;
    QList<qint64> touched;
    while (known.next()) {
        touched.append(known.value(0).toLongLong());
        lines += "{\"userId\":\"" + known.value(1).toString().toUtf8() + "\",\"eventType\":\"VIEWED_PRICING\",\"timestamp\":\""
            + QDateTime::fromMSecsSinceEpoch(demoNow + dayMs, Qt::UTC).toString(Qt::ISODate).toUtf8() + "\"}\n";
    }
    QCOMPARE(touched.size(), 40);
    QBuffer input;
    input.setData(lines);
    QVERIFY(input.open(QIODevice::ReadOnly));
    IngestPipeline pipeline(*m_database, m_database->activeRules());
    QCOMPARE(pipeline.ingest(input).eventsStored, qint64(40));

    verifyLedger(*m_database, dearer); // every lead: total == stored score
    LeadDetailsQuery details(*m_database);
    for (const qint64 id : std::as_const(touched)) {
        const auto lead = details.load(id, dearer);
        QVERIFY(lead);
        QSet<qint64> versions;
        for (const ScoreContribution &line : lead->contributions) {
            if (line.kind != ScoreContribution::Kind::Event)
                continue;
            versions.insert(line.rulesVersion);
            if (line.rule == "VIEWED_PRICING"_L1) // the points say which rules gave them
                QCOMPARE(line.points, line.rulesVersion == 2 ? 25 : 10);
        }
        QCOMPARE(versions, (QSet<qint64>{1, 2}));
        QCOMPARE(lead->contributionTotal(), qint64(lead->score));
    }

    // All history under v3: every event line says v3, and the ledger still adds up.
    const auto rescored = store.apply(dearer, u"marketing"_s, {}, RulesApplyMode::History, demoNow + 2 * dayMs);
    QVERIFY(rescored && rescored->rescore);
    QCOMPARE(rescored->version.id, qint64(3));
    verifyLedger(*m_database, dearer);
    const auto lead = details.load(touched.first(), dearer);
    QVERIFY(lead);
    for (const ScoreContribution &line : lead->contributions) {
        if (line.kind == ScoreContribution::Kind::Event || line.kind == ScoreContribution::Kind::Decay)
            QCOMPARE(line.rulesVersion, qint64(3));
    }
}

// A merge replays the survivor's events under the rules in force: lines whose points it changed
// name that version; undo gives back the old points and versions. The ledger adds up throughout.
void TestRescorer::mergeRescoresUnderTheVersionInForce()
{
    RuleSet dearer = RuleSet::defaults();
    dearer.setRule(Rule{u"VIEWED_PRICING"_s, 25, std::nullopt, {}, std::nullopt});
    RulesetVersionStore store(*m_database);
    QVERIFY(store.apply(dearer, u"marketing"_s, {}, RulesApplyMode::Future, demoNow));
    QSqlQuery pick(m_database->connection());
    QVERIFY(pick.exec(u"SELECT lead_id FROM events WHERE type = 'VIEWED_PRICING' AND points = 10"
                      " AND lead_id IN (SELECT id FROM leads WHERE stage IN ('Cold', 'MQL'))"
                      " GROUP BY lead_id ORDER BY lead_id LIMIT 2"_s));
    QList<qint64> ids;
    while (pick.next())
        ids.append(pick.value(0).toLongLong());
    pick.finish();
    QCOMPARE(ids.size(), 2);

    auto pricingVersions = [&](qint64 lead) {
        QSet<qint64> versions;
        LeadDetailsQuery details(*m_database);
        const auto loaded = details.load(lead, dearer);
        if (!loaded)
            return versions;
        for (const ScoreContribution &line : loaded->contributions) {
            if (line.rule == "VIEWED_PRICING"_L1)
                versions.insert(line.rulesVersion * 1000 + line.points);
        }
        return versions;
    };
    QCOMPARE(pricingVersions(ids.at(0)), (QSet<qint64>{1010})); // v1, 10 points

    LeadMerger merger(*m_database, m_database->activeRules());
    const LeadMergeResult merged = merger.merge(ids.at(0), ids.at(1), u"rep"_s, demoNow + dayMs);
    QVERIFY2(merged.merged, qPrintable(merged.refusal + merged.error.message));
    QCOMPARE(pricingVersions(ids.at(0)), (QSet<qint64>{2025})); // every pricing view re-scored: v2, 25 points
    verifyLedger(*m_database, dearer);

    QVERIFY2(merger.undo(merged.snapshot), qPrintable(merger.refusal()));
    QCOMPARE(pricingVersions(ids.at(0)), (QSet<qint64>{1010}));
    verifyLedger(*m_database, dearer);
}

void TestRescorer::cancelWritesNothing_data()
{
    QTest::addColumn<qint64>("cancelAt");
    QTest::addRow("while reading") << qint64(1);
    QTest::addRow("while replaying") << qint64(1500);
    QTest::addRow("while writing") << qint64(2000);
}

// Cancelling an apply anywhere leaves the file as it was: no version, no rules, no scores.
void TestRescorer::cancelWritesNothing()
{
    QFETCH(qint64, cancelAt);
    const QString before = snapshot(*m_database);
    RulesetVersionStore store(*m_database);
    qint64 last = -1;
    qint64 calls = 0;
    bool monotonic = true;
    const auto applied = store.apply(draftRules(), u"marketing"_s, {}, RulesApplyMode::History, demoNow,
                                     [&](qint64 done, qint64 all) {
                                         ++calls;
                                         monotonic = monotonic && done >= last && all == Rescorer::progressSteps;
                                         last = done;
                                         return done < cancelAt;
                                     });
    QVERIFY(!applied);
    QVERIFY(calls > 0);
    QVERIFY(monotonic);
    QVERIFY(last >= cancelAt);
    QCOMPARE(store.lastError().kind, DatabaseError::Kind::None); // cancelled, not failed
    QCOMPARE(snapshot(*m_database), before);
    QCOMPARE(store.currentVersionId(), qint64(0));

    // Not cancelled: progress runs to the end and the apply lands.
    last = -1;
    const auto done = store.apply(draftRules(), u"marketing"_s, {}, RulesApplyMode::History, demoNow,
                                  [&](qint64 step, qint64) {
                                      last = step;
                                      return true;
                                  });
    QVERIFY2(done && done->rescore, qPrintable(store.lastError().message));
    QCOMPARE(last, Rescorer::progressSteps);
    QVERIFY(snapshot(*m_database) != before);
}

QTEST_GUILESS_MAIN(TestRescorer)
#include "tst_rescorer.moc"
