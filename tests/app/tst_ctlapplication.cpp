#include "app/funnelctl/ctlapplication.h"

#include "core/storage/database.h"

#include <QBuffer>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
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

// Runs funnelctl in-process with `input` as standard input.
CtlRun runCtl(const QStringList &arguments, const QByteArray &input = {})
{
    CtlRun result;
    QTextStream out(&result.out);
    QTextStream err(&result.err);
    QByteArray inputCopy = input;
    QBuffer standardInput(&inputCopy);
    standardInput.open(QIODevice::ReadOnly);
    CtlApplication ctl(out, err, standardInput);
    result.exitCode = ctl.run(QStringList{u"funnelctl"_s} + arguments);
    out.flush();
    err.flush();
    return result;
}

QString writeFile(const QTemporaryDir &dir, const QString &name, const QByteArray &content)
{
    const QString path = dir.filePath(name);
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(content) != content.size())
        qFatal("cannot write test file");
    return path;
}

qint64 scalar(const QString &dbPath, const QString &sql)
{
    Database database;
    if (!database.open(dbPath))
        return -1;
    QSqlQuery query(database.connection());
    if (!query.exec(sql) || !query.next())
        return -1;
    return query.value(0).toLongLong();
}

} // namespace

class TestCtlApplication : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void helpForEveryCommand_data();
    void helpForEveryCommand();
    void usageErrors_data();
    void usageErrors();
    void databaseErrors_data();
    void databaseErrors();
    void importLeadsKeepsGoodRows();
    void exportLeadsRoundTrip();
    void ingestReportsBadLines();
    void statsOnAHandBuiltFunnel();
    void rulesExportImport();
    void demoPopulatesEveryStage();

private:
    std::unique_ptr<QTemporaryDir> m_dir;
    QString m_db;
};

void TestCtlApplication::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    m_db = m_dir->filePath(u"funnel.sqlite"_s);
}

void TestCtlApplication::helpForEveryCommand_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QString>("expected");
    QTest::addRow("global") << QStringList{u"--help"_s} << u"Commands:"_s;
    QTest::addRow("init") << QStringList{u"init"_s, u"--help"_s} << u"--demo"_s;
    QTest::addRow("import-leads") << QStringList{u"import-leads"_s, u"--help"_s} << u"import-leads FILE|-"_s;
    QTest::addRow("export-leads") << QStringList{u"export-leads"_s, u"--help"_s} << u"--format"_s;
    QTest::addRow("ingest") << QStringList{u"ingest"_s, u"--help"_s} << u"ingest FILE|-"_s;
    QTest::addRow("stats") << QStringList{u"stats"_s, u"--help"_s} << u"--json"_s;
    QTest::addRow("rules") << QStringList{u"rules"_s, u"--help"_s} << u"rules import FILE"_s;
}

void TestCtlApplication::helpForEveryCommand()
{
    QFETCH(QStringList, arguments);
    QFETCH(QString, expected);
    const CtlRun run = runCtl(arguments);
    QCOMPARE(run.exitCode, 0);
    QVERIFY2(run.out.contains(expected), qPrintable(run.out));
}

void TestCtlApplication::usageErrors_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QString>("expected");
    QTest::addRow("no command") << QStringList{} << u"no command given"_s;
    QTest::addRow("unknown command") << QStringList{u"frobnicate"_s} << u"unknown command 'frobnicate'"_s;
    QTest::addRow("unknown option") << QStringList{u"stats"_s, u"--colour"_s} << u"Unknown option 'colour'"_s;
    QTest::addRow("bad format") << QStringList{u"export-leads"_s, u"--format"_s, u"xml"_s} << u"--format must be csv or jsonl"_s;
    QTest::addRow("bad stage") << QStringList{u"export-leads"_s, u"--stage"_s, u"Hot"_s} << u"--stage must be one of"_s;
    QTest::addRow("ingest without file") << QStringList{u"ingest"_s} << u"expected exactly one FILE"_s;
    QTest::addRow("rules without action") << QStringList{u"rules"_s} << u"expected 'rules export"_s;
    QTest::addRow("bad batch size") << QStringList{u"ingest"_s, u"--batch-size"_s, u"0"_s, u"-"_s} << u"--batch-size"_s;
}

void TestCtlApplication::usageErrors()
{
    QFETCH(QStringList, arguments);
    QFETCH(QString, expected);
    const CtlRun run = runCtl(QStringList{u"--db"_s, m_db} + arguments);
    QCOMPARE(run.exitCode, int(CtlApplication::UsageError));
    QVERIFY2(run.err.contains(expected), qPrintable(run.err));
}

