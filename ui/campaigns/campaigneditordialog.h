#pragma once

#include "core/campaigns/campaign.h"

#include <QDialog>

#include <optional>

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QListView;
class QPlainTextEdit;
class QPushButton;
class QSpinBox;
class QStackedWidget;

namespace funnel {

class CampaignStepListModel;

// Edits one campaign: trigger, audience, re-enrollment, goal and the steps (add, remove, reorder;
// per kind: wait, webhook with method, URL, headers and body template, condition, score, move,
// notify). Save checks every webhook body template and, on an error, selects the step and puts the
// cursor where the template is wrong. The dialog only edits values; CampaignsPage stores them.
class CampaignEditorDialog : public QDialog
{
    Q_OBJECT

public:
    // `isNew`: the name may be chosen; an existing campaign keeps its name.
    CampaignEditorDialog(const Campaign &campaign, bool isNew, QWidget *parent = nullptr);

    Campaign campaign(); // as edited (takes the step editor's fields first)
    // Why the campaign cannot be saved (translated), or nullopt; selects the culprit.
    std::optional<QString> validate();

    CampaignStepListModel *stepModel() const { return m_steps; }
    QListView *stepView() const { return m_stepView; }
    QPlainTextEdit *bodyEditor() const { return m_body; }
    QLineEdit *urlEdit() const { return m_url; }
    QLabel *errorLabel() const { return m_error; }
    QPushButton *testFireButton() const { return m_testFire; }
    void addStep(CampaignStep::Kind kind);
    void removeCurrentStep();
    void moveCurrentStep(int by);

Q_SIGNALS:
    // The current webhook step, rendered for a sample lead, to be sent once (not part of any enrollment).
    void testFireRequested(const funnel::WebhookStepSpec &webhook, const QByteArray &body);

public Q_SLOTS:
    void accept() override;

private:
    void buildForm();
    void loadStep(int row);
    void storeStep();
    void testFire();
    int currentRow() const;

    Campaign m_original;
    CampaignStepListModel *m_steps = nullptr;
    QString m_loadedId; // the step the editor fields show: by id, as rows move under it

    QLineEdit *m_name = nullptr;
    QLineEdit *m_description = nullptr;
    QCheckBox *m_enabled = nullptr;
    QComboBox *m_triggerKind = nullptr;
    QLineEdit *m_triggerEvent = nullptr;
    QComboBox *m_triggerStage = nullptr;
    QSpinBox *m_triggerScore = nullptr;
    QLineEdit *m_cron = nullptr;
    QLineEdit *m_timeZone = nullptr;
    QList<QCheckBox *> m_audienceStages;
    QSpinBox *m_minimumScore = nullptr;
    QLineEdit *m_sources = nullptr;
    QComboBox *m_policy = nullptr;
    QSpinBox *m_policyDays = nullptr;
    QList<QCheckBox *> m_goalStages;

    QListView *m_stepView = nullptr;
    QStackedWidget *m_stepEditor = nullptr;
    QLineEdit *m_wait = nullptr;
    QComboBox *m_method = nullptr;
    QLineEdit *m_url = nullptr;
    QPlainTextEdit *m_headers = nullptr;
    QPlainTextEdit *m_body = nullptr;
    QPushButton *m_testFire = nullptr;
    QComboBox *m_conditionKind = nullptr;
    QSpinBox *m_conditionScore = nullptr;
    QComboBox *m_conditionStage = nullptr;
    QLineEdit *m_conditionEvent = nullptr;
    QLineEdit *m_conditionWithin = nullptr;
    QLineEdit *m_yes = nullptr;
    QLineEdit *m_no = nullptr;
    QSpinBox *m_scoreDelta = nullptr;
    QComboBox *m_moveTo = nullptr;
    QLineEdit *m_notify = nullptr;
    QLabel *m_error = nullptr;
};

} // namespace funnel
