#include "translations/translationloader.h"

#include <QCoreApplication>
#include <QTest>

using namespace Qt::StringLiterals;

// Runs with the English source texts first, then installs German: translators stay installed.
class TestTranslations : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void englishNeedsNoTranslation();
    void germanIsInstalled();
    void germanTranslatesRealStrings_data();
    void germanTranslatesRealStrings();
    void germanPlurals();
};

void TestTranslations::englishNeedsNoTranslation()
{
    QVERIFY(!funnel::installTranslations(*QCoreApplication::instance(), QLocale(QLocale::English)));
    QCOMPARE(QCoreApplication::translate("funnelctl", "Commands:"), u"Commands:"_s);
    QCOMPARE(QCoreApplication::translate("TransitionTable", "A lost lead can only be recycled to Cold."),
             u"A lost lead can only be recycled to Cold."_s);
    QCOMPARE(QCoreApplication::translate("StageStyle", "Won"), u"Won"_s);
}

void TestTranslations::germanIsInstalled()
{
    QVERIFY(funnel::installTranslations(*QCoreApplication::instance(), QLocale(QLocale::German, QLocale::Germany)));
}

void TestTranslations::germanTranslatesRealStrings_data()
{
    QTest::addColumn<QByteArray>("context");
    QTest::addColumn<QByteArray>("source");
    QTest::addColumn<QString>("german");
    QTest::addRow("funnelctl") << "funnelctl"_ba << "Commands:"_ba << u"Befehle:"_s;
    QTest::addRow("local tr() wrapper") << "TransitionTable"_ba << "A lost lead can only be recycled to Cold."_ba
                                        << u"Ein verlorener Lead kann nur nach „Kalt“ zurückgeführt werden."_s;
    QTest::addRow("stage label") << "StageStyle"_ba << "Won"_ba << u"Gewonnen"_s;
    QTest::addRow("QObject tr()") << "funnel::MainWindow"_ba << "&Quit"_ba << u"&Beenden"_s;
    QTest::addRow("placeholders") << "funnelctl"_ba << "Imported %1 new leads, merged %2, rejected %3 rows."_ba
                                  << u"%1 neue Leads importiert, %2 zusammengeführt, %3 Zeilen abgelehnt."_s;
}

void TestTranslations::germanTranslatesRealStrings()
{
    QFETCH(QByteArray, context);
    QFETCH(QByteArray, source);
    QFETCH(QString, german);
    QCOMPARE(QCoreApplication::translate(context.constData(), source.constData()), german);
}

void TestTranslations::germanPlurals()
{
    QCOMPARE(QCoreApplication::translate("funnel::BoardPage", "%n leads", nullptr, 1), u"1 Lead"_s);
    QCOMPARE(QCoreApplication::translate("funnel::BoardPage", "%n leads", nullptr, 3), u"3 Leads"_s);
}

QTEST_GUILESS_MAIN(TestTranslations)
#include "tst_translations.moc"
