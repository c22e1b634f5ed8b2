#include "core/io/jsonleventdecoder.h"

#include <QDateTime>
#include <QElapsedTimer>
#include <QRandomGenerator>
#include <QTest>

using namespace funnel;
using namespace Qt::StringLiterals;

namespace {

qint64 utcMs(int y, int mo, int d, int h, int mi, int s, int ms = 0)
{
    return QDateTime(QDate(y, mo, d), QTime(h, mi, s, ms), Qt::UTC).toMSecsSinceEpoch();
}

constexpr qint64 noTime = std::numeric_limits<qint64>::min();

} // namespace

class tst_JsonlEventDecoder : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void decodes_data();
    void decodes();
    void rejects_data();
    void rejects();
    void timestamps_data();
    void timestamps();
    void timestampsAgreeWithQDateTime();
    void longLineRejectedWithoutParsing();
    void limitIsConfigurable();
    void reuseAfterErrors();
};

void tst_JsonlEventDecoder::decodes_data()
{
    QTest::addColumn<QByteArray>("line");
    QTest::addColumn<QString>("eventId");
    QTest::addColumn<QString>("userId");
    QTest::addColumn<QString>("eventType");
    QTest::addColumn<qint64>("atMs");
    QTest::addColumn<QByteArray>("metadata");
    QTest::addColumn<QString>("email");
    QTest::addColumn<QString>("name");
    QTest::addColumn<QString>("company");

    const qint64 t = utcMs(2026, 11, 27, 10, 0, 0);
    QTest::addRow("design example")
        << R"({"eventId":"e-1","userId":"u-42","eventType":"VIEWED_PRICING","timestamp":"2026-11-27T10:00:00Z","metadata":{},"email":"a@b.co","name":"Ada","company":"Acme"})"_ba
        << u"e-1"_s << u"u-42"_s << u"VIEWED_PRICING"_s << t << QByteArray() << u"a@b.co"_s << u"Ada"_s
        << u"Acme"_s;
    QTest::addRow("minimal") << R"({"userId":"u-1","eventType":"X"})"_ba << QString() << u"u-1"_s << u"X"_s << noTime
                             << QByteArray() << QString() << QString() << QString();
    QTest::addRow("email instead of userId")
        << R"({"email":"ada@b.co","eventType":"SIGNED_UP_NEWSLETTER"})"_ba << QString() << QString()
        << u"SIGNED_UP_NEWSLETTER"_s << noTime << QByteArray() << u"ada@b.co"_s << QString() << QString();
    QTest::addRow("metadata re-serialised compactly")
        << "{ \"userId\" : \"u\" , \"eventType\" : \"X\",\n \"metadata\" : { \"b\" : [ 1, 2.5, true, null ] ,"
           " \"a\" : { \"x\" : \"y \\\" z\" } } }\r\n"_ba
        << QString() << u"u"_s << u"X"_s << noTime << R"({"b":[1,2.5,true,null],"a":{"x":"y \" z"}})"_ba
        << QString() << QString() << QString();
    QTest::addRow("unknown fields ignored")
        << R"({"userId":"u","eventType":"X","source":"web","nested":{"deep":[1]},"count":3})"_ba << QString()
        << u"u"_s << u"X"_s << noTime << QByteArray() << QString() << QString() << QString();
    QTest::addRow("nulls are absent")
        << R"({"eventId":null,"userId":"u","eventType":"X","timestamp":null,"metadata":null,"email":null,"name":null,"company":null})"_ba
        << QString() << u"u"_s << u"X"_s << noTime << QByteArray() << QString() << QString() << QString();
    QTest::addRow("unicode and escapes")
        << R"({"userId":"u-\u00e9","eventType":"X","name":"Zoë 日本 😀","company":"A\tB"})"_ba << QString()
        << u"u-é"_s << u"X"_s << noTime << QByteArray() << QString() << u"Zoë 日本 😀"_s << u"A\tB"_s;
    QTest::addRow("fractional seconds and offset")
        << R"({"userId":"u","eventType":"X","timestamp":"2026-11-27T12:00:00.250+02:00"})"_ba << QString() << u"u"_s
        << u"X"_s << t + 250 << QByteArray() << QString() << QString() << QString();
    QTest::addRow("repeated key takes the last value")
        << R"({"userId":"u","eventType":"A","eventType":"B"})"_ba << QString() << u"u"_s << u"B"_s << noTime
        << QByteArray() << QString() << QString() << QString();
    QTest::addRow("empty eventId and userId count as absent")
        << R"({"eventId":"","userId":"","email":"x@y.z","eventType":"X"})"_ba << QString() << QString() << u"X"_s
        << noTime << QByteArray() << u"x@y.z"_s << QString() << QString();
}

