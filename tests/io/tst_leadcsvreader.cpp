#include "core/io/leadcsvreader.h"
#include "tests/io/leadrecordprinter.h"
#include "tests/common/trickledevice.h"

#include <QBuffer>
#include <QDateTime>
#include <QStringEncoder>
#include <QTest>

#include <ctime>

using namespace Qt::StringLiterals;

namespace funnel {

namespace {

LeadCsvReader::Result readBytes(const QByteArray &bytes)
{
    QBuffer buffer;
    buffer.setData(bytes);
    buffer.open(QIODevice::ReadOnly);
    return LeadCsvReader::readAll(buffer);
}

qint64 utcMs(int year, int month, int day, int hour = 0, int minute = 0, int second = 0, int ms = 0)
{
    return QDateTime(QDate(year, month, day), QTime(hour, minute, second, ms), Qt::UTC).toMSecsSinceEpoch();
}

QList<int> linesOf(const QList<LeadRecord> &records)
{
    QList<int> lines;
    for (const LeadRecord &record : records)
        lines.append(record.line);
    return lines;
}

QString describe(const QList<CsvRowError> &errors)
{
    QStringList messages;
    for (const CsvRowError &error : errors)
        messages.append(error.message);
    return messages.join(u" | ");
}

} // namespace

class TestLeadCsvReader : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void allColumnsWithCustomAttributes();
    void subsetOfColumnsInAnyOrder();
    void stage_data();
    void stage();
    void score_data();
    void score();
    void createdAt_data();
    void createdAt();
    void invalidTimestamp_data();
    void invalidTimestamp();
    void badRows_data();
    void badRows();
    void missingKeyMessageIsExact();
    void fileErrors_data();
    void fileErrors();
    void headerOnlyIsNotAnError();
    void emptyLinesSkipped();
    void unterminatedQuoteKeepsEarlierRows();
    void dialects_data();
    void dialects();
    void invalidUtf8Row();
    void emptyCustomValuesOmitted();
    void deviceNotOpen();
    void tenThousandRows();
};

void TestLeadCsvReader::initTestCase()
{
    // Far from UTC, so that reading a zone-less time as local time would show.
    qputenv("TZ", "Pacific/Auckland");
    tzset();
    QVERIFY(QDateTime(QDate(2026, 11, 27), QTime(10, 0)).offsetFromUtc() != 0);
}

void TestLeadCsvReader::allColumnsWithCustomAttributes()
{
    const auto result = readBytes(" ID ,Email,NAME,company,Title,source,owner,Stage,score,Created_At,Region, plan \n"
                                  "crm-1, ada@example.com , Ada Lovelace ,Acme,CTO,webinar,bob,mql,42,2026-11-27T10:00:00Z,EMAIL, pro \n"_ba);
    QVERIFY2(result.fileError.isEmpty(), qPrintable(result.fileError));
    QVERIFY2(result.errors.isEmpty(), qPrintable(describe(result.errors)));
    QCOMPARE(result.attributeColumns, (QStringList{u"Region"_s, u"plan"_s}));
    QCOMPARE(result.records.size(), 1);

    LeadRecord expected;
    expected.externalId = u"crm-1"_s;
    expected.email = u"ada@example.com"_s;
    expected.name = u"Ada Lovelace"_s;
    expected.company = u"Acme"_s;
    expected.title = u"CTO"_s;
    expected.source = u"webinar"_s;
    expected.owner = u"bob"_s;
    expected.stage = Stage::MQL;
    expected.score = 42;
    expected.createdAtMs = utcMs(2026, 11, 27, 10);
    // Custom values are kept verbatim, surrounding spaces included.
    expected.attributes = {{u"Region"_s, u"EMAIL"_s}, {u"plan"_s, u" pro "_s}};
    expected.line = 2;
    QCOMPARE(result.records.first(), expected);
}

void TestLeadCsvReader::subsetOfColumnsInAnyOrder()
{
    const auto result = readBytes("name,email\nAda,ada@example.com\n,grace@example.com\n"_ba);
    QVERIFY(result.fileError.isEmpty());
    QVERIFY(result.errors.isEmpty());
    QCOMPARE(result.records.size(), 2);
    QCOMPARE(result.records[0].name, u"Ada"_s);
    QCOMPARE(result.records[0].email, u"ada@example.com"_s);
    QVERIFY(result.records[0].externalId.isEmpty());
    QVERIFY(!result.records[0].stage);
    QVERIFY(!result.records[0].score);
    QVERIFY(!result.records[0].createdAtMs);
    QVERIFY(result.records[0].attributes.isEmpty());
    QCOMPARE(result.records[1].email, u"grace@example.com"_s);
    QVERIFY(result.records[1].name.isEmpty());
}

