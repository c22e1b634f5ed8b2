#include "core/storage/linereader.h"
#include "tests/common/trickledevice.h"

#include <QBuffer>
#include <QTest>

using namespace funnel;
using namespace Qt::StringLiterals;

namespace {

// "text" for a line, "!N" for a line of N bytes over the limit.
QStringList readAll(QIODevice &device, qsizetype limit, qint64 *bytes = nullptr)
{
    LineReader reader(device, limit);
    QStringList lines;
    for (;;) {
        const LineReader::Status status = reader.next();
        if (status == LineReader::Status::End)
            break;
        if (status == LineReader::Status::Failed) {
            lines << u"FAILED"_s;
            break;
        }
        if (reader.lineNumber() != lines.size() + 1)
            lines << u"BAD LINE NUMBER"_s;
        lines << (status == LineReader::Status::TooLong ? u"!%1"_s.arg(reader.lineLength())
                                                        : QString::fromUtf8(reader.line()));
    }
    if (bytes)
        *bytes = reader.bytesRead();
    return lines;
}

} // namespace

class tst_LineReader : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void lines_data();
    void lines();
    void bigLineIsSkippedWithoutBuffering();
};

void tst_LineReader::lines_data()
{
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<int>("limit");
    QTest::addColumn<QStringList>("expected");

    const QList<int> chunks{1, 3, 7, 4096};
    struct Case {
        const char *name;
        QByteArray input;
        int limit;
        QStringList expected;
    };
    const QList<Case> cases{
        {"empty input", QByteArray(), 16, {}},
        {"one line", "abc\n"_ba, 16, {u"abc"_s}},
        {"no final line break", "abc\ndef"_ba, 16, {u"abc"_s, u"def"_s}},
        {"CRLF", "abc\r\ndef\r\n"_ba, 16, {u"abc"_s, u"def"_s}},
        {"empty lines", "\n\nx\n\r\n"_ba, 16, {QString(), QString(), u"x"_s, QString()}},
        {"byte order mark", "\xEF\xBB\xBFid\nx\n"_ba, 16, {u"id"_s, u"x"_s}},
        {"exactly at the limit", "0123456789abcdef\n"_ba, 16, {u"0123456789abcdef"_s}},
        {"at the limit with CRLF", "0123456789abcdef\r\nx\n"_ba, 16, {u"0123456789abcdef"_s, u"x"_s}},
        {"one over the limit", "0123456789abcdefg\nx\n"_ba, 16, {u"!17"_s, u"x"_s}},
        {"long line in the middle", "a\n" + QByteArray(100, 'z') + "\nb\n", 16, {u"a"_s, u"!100"_s, u"b"_s}},
        {"long last line", "a\n" + QByteArray(50, 'z'), 16, {u"a"_s, u"!50"_s}},
        {"UTF-8", "Zoë\n日本\n"_ba, 16, {u"Zoë"_s, u"日本"_s}},
    };
    for (const Case &c : cases) {
        for (const int chunk : chunks)
            QTest::addRow("%s, reads of %d", c.name, chunk) << c.input << c.limit << c.expected;
    }
}

void tst_LineReader::lines()
{
    QFETCH(QByteArray, input);
    QFETCH(int, limit);
    QFETCH(QStringList, expected);

    const int chunk = QString::fromLatin1(QTest::currentDataTag()).section(u' ', -1).toInt();
    TrickleDevice device(input, chunk);
    QVERIFY(device.open(QIODevice::ReadOnly | QIODevice::Unbuffered));
    qint64 bytes = 0;
    QCOMPARE(readAll(device, limit, &bytes), expected);
    QCOMPARE(bytes, qint64(input.size()));
}

void tst_LineReader::bigLineIsSkippedWithoutBuffering()
{
    // 64 MB on one line with a 1 MiB limit: reported with its length, never held in memory.
    QByteArray input = "first\n"_ba;
    input += QByteArray(64 * 1024 * 1024, 'x');
    input += "\nlast\n";
    QBuffer buffer(&input);
    QVERIFY(buffer.open(QIODevice::ReadOnly));
    QCOMPARE(readAll(buffer, 1024 * 1024), (QStringList{u"first"_s, u"!67108864"_s, u"last"_s}));
}

QTEST_GUILESS_MAIN(tst_LineReader)
#include "tst_linereader.moc"