void tst_JsonlEventDecoder::decodes()
{
    QFETCH(QByteArray, line);
    QFETCH(QString, eventId);
    QFETCH(QString, userId);
    QFETCH(QString, eventType);
    QFETCH(qint64, atMs);
    QFETCH(QByteArray, metadata);
    QFETCH(QString, email);
    QFETCH(QString, name);
    QFETCH(QString, company);

    JsonlEventDecoder decoder;
    QString error;
    const std::optional<EventRecord> record = decoder.decode(line, &error);
    QVERIFY2(record, qPrintable(error));
    QCOMPARE(record->eventId, eventId);
    QCOMPARE(record->userId, userId);
    QCOMPARE(record->eventType, eventType);
    QCOMPARE(record->atMs.value_or(noTime), atMs);
    QCOMPARE(record->metadataJson, metadata);
    QCOMPARE(record->email, email);
    QCOMPARE(record->name, name);
    QCOMPARE(record->company, company);
}

void tst_JsonlEventDecoder::rejects_data()
{
    QTest::addColumn<QByteArray>("line");
    QTest::addColumn<QString>("error");

    const QString iso = u"\"timestamp\": expected ISO 8601 such as 2026-11-27T10:00:00Z"_s;
    QTest::addRow("truncated") << R"({"userId":"u","eventType":)"_ba << u"invalid JSON: "_s;
    QTest::addRow("trailing garbage") << R"({"userId":"u","eventType":"X"} x)"_ba << u"invalid JSON: "_s;
    QTest::addRow("not JSON") << "userId=u&eventType=X"_ba << u"invalid JSON: "_s;
    QTest::addRow("invalid UTF-8") << "{\"userId\":\"u\xff\",\"eventType\":\"X\"}"_ba << u"invalid JSON: "_s;
    QTest::addRow("array") << "[1,2]"_ba << u"expected a JSON object per line, found an array"_s;
    QTest::addRow("string") << R"("hello")"_ba << u"expected a JSON object per line, found a string"_s;

    QTest::addRow("eventType missing") << R"({"userId":"u"})"_ba << u"\"eventType\" is required"_s;
    QTest::addRow("eventType null") << R"({"userId":"u","eventType":null})"_ba << u"\"eventType\" is required"_s;
    QTest::addRow("eventType empty") << R"({"userId":"u","eventType":""})"_ba << u"\"eventType\" must not be empty"_s;
    QTest::addRow("no userId or email") << R"({"eventType":"X","name":"Ada"})"_ba
                                        << u"\"userId\" or \"email\" is required"_s;

    QTest::addRow("eventType number") << R"({"userId":"u","eventType":42})"_ba
                                      << u"\"eventType\": expected a string, found a number"_s;
    QTest::addRow("eventType object") << R"({"userId":"u","eventType":{}})"_ba
                                      << u"\"eventType\": expected a string, found an object"_s;
    QTest::addRow("eventId number") << R"({"eventId":7,"userId":"u","eventType":"X"})"_ba
                                    << u"\"eventId\": expected a string, found a number"_s;
    QTest::addRow("userId number") << R"({"userId":42,"eventType":"X"})"_ba
                                   << u"\"userId\": expected a string, found a number"_s;
    QTest::addRow("userId array") << R"({"userId":["u"],"eventType":"X"})"_ba
                                  << u"\"userId\": expected a string, found an array"_s;
    QTest::addRow("email boolean") << R"({"userId":"u","eventType":"X","email":true})"_ba
                                   << u"\"email\": expected a string, found a boolean"_s;
    QTest::addRow("name number") << R"({"userId":"u","eventType":"X","name":1.5})"_ba
                                 << u"\"name\": expected a string, found a number"_s;
    QTest::addRow("company object") << R"({"userId":"u","eventType":"X","company":{"n":"A"}})"_ba
                                    << u"\"company\": expected a string, found an object"_s;
    QTest::addRow("metadata string") << R"({"userId":"u","eventType":"X","metadata":"{}"})"_ba
                                     << u"\"metadata\": expected an object, found a string"_s;
    QTest::addRow("metadata array") << R"({"userId":"u","eventType":"X","metadata":[]})"_ba
                                    << u"\"metadata\": expected an object, found an array"_s;
    QTest::addRow("metadata number") << R"({"userId":"u","eventType":"X","metadata":1})"_ba
                                     << u"\"metadata\": expected an object, found a number"_s;
    QTest::addRow("timestamp number") << R"({"userId":"u","eventType":"X","timestamp":1764237600000})"_ba
                                      << u"\"timestamp\": expected an ISO 8601 string such as 2026-11-27T10:00:00Z, found a number"_s;
    QTest::addRow("timestamp words") << R"({"userId":"u","eventType":"X","timestamp":"yesterday"})"_ba << iso;
    QTest::addRow("timestamp without offset") << R"({"userId":"u","eventType":"X","timestamp":"2026-11-27T10:00:00"})"_ba
                                              << iso;
    QTest::addRow("timestamp 30 February") << R"({"userId":"u","eventType":"X","timestamp":"2026-02-30T10:00:00Z"})"_ba
                                           << iso;
}