void TestLeadCsvReader::stage_data()
{
    QTest::addColumn<QString>("cell");
    QTest::addColumn<std::optional<Stage>>("expected");

    QTest::addRow("Cold") << u"Cold"_s << std::optional<Stage>(Stage::Cold);
    QTest::addRow("lower case") << u"mql"_s << std::optional<Stage>(Stage::MQL);
    QTest::addRow("padded") << u"  SQL "_s << std::optional<Stage>(Stage::SQL);
    QTest::addRow("Won") << u"Won"_s << std::optional<Stage>(Stage::Won);
    QTest::addRow("upper case") << u"LOST"_s << std::optional<Stage>(Stage::Lost);
    QTest::addRow("empty") << QString() << std::optional<Stage>();
}

void TestLeadCsvReader::stage()
{
    QFETCH(QString, cell);
    QFETCH(std::optional<Stage>, expected);
    const auto result = readBytes("email,stage\na@b.co," + cell.toUtf8() + '\n');
    QVERIFY2(result.errors.isEmpty(), qPrintable(describe(result.errors)));
    QCOMPARE(result.records.size(), 1);
    QCOMPARE(result.records[0].stage, expected);
}

void TestLeadCsvReader::score_data()
{
    QTest::addColumn<QString>("cell");
    QTest::addColumn<std::optional<int>>("expected");

    QTest::addRow("positive") << u"42"_s << std::optional<int>(42);
    QTest::addRow("zero") << u"0"_s << std::optional<int>(0);
    QTest::addRow("negative") << u"-3"_s << std::optional<int>(-3);
    QTest::addRow("padded") << u" 7 "_s << std::optional<int>(7);
    QTest::addRow("empty") << QString() << std::optional<int>();
}

void TestLeadCsvReader::score()
{
    QFETCH(QString, cell);
    QFETCH(std::optional<int>, expected);
    const auto result = readBytes("email,score\na@b.co," + cell.toUtf8() + '\n');
    QVERIFY2(result.errors.isEmpty(), qPrintable(describe(result.errors)));
    QCOMPARE(result.records.size(), 1);
    QCOMPARE(result.records[0].score, expected);
}

void TestLeadCsvReader::createdAt_data()
{
    QTest::addColumn<QString>("cell");
    QTest::addColumn<qint64>("expectedMs");

    QTest::addRow("date only is UTC midnight") << u"2026-11-27"_s << utcMs(2026, 11, 27);
    QTest::addRow("Z") << u"2026-11-27T10:00:00Z"_s << utcMs(2026, 11, 27, 10);
    QTest::addRow("positive offset") << u"2026-11-27T10:00:00+02:00"_s << utcMs(2026, 11, 27, 8);
    QTest::addRow("negative offset") << u"2026-11-27T10:00:00-05:30"_s << utcMs(2026, 11, 27, 15, 30);
    QTest::addRow("no zone is UTC") << u"2026-11-27T10:00:00"_s << utcMs(2026, 11, 27, 10);
    QTest::addRow("no zone, in a local DST gap") << u"2026-09-27T02:30:00"_s << utcMs(2026, 9, 27, 2, 30);
    QTest::addRow("milliseconds") << u"2026-11-27T10:00:00.123Z"_s << utcMs(2026, 11, 27, 10, 0, 0, 123);
    QTest::addRow("space separator") << u"2026-11-27 10:00:00Z"_s << utcMs(2026, 11, 27, 10);
    QTest::addRow("padded") << u" 2026-11-27T10:00:00Z "_s << utcMs(2026, 11, 27, 10);
    QTest::addRow("before 1970") << u"1969-07-20T20:17:40Z"_s << utcMs(1969, 7, 20, 20, 17, 40);
}

void TestLeadCsvReader::createdAt()
{
    QFETCH(QString, cell);
    QFETCH(qint64, expectedMs);
    QCOMPARE(LeadCsvReader::parseTimestamp(cell), std::optional<qint64>(expectedMs));

    const auto result = readBytes("email,created_at\na@b.co,\"" + cell.toUtf8() + "\"\n");
    QVERIFY2(result.errors.isEmpty(), qPrintable(describe(result.errors)));
    QCOMPARE(result.records.size(), 1);
    QCOMPARE(result.records[0].createdAtMs, std::optional<qint64>(expectedMs));
}

