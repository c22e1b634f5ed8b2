#include "core/io/leadcsvreader.h"
#include "core/io/leadcsvwriter.h"
#include "tests/io/leadrecordprinter.h"

#include <QBuffer>
#include <QDateTime>
#include <QRegularExpression>
#include <QTest>

using namespace Qt::StringLiterals;

namespace funnel {

namespace {

QByteArray writeAll(const QList<LeadRecord> &records, const QStringList &attributeColumns)
{
    QBuffer buffer;
    buffer.open(QIODevice::WriteOnly);
    LeadCsvWriter writer(buffer, attributeColumns);
    if (!writer.writeHeader())
        return {};
    for (const LeadRecord &record : records) {
        if (!writer.writeRecord(record))
            return {};
    }
    return buffer.data();
}

LeadCsvReader::Result readBytes(const QByteArray &bytes)
{
    QBuffer buffer;
    buffer.setData(bytes);
    buffer.open(QIODevice::ReadOnly);
    return LeadCsvReader::readAll(buffer);
}

LeadRecord lead(const QString &email)
{
    LeadRecord record;
    record.email = email;
    return record;
}

qint64 utcMs(int year, int month, int day, int hour = 0, int minute = 0, int second = 0, int ms = 0)
{
    return QDateTime(QDate(year, month, day), QTime(hour, minute, second, ms), Qt::UTC).toMSecsSinceEpoch();
}

const QByteArray standardHeader = "id,email,name,company,title,source,owner,stage,score,created_at";

} // namespace

class TestLeadCsvWriter : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void header();
    void unusableAttributeColumnsDropped();
    void escapeField_data();
    void escapeField();
    void fullRecord();
    void unsetValuesAreEmptyCells();
    void attributesFollowConstructorOrder();
    void formatTimestamp_data();
    void formatTimestamp();
    void attributeColumnsOf();
    void roundTripFromFile_data();
    void roundTripFromFile();
    void roundTripFromRecords();
    void writeFailureReported();
};

void TestLeadCsvWriter::header()
{
    QBuffer buffer;
    buffer.open(QIODevice::WriteOnly);
    LeadCsvWriter writer(buffer, {u"Region"_s, u"plan, tier"_s});
    QVERIFY(writer.writeHeader());
    // No BOM, CRLF, attribute names quoted like any field.
    QCOMPARE(buffer.data(), standardHeader + ",Region,\"plan, tier\"\r\n");
}

void TestLeadCsvWriter::unusableAttributeColumnsDropped()
{
    QBuffer buffer;
    LeadCsvWriter writer(buffer, {u"Region"_s, QString(), u" "_s, u"EMAIL"_s, u"created_at"_s, u"region"_s, u"plan"_s});
    QCOMPARE(writer.attributeColumns(), (QStringList{u"Region"_s, u"plan"_s}));
}

void TestLeadCsvWriter::escapeField_data()
{
    QTest::addColumn<QString>("value");
    QTest::addColumn<QString>("expected");

    QTest::addRow("plain") << u"Acme"_s << u"Acme"_s;
    QTest::addRow("empty") << QString() << QString();
    QTest::addRow("inner space") << u"Ada Lovelace"_s << u"Ada Lovelace"_s;
    QTest::addRow("comma") << u"Acme, Inc."_s << u"\"Acme, Inc.\""_s;
    QTest::addRow("quote") << u"The \"Best\""_s << u"\"The \"\"Best\"\"\""_s;
    QTest::addRow("only a quote") << u"\""_s << u"\"\"\"\""_s;
    QTest::addRow("LF") << u"a\nb"_s << u"\"a\nb\""_s;
    QTest::addRow("CR") << u"a\rb"_s << u"\"a\rb\""_s;
    QTest::addRow("CRLF") << u"a\r\nb"_s << u"\"a\r\nb\""_s;
    QTest::addRow("leading space") << u" x"_s << u"\" x\""_s;
    QTest::addRow("trailing space") << u"x "_s << u"\"x \""_s;
    QTest::addRow("leading tab") << u"\tx"_s << u"\"\tx\""_s;
    QTest::addRow("semicolon needs no quotes") << u"a;b"_s << u"a;b"_s;
    QTest::addRow("unicode needs no quotes") << u"Müller 😀"_s << u"Müller 😀"_s;
}

void TestLeadCsvWriter::escapeField()
{
    QFETCH(QString, value);
    QFETCH(QString, expected);
    QCOMPARE(LeadCsvWriter::escapeField(value), expected);
}

