#include "core/campaigns/defaultcampaigns.h"
#include "ui/campaigns/campaigneditordialog.h"
#include "ui/campaigns/campaignsteplistmodel.h"

#include <QAbstractItemModelTester>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QTest>

using namespace funnel;
using namespace Qt::StringLiterals;

Q_DECLARE_METATYPE(funnel::Campaign)

class TestCampaignEditorDialog : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    // Every field of the shipped campaigns survives the editor, step by step.
    void roundTrip_data()
    {
        QTest::addColumn<Campaign>("campaign");
        for (const Campaign &campaign : DefaultCampaigns::all())
            QTest::addRow("%s", qPrintable(campaign.name)) << campaign;
    }
    void roundTrip()
    {
        QFETCH(Campaign, campaign);
        CampaignEditorDialog dialog(campaign, false);
        QAbstractItemModelTester tester(dialog.stepModel());
        for (int row = 0; row < dialog.stepModel()->rowCount(); ++row)
            dialog.stepView()->setCurrentIndex(dialog.stepModel()->index(row));
        QCOMPARE(dialog.campaign(), campaign);
    }

    void addRemoveAndReorderSteps()
    {
        CampaignEditorDialog dialog(DefaultCampaigns::rateLimitHelp(), false);
        QAbstractItemModelTester tester(dialog.stepModel());
        const auto ids = [&] {
            QStringList list;
            for (const CampaignStep &step : dialog.campaign().steps)
                list.append(step.id);
            return list;
        };
        QCOMPARE(ids(), (QStringList{u"wait-10m"_s, u"optimise-queries"_s}));
        dialog.stepView()->setCurrentIndex(dialog.stepModel()->index(0));
        dialog.addStep(CampaignStep::Kind::NotifySales); // after the selected step
        QCOMPARE(ids(), (QStringList{u"wait-10m"_s, u"notify-1"_s, u"optimise-queries"_s}));
        dialog.moveCurrentStep(1);
        QCOMPARE(ids(), (QStringList{u"wait-10m"_s, u"optimise-queries"_s, u"notify-1"_s}));
        QCOMPARE(dialog.stepView()->currentIndex().row(), 2);
        dialog.moveCurrentStep(-1);
        dialog.moveCurrentStep(-1);
        QCOMPARE(ids(), (QStringList{u"notify-1"_s, u"wait-10m"_s, u"optimise-queries"_s}));
        dialog.removeCurrentStep();
        QCOMPARE(ids(), (QStringList{u"wait-10m"_s, u"optimise-queries"_s}));
        QCOMPARE(dialog.campaign().steps, DefaultCampaigns::rateLimitHelp().steps);
    }

    // Save refuses a body that is not JSON, says where, and puts the cursor there.
    void invalidBodyIsRefusedWithItsPosition()
    {
        CampaignEditorDialog dialog(DefaultCampaigns::rateLimitHelp(), false);
        dialog.show();
        dialog.stepView()->setCurrentIndex(dialog.stepModel()->index(1));
        const QString broken = u"{\n  \"email\": {{lead.email}},\n  \"oops\": \n}"_s;
        dialog.bodyEditor()->setPlainText(broken);
        dialog.stepView()->setCurrentIndex(dialog.stepModel()->index(0)); // the error is found from anywhere
        dialog.accept();
        QCOMPARE(dialog.result(), int(QDialog::Rejected));
        QVERIFY(dialog.isVisible());
        QVERIFY(dialog.errorLabel()->isVisible());
        QVERIFY2(dialog.errorLabel()->text().contains(u"Step 2"_s) && dialog.errorLabel()->text().contains(u"line 4"_s),
                 qPrintable(dialog.errorLabel()->text()));
        QCOMPARE(dialog.stepView()->currentIndex().row(), 1);
        QCOMPARE(dialog.bodyEditor()->textCursor().blockNumber(), 3);

        dialog.bodyEditor()->setPlainText(u"{\"email\": {{lead.email}}}"_s);
        dialog.accept();
        QCOMPARE(dialog.result(), int(QDialog::Accepted));
    }

    void testFireRendersForASampleLead()
    {
        CampaignEditorDialog dialog(DefaultCampaigns::rateLimitHelp(), false);
        QSignalSpy fired(&dialog, &CampaignEditorDialog::testFireRequested);
        dialog.stepView()->setCurrentIndex(dialog.stepModel()->index(1));
        QTest::mouseClick(dialog.testFireButton(), Qt::LeftButton); // the placeholder target
        QCOMPARE(fired.count(), 0);
        QVERIFY(dialog.errorLabel()->text().contains(u"placeholder"_s));
        dialog.urlEdit()->setText(u"https://hooks.example.com/tips"_s);
        QTest::mouseClick(dialog.testFireButton(), Qt::LeftButton);
        QCOMPARE(fired.count(), 1);
        const QJsonObject body = QJsonDocument::fromJson(fired.first().at(1).toByteArray()).object();
        QCOMPARE(body.value(u"lead"_s).toObject().value(u"email"_s).toString(), u"ada@example.com"_s);
        QCOMPARE(body.value(u"campaign"_s).toString(), u"RATE_LIMIT_HELP_SEQUENCE"_s);
    }
};

QTEST_MAIN(TestCampaignEditorDialog)
#include "tst_campaigneditordialog.moc"
