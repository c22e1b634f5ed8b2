#include "app/funnelctl/ctlapplication.h"

#include "core/io/rulesetjson.h"
#include "core/storage/database.h"
#include "core/storage/whatifquery.h"

#include <QBuffer>
#include <QDateTime>
#include <QFile>
#include <QLocale>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

using namespace funnel;
using namespace Qt::StringLiterals;

namespace {

struct CtlRun {
    int exitCode = -1;
    QString out;
    QString err;
};

CtlRun runCtl(const QStringList &arguments)
{
    CtlRun result;
    QTextStream out(&result.out);
    QTextStream err(&result.err);
    QBuffer standardInput;
    standardInput.open(QIODevice::ReadOnly);
    CtlApplication ctl(out, err, standardInput);
    result.exitCode = ctl.run(QStringList{u"funnelctl"_s} + arguments);
    out.flush();
    err.flush();
    return result;
}

RuleSet draftRules()
{
    RuleSet rules = RuleSet::defaults();
    rules.setThresholds(30, 60);
    rules.setRule(Rule{u"VIEWED_PRICING"_s, 15, std::nullopt, {}, PointsCap{45, CapPeriod::Week}});
    return rules;
}

const QString asOf = u"2026-11-27T12:00:00Z"_s;

} // namespace

class TestRulesCommands : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void diffPrintsTheSameNumbersAsTheQuery();
    void diffWritesNothing();
    void diffRefusesBadInput_data();
    void diffRefusesBadInput();
    void helpMentionsDiff();
    void applyVersionsRestoreExplain();
    void helpForNewCommands_data();
    void helpForNewCommands();

private:
    QTemporaryDir m_dir;
    QString m_db;
    QString m_draft;
};

void TestRulesCommands::initTestCase()
{
    QVERIFY(m_dir.isValid());
    m_db = m_dir.filePath(u"rules.sqlite"_s);
    const CtlRun init = runCtl({u"--db"_s, m_db, u"init"_s, u"--demo"_s, u"--leads"_s, u"600"_s});
    QVERIFY2(init.exitCode == 0, qPrintable(init.err));
    m_draft = m_dir.filePath(u"draft.json"_s);
    QFile file(m_draft);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(RuleSetJson::toJson(draftRules()));
}

void TestRulesCommands::diffPrintsTheSameNumbersAsTheQuery()
{
    const CtlRun diff = runCtl({u"--db"_s, m_db, u"rules"_s, u"diff"_s, m_draft, u"--as-of"_s, asOf, u"--sample"_s, u"3"_s});
    QVERIFY2(diff.exitCode == 0, qPrintable(diff.err));

    Database database;
    QVERIFY(database.open(m_db));
    const auto impact = WhatIfQuery::run(database, database.activeRules(), draftRules(),
                                         QDateTime::fromString(asOf, Qt::ISODate).toMSecsSinceEpoch());
    QVERIFY(impact);
    QVERIFY(impact->movedLeads > 0);
    const QLocale locale = QLocale::system();
    QVERIFY2(diff.out.contains(u"Leads that would move: %1 "_s.arg(locale.toString(impact->movedLeads))), qPrintable(diff.out));
    for (Stage stage : allStages) {
        const QString line = u"  "_s + stageName(stage).leftJustified(8)
            + locale.toString(impact->currentStages[size_t(stage)]).rightJustified(10)
            + locale.toString(impact->draftStages[size_t(stage)]).rightJustified(10);
        QVERIFY2(diff.out.contains(line), qPrintable(line + u"\n"_s + diff.out));
    }
    const WhatIfImpact::MovingLead &first = impact->sample.first();
    QVERIFY2(diff.out.contains(u"lead %1: %2 -> %3"_s.arg(first.leadId).arg(stageName(first.from), stageName(first.to))),
             qPrintable(diff.out));
    QCOMPARE(diff.out.count(u"  lead "_s), std::min<qsizetype>(3, impact->sample.size()));
    QVERIFY(diff.out.contains(u"Nothing was written"_s));
}

void TestRulesCommands::diffWritesNothing()
{
    auto snapshot = [this]() -> QString {
        Database database;
        if (!database.open(m_db))
            return QString();
        QSqlQuery query(database.connection());
        query.exec(u"SELECT group_concat(stage || score, ',') FROM leads"_s);
        query.next();
        return query.value(0).toString() + database.settingValue(u"rules"_s).value_or(QString());
    };
    const QString before = snapshot();
    QVERIFY(!before.isEmpty());
    QCOMPARE(runCtl({u"--db"_s, m_db, u"rules"_s, u"diff"_s, m_draft}).exitCode, 0);
    QCOMPARE(snapshot(), before);
}

void TestRulesCommands::diffRefusesBadInput_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<QStringList>("extra");
    QTest::addColumn<int>("exitCode");
    QTest::addColumn<QString>("message");
    QTest::addRow("points not a number") << QByteArray("{\"rules\":[{\"eventType\":\"X\",\"points\":\"ten\"}]}") << QStringList{}
                                         << 1 << u"rules[0].points"_s;
    QTest::addRow("bad as-of") << RuleSetJson::toJson(RuleSet::defaults()) << QStringList{u"--as-of"_s, u"yesterday"_s}
                               << 2 << u"--as-of"_s;
    QTest::addRow("bad sample") << RuleSetJson::toJson(RuleSet::defaults()) << QStringList{u"--sample"_s, u"-4"_s}
                                << 2 << u"--sample"_s;
}