void TestLeadCsvReader::invalidTimestamp_data()
{
    QTest::addColumn<QString>("cell");
    QTest::addRow("European date") << u"27.11.2026"_s;
    QTest::addRow("US date") << u"11/27/2026"_s;
    QTest::addRow("month 13") << u"2026-13-01"_s;
    QTest::addRow("February 30") << u"2026-02-30"_s;
    QTest::addRow("hour 25") << u"2026-11-27T25:00:00Z"_s;
    QTest::addRow("trailing junk") << u"2026-11-27T10:00:00Zjunk"_s;
    QTest::addRow("word") << u"yesterday"_s;
    QTest::addRow("epoch number") << u"1764237600"_s;
}

void TestLeadCsvReader::invalidTimestamp()
{
    QFETCH(QString, cell);
    QCOMPARE(LeadCsvReader::parseTimestamp(cell), std::optional<qint64>());
}

void TestLeadCsvReader::badRows_data()
{
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<int>("errorLine");
    QTest::addColumn<QStringList>("messageParts");
    QTest::addColumn<QList<int>>("goodLines");

    // A good row before and after each bad one: good rows around bad ones still land.
    const QByteArray header = "id,email,name,stage,score,created_at\n";
    const QByteArray good = "7,good@example.com,Good,Cold,1,2026-11-27\n";
    const auto around = [&](const QByteArray &bad) -> QByteArray { return header + good + bad + good; };
    const QList<int> aroundLines{2, 4};

    QTest::addRow("neither email nor id") << around(",,Ada,Cold,1,\n") << 3
                                          << QStringList{u"line 3: neither 'email' nor 'id' is set; one of them is required"_s} << aroundLines;
    QTest::addRow("blank key cells") << around("  , \t ,Ada,,,\n") << 3 << QStringList{u"line 3:"_s, u"'email'"_s, u"'id'"_s} << aroundLines;
    QTest::addRow("email with two @") << around(",a@b@example.com,,,,\n") << 3
                                      << QStringList{u"line 3:"_s, u"'email'"_s, u"\"a@b@example.com\""_s} << aroundLines;
    QTest::addRow("email without @") << around("1,ada.example.com,,,,\n") << 3 << QStringList{u"line 3:"_s, u"'email'"_s} << aroundLines;
    QTest::addRow("email without local part") << around(",@example.com,,,,\n") << 3 << QStringList{u"line 3:"_s, u"'email'"_s} << aroundLines;
    QTest::addRow("email without domain") << around(",ada@,,,,\n") << 3 << QStringList{u"line 3:"_s, u"'email'"_s} << aroundLines;
    QTest::addRow("email with a space") << around(",ada lovelace@example.com,,,,\n") << 3
                                        << QStringList{u"line 3:"_s, u"'email'"_s, u"\"ada lovelace@example.com\""_s} << aroundLines;
    QTest::addRow("unknown stage") << around("8,x@example.com,,Hot,,\n") << 3
                                   << QStringList{u"line 3:"_s, u"'stage'"_s, u"\"Hot\""_s, u"Cold, MQL, SQL, Won, Lost"_s} << aroundLines;
    QTest::addRow("fractional score") << around("8,x@example.com,,,12.5,\n") << 3 << QStringList{u"line 3:"_s, u"'score'"_s, u"\"12.5\""_s}
                                      << aroundLines;
    QTest::addRow("word score") << around("8,x@example.com,,,high,\n") << 3 << QStringList{u"line 3:"_s, u"'score'"_s, u"\"high\""_s} << aroundLines;
    QTest::addRow("score beyond int") << around("8,x@example.com,,,99999999999,\n") << 3 << QStringList{u"line 3:"_s, u"'score'"_s} << aroundLines;
    QTest::addRow("bad created_at") << around("8,x@example.com,,,,27/11/2026\n") << 3
                                    << QStringList{u"line 3:"_s, u"'created_at'"_s, u"\"27/11/2026\""_s} << aroundLines;
    QTest::addRow("several problems in one row") << around("8,x@example.com,,Hot,high,\n") << 3
                                                 << QStringList{u"line 3:"_s, u"'stage'"_s, u"'score'"_s} << aroundLines;
    QTest::addRow("too few fields") << around("8,x@example.com\n") << 3
                                    << QStringList{u"line 3: expected 6 fields as in the header, found 2"_s} << aroundLines;
    QTest::addRow("too many fields") << around("8,x@example.com,,,,,extra\n") << 3
                                     << QStringList{u"line 3: expected 6 fields as in the header, found 7"_s} << aroundLines;
    QTest::addRow("after a multi-line quoted field")
        << QByteArray(header + "1,a@example.com,\"Line one\nLine two\r\nLine three\",,,\n" + "2,b@example.com,,Nope,,\n" + good) << 5
        << QStringList{u"line 5:"_s, u"'stage'"_s} << QList<int>{2, 6};
    QTest::addRow("after empty lines") << QByteArray(header + "\n\n" + good + "\r\n" + "9,,,,x,\n") << 6 << QStringList{u"line 6:"_s, u"'score'"_s} << QList<int>{4};
    QTest::addRow("a long bad value is shortened")
        << QByteArray(header + "1," + QByteArray(500, 'x') + ",,,,\n") << 2 << QStringList{u"line 2:"_s, u"'email'"_s, u"xxx…"_s} << QList<int>{};
}

