#include "core/io/csvparser.h"
#include "tests/common/trickledevice.h"

#include <QBuffer>
#include <QStringEncoder>
#include <QTest>

using namespace Qt::StringLiterals;

namespace funnel {

namespace {

struct Parsed
{
    QList<QStringList> rows;
    QList<int> lines;
    QList<bool> invalid;
    CsvParser::Error error = CsvParser::Error::None;
    int errorLine = 0;
    QString errorString;
    QChar delimiter;
    int deviceReads = 0;
};

Parsed parseAll(QIODevice &device)
{
    Parsed parsed;
    CsvParser parser(device);
    CsvParser::Record record;
    while (parser.readNext(record)) {
        parsed.rows.append(record.fields);
        parsed.lines.append(record.line);
        parsed.invalid.append(record.invalidEncoding);
    }
    parsed.error = parser.error();
    parsed.errorLine = parser.errorLine();
    parsed.errorString = parser.errorString();
    parsed.delimiter = parser.dialect().delimiter;
    return parsed;
}

Parsed parseBytes(const QByteArray &bytes)
{
    QBuffer buffer;
    buffer.setData(bytes);
    buffer.open(QIODevice::ReadOnly);
    return parseAll(buffer);
}

Parsed parseTrickled(const QByteArray &bytes, qint64 step)
{
    TrickleDevice device(bytes, step);
    device.open(QIODevice::ReadOnly | QIODevice::Unbuffered);
    Parsed parsed = parseAll(device);
    parsed.deviceReads = device.dataReads();
    return parsed;
}

QByteArray utf16leWithBom(const QString &text)
{
    QStringEncoder encoder(QStringConverter::Utf16LE, QStringConverter::Flag::WriteBom);
    return encoder.encode(text);
}

} // namespace

class TestCsvParser : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void records_data();
    void records();
    void unterminatedQuote_data();
    void unterminatedQuote();
    void explicitDialectSkipsDetection();
    void fieldsLargerThanAChunk();
    void invalidEncoding_data();
    void invalidEncoding();
    void readFailureStopsWithoutPartialRecord();
};