void TestCtlApplication::databaseErrors_data()
{
    QTest::addColumn<QByteArray>("content");
    QTest::addColumn<QString>("expected");
    QTest::addRow("garbage") << QByteArray(8192, 'x') << u"funnel.sqlite"_s;
    QTest::addRow("other application") << QByteArray("sqlite") << u"funnel.sqlite"_s;
}

void TestCtlApplication::databaseErrors()
{
    QFETCH(QByteArray, content);
    QFETCH(QString, expected);
    if (content == "sqlite") {
        // A real SQLite file of another application.
        const QString connection = u"other"_s;
        {
            QSqlDatabase other = QSqlDatabase::addDatabase(u"QSQLITE"_s, connection);
            other.setDatabaseName(m_db);
            QVERIFY(other.open());
            QSqlQuery query(other);
            QVERIFY(query.exec(u"CREATE TABLE invoices (id INTEGER PRIMARY KEY)"_s));
            other.close();
        }
        QSqlDatabase::removeDatabase(connection);
    } else {
        writeFile(*m_dir, u"funnel.sqlite"_s, content);
    }
    const QByteArray before = [this] {
        QFile file(m_db);
        return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
    }();
    const CtlRun run = runCtl({u"--db"_s, m_db, u"stats"_s});
    QCOMPARE(run.exitCode, int(CtlApplication::DatabaseFailure));
    QVERIFY2(run.err.contains(expected), qPrintable(run.err));
    QFile file(m_db);
    QVERIFY(file.open(QIODevice::ReadOnly));
    QCOMPARE(file.readAll(), before); // never touched
}

void TestCtlApplication::importLeadsKeepsGoodRows()
{
    const QByteArray csv = "id,email,name,company,stage,score,plan\r\n"
                           "u-1,ada@acme.example,Ada,Acme,MQL,45,gold\r\n"
                           "u-2,not-an-email,Bob,Bobco,,,silver\r\n"
                           "u-3,cy@cyco.example,Cy,Cyco,Hot,,bronze\r\n"
                           "u-4,ADA@acme.example,Ada Lovelace,,,,platinum\r\n";
    const CtlRun run = runCtl({u"--db"_s, m_db, u"import-leads"_s, u"-"_s}, csv);
    QCOMPARE(run.exitCode, int(CtlApplication::InputRejected));
    QVERIFY2(run.err.contains(u"line 3"_s) && run.err.contains(u"email"_s), qPrintable(run.err));
    QVERIFY2(run.err.contains(u"line 4"_s) && run.err.contains(u"stage"_s), qPrintable(run.err));
    QVERIFY2(run.out.contains(u"Imported 1 new leads, merged 1"_s), qPrintable(run.out));
    QCOMPARE(scalar(m_db, u"SELECT COUNT(*) FROM leads"_s), 1);
    QCOMPARE(scalar(m_db, u"SELECT COUNT(*) FROM leads WHERE name = 'Ada Lovelace' AND company = 'Acme' AND score = 45"_s), 1);
}

void TestCtlApplication::exportLeadsRoundTrip()
{
    const QByteArray csv = "email;name;company;source;stage;score;created_at;Plan;Région\n"
                           "a@x.example;\"Lovelace, Ada\";Acme;web;SQL;90;2026-11-01T08:00:00Z;gold;Île-de-France\n"
                           "b@x.example;\"Say \"\"hi\"\"\";Bobco;fair;Cold;5;2026-11-02;;Bayern\n";
    const QString input = writeFile(*m_dir, u"in.csv"_s, csv);
    QCOMPARE(runCtl({u"--db"_s, m_db, u"import-leads"_s, input}).exitCode, 0);
    const QString exported = m_dir->filePath(u"out.csv"_s);
    QCOMPARE(runCtl({u"--db"_s, m_db, u"export-leads"_s, u"--output"_s, exported}).exitCode, 0);
    QFile file(exported);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QString text = QString::fromUtf8(file.readAll());
    QVERIFY2(text.startsWith(u"id,email,name,company,title,source,owner,stage,score,created_at,Plan,Région\r\n"_s), qPrintable(text));
    QVERIFY2(text.contains(u",a@x.example,\"Lovelace, Ada\",Acme,,web,,SQL,90,2026-11-01T08:00:00Z,gold,Île-de-France\r\n"_s), qPrintable(text));
    QVERIFY2(text.contains(u"\"Say \"\"hi\"\"\""_s), qPrintable(text));

    // Importing the export again merges every row.
    const CtlRun again = runCtl({u"--db"_s, m_db, u"import-leads"_s, exported});
    QCOMPARE(again.exitCode, 0);
    QVERIFY2(again.out.contains(u"Imported 0 new leads, merged 2"_s), qPrintable(again.out));

    const QString jsonl = m_dir->filePath(u"sql.jsonl"_s);
    QCOMPARE(runCtl({u"--db"_s, m_db, u"export-leads"_s, u"--format"_s, u"jsonl"_s, u"--stage"_s, u"sql"_s,
                     u"--output"_s, jsonl}).exitCode, 0);
    QFile jsonFile(jsonl);
    QVERIFY(jsonFile.open(QIODevice::ReadOnly));
    const QList<QByteArray> lines = jsonFile.readAll().trimmed().split('\n');
    QCOMPARE(lines.size(), 1);
    const QJsonObject lead = QJsonDocument::fromJson(lines.first()).object();
    QCOMPARE(lead.value(u"name"_s).toString(), u"Lovelace, Ada"_s);
    QCOMPARE(lead.value(u"attributes"_s).toObject().value(u"Plan"_s).toString(), u"gold"_s);
}