void TestLeadCsvReader::badRows()
{
    QFETCH(QByteArray, input);
    QFETCH(int, errorLine);
    QFETCH(QStringList, messageParts);
    QFETCH(QList<int>, goodLines);

    const auto result = readBytes(input);
    QVERIFY2(result.fileError.isEmpty(), qPrintable(result.fileError));
    QCOMPARE(linesOf(result.records), goodLines);
    QCOMPARE(result.errors.size(), 1);
    QCOMPARE(result.errors[0].line, errorLine);
    for (const QString &part : std::as_const(messageParts))
        QVERIFY2(result.errors[0].message.contains(part), qPrintable(result.errors[0].message + u" lacks " + part));
    // A value quoted in a message must not drag a whole runaway cell along.
    QVERIFY(result.errors[0].message.size() < 200);
}

void TestLeadCsvReader::missingKeyMessageIsExact()
{
    const auto result = readBytes("email,id,name\r\n"
                                  "a@example.com,,A\r\n"
                                  "b@example.com,,B\r\n"
                                  ",1,C\r\n"
                                  "c@example.com,2,D\r\n"
                                  "\r\n"
                                  ",,E\r\n"
                                  "d@example.com,,F\r\n"_ba);
    QCOMPARE(result.errors.size(), 1);
    QCOMPARE(result.errors[0], (CsvRowError{7, u"line 7: neither 'email' nor 'id' is set; one of them is required"_s}));
    QCOMPARE(linesOf(result.records), (QList<int>{2, 3, 4, 5, 8}));
}

void TestLeadCsvReader::fileErrors_data()
{
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<QString>("messagePart");

    QTest::addRow("empty file") << QByteArray() << u"empty"_s;
    QTest::addRow("only empty lines") << "\n\r\n\n"_ba << u"empty"_s;
    QTest::addRow("only a BOM") << "\xEF\xBB\xBF"_ba << u"empty"_s;
    QTest::addRow("no header, data first") << "ada@example.com,Ada,Acme\ngrace@example.com,Grace,Navy\n"_ba << u"line 1:"_s;
    QTest::addRow("header without email or id") << "name,company\nAda,Acme\n"_ba << u"neither an 'email' nor an 'id' column"_s;
    QTest::addRow("duplicate column") << "email,name,Email\n"_ba << u"'Email' appears twice in the header (columns 1 and 3)"_s;
    QTest::addRow("duplicate after trimming") << "id, email ,EMAIL\n"_ba << u"appears twice"_s;
    QTest::addRow("duplicate custom column") << "email,Region,region\n"_ba << u"'region' appears twice"_s;
    QTest::addRow("unnamed column") << "email,,name\n"_ba << u"line 1: header column 2 has no name"_s;
    QTest::addRow("header after empty lines names its line") << "\n\nemail,email\n"_ba << u"line 3:"_s;
    QTest::addRow("unterminated quote in header") << "email,\"name\na@b.co,x\n"_ba << u"line 1:"_s;
}

void TestLeadCsvReader::fileErrors()
{
    QFETCH(QByteArray, input);
    QFETCH(QString, messagePart);

    QBuffer buffer;
    buffer.setData(input);
    buffer.open(QIODevice::ReadOnly);
    LeadCsvReader reader;
    int records = 0;
    int errors = 0;
    QVERIFY(!reader.read(buffer, [&](LeadRecord &&) { ++records; }, [&](CsvRowError &&) { ++errors; }));
    QVERIFY2(reader.fileError().contains(messagePart), qPrintable(reader.fileError()));
    QCOMPARE(records, 0);
    QCOMPARE(errors, 0);
}

