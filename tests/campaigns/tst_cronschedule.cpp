#include "core/campaigns/cronschedule.h"

#include <QRegularExpression>
#include <QTest>

using namespace funnel;
using namespace Qt::StringLiterals;

class TestCronSchedule : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void nextFireTimes_data()
    {
        QTest::addColumn<QString>("expression");
        QTest::addColumn<QString>("zone");
        QTest::addColumn<QString>("from");
        QTest::addColumn<QStringList>("expected");

        QTest::addRow("every 15 minutes") << u"*/15 * * * *"_s << u"UTC"_s << u"2026-01-01T00:07:00Z"_s
                                          << QStringList{u"2026-01-01T00:15:00Z"_s, u"2026-01-01T00:30:00Z"_s,
                                                         u"2026-01-01T00:45:00Z"_s, u"2026-01-01T01:00:00Z"_s};
        QTest::addRow("strictly after a fire time") << u"0 * * * *"_s << u"UTC"_s << u"2026-01-01T05:00:00Z"_s
                                                    << QStringList{u"2026-01-01T06:00:00Z"_s};
        QTest::addRow("seconds are truncated") << u"* * * * *"_s << u"UTC"_s << u"2026-01-01T05:00:59.999Z"_s
                                               << QStringList{u"2026-01-01T05:01:00Z"_s};
        QTest::addRow("weekdays at nine, Berlin")
            << u"0 9 * * MON-FRI"_s << u"Europe/Berlin"_s << u"2026-03-27T10:00:00+01:00"_s
            << QStringList{u"2026-03-30T09:00:00+02:00"_s, u"2026-03-31T09:00:00+02:00"_s};
        QTest::addRow("list, range and step") << u"5,10-20/5 8 * * *"_s << u"UTC"_s << u"2026-02-01T00:00:00Z"_s
                                              << QStringList{u"2026-02-01T08:05:00Z"_s, u"2026-02-01T08:10:00Z"_s,
                                                             u"2026-02-01T08:15:00Z"_s, u"2026-02-01T08:20:00Z"_s,
                                                             u"2026-02-02T08:05:00Z"_s};
        QTest::addRow("start/step runs to the maximum") << u"50/5 3 * * *"_s << u"UTC"_s << u"2026-02-01T00:00:00Z"_s
                                                        << QStringList{u"2026-02-01T03:50:00Z"_s,
                                                                       u"2026-02-01T03:55:00Z"_s,
                                                                       u"2026-02-02T03:50:00Z"_s};
        // Spring forward in Berlin: 2026-03-29 02:00 CET becomes 03:00 CEST.
        QTest::addRow("Berlin gap: skipped time fires at the end of the gap")
            << u"30 2 * * *"_s << u"Europe/Berlin"_s << u"2026-03-28T12:00:00+01:00"_s
            << QStringList{u"2026-03-29T03:00:00+02:00"_s, u"2026-03-30T02:30:00+02:00"_s};
        QTest::addRow("Berlin gap: several skipped slots fire once")
            << u"*/30 * * * *"_s << u"Europe/Berlin"_s << u"2026-03-29T01:40:00+01:00"_s
            << QStringList{u"2026-03-29T03:00:00+02:00"_s, u"2026-03-29T03:30:00+02:00"_s};
        // Fall back in Berlin: 2026-10-25 03:00 CEST becomes 02:00 CET; 02:xx happens twice.
        QTest::addRow("Berlin repeated hour: daily 02:30 fires once")
            << u"30 2 * * *"_s << u"Europe/Berlin"_s << u"2026-10-24T12:00:00+02:00"_s
            << QStringList{u"2026-10-25T02:30:00+02:00"_s, u"2026-10-26T02:30:00+01:00"_s};
        QTest::addRow("Berlin repeated hour: half-hourly slots fire once")
            << u"0,30 * * * *"_s << u"Europe/Berlin"_s << u"2026-10-25T01:50:00+02:00"_s
            << QStringList{u"2026-10-25T02:00:00+02:00"_s, u"2026-10-25T02:30:00+02:00"_s,
                           u"2026-10-25T03:00:00+01:00"_s, u"2026-10-25T03:30:00+01:00"_s};
        QTest::addRow("Berlin repeated hour: starting inside the second pass")
            << u"30 2 * * *"_s << u"Europe/Berlin"_s << u"2026-10-25T02:10:00+01:00"_s
            << QStringList{u"2026-10-26T02:30:00+01:00"_s};
        QTest::addRow("New York gap") << u"15 2 * * *"_s << u"America/New_York"_s << u"2026-03-07T12:00:00-05:00"_s
                                      << QStringList{u"2026-03-08T03:00:00-04:00"_s, u"2026-03-09T02:15:00-04:00"_s};
        // Vixie cron: both day fields restricted means either may match.
        QTest::addRow("day of month OR day of week")
            << u"0 0 1,15 * TUE"_s << u"UTC"_s << u"2026-05-31T12:00:00Z"_s
            << QStringList{u"2026-06-01T00:00:00Z"_s, u"2026-06-02T00:00:00Z"_s, u"2026-06-09T00:00:00Z"_s,
                           u"2026-06-15T00:00:00Z"_s, u"2026-06-16T00:00:00Z"_s};
        // ... but a day field starting with '*' (even "*/2") makes it an AND.
        QTest::addRow("star step in day of month is AND")
            << u"0 0 */2 * TUE"_s << u"UTC"_s << u"2026-05-31T12:00:00Z"_s
            << QStringList{u"2026-06-09T00:00:00Z"_s, u"2026-06-23T00:00:00Z"_s, u"2026-07-07T00:00:00Z"_s};
        QTest::addRow("month and weekday names, any case")
            << u"0 12 * JAN,jul Sun"_s << u"UTC"_s << u"2026-07-26T13:00:00Z"_s
            << QStringList{u"2027-01-03T12:00:00Z"_s};
        QTest::addRow("7 is Sunday") << u"0 0 * * 7"_s << u"UTC"_s << u"2026-01-01T00:00:00Z"_s
                                     << QStringList{u"2026-01-04T00:00:00Z"_s};
        QTest::addRow("29 February") << u"0 0 29 2 *"_s << u"UTC"_s << u"2026-03-01T00:00:00Z"_s
                                     << QStringList{u"2028-02-29T00:00:00Z"_s};
        QTest::addRow("30 February never comes") << u"0 0 30 2 *"_s << u"UTC"_s << u"2026-03-01T00:00:00Z"_s
                                                 << QStringList{};
        QTest::addRow("@yearly") << u"@yearly"_s << u"Europe/Berlin"_s << u"2026-06-01T00:00:00Z"_s
                                 << QStringList{u"2027-01-01T00:00:00+01:00"_s};
        QTest::addRow("@annually") << u"@annually"_s << u"UTC"_s << u"2026-06-01T00:00:00Z"_s
                                   << QStringList{u"2027-01-01T00:00:00Z"_s};
        QTest::addRow("@monthly") << u"@monthly"_s << u"UTC"_s << u"2026-06-01T00:00:00Z"_s
                                  << QStringList{u"2026-07-01T00:00:00Z"_s};
        QTest::addRow("@weekly") << u"@weekly"_s << u"UTC"_s << u"2026-06-01T00:00:00Z"_s
                                 << QStringList{u"2026-06-07T00:00:00Z"_s};
        QTest::addRow("@daily") << u"@daily"_s << u"Europe/Berlin"_s << u"2026-03-28T23:30:00+01:00"_s
                                << QStringList{u"2026-03-29T00:00:00+01:00"_s, u"2026-03-30T00:00:00+02:00"_s};
        QTest::addRow("@midnight") << u"@midnight"_s << u"UTC"_s << u"2026-06-01T00:00:00Z"_s
                                   << QStringList{u"2026-06-02T00:00:00Z"_s};
        QTest::addRow("@hourly") << u"@hourly"_s << u"UTC"_s << u"2026-06-01T00:59:00Z"_s
                                 << QStringList{u"2026-06-01T01:00:00Z"_s, u"2026-06-01T02:00:00Z"_s};
        QTest::addRow("a UTC instant asked about a Berlin schedule")
            << u"0 8 * * *"_s << u"Europe/Berlin"_s << u"2026-07-01T06:30:00Z"_s
            << QStringList{u"2026-07-02T08:00:00+02:00"_s};
    }

    void nextFireTimes()
    {
        QFETCH(QString, expression);
        QFETCH(QString, zone);
        QFETCH(QString, from);
        QFETCH(QStringList, expected);
        CronParseError error;
        const std::optional<CronSchedule> schedule = CronSchedule::parse(expression, zone, &error);
        QVERIFY2(schedule, qPrintable(error.toString()));
        const QDateTime start = QDateTime::fromString(from, Qt::ISODateWithMs);
        QVERIFY(start.isValid());
        QStringList actual;
        for (const QDateTime &time : schedule->nextFireTimes(start, int(qMax(expected.size(), qsizetype(1))))) {
            QCOMPARE(time.timeZone(), schedule->timeZone());
            actual.append(time.toString(Qt::ISODate));
        }
        // Times are written with their offset; "Z" in the table is short for +00:00.
        expected.replaceInStrings(QRegularExpression(u"Z$"_s), u"+00:00"_s);
        if (expected.isEmpty())
            QVERIFY(actual.isEmpty());
        else
            QCOMPARE(actual, expected);
    }

    void errors_data()
    {
        QTest::addColumn<QString>("expression");
        QTest::addColumn<QString>("field");
        QTest::addColumn<int>("position");

        QTest::addRow("minute too big") << u"60 * * * *"_s << u"minute"_s << 0;
        QTest::addRow("hour too big") << u"* 24 * * *"_s << u"hour"_s << 2;
        QTest::addRow("day of month zero") << u"* * 0 * *"_s << u"day of month"_s << 4;
        QTest::addRow("month 13") << u"* * * 13 *"_s << u"month"_s << 6;
        QTest::addRow("unknown month name") << u"* * * FOO *"_s << u"month"_s << 6;
        QTest::addRow("weekday name in month") << u"* * * MON *"_s << u"month"_s << 6;
        QTest::addRow("day of week 8") << u"* * * * 8"_s << u"day of week"_s << 8;
        QTest::addRow("open range") << u"* * * * MON-"_s << u"day of week"_s << 12;
        QTest::addRow("step zero") << u"*/0 * * * *"_s << u"minute"_s << 2;
        QTest::addRow("backwards range") << u"0 5-1 * * *"_s << u"hour"_s << 2;
        QTest::addRow("empty list item") << u"1,,2 * * * *"_s << u"minute"_s << 2;
        QTest::addRow("trailing junk") << u"1x * * * *"_s << u"minute"_s << 0;
        QTest::addRow("four fields") << u"* * * *"_s << u"expression"_s << 7;
        QTest::addRow("six fields") << u"* * * * * *"_s << u"expression"_s << 10;
        QTest::addRow("unknown shortcut") << u"@reboot"_s << u"expression"_s << 0;
        QTest::addRow("empty") << QString() << u"expression"_s << 0;
    }

    void errors()
    {
        QFETCH(QString, expression);
        QFETCH(QString, field);
        QFETCH(int, position);
        CronParseError error;
        QVERIFY(!CronSchedule::parse(expression, u"UTC"_s, &error));
        QCOMPARE(error.field, field);
        QCOMPARE(error.position, position);
        QVERIFY(!error.message.isEmpty());
        QVERIFY(error.toString().contains(field));
    }

    void unknownZone()
    {
        CronParseError error;
        QVERIFY(!CronSchedule::parse(u"@daily"_s, u"Mars/Olympus_Mons"_s, &error));
        QCOMPARE(error.field, u"time zone"_s);
        QVERIFY(error.message.contains(u"Mars/Olympus_Mons"_s));
    }
};

QTEST_GUILESS_MAIN(TestCronSchedule)
#include "tst_cronschedule.moc"