void tst_JsonlEventDecoder::rejects()
{
    QFETCH(QByteArray, line);
    QFETCH(QString, error);

    JsonlEventDecoder decoder;
    QString message;
    QVERIFY(!decoder.decode(line, &message));
    if (error.endsWith(u' '))
        QVERIFY2(message.startsWith(error) && message.size() > error.size(), qPrintable(message));
    else
        QCOMPARE(message, error);
}

void tst_JsonlEventDecoder::timestamps_data()
{
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<qint64>("atMs"); // noTime: rejected

    const qint64 t = utcMs(2026, 11, 27, 10, 0, 0);
    QTest::addRow("Z") << "2026-11-27T10:00:00Z"_ba << t;
    QTest::addRow("lower-case z and t") << "2026-11-27t10:00:00z"_ba << t;
    QTest::addRow("space separator") << "2026-11-27 10:00:00Z"_ba << t;
    QTest::addRow("milliseconds") << "2026-11-27T10:00:00.123Z"_ba << t + 123;
    QTest::addRow("one fractional digit") << "2026-11-27T10:00:00.5Z"_ba << t + 500;
    QTest::addRow("microseconds truncated") << "2026-11-27T10:00:00.123999Z"_ba << t + 123;
    QTest::addRow("nanoseconds truncated") << "2026-11-27T10:00:00.000000001Z"_ba << t;
    QTest::addRow("comma fraction") << "2026-11-27T10:00:00,25Z"_ba << t + 250;
    QTest::addRow("plus offset") << "2026-11-27T12:00:00+02:00"_ba << t;
    QTest::addRow("minus offset with minutes") << "2026-11-27T04:30:00-05:30"_ba << t;
    QTest::addRow("offset without colon") << "2026-11-27T12:00:00+0200"_ba << t;
    QTest::addRow("offset hours only") << "2026-11-27T12:00:00+02"_ba << t;
    QTest::addRow("zero offset") << "2026-11-27T10:00:00+00:00"_ba << t;
    QTest::addRow("offset crosses the date") << "2026-11-28T01:00:00.750+15:00"_ba << t + 750;
    QTest::addRow("leap day") << "2028-02-29T00:00:00Z"_ba << utcMs(2028, 2, 29, 0, 0, 0);
    QTest::addRow("epoch") << "1970-01-01T00:00:00Z"_ba << qint64(0);
    QTest::addRow("before the epoch") << "1969-12-31T23:59:59.999Z"_ba << qint64(-1);
    QTest::addRow("year 2000 leap") << "2000-02-29T23:59:59Z"_ba << utcMs(2000, 2, 29, 23, 59, 59);

    QTest::addRow("no offset") << "2026-11-27T10:00:00"_ba << noTime;
    QTest::addRow("date only") << "2026-11-27"_ba << noTime;
    QTest::addRow("no seconds") << "2026-11-27T10:00Z"_ba << noTime;
    QTest::addRow("month 13") << "2026-13-01T10:00:00Z"_ba << noTime;
    QTest::addRow("day 0") << "2026-11-00T10:00:00Z"_ba << noTime;
    QTest::addRow("29 February 2026") << "2026-02-29T10:00:00Z"_ba << noTime;
    QTest::addRow("29 February 1900") << "1900-02-29T10:00:00Z"_ba << noTime;
    QTest::addRow("hour 24") << "2026-11-27T24:00:00Z"_ba << noTime;
    QTest::addRow("minute 60") << "2026-11-27T10:60:00Z"_ba << noTime;
    QTest::addRow("second 60") << "2026-11-27T10:00:60Z"_ba << noTime;
    QTest::addRow("empty fraction") << "2026-11-27T10:00:00.Z"_ba << noTime;
    QTest::addRow("trailing text") << "2026-11-27T10:00:00Zx"_ba << noTime;
    QTest::addRow("bad offset") << "2026-11-27T10:00:00+2:00"_ba << noTime;
    QTest::addRow("offset minutes 60") << "2026-11-27T10:00:00+02:60"_ba << noTime;
    QTest::addRow("slashes") << "2026/11/27T10:00:00Z"_ba << noTime;
    QTest::addRow("signs in digits") << "2026-+1-27T10:00:00Z"_ba << noTime;
    QTest::addRow("empty") << QByteArray() << noTime;
}