void TestLeadCsvReader::headerOnlyIsNotAnError()
{
    const auto result = readBytes("id,email,name\r\n"_ba);
    QVERIFY(result.fileError.isEmpty());
    QVERIFY(result.records.isEmpty());
    QVERIFY(result.errors.isEmpty());
}

void TestLeadCsvReader::emptyLinesSkipped()
{
    // Empty lines and rows of bare delimiters (spreadsheet padding) are neither records nor errors.
    const auto result = readBytes("email,name\r\n\r\na@b.co,A\r\n,\r\n \t, \r\n\nc@d.co,C\r\n,\r\n"_ba);
    QVERIFY2(result.errors.isEmpty(), qPrintable(describe(result.errors)));
    QCOMPARE(linesOf(result.records), (QList<int>{3, 7}));
}

void TestLeadCsvReader::unterminatedQuoteKeepsEarlierRows()
{
    QBuffer buffer;
    buffer.setData("email,name\na@b.co,A\nb@c.co,\"Open\nstill open\nc@d.co,C\n"_ba);
    buffer.open(QIODevice::ReadOnly);
    LeadCsvReader reader;
    QList<LeadRecord> records;
    QList<CsvRowError> errors;
    QVERIFY(reader.read(buffer, [&](LeadRecord &&r) { records.append(r); }, [&](CsvRowError &&e) { errors.append(e); }));
    QCOMPARE(linesOf(records), (QList<int>{2}));
    QCOMPARE(errors.size(), 1);
    QCOMPARE(errors[0].line, 3);
    QVERIFY2(errors[0].message.startsWith(u"line 3:"_s) && errors[0].message.contains(u"quoted"_s), qPrintable(errors[0].message));
}

void TestLeadCsvReader::dialects_data()
{
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<QChar>("delimiter");

    // Build each dialect from the same table, quoting the cells that need it.
    const auto render = [&](QChar delimiter, QStringView lineEnd) {
        QString out;
        const QStringList lines{
            u"Email|Name|Company|Score|Note"_s,
            u"jürgen@example.de|Jürgen Müller|\"Bäckerei \"\"Süß\"\"\"|5|\"😀 a" + QString(delimiter) + u"b\""_s,
            u"zoë@example.com|Zoë|Acme|7|\"line one\nline two\""_s,
        };
        for (const QString &line : lines) {
            QString copy = line;
            out += copy.replace(u'|', delimiter) + lineEnd;
        }
        return out;
    };
    QTest::addRow("comma, LF") << render(u',', u"\n").toUtf8() << QChar(u',');
    QTest::addRow("comma, CRLF, no final newline") << render(u',', u"\r\n").chopped(2).toUtf8() << QChar(u',');
    QTest::addRow("semicolon, CRLF") << render(u';', u"\r\n").toUtf8() << QChar(u';');
    QTest::addRow("tab, LF") << render(u'\t', u"\n").toUtf8() << QChar(u'\t');
    QTest::addRow("BOM, semicolon") << QByteArray("\xEF\xBB\xBF" + render(u';', u"\r\n").toUtf8()) << QChar(u';');
    QStringEncoder utf16(QStringConverter::Utf16LE, QStringConverter::Flag::WriteBom);
    QTest::addRow("UTF-16LE BOM, tab") << QByteArray(utf16.encode(render(u'\t', u"\r\n"))) << QChar(u'\t');
}

void TestLeadCsvReader::dialects()
{
    QFETCH(QByteArray, input);
    QFETCH(QChar, delimiter);

    TrickleDevice device(input, 3);
    device.open(QIODevice::ReadOnly | QIODevice::Unbuffered);
    LeadCsvReader reader;
    QList<LeadRecord> records;
    QList<CsvRowError> errors;
    QVERIFY(reader.read(device, [&](LeadRecord &&r) { records.append(r); }, [&](CsvRowError &&e) { errors.append(e); }));
    QVERIFY2(errors.isEmpty(), qPrintable(describe(errors)));
    QCOMPARE(reader.dialect().delimiter, delimiter);
    QCOMPARE(reader.attributeColumns(), QStringList{u"Note"_s});
    QCOMPARE(records.size(), 2);
    QCOMPARE(records[0].email, u"jürgen@example.de"_s);
    QCOMPARE(records[0].name, u"Jürgen Müller"_s);
    QCOMPARE(records[0].company, u"Bäckerei \"Süß\""_s);
    QCOMPARE(records[0].score, std::optional<int>(5));
    QCOMPARE(records[0].attributes, (QList<std::pair<QString, QString>>{{u"Note"_s, u"😀 a"_s + delimiter + u"b"_s}}));
    QCOMPARE(records[1].email, u"zoë@example.com"_s);
    QCOMPARE(records[1].attributes, (QList<std::pair<QString, QString>>{{u"Note"_s, u"line one\nline two"_s}}));
    QCOMPARE(linesOf(records), (QList<int>{2, 3}));
}