void TestLeadCsvWriter::fullRecord()
{
    LeadRecord record;
    record.externalId = u"crm-1"_s;
    record.email = u"ada@example.com"_s;
    record.name = u"Ada \"Countess\" Lovelace"_s;
    record.company = u"Analytical Engines, Ltd."_s;
    record.title = u"CTO"_s;
    record.source = u"webinar"_s;
    record.owner = u"Jürgen"_s;
    record.stage = Stage::SQL;
    record.score = -5;
    record.createdAtMs = utcMs(2026, 11, 27, 10);
    record.attributes = {{u"plan"_s, u"pro"_s}, {u"Region"_s, u"EMEA"_s}};

    const QByteArray written = writeAll({record}, {u"Region"_s, u"plan"_s});
    QCOMPARE(written,
             standardHeader + ",Region,plan\r\n"
                 "crm-1,ada@example.com,\"Ada \"\"Countess\"\" Lovelace\",\"Analytical Engines, Ltd.\",CTO,webinar,J\xC3\xBCrgen,SQL,-5,"
                 "2026-11-27T10:00:00Z,EMEA,pro\r\n");
}

void TestLeadCsvWriter::unsetValuesAreEmptyCells()
{
    // The first cell is empty too: the separator after it must still be there.
    QCOMPARE(writeAll({lead(u"a@b.co"_s)}, {u"plan"_s}), standardHeader + ",plan\r\n,a@b.co,,,,,,,,,\r\n");
}

void TestLeadCsvWriter::attributesFollowConstructorOrder()
{
    LeadRecord first = lead(u"a@b.co"_s);
    first.attributes = {{u"z"_s, u"1"_s}, {u"unlisted"_s, u"dropped"_s}, {u"a"_s, u"2"_s}};
    LeadRecord second = lead(u"c@d.co"_s);
    second.attributes = {{u"a"_s, u"3"_s}};
    QCOMPARE(writeAll({first, second}, {u"a"_s, u"z"_s}),
             standardHeader + ",a,z\r\n,a@b.co,,,,,,,,,2,1\r\n,c@d.co,,,,,,,,,3,\r\n");
}

void TestLeadCsvWriter::formatTimestamp_data()
{
    QTest::addColumn<qint64>("ms");
    QTest::addColumn<QString>("expected");

    QTest::addRow("epoch") << qint64(0) << u"1970-01-01T00:00:00Z"_s;
    QTest::addRow("whole seconds") << utcMs(2026, 11, 27, 10) << u"2026-11-27T10:00:00Z"_s;
    QTest::addRow("milliseconds") << utcMs(2026, 11, 27, 10, 0, 0, 123) << u"2026-11-27T10:00:00.123Z"_s;
    QTest::addRow("one millisecond") << utcMs(2026, 11, 27, 10, 0, 0, 1) << u"2026-11-27T10:00:00.001Z"_s;
    QTest::addRow("before 1970") << qint64(-1) << u"1969-12-31T23:59:59.999Z"_s;
}

void TestLeadCsvWriter::formatTimestamp()
{
    QFETCH(qint64, ms);
    QFETCH(QString, expected);
    QCOMPARE(LeadCsvWriter::formatTimestamp(ms), expected);
    // And the reader takes it back exactly.
    QCOMPARE(LeadCsvReader::parseTimestamp(expected), std::optional<qint64>(ms));
}

void TestLeadCsvWriter::attributeColumnsOf()
{
    LeadRecord a = lead(u"a@b.co"_s);
    a.attributes = {{u"plan"_s, u"pro"_s}, {u"region"_s, u"EMEA"_s}};
    LeadRecord b = lead(u"c@d.co"_s);
    b.attributes = {{u"industry"_s, u"retail"_s}, {u"plan"_s, u"free"_s}};
    QCOMPARE(LeadCsvWriter::attributeColumnsOf({a, b, lead(u"e@f.co"_s)}), (QStringList{u"plan"_s, u"region"_s, u"industry"_s}));
}

