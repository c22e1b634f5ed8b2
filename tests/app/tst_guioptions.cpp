#include "app/funnelboard/guioptions.h"

#include <QTest>

using namespace funnel;
using namespace Qt::StringLiterals;

Q_DECLARE_METATYPE(std::optional<QSize>)

class TestGuiOptions : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void valid_data();
    void valid();
    void invalid_data();
    void invalid();
};

void TestGuiOptions::valid_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QString>("database");
    QTest::addColumn<QString>("screenshot");
    QTest::addColumn<std::optional<QSize>>("size");
    QTest::addRow("nothing") << QStringList{} << QString() << QString() << std::optional<QSize>();
    QTest::addRow("--db") << QStringList{u"--db"_s, u"/tmp/a.sqlite"_s} << u"/tmp/a.sqlite"_s << QString() << std::optional<QSize>();
    QTest::addRow("positional") << QStringList{u"/tmp/b.sqlite"_s} << u"/tmp/b.sqlite"_s << QString() << std::optional<QSize>();
    QTest::addRow("screenshot") << QStringList{u"--screenshot"_s, u"s.png"_s, u"--view"_s, u"board"_s, u"--size"_s, u"1400x900"_s}
                                << QString() << u"s.png"_s << std::optional<QSize>(QSize(1400, 900));
    QTest::addRow("rules view") << QStringList{u"--screenshot"_s, u"r.png"_s, u"--view"_s, u"rules"_s}
                                << QString() << u"r.png"_s << std::optional<QSize>();
    QTest::addRow("campaigns view") << QStringList{u"--screenshot"_s, u"c.png"_s, u"--view"_s, u"campaigns"_s}
                                    << QString() << u"c.png"_s << std::optional<QSize>();
}

void TestGuiOptions::valid()
{
    QFETCH(QStringList, arguments);
    QFETCH(QString, database);
    QFETCH(QString, screenshot);
    QFETCH(std::optional<QSize>, size);
    QString error;
    const auto options = GuiOptions::parse(QStringList{u"funnelboard"_s} + arguments, &error);
    QVERIFY2(options, qPrintable(error));
    QCOMPARE(options->databasePath, database);
    QCOMPARE(options->screenshotPath, screenshot);
    QCOMPARE(options->size, size);
    QVERIFY(!options->helpShown);
}

void TestGuiOptions::invalid_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QString>("expected");
    QTest::addRow("bad size") << QStringList{u"--size"_s, u"big"_s} << u"--size expects WIDTHxHEIGHT"_s;
    QTest::addRow("bad view") << QStringList{u"--view"_s, u"moon"_s} << u"Unknown view 'moon'"_s;
    QTest::addRow("two files") << QStringList{u"a"_s, u"b"_s} << u"at most one database"_s;
    QTest::addRow("unknown option") << QStringList{u"--frob"_s} << u"frob"_s;
}

void TestGuiOptions::invalid()
{
    QFETCH(QStringList, arguments);
    QFETCH(QString, expected);
    QString error;
    QVERIFY(!GuiOptions::parse(QStringList{u"funnelboard"_s} + arguments, &error));
    QVERIFY2(error.contains(expected), qPrintable(error));
}

QTEST_GUILESS_MAIN(TestGuiOptions)
#include "tst_guioptions.moc"