void TestLeadCsvReader::invalidUtf8Row()
{
    const auto result = readBytes("email,name\na@b.co,A\nb@c.co,M\xFCller\nc@d.co,C\n"_ba);
    QCOMPARE(linesOf(result.records), (QList<int>{2, 4}));
    QCOMPARE(result.errors.size(), 1);
    QCOMPARE(result.errors[0].line, 3);
    QVERIFY2(result.errors[0].message.contains(u"UTF-8"_s), qPrintable(result.errors[0].message));
}

void TestLeadCsvReader::emptyCustomValuesOmitted()
{
    const auto result = readBytes("email,plan,region\na@b.co,,EMEA\nb@c.co,pro,\n"_ba);
    QCOMPARE(result.records.size(), 2);
    QCOMPARE(result.records[0].attributes, (QList<std::pair<QString, QString>>{{u"region"_s, u"EMEA"_s}}));
    QCOMPARE(result.records[1].attributes, (QList<std::pair<QString, QString>>{{u"plan"_s, u"pro"_s}}));
    QCOMPARE(result.attributeColumns, (QStringList{u"plan"_s, u"region"_s}));
}

void TestLeadCsvReader::deviceNotOpen()
{
    QBuffer buffer;
    buffer.setData("email\na@b.co\n"_ba);
    LeadCsvReader reader;
    int records = 0;
    QVERIFY(!reader.read(buffer, [&](LeadRecord &&) { ++records; }, [](CsvRowError &&) {}));
    QVERIFY(!reader.fileError().isEmpty());
    QCOMPARE(records, 0);
}

void TestLeadCsvReader::tenThousandRows()
{
    constexpr int rowCount = 10'000;
    QByteArray input = "id,email,name,company,stage,score,created_at,segment\r\n";
    int nextLine = 2;
    int expectedLastLine = 0;
    for (int i = 0; i < rowCount; ++i) {
        const QByteArray n = QByteArray::number(i);
        // Every 1000th name spans two lines, which must push later line numbers down.
        const QByteArray name = i % 1000 == 0 ? QByteArray("\"Lead " + n + "\r\nsecond line\"") : QByteArray("Lead " + n);
        input += "crm-" + n + ",lead" + n + "@example.com," + name + ",\"Company, " + n + "\",SQL," + QByteArray::number(i % 100)
            + ",2026-01-01T00:00:00Z,s" + QByteArray::number(i % 7) + "\r\n";
        expectedLastLine = nextLine;
        nextLine += i % 1000 == 0 ? 2 : 1;
    }
    QBuffer buffer;
    buffer.setData(input);
    buffer.open(QIODevice::ReadOnly);

    LeadCsvReader reader;
    int count = 0;
    int errors = 0;
    LeadRecord last;
    QVERIFY(reader.read(buffer, [&](LeadRecord &&r) { ++count; last = std::move(r); }, [&](CsvRowError &&) { ++errors; }));
    QCOMPARE(count, rowCount);
    QCOMPARE(errors, 0);
    QCOMPARE(last.externalId, u"crm-9999"_s);
    QCOMPARE(last.company, u"Company, 9999"_s);
    QCOMPARE(last.score, std::optional<int>(99));
    QCOMPARE(last.attributes, (QList<std::pair<QString, QString>>{{u"segment"_s, u"s3"_s}}));
    // Header on line 1, then 10,000 rows of which 10 take two lines: the last starts on line 10,011.
    QCOMPARE(expectedLastLine, 10'011);
    QCOMPARE(last.line, expectedLastLine);
}

} // namespace funnel

QTEST_GUILESS_MAIN(funnel::TestLeadCsvReader)
#include "tst_leadcsvreader.moc"