void TestCsvParser::records_data()
{
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<QList<QStringList>>("rows");
    QTest::addColumn<QList<int>>("lines");
    QTest::addColumn<QChar>("delimiter");

    const QChar comma = u',';
    QTest::addRow("LF, trailing newline") << "a,b\n1,2\n"_ba << QList<QStringList>{{u"a"_s, u"b"_s}, {u"1"_s, u"2"_s}} << QList<int>{1, 2} << comma;
    QTest::addRow("LF, no trailing newline") << "a,b\n1,2"_ba << QList<QStringList>{{u"a"_s, u"b"_s}, {u"1"_s, u"2"_s}} << QList<int>{1, 2} << comma;
    QTest::addRow("CRLF, trailing newline") << "a,b\r\n1,2\r\n"_ba << QList<QStringList>{{u"a"_s, u"b"_s}, {u"1"_s, u"2"_s}} << QList<int>{1, 2} << comma;
    QTest::addRow("CRLF, no trailing newline") << "a,b\r\n1,2"_ba << QList<QStringList>{{u"a"_s, u"b"_s}, {u"1"_s, u"2"_s}} << QList<int>{1, 2} << comma;
    QTest::addRow("lone CR") << "a,b\r1,2\r3,4"_ba << QList<QStringList>{{u"a"_s, u"b"_s}, {u"1"_s, u"2"_s}, {u"3"_s, u"4"_s}} << QList<int>{1, 2, 3} << comma;
    QTest::addRow("quoted comma") << "a,b\n\"x,y\",z\n"_ba << QList<QStringList>{{u"a"_s, u"b"_s}, {u"x,y"_s, u"z"_s}} << QList<int>{1, 2} << comma;
    QTest::addRow("doubled quotes") << "a,b\n\"say \"\"hi\"\"\",\"\"\"\"\n"_ba
                                    << QList<QStringList>{{u"a"_s, u"b"_s}, {u"say \"hi\""_s, u"\""_s}} << QList<int>{1, 2} << comma;
    QTest::addRow("empty quoted field") << "a,b\n\"\",x\n"_ba << QList<QStringList>{{u"a"_s, u"b"_s}, {QString(), u"x"_s}} << QList<int>{1, 2} << comma;
    QTest::addRow("LF inside quotes shifts later lines")
        << "a,b\n\"l1\nl2\",x\ny,z\n"_ba << QList<QStringList>{{u"a"_s, u"b"_s}, {u"l1\nl2"_s, u"x"_s}, {u"y"_s, u"z"_s}} << QList<int>{1, 2, 4} << comma;
    QTest::addRow("CRLF inside quotes kept verbatim")
        << "a,b\r\n\"l1\r\nl2\r\nl3\",x\r\ny,z\r\n"_ba
        << QList<QStringList>{{u"a"_s, u"b"_s}, {u"l1\r\nl2\r\nl3"_s, u"x"_s}, {u"y"_s, u"z"_s}} << QList<int>{1, 2, 5} << comma;
    QTest::addRow("quoted field ending a record")
        << "a,b\n1,\"x\ny\"\n2,3"_ba << QList<QStringList>{{u"a"_s, u"b"_s}, {u"1"_s, u"x\ny"_s}, {u"2"_s, u"3"_s}} << QList<int>{1, 2, 4} << comma;
    QTest::addRow("empty lines skipped, still counted")
        << "a\n\n1\n\r\n\n2\n\n"_ba << QList<QStringList>{{u"a"_s}, {u"1"_s}, {u"2"_s}} << QList<int>{1, 3, 6} << comma;
    QTest::addRow("leading empty lines") << "\n\r\na;b\n1;2"_ba << QList<QStringList>{{u"a"_s, u"b"_s}, {u"1"_s, u"2"_s}} << QList<int>{3, 4} << QChar(u';');
    QTest::addRow("empty trailing field") << "a,b\n1,\n"_ba << QList<QStringList>{{u"a"_s, u"b"_s}, {u"1"_s, QString()}} << QList<int>{1, 2} << comma;
    QTest::addRow("only delimiters") << "a,b,c\n,,\n"_ba << QList<QStringList>{{u"a"_s, u"b"_s, u"c"_s}, {QString(), QString(), QString()}} << QList<int>{1, 2} << comma;
    QTest::addRow("semicolon") << "a;b\n1,5;2\n"_ba << QList<QStringList>{{u"a"_s, u"b"_s}, {u"1,5"_s, u"2"_s}} << QList<int>{1, 2} << QChar(u';');
    QTest::addRow("tab") << "a\tb\n1;x,y\t2\n"_ba << QList<QStringList>{{u"a"_s, u"b"_s}, {u"1;x,y"_s, u"2"_s}} << QList<int>{1, 2} << QChar(u'\t');
    QTest::addRow("delimiters inside quoted header ignored")
        << "\"a;b;c\",d\n1,2\n"_ba << QList<QStringList>{{u"a;b;c"_s, u"d"_s}, {u"1"_s, u"2"_s}} << QList<int>{1, 2} << comma;
    QTest::addRow("majority wins") << "a;b;c,d\n"_ba << QList<QStringList>{{u"a"_s, u"b"_s, u"c,d"_s}} << QList<int>{1} << QChar(u';');
    QTest::addRow("tie goes to comma") << "a,b;c\n"_ba << QList<QStringList>{{u"a"_s, u"b;c"_s}} << QList<int>{1} << comma;
    QTest::addRow("single column") << "email\nx@y.z\n"_ba << QList<QStringList>{{u"email"_s}, {u"x@y.z"_s}} << QList<int>{1, 2} << comma;
    QTest::addRow("UTF-8 BOM") << "\xEF\xBB\xBF" "a;b\r\n1;2\r\n"_ba << QList<QStringList>{{u"a"_s, u"b"_s}, {u"1"_s, u"2"_s}} << QList<int>{1, 2} << QChar(u';');
    QTest::addRow("UTF-8 text") << "name,x\nJ\xC3\xBCrgen \xF0\x9F\x98\x80,\xC3\x9F\n"_ba
                                << QList<QStringList>{{u"name"_s, u"x"_s}, {u"Jürgen 😀"_s, u"ß"_s}} << QList<int>{1, 2} << comma;
    QTest::addRow("UTF-16LE with BOM (Excel unicode text)")
        << utf16leWithBom(u"a\tb\r\nÄ\t😀\r\n"_s) << QList<QStringList>{{u"a"_s, u"b"_s}, {u"Ä"_s, u"😀"_s}} << QList<int>{1, 2} << QChar(u'\t');
    QTest::addRow("quote inside unquoted field kept") << "a\nab\"c\n"_ba << QList<QStringList>{{u"a"_s}, {u"ab\"c"_s}} << QList<int>{1, 2} << comma;
    QTest::addRow("text after closing quote kept") << "a\n\"ab\"c\n"_ba << QList<QStringList>{{u"a"_s}, {u"abc"_s}} << QList<int>{1, 2} << comma;
    QTest::addRow("spaces are data") << "a,b\n 1 , 2 \n"_ba << QList<QStringList>{{u"a"_s, u"b"_s}, {u" 1 "_s, u" 2 "_s}} << QList<int>{1, 2} << comma;
    QTest::addRow("empty input") << QByteArray() << QList<QStringList>{} << QList<int>{} << comma;
    QTest::addRow("only line ends") << "\n\r\n\r"_ba << QList<QStringList>{} << QList<int>{} << comma;
}