void tst_JsonlEventDecoder::timestamps()
{
    QFETCH(QByteArray, text);
    QFETCH(qint64, atMs);
    QCOMPARE(JsonlEventDecoder::parseTimestamp(text).value_or(noTime), atMs);
}

void tst_JsonlEventDecoder::timestampsAgreeWithQDateTime()
{
    // The hand-written parser against QDateTime over random instants and offsets.
    QRandomGenerator random(20261127);
    for (int i = 0; i < 5000; ++i) {
        const qint64 ms = qint64(random.bounded(quint64(4'102'444'800'000))); // 1970 .. 2100
        const int offsetMinutes = (int(random.bounded(57)) - 28) * 30;          // -14:00 .. +14:00
        const QDateTime moment = QDateTime::fromMSecsSinceEpoch(ms, Qt::OffsetFromUTC, offsetMinutes * 60);
        const QByteArray text = moment.toString(Qt::ISODateWithMs).toLatin1();
        const std::optional<qint64> parsed = JsonlEventDecoder::parseTimestamp(text);
        QVERIFY2(parsed, text.constData());
        QCOMPARE(*parsed, ms);
        QCOMPARE(*parsed, QDateTime::fromString(QString::fromLatin1(text), Qt::ISODateWithMs).toMSecsSinceEpoch());
    }
}

void tst_JsonlEventDecoder::longLineRejectedWithoutParsing()
{
    // A 10 MB line: valid JSON, but over the 1 MiB limit.
    QByteArray line = R"({"userId":"u","eventType":"X","name":")"_ba;
    line += QByteArray(10 * 1024 * 1024 - line.size() - 2, 'a');
    line += "\"}";
    QCOMPARE(line.size(), 10 * 1024 * 1024);

    JsonlEventDecoder decoder;
    QCOMPARE(decoder.maxLineBytes(), 1024 * 1024);
    QString error;
    QElapsedTimer timer;
    timer.start();
    QVERIFY(!decoder.decode(line, &error));
    QVERIFY(timer.elapsed() < 100);
    QCOMPARE(error, u"the line is 10485760 bytes long; the limit is 1048576 bytes"_s);
}

void tst_JsonlEventDecoder::limitIsConfigurable()
{
    JsonlEventDecoder decoder;
    const QByteArray line = R"({"userId":"u","eventType":"X"})"_ba;
    decoder.setMaxLineBytes(line.size());
    QVERIFY(decoder.decode(line));
    decoder.setMaxLineBytes(line.size() - 1);
    QString error;
    QVERIFY(!decoder.decode(line, &error));
    QVERIFY(error.startsWith(u"the line is 30 bytes long"_s));
}

void tst_JsonlEventDecoder::reuseAfterErrors()
{
    JsonlEventDecoder decoder;
    QByteArray big = R"({"userId":"u","eventType":"BIG","metadata":{"blob":")"_ba;
    big += QByteArray(512 * 1024, 'x');
    big += "\"}}";
    const std::optional<EventRecord> first = decoder.decode(big);
    QVERIFY(first);
    QCOMPARE(first->metadataJson.size(), 512 * 1024 + 11);
    QVERIFY(!decoder.decode("{"_ba));
    const std::optional<EventRecord> small = decoder.decode(R"({"userId":"v","eventType":"SMALL"})"_ba);
    QVERIFY(small);
    QCOMPARE(small->eventType, u"SMALL"_s);
    QVERIFY(small->metadataJson.isEmpty());
}

QTEST_GUILESS_MAIN(tst_JsonlEventDecoder)
#include "tst_jsonleventdecoder.moc"