void TestCtlApplication::ingestReportsBadLines()
{
    const QByteArray jsonl = R"({"eventId":"e1","userId":"u1","eventType":"VIEWED_PRICING","timestamp":"2026-11-01T10:00:00Z"})"
                             "\n{broken\n"
                             R"({"eventId":"e3","userId":"u1"})"
                             "\n"
                             R"({"eventId":"e4","userId":"u1","eventType":"REQUESTED_DEMO","timestamp":"2026-11-01T11:00:00Z"})"
                             "\n";
    const CtlRun run = runCtl({u"--db"_s, m_db, u"ingest"_s, u"-"_s}, jsonl);
    QCOMPARE(run.exitCode, int(CtlApplication::InputRejected));
    QVERIFY2(run.err.contains(u"line 2: "_s), qPrintable(run.err));
    QVERIFY2(run.err.contains(u"line 3: "_s) && run.err.contains(u"eventType"_s), qPrintable(run.err));
    QCOMPARE(scalar(m_db, u"SELECT COUNT(*) FROM events"_s), 2);
    QCOMPARE(scalar(m_db, u"SELECT COUNT(*) FROM leads WHERE stage = 'SQL' AND score = 10"_s), 1);

    // The same file again: nothing new, same report of bad lines.
    const CtlRun again = runCtl({u"--db"_s, m_db, u"ingest"_s, u"-"_s}, jsonl);
    QCOMPARE(again.exitCode, int(CtlApplication::InputRejected));
    QCOMPARE(scalar(m_db, u"SELECT COUNT(*) FROM events"_s), 2);
    QCOMPARE(scalar(m_db, u"SELECT COUNT(*) FROM stage_history WHERE to_stage = 'SQL'"_s), 1);

    const QString missing = m_dir->filePath(u"missing.jsonl"_s);
    const CtlRun noFile = runCtl({u"--db"_s, m_db, u"ingest"_s, missing});
    QCOMPARE(noFile.exitCode, int(CtlApplication::InputRejected));
    QVERIFY(noFile.err.contains(u"missing.jsonl"_s));
}