void TestRulesCommands::diffRefusesBadInput()
{
    QFETCH(QByteArray, json);
    QFETCH(QStringList, extra);
    QFETCH(int, exitCode);
    QFETCH(QString, message);
    const QString path = m_dir.filePath(u"bad.json"_s);
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
    file.write(json);
    file.close();
    const CtlRun run = runCtl(QStringList{u"--db"_s, m_db, u"rules"_s, u"diff"_s, path} + extra);
    QCOMPARE(run.exitCode, exitCode);
    QVERIFY2(run.err.contains(message), qPrintable(run.err));
}

void TestRulesCommands::helpMentionsDiff()
{
    const CtlRun help = runCtl({u"rules"_s, u"--help"_s});
    QCOMPARE(help.exitCode, 0);
    QVERIFY(help.out.contains(u"rules diff FILE"_s));
    QVERIFY(help.out.contains(u"--as-of"_s));
}

void TestRulesCommands::applyVersionsRestoreExplain()
{
    QTemporaryDir dir;
    const QString db = dir.filePath(u"apply.sqlite"_s);
    QCOMPARE(runCtl({u"--db"_s, db, u"init"_s, u"--demo"_s, u"--leads"_s, u"400"_s}).exitCode, 0);

    // The diff's prediction ...
    const CtlRun diff = runCtl({u"--db"_s, db, u"rules"_s, u"diff"_s, m_draft});
    QCOMPARE(diff.exitCode, 0);
    Database database;
    QVERIFY(database.open(db));
    const auto impact = WhatIfQuery::run(database, database.activeRules(), draftRules(), 0);
    QVERIFY(impact && impact->movedLeads > 0);

    // ... is what applying does.
    const CtlRun apply = runCtl({u"--db"_s, db, u"rules"_s, u"apply"_s, m_draft, u"--author"_s, u"ada"_s,
                                 u"--note"_s, u"pricing matters"_s});
    QVERIFY2(apply.exitCode == 0, qPrintable(apply.err));
    QVERIFY2(apply.out.contains(u"Applied rules v2"_s), qPrintable(apply.out));
    QVERIFY2(apply.out.contains(u"%1 stages changed"_s.arg(QLocale::system().toString(impact->movedLeads))), qPrintable(apply.out));

    const CtlRun versions = runCtl({u"--db"_s, db, u"rules"_s, u"versions"_s});
    QCOMPARE(versions.exitCode, 0);
    QVERIFY2(versions.out.contains(u"* v2"_s) && versions.out.contains(u"pricing matters"_s)
                 && versions.out.contains(u"ada"_s) && versions.out.contains(u"  v1"_s),
             qPrintable(versions.out));
    const CtlRun compare = runCtl({u"--db"_s, db, u"rules"_s, u"versions"_s, u"1"_s, u"2"_s});
    QVERIFY2(compare.out.contains(u"MQL threshold 40 -> 30"_s), qPrintable(compare.out));

    QSqlQuery lead(database.connection());
    QVERIFY(lead.exec(u"SELECT id, score FROM leads WHERE score > 0 ORDER BY id LIMIT 1"_s) && lead.next());
    const QString leadId = lead.value(0).toString();
    const int leadScore = lead.value(1).toInt();
    lead.finish(); // an open statement would pin this connection's snapshot
    const CtlRun explain = runCtl({u"--db"_s, db, u"explain"_s, leadId});
    QVERIFY2(explain.exitCode == 0, qPrintable(explain.out + explain.err));
    QVERIFY2(explain.out.contains(u"= stored score %1."_s.arg(leadScore)), qPrintable(explain.out));
    // Every event line was re-scored by v2 and says so; none is left under v1.
    QVERIFY2(explain.out.contains(u"  v2\n"_s) && !explain.out.contains(u"  v1\n"_s), qPrintable(explain.out));
    QCOMPARE(runCtl({u"--db"_s, db, u"explain"_s, u"nobody@nowhere"_s}).exitCode, 1);

    const CtlRun restore = runCtl({u"--db"_s, db, u"rules"_s, u"restore"_s, u"1"_s});
    QVERIFY2(restore.exitCode == 0, qPrintable(restore.err));
    QVERIFY(restore.out.contains(u"Applied rules v3"_s));
    QCOMPARE(database.activeRules(), RuleSet::defaults());
    QCOMPARE(runCtl({u"--db"_s, db, u"rules"_s, u"restore"_s, u"99"_s}).exitCode, 3);

    const CtlRun rescore = runCtl({u"--db"_s, db, u"rescore"_s});
    QVERIFY2(rescore.exitCode == 0, qPrintable(rescore.err));
    QVERIFY2(rescore.out.contains(u"0 scores and 0 stages changed"_s), qPrintable(rescore.out));
}

void TestRulesCommands::helpForNewCommands_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QString>("expected");
    QTest::addRow("rescore") << QStringList{u"rescore"_s, u"--help"_s} << u"--decay-until"_s;
    QTest::addRow("explain") << QStringList{u"explain"_s, u"--help"_s} << u"explain LEAD"_s;
    QTest::addRow("rules apply") << QStringList{u"rules"_s, u"--help"_s} << u"--future-only"_s;
}

void TestRulesCommands::helpForNewCommands()
{
    QFETCH(QStringList, arguments);
    QFETCH(QString, expected);
    const CtlRun help = runCtl(arguments);
    QCOMPARE(help.exitCode, 0);
    QVERIFY2(help.out.contains(expected), qPrintable(help.out));
}

QTEST_GUILESS_MAIN(TestRulesCommands)
#include "tst_rulescommands.moc"
