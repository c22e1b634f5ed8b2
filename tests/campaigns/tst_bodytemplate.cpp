#include "core/campaigns/bodytemplate.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using namespace funnel;
using namespace Qt::StringLiterals;

class TestBodyTemplate : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void hostileFieldsStayValidJson_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addRow("quotes") << u"Ada \"The Countess\" Lovelace"_s;
        QTest::addRow("backslashes") << u"C:\\Users\\ada\\"_s;
        QTest::addRow("newlines and tabs") << u"line one\nline two\r\n\tindented"_s;
        QTest::addRow("control characters") << QString(QChar(0x01)) + u"bell"_s + QChar(0x07) + QChar(0x1f);
        QTest::addRow("emoji") << u"Zoë 🚀👩🏽‍💻"_s;
        QTest::addRow("placeholder syntax") << u"{{lead.email}} {{event.metadata.x}} }}{{"_s;
        QTest::addRow("json injection") << u"\", \"admin\": true, \"x\": \""_s;
        QTest::addRow("closing brace") << u"}"_s;
        QTest::addRow("empty") << QString();
        QTest::addRow("right-to-left and nul-like") << u"\u202Eevil\u0000"_s;
    }

    void hostileFieldsStayValidJson()
    {
        QFETCH(QString, name);
        const QString body = u"{\"greeting\": \"Hi {{lead.name}}!\", \"name\": {{lead.name}}, "
                             "\"company\": \"{{lead.company}}\", \"score\": {{lead.score}}, "
                             "\"note\": \"{{event.metadata.note}}\", \"raw\": {{event.metadata.note}}, "
                             "\"campaign\": \"{{campaign.name}}\"}"_s;
        QVERIFY(!BodyTemplate::validate(body));
        TemplateContext context;
        context.lead.name = name;
        context.lead.company = name;
        context.lead.score = -7;
        context.eventMetadata.insert(u"note"_s, name);
        context.campaignName = name;
        const QByteArray rendered = BodyTemplate::render(body, context);
        QJsonParseError error;
        const QJsonDocument document = QJsonDocument::fromJson(rendered, &error);
        QVERIFY2(error.error == QJsonParseError::NoError, rendered.constData());
        const QJsonObject object = document.object();
        QCOMPARE(object.value(u"greeting"_s).toString(), u"Hi "_s + name + u"!"_s);
        QCOMPARE(object.value(u"name"_s).toString(), name);
        QCOMPARE(object.value(u"company"_s).toString(), name);
        QCOMPARE(object.value(u"note"_s).toString(), name);
        QCOMPARE(object.value(u"raw"_s).toString(), name);
        QCOMPARE(object.value(u"campaign"_s).toString(), name);
        QCOMPARE(object.value(u"score"_s).toInt(), -7);
        QCOMPARE(object.size(), 7); // nothing injected
    }

    void valuesOutsideStrings()
    {
        TemplateContext context;
        context.lead.score = 42;
        context.lead.stage = Stage::SQL;
        context.eventMetadata.insert(u"count"_s, 3);
        context.eventMetadata.insert(u"nested"_s, QJsonObject{{u"a"_s, true}});
        const QByteArray rendered = BodyTemplate::render(
            u"{\"s\": {{lead.score}}, \"st\": {{lead.stage}}, \"c\": {{event.metadata.count}}, "
            "\"n\": {{ event.metadata.nested }}, \"missing\": {{event.metadata.nope}}, \"in\": \"{{event.metadata.nested}}\"}"_s,
            context);
        const QJsonObject object = QJsonDocument::fromJson(rendered).object();
        QCOMPARE(object.value(u"s"_s).toInt(), 42);
        QCOMPARE(object.value(u"st"_s).toString(), u"SQL"_s);
        QCOMPARE(object.value(u"c"_s).toInt(), 3);
        QCOMPARE(object.value(u"n"_s).toObject().value(u"a"_s).toBool(), true);
        QVERIFY(object.value(u"missing"_s).isNull());
        QCOMPARE(object.value(u"in"_s).toString(), u"{\"a\":true}"_s);
    }

    void validationNamesThePosition_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<int>("line");
        QTest::addColumn<int>("column");
        QTest::addColumn<QString>("mentions");
        QTest::addRow("missing comma") << u"{\"a\": 1 \"b\": 2}"_s << 1 << 9 << QString();
        QTest::addRow("second line") << u"{\n  \"a\": {{lead.score}},\n  \"b\": }"_s << 3 << 8 << QString();
        QTest::addRow("after a placeholder in a string") << u"{\"a\": \"{{lead.name}}\" x}"_s << 1 << 23 << QString();
        QTest::addRow("unknown placeholder") << u"{\"a\": \"{{lead.phone}}\"}"_s << 1 << 8 << u"lead.phone"_s;
        QTest::addRow("unclosed placeholder") << u"{\"a\": \"{{lead.name\"}"_s << 1 << 8 << u"}}"_s;
        QTest::addRow("multi-byte text before the error") << u"{\"ä🚀\": 1,}"_s << 1 << 11 << QString();
        QTest::addRow("not an object") << u"42"_s << 1 << 1 << QString();
    }

    void validationNamesThePosition()
    {
        QFETCH(QString, text);
        QFETCH(int, line);
        QFETCH(int, column);
        QFETCH(QString, mentions);
        const std::optional<TemplateError> error = BodyTemplate::validate(text);
        QVERIFY(error);
        QCOMPARE(error->line, line);
        QCOMPARE(error->column, column);
        QVERIFY(error->toString().contains(u"line %1, column %2"_s.arg(line).arg(column)));
        if (!mentions.isEmpty())
            QVERIFY2(error->message.contains(mentions), qPrintable(error->message));
    }

    void validTemplates_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addRow("empty object") << u"{}"_s;
        QTest::addRow("array") << u"[{{lead.score}}, \"{{lead.email}}\"]"_s;
        QTest::addRow("escaped quote before a placeholder") << u"{\"a\": \"\\\"{{lead.name}}\\\"\"}"_s;
        QTest::addRow("metadata key") << u"{\"k\": {{event.metadata.plan}}}"_s;
    }

    void validTemplates()
    {
        QFETCH(QString, text);
        const std::optional<TemplateError> error = BodyTemplate::validate(text);
        QVERIFY2(!error, error ? qPrintable(error->toString()) : "");
        TemplateContext context;
        context.lead.name = u"\"quoted\""_s;
        QJsonParseError parseError;
        QJsonDocument::fromJson(BodyTemplate::render(text, context), &parseError);
        QCOMPARE(parseError.error, QJsonParseError::NoError);
    }
};

QTEST_GUILESS_MAIN(TestBodyTemplate)
#include "tst_bodytemplate.moc"