void TestLeadCsvWriter::roundTripFromFile_data()
{
    QTest::addColumn<QByteArray>("input");

    QTest::addRow("everything, comma") << "id,email,name,company,title,source,owner,stage,score,created_at,Region,Notes\n"
                                          "1,ada@example.com,Ada,\"Acme, Inc.\",CTO,webinar,bob,MQL,42,2026-11-27T10:00:00Z,EMEA,\"said \"\"hi\"\"\"\n"
                                          "2,,Grace,Navy,,,,Won,,2026-11-27T10:00:00.250+01:00,, padded \n"_ba;
    QTest::addRow("unicode, semicolon, BOM, CRLF")
        << "\xEF\xBB\xBF" "Email;Name;Company;Stage;Lieblingsfarbe;Emoji\r\n"
           "j\xC3\xBCrgen@example.de;J\xC3\xBCrgen M\xC3\xBCller;B\xC3\xA4" "ckerei S\xC3\xBC\xC3\x9F;cold;Gr\xC3\xBCn;\xF0\x9F\x98\x80\xF0\x9F\x9A\x80\r\n"
           "zo\xC3\xAB@example.com;\"Zo\xC3\xAB, the \"\"Great\"\"\";\xE5\x8C\x97\xE4\xBA\xAC;Lost;;\xF0\x9F\x91\x8B\r\n"_ba;
    QTest::addRow("multi-line values, tab") << "email\tname\tnotes\n"
                                               "a@b.co\tA\t\"first line\nsecond line\"\n"
                                               "c@d.co\t\"C\r\nD\"\tplain, with comma\n"_ba;
    QTest::addRow("sparse custom columns") << "email,x,y,z\na@b.co,1,,\nc@d.co,,2,\ne@f.co,,,3\n"_ba;
}

void TestLeadCsvWriter::roundTripFromFile()
{
    QFETCH(QByteArray, input);

    const auto original = readBytes(input);
    QVERIFY2(original.fileError.isEmpty(), qPrintable(original.fileError));
    QVERIFY(original.errors.isEmpty());
    QVERIFY(!original.records.isEmpty());

    const QByteArray written = writeAll(original.records, original.attributeColumns);
    QVERIFY(!written.startsWith("\xEF\xBB\xBF"));
    const auto reread = readBytes(written);
    QVERIFY2(reread.fileError.isEmpty(), qPrintable(reread.fileError));
    QVERIFY(reread.errors.isEmpty());
    QCOMPARE(reread.attributeColumns, original.attributeColumns);
    QCOMPARE(reread.records.size(), original.records.size());
    for (qsizetype i = 0; i < original.records.size(); ++i) {
        LeadRecord expected = original.records[i];
        expected.line = reread.records[i].line; // a BOM or empty lines may move lines; values may not
        QCOMPARE(reread.records[i], expected);
    }
    // Written output is a fixed point: writing what was read back gives the same bytes.
    QCOMPARE(writeAll(reread.records, reread.attributeColumns), written);
}

void TestLeadCsvWriter::roundTripFromRecords()
{
    LeadRecord full;
    full.externalId = u"ext \"7\""_s;
    full.email = u"ünïcødé@exämple.de"_s;
    full.name = u"Ünal 😀 Øster"_s;
    full.company = u"Ça va, Inc.\r\nSecond line"_s;
    full.title = u"Head of \"Stuff\""_s;
    full.source = u"trade-show"_s;
    full.owner = u"Ω"_s;
    full.stage = Stage::Cold;
    full.score = 2147483647;
    full.createdAtMs = utcMs(2026, 11, 27, 23, 59, 59, 999);
    full.attributes = {{u"plan"_s, u" pro "_s}, {u"notes 📝"_s, u"a,b;c\td\"e"_s}};
    LeadRecord sparse;
    sparse.externalId = u"only-id"_s;
    sparse.attributes = {{u"notes 📝"_s, u"x"_s}};

    const QList<LeadRecord> records{full, sparse};
    const QByteArray written = writeAll(records, LeadCsvWriter::attributeColumnsOf(records));
    const auto reread = readBytes(written);
    QVERIFY2(reread.errors.isEmpty(), qPrintable(reread.errors.isEmpty() ? QString() : reread.errors[0].message));
    QCOMPARE(reread.records.size(), 2);
    LeadRecord expectedFull = full;
    expectedFull.line = 2;
    LeadRecord expectedSparse = sparse;
    expectedSparse.line = 4; // the company of the first spans two lines
    QCOMPARE(reread.records[0], expectedFull);
    QCOMPARE(reread.records[1], expectedSparse);
}

void TestLeadCsvWriter::writeFailureReported()
{
    QBuffer buffer;
    buffer.open(QIODevice::ReadOnly); // writing to it fails
    LeadCsvWriter writer(buffer);
    QTest::ignoreMessage(QtWarningMsg, QRegularExpression(u"ReadOnly device"_s));
    QVERIFY(!writer.writeHeader());
    QVERIFY(!writer.errorString().isEmpty());
}

} // namespace funnel

QTEST_GUILESS_MAIN(funnel::TestLeadCsvWriter)
#include "tst_leadcsvwriter.moc"