void TestCsvParser::records()
{
    QFETCH(QByteArray, input);
    QFETCH(QList<QStringList>, rows);
    QFETCH(QList<int>, lines);
    QFETCH(QChar, delimiter);

    // Whole buffer at once, then split at every byte and at an odd stride.
    const QList<std::pair<const char *, Parsed>> runs{
        {"buffer", parseBytes(input)},
        {"1-byte reads", parseTrickled(input, 1)},
        {"7-byte reads", parseTrickled(input, 7)},
    };
    const Parsed &byByte = runs[1].second;
    QCOMPARE(byByte.deviceReads, int(input.size()));
    for (const auto &[how, parsed] : runs) {
        QVERIFY2(parsed.error == CsvParser::Error::None, how);
        QCOMPARE(parsed.rows, rows);
        QCOMPARE(parsed.lines, lines);
        QCOMPARE(parsed.delimiter, delimiter);
        QVERIFY2(!parsed.invalid.contains(true), how);
    }
}

void TestCsvParser::unterminatedQuote_data()
{
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<QList<QStringList>>("rowsBefore");
    QTest::addColumn<int>("errorLine");

    QTest::addRow("in the header") << "\"a,b\n1,2\n"_ba << QList<QStringList>{} << 1;
    QTest::addRow("last row") << "a\n\"open\n"_ba << QList<QStringList>{{u"a"_s}} << 2;
    QTest::addRow("second field, runs over lines") << "a,b\n1,2\n3,\"x\ny\nz"_ba << QList<QStringList>{{u"a"_s, u"b"_s}, {u"1"_s, u"2"_s}} << 3;
    QTest::addRow("after a closed multi-line field")
        << "a,b\r\n\"x\r\ny\",1\r\n2,\"open"_ba << QList<QStringList>{{u"a"_s, u"b"_s}, {u"x\r\ny"_s, u"1"_s}} << 4;
    QTest::addRow("stray quote mid-file swallows the rest") << "a\n1\n\"2\n3\n4\n"_ba << QList<QStringList>{{u"a"_s}, {u"1"_s}} << 3;
}

void TestCsvParser::unterminatedQuote()
{
    QFETCH(QByteArray, input);
    QFETCH(QList<QStringList>, rowsBefore);
    QFETCH(int, errorLine);

    for (const Parsed &parsed : {parseBytes(input), parseTrickled(input, 3)}) {
        QCOMPARE(parsed.rows, rowsBefore);
        QCOMPARE(parsed.error, CsvParser::Error::UnterminatedQuote);
        QCOMPARE(parsed.errorLine, errorLine);
        QVERIFY2(parsed.errorString.startsWith(u"line " + QString::number(errorLine) + u':'), qPrintable(parsed.errorString));
    }
}