void TestCtlApplication::statsOnAHandBuiltFunnel()
{
    // u1 requests a demo (Cold -> SQL), u2 downloads docs (-> MQL), u3 only browses, u4 signs after
    // a demo (-> SQL -> Won). Reached: Cold 4, MQL 3, SQL 2, Won 1.
    const QByteArray jsonl = R"({"eventId":"a","userId":"u1","eventType":"REQUESTED_DEMO","timestamp":"2026-11-01T10:00:00Z"}
{"eventId":"b","userId":"u2","eventType":"DOWNLOADED_API_DOCS","timestamp":"2026-11-01T10:00:00Z"}
{"eventId":"c","userId":"u3","eventType":"VIEWED_PRICING","timestamp":"2026-11-01T10:00:00Z"}
{"eventId":"d","userId":"u4","eventType":"REQUESTED_DEMO","timestamp":"2026-11-01T10:00:00Z"}
{"eventId":"e","userId":"u4","eventType":"CONTRACT_SIGNED","timestamp":"2026-11-02T10:00:00Z"}
{"eventId":"f","userId":"u4","eventType":"UNSUBSCRIBED","timestamp":"2026-11-03T10:00:00Z"}
)";
    QCOMPARE(runCtl({u"--db"_s, m_db, u"ingest"_s, u"-"_s}, jsonl).exitCode, 0);
    const CtlRun run = runCtl({u"--db"_s, m_db, u"stats"_s, u"--json"_s});
    QCOMPARE(run.exitCode, 0);
    const QJsonObject stats = QJsonDocument::fromJson(run.out.toUtf8()).object();
    QCOMPARE(stats.value(u"totalLeads"_s).toInt(), 4);
    const QJsonObject stages = stats.value(u"stages"_s).toObject();
    QCOMPARE(stages.value(u"Cold"_s).toObject().value(u"count"_s).toInt(), 1);
    QCOMPARE(stages.value(u"MQL"_s).toObject().value(u"count"_s).toInt(), 1);
    QCOMPARE(stages.value(u"SQL"_s).toObject().value(u"count"_s).toInt(), 1);
    QCOMPARE(stages.value(u"Won"_s).toObject().value(u"count"_s).toInt(), 1);
    QCOMPARE(stages.value(u"Won"_s).toObject().value(u"scoreSum"_s).toInt(), -30);
    const QJsonObject reached = stats.value(u"reached"_s).toObject();
    QCOMPARE(reached.value(u"Cold"_s).toInt(), 4);
    QCOMPARE(reached.value(u"MQL"_s).toInt(), 3);
    QCOMPARE(reached.value(u"SQL"_s).toInt(), 2);
    QCOMPARE(reached.value(u"Won"_s).toInt(), 1);
    const QJsonArray conversion = stats.value(u"conversion"_s).toArray();
    QCOMPARE(conversion.at(0).toObject().value(u"rate"_s).toDouble(), 0.75);
    QCOMPARE(conversion.at(2).toObject().value(u"rate"_s).toDouble(), 0.5);
    QCOMPARE(stats.value(u"overallConversion"_s).toDouble(), 0.25);
    // Scores: u1 0, u2 20, u3 10, u4 -30 -> buckets [-30,-20), [0,10), [10,20), [20,30).
    const QJsonArray histogram = stats.value(u"histogram"_s).toArray();
    QCOMPARE(histogram.size(), 4);
    QCOMPARE(histogram.at(0).toObject().value(u"from"_s).toInt(), -30);
    QCOMPARE(histogram.at(0).toObject().value(u"perStage"_s).toObject().value(u"Won"_s).toInt(), 1);
    QCOMPARE(histogram.at(3).toObject().value(u"from"_s).toInt(), 20);

    const CtlRun table = runCtl({u"--db"_s, m_db, u"stats"_s});
    QCOMPARE(table.exitCode, 0);
    QVERIFY2(table.out.contains(u"Cold -> MQL"_s) && table.out.contains(u"75"_s), qPrintable(table.out));
}

void TestCtlApplication::rulesExportImport()
{
    const CtlRun exported = runCtl({u"--db"_s, m_db, u"rules"_s, u"export"_s});
    QCOMPARE(exported.exitCode, 0);
    QString json = exported.out;
    QVERIFY(json.contains(u"\"REQUESTED_DEMO\""_s));
    json.replace(u"\"sql\": 80"_s, u"\"sql\": 60"_s);
    const QString path = writeFile(*m_dir, u"rules.json"_s, json.toUtf8());
    QCOMPARE(runCtl({u"--db"_s, m_db, u"rules"_s, u"import"_s, path}).exitCode, 0);
    QVERIFY(runCtl({u"--db"_s, m_db, u"rules"_s, u"export"_s}).out.contains(u"\"sql\": 60"_s));

    const QString bad = writeFile(*m_dir, u"bad.json"_s, R"({"rules":[{"eventType":"X","points":"many"}]})");
    const CtlRun refused = runCtl({u"--db"_s, m_db, u"rules"_s, u"import"_s, bad});
    QCOMPARE(refused.exitCode, int(CtlApplication::InputRejected));
    QVERIFY2(refused.err.contains(u"rules[0].points"_s), qPrintable(refused.err));
    QVERIFY(runCtl({u"--db"_s, m_db, u"rules"_s, u"export"_s}).out.contains(u"\"sql\": 60"_s)); // unchanged
}

void TestCtlApplication::demoPopulatesEveryStage()
{
    const CtlRun run = runCtl({u"--db"_s, m_db, u"init"_s, u"--demo"_s, u"--leads"_s, u"400"_s});
    QCOMPARE(run.exitCode, 0);
    for (const char *stage : {"Cold", "MQL", "SQL", "Won", "Lost"}) {
        const qint64 count = scalar(m_db, u"SELECT COUNT(*) FROM leads WHERE stage = '%1'"_s.arg(QLatin1StringView(stage)));
        QVERIFY2(count > 0, stage);
    }
    QCOMPARE(scalar(m_db, u"SELECT COUNT(*) FROM leads"_s), 400);
    QVERIFY(scalar(m_db, u"SELECT COUNT(*) FROM events"_s) > 400 * 15);
    QVERIFY(scalar(m_db, u"SELECT COUNT(*) FROM stage_history WHERE cause = 'manual' AND reason <> ''"_s) > 0);
    // Demo data only goes into an empty database.
    QCOMPARE(runCtl({u"--db"_s, m_db, u"init"_s, u"--demo"_s}).exitCode, int(CtlApplication::InputRejected));
}

QTEST_GUILESS_MAIN(TestCtlApplication)
#include "tst_ctlapplication.moc"