void TestCsvParser::explicitDialectSkipsDetection()
{
    QBuffer buffer;
    buffer.setData("a,b,c;d\n1,2,3;4\n"_ba);
    buffer.open(QIODevice::ReadOnly);
    CsvParser parser(buffer, CsvDialect{u';'});
    CsvParser::Record record;
    QVERIFY(parser.readNext(record));
    QCOMPARE(record.fields, (QStringList{u"a,b,c"_s, u"d"_s}));
    QVERIFY(parser.readNext(record));
    QCOMPARE(record.fields, (QStringList{u"1,2,3"_s, u"4"_s}));
    QVERIFY(!parser.readNext(record));
    QCOMPARE(parser.error(), CsvParser::Error::None);
}

void TestCsvParser::fieldsLargerThanAChunk()
{
    // Quoted fields far larger than the parser's read chunk, with quotes, CRLFs and delimiters
    // landing on whatever boundary they land on.
    QString big;
    for (int i = 0; big.size() < 200'000; ++i)
        big += u"chunk " + QString::number(i) + u" \"quoted\", line\r\n";
    QString bigEscaped = big;
    bigEscaped.replace(u"\""_s, u"\"\""_s);
    const QByteArray input = "a,b\r\n\"" + bigEscaped.toUtf8() + "\",x\r\ny,\"" + bigEscaped.toUtf8() + "\"\r\nlast,row\r\n";
    const qsizetype newlines = big.count(u'\n');

    const Parsed parsed = parseBytes(input);
    QCOMPARE(parsed.error, CsvParser::Error::None);
    QCOMPARE(parsed.rows.size(), 4);
    QCOMPARE(parsed.rows[1], (QStringList{big, u"x"_s}));
    QCOMPARE(parsed.rows[2], (QStringList{u"y"_s, big}));
    QCOMPARE(parsed.rows[3], (QStringList{u"last"_s, u"row"_s}));
    QCOMPARE(parsed.lines, (QList<int>{1, 2, int(3 + newlines), int(4 + 2 * newlines)}));
}

void TestCsvParser::invalidEncoding_data()
{
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<QList<bool>>("invalid");

    QTest::addRow("bad byte in one row") << "a\nok\nbad\xFF\nok\n"_ba << QList<bool>{false, false, true, false};
    QTest::addRow("Latin-1 umlaut") << "name\nM\xFCller\n"_ba << QList<bool>{false, true};
    QTest::addRow("sequence cut by end of file") << "a\nx\xC3"_ba << QList<bool>{false, true};
    QTest::addRow("genuine U+FFFD is fine") << "a\n\xEF\xBF\xBD\n"_ba << QList<bool>{false, false};
}

void TestCsvParser::invalidEncoding()
{
    QFETCH(QByteArray, input);
    QFETCH(QList<bool>, invalid);

    for (const Parsed &parsed : {parseBytes(input), parseTrickled(input, 1)}) {
        QCOMPARE(parsed.error, CsvParser::Error::None);
        QCOMPARE(parsed.invalid, invalid);
    }
}

void TestCsvParser::readFailureStopsWithoutPartialRecord()
{
    // Fails in the middle of the third record ("3,4").
    TrickleDevice device("a,b\n1,2\n3,4\n"_ba, 4, 10);
    device.open(QIODevice::ReadOnly | QIODevice::Unbuffered);
    const Parsed parsed = parseAll(device);
    QCOMPARE(parsed.rows, (QList<QStringList>{{u"a"_s, u"b"_s}, {u"1"_s, u"2"_s}}));
    QCOMPARE(parsed.error, CsvParser::Error::ReadFailed);
    QCOMPARE(parsed.errorLine, 3);
    QVERIFY2(parsed.errorString.contains(u"simulated read failure"), qPrintable(parsed.errorString));
}

} // namespace funnel

QTEST_GUILESS_MAIN(funnel::TestCsvParser)
#include "tst_csvparser.moc"
