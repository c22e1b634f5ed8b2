#include "ui/campaigns/campaigneditordialog.h"

#include "core/campaigns/bodytemplate.h"
#include "core/campaigns/campaignengine.h"
#include "core/campaigns/campaignjson.h"
#include "ui/campaigns/campaignsteplistmodel.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QMenu>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QSplitter>
#include <QStackedWidget>
#include <QTextBlock>
#include <QToolButton>
#include <QVBoxLayout>

namespace funnel {

using namespace Qt::StringLiterals;

namespace {

const QList<Stage> allStages{Stage::Cold, Stage::MQL, Stage::SQL, Stage::Won, Stage::Lost};

QComboBox *stageCombo(QWidget *parent)
{
    auto *combo = new QComboBox(parent);
    for (const Stage stage : allStages)
        combo->addItem(stageName(stage), int(stage));
    return combo;
}

Stage comboStage(const QComboBox *combo)
{
    return Stage(combo->currentData().toInt());
}

void setComboStage(QComboBox *combo, Stage stage)
{
    combo->setCurrentIndex(combo->findData(int(stage)));
}

QList<QCheckBox *> stageChecks(QWidget *parent, QHBoxLayout *layout, const QList<Stage> &checked)
{
    QList<QCheckBox *> boxes;
    for (const Stage stage : allStages) {
        auto *box = new QCheckBox(stageName(stage), parent);
        box->setChecked(checked.contains(stage));
        box->setProperty("stage", int(stage));
        layout->addWidget(box);
        boxes.append(box);
    }
    layout->addStretch();
    return boxes;
}

QList<Stage> checkedStages(const QList<QCheckBox *> &boxes)
{
    QList<Stage> stages;
    for (const QCheckBox *box : boxes) {
        if (box->isChecked())
            stages.append(Stage(box->property("stage").toInt()));
    }
    return stages;
}

QWidget *page(QFormLayout **form, QWidget *parent)
{
    auto *widget = new QWidget(parent);
    *form = new QFormLayout(widget);
    (*form)->setContentsMargins(0, 0, 0, 0);
    return widget;
}

} // namespace

CampaignEditorDialog::CampaignEditorDialog(const Campaign &campaign, bool isNew, QWidget *parent)
    : QDialog(parent), m_original(campaign), m_steps(new CampaignStepListModel(this))
{
    setWindowTitle(isNew ? tr("New Campaign") : tr("Edit Campaign %1").arg(campaign.name));
    buildForm();
    m_name->setReadOnly(!isNew);
    m_steps->setSteps(campaign.steps);
    if (!campaign.steps.isEmpty())
        m_stepView->setCurrentIndex(m_steps->index(0));
    else
        loadStep(-1);
    resize(980, 720);
}

void CampaignEditorDialog::buildForm()
{
    const Campaign &campaign = m_original;
    m_name = new QLineEdit(campaign.name, this);
    m_description = new QLineEdit(campaign.description, this);
    m_enabled = new QCheckBox(tr("Enabled (needs valid webhook targets)"), this);
    m_enabled->setChecked(campaign.enabled);

    // Trigger
    m_triggerKind = new QComboBox(this);
    m_triggerKind->addItem(tr("An event"), int(CampaignTrigger::Kind::Event));
    m_triggerKind->addItem(tr("The lead enters a stage"), int(CampaignTrigger::Kind::StageEntered));
    m_triggerKind->addItem(tr("The score reaches"), int(CampaignTrigger::Kind::ScoreCrossed));
    m_triggerKind->addItem(tr("A schedule (cron)"), int(CampaignTrigger::Kind::Schedule));
    m_triggerKind->setCurrentIndex(m_triggerKind->findData(int(campaign.trigger.kind)));
    m_triggerEvent = new QLineEdit(campaign.trigger.eventType, this);
    m_triggerEvent->setPlaceholderText(tr("event type, e.g. HIT_RATE_LIMIT"));
    m_triggerStage = stageCombo(this);
    setComboStage(m_triggerStage, campaign.trigger.stage);
    m_triggerScore = new QSpinBox(this);
    m_triggerScore->setRange(-10000, 10000);
    m_triggerScore->setValue(campaign.trigger.score);
    m_triggerScore->setMaximumWidth(120);
    m_cron = new QLineEdit(campaign.trigger.cron, this);
    m_cron->setPlaceholderText(tr("minute hour day month weekday, e.g. 0 9 * * MON"));
    m_timeZone = new QLineEdit(campaign.trigger.timeZone, this);
    auto *triggerDetail = new QStackedWidget(this);
    triggerDetail->addWidget(m_triggerEvent);
    triggerDetail->addWidget(m_triggerStage);
    triggerDetail->addWidget(m_triggerScore);
    auto *cronRow = new QWidget(this);
    auto *cronLayout = new QHBoxLayout(cronRow);
    cronLayout->setContentsMargins(0, 0, 0, 0);
    cronLayout->addWidget(m_cron, 2);
    cronLayout->addWidget(new QLabel(tr("in"), cronRow));
    cronLayout->addWidget(m_timeZone, 1);
    triggerDetail->addWidget(cronRow);
    const auto showTrigger = [this, triggerDetail] { triggerDetail->setCurrentIndex(m_triggerKind->currentIndex()); };
    connect(m_triggerKind, &QComboBox::currentIndexChanged, this, showTrigger);
    showTrigger();

    // Audience, re-enrollment, goal
    auto *audienceStages = new QHBoxLayout;
    m_audienceStages = stageChecks(this, audienceStages, campaign.audience.stages);
    m_minimumScore = new QSpinBox(this);
    m_minimumScore->setRange(-1, 10000);
    m_minimumScore->setSpecialValueText(tr("any"));
    m_minimumScore->setValue(campaign.audience.minimumScore.value_or(-1));
    m_minimumScore->setMaximumWidth(120);
    m_sources = new QLineEdit(campaign.audience.sources.join(u", "_s), this);
    m_sources->setPlaceholderText(tr("any source; or e.g. web, ads"));
    m_policy = new QComboBox(this);
    m_policy->addItem(tr("Once per lead"), int(ReEnrollmentPolicy::Kind::Once));
    m_policy->addItem(tr("Again after some days"), int(ReEnrollmentPolicy::Kind::AfterDays));
    m_policy->addItem(tr("Every time"), int(ReEnrollmentPolicy::Kind::EveryTime));
    m_policy->setCurrentIndex(m_policy->findData(int(campaign.reEnrollment.kind)));
    m_policyDays = new QSpinBox(this);
    m_policyDays->setRange(0, 3650);
    m_policyDays->setSuffix(tr(" days"));
    m_policyDays->setValue(campaign.reEnrollment.days);
    const auto showDays = [this] {
        m_policyDays->setEnabled(m_policy->currentData().toInt() == int(ReEnrollmentPolicy::Kind::AfterDays));
    };
    connect(m_policy, &QComboBox::currentIndexChanged, this, showDays);
    showDays();
    auto *policyRow = new QHBoxLayout;
    policyRow->addWidget(m_policy);
    policyRow->addWidget(m_policyDays);
    policyRow->addStretch();
    auto *goalStages = new QHBoxLayout;
    m_goalStages = stageChecks(this, goalStages, campaign.goal.exitStages);

    auto *form = new QFormLayout;
    form->addRow(tr("Name"), m_name);
    form->addRow(tr("Description"), m_description);
    form->addRow(QString(), m_enabled);
    form->addRow(tr("Trigger"), m_triggerKind);
    form->addRow(QString(), triggerDetail);
    form->addRow(tr("Audience stages"), audienceStages);
    form->addRow(tr("Minimum score"), m_minimumScore);
    form->addRow(tr("Sources"), m_sources);
    form->addRow(tr("Re-enrollment"), policyRow);
    form->addRow(tr("Goal: leave when"), goalStages);

    // Steps: list on the left, the selected step's editor on the right.
    m_stepView = new QListView(this);
    m_stepView->setModel(m_steps);
    m_stepView->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    m_stepView->setTextElideMode(Qt::ElideMiddle);
    auto *add = new QToolButton(this);
    add->setText(tr("Add"));
    add->setPopupMode(QToolButton::InstantPopup);
    auto *addMenu = new QMenu(add);
    const QList<std::pair<QString, CampaignStep::Kind>> kinds{
        {tr("Wait"), CampaignStep::Kind::Wait},           {tr("Webhook"), CampaignStep::Kind::Webhook},
        {tr("Condition"), CampaignStep::Kind::Condition}, {tr("Adjust score"), CampaignStep::Kind::AdjustScore},
        {tr("Move stage"), CampaignStep::Kind::MoveStage}, {tr("Notify sales"), CampaignStep::Kind::NotifySales},
    };
    for (const auto &[label, kind] : kinds)
        addMenu->addAction(label, this, [this, kind = kind] { addStep(kind); });
    add->setMenu(addMenu);
    auto *remove = new QPushButton(tr("Remove"), this);
    auto *up = new QPushButton(tr("Up"), this);
    auto *down = new QPushButton(tr("Down"), this);
    connect(remove, &QPushButton::clicked, this, &CampaignEditorDialog::removeCurrentStep);
    connect(up, &QPushButton::clicked, this, [this] { moveCurrentStep(-1); });
    connect(down, &QPushButton::clicked, this, [this] { moveCurrentStep(1); });
    auto *stepButtons = new QHBoxLayout;
    stepButtons->addWidget(add);
    stepButtons->addWidget(remove);
    stepButtons->addWidget(up);
    stepButtons->addWidget(down);
    stepButtons->addStretch();
    auto *stepList = new QWidget(this);
    auto *stepListLayout = new QVBoxLayout(stepList);
    stepListLayout->setContentsMargins(0, 0, 0, 0);
    stepListLayout->addWidget(m_stepView);
    stepListLayout->addLayout(stepButtons);

    m_stepEditor = new QStackedWidget(this);
    QFormLayout *f = nullptr;
    m_stepEditor->addWidget(new QLabel(tr("Add a step, or select one to edit it."), this)); // 0: none
    QWidget *wait = page(&f, this); // 1 + Kind::Wait
    m_wait = new QLineEdit(this);
    m_wait->setPlaceholderText(tr("e.g. 10m, 2h, 3d"));
    f->addRow(tr("Wait for"), m_wait);
    f->addRow(QString(), new QLabel(tr("Counted from the trigger event's own time."), this));
    m_stepEditor->addWidget(wait);
    QWidget *webhook = page(&f, this);
    m_method = new QComboBox(this);
    m_method->addItems({u"POST"_s, u"PUT"_s, u"PATCH"_s});
    m_url = new QLineEdit(this);
    m_url->setPlaceholderText(u"https://"_s);
    m_headers = new QPlainTextEdit(this);
    m_headers->setPlaceholderText(tr("One header per line: Name: value"));
    m_headers->setMaximumHeight(70);
    m_body = new QPlainTextEdit(this);
    m_body->setFont(QFont(u"monospace"_s));
    m_body->setToolTip(tr("JSON with placeholders: %1").arg(BodyTemplate::knownPlaceholders().join(u", "_s)));
    m_testFire = new QPushButton(tr("Test Fire"), this);
    m_testFire->setToolTip(tr("Send this request once, for a sample lead, and see it in the delivery log."));
    connect(m_testFire, &QPushButton::clicked, this, &CampaignEditorDialog::testFire);
    f->addRow(tr("Method"), m_method);
    f->addRow(tr("URL"), m_url);
    f->addRow(tr("Headers"), m_headers);
    f->addRow(tr("Body"), m_body);
    auto *testFireRow = new QHBoxLayout;
    testFireRow->addWidget(m_testFire);
    testFireRow->addStretch();
    f->addRow(QString(), testFireRow);
    m_stepEditor->addWidget(webhook);
    QWidget *condition = page(&f, this);
    m_conditionKind = new QComboBox(this);
    m_conditionKind->addItem(tr("Score at least"), int(ConditionSpec::Kind::ScoreAtLeast));
    m_conditionKind->addItem(tr("Stage is"), int(ConditionSpec::Kind::StageIs));
    m_conditionKind->addItem(tr("Had event within"), int(ConditionSpec::Kind::HadEventWithin));
    m_conditionScore = new QSpinBox(this);
    m_conditionScore->setRange(-10000, 10000);
    m_conditionStage = stageCombo(this);
    m_conditionEvent = new QLineEdit(this);
    m_conditionEvent->setPlaceholderText(tr("event type"));
    m_conditionWithin = new QLineEdit(this);
    m_conditionWithin->setPlaceholderText(tr("e.g. 7d"));
    m_yes = new QLineEdit(this);
    m_no = new QLineEdit(this);
    m_yes->setPlaceholderText(tr("step id, empty = next step, end = stop"));
    m_no->setPlaceholderText(tr("step id, empty = next step, end = stop"));
    f->addRow(tr("If"), m_conditionKind);
    f->addRow(tr("Score"), m_conditionScore);
    f->addRow(tr("Stage"), m_conditionStage);
    f->addRow(tr("Event type"), m_conditionEvent);
    f->addRow(tr("Within"), m_conditionWithin);
    f->addRow(tr("Yes: go to"), m_yes);
    f->addRow(tr("No: go to"), m_no);
    m_stepEditor->addWidget(condition);
    QWidget *score = page(&f, this);
    m_scoreDelta = new QSpinBox(this);
    m_scoreDelta->setRange(-1000, 1000);
    f->addRow(tr("Points"), m_scoreDelta);
    m_stepEditor->addWidget(score);
    QWidget *move = page(&f, this);
    m_moveTo = stageCombo(this);
    f->addRow(tr("Move to"), m_moveTo);
    f->addRow(QString(), new QLabel(tr("Moves the transition table refuses are logged, not made."), this));
    m_stepEditor->addWidget(move);
    QWidget *notify = page(&f, this);
    m_notify = new QLineEdit(this);
    m_notify->setPlaceholderText(tr("empty: \"<campaign>: <email> needs attention\""));
    f->addRow(tr("Text"), m_notify);
    m_stepEditor->addWidget(notify);

    connect(m_stepView->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            [this](const QModelIndex &current) {
                storeStep();
                loadStep(current.isValid() ? current.row() : -1);
            });

    auto *steps = new QSplitter(Qt::Horizontal, this);
    steps->addWidget(stepList);
    steps->addWidget(m_stepEditor);
    steps->setStretchFactor(0, 2);
    steps->setStretchFactor(1, 3);
    auto *stepBox = new QGroupBox(tr("Steps"), this);
    auto *stepBoxLayout = new QVBoxLayout(stepBox);
    stepBoxLayout->addWidget(steps);

    m_error = new QLabel(this);
    m_error->setWordWrap(true);
    m_error->setStyleSheet(u"color: #ef9a9a;"_s);
    m_error->hide();
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Save | QDialogButtonBox::Cancel, this);
    connect(buttons, &QDialogButtonBox::accepted, this, &CampaignEditorDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &CampaignEditorDialog::reject);

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(stepBox, 1);
    layout->addWidget(m_error);
    layout->addWidget(buttons);
}

int CampaignEditorDialog::currentRow() const
{
    const QModelIndex current = m_stepView->currentIndex();
    return current.isValid() ? current.row() : -1;
}

void CampaignEditorDialog::loadStep(int row)
{
    m_loadedId.clear();
    if (row < 0 || row >= m_steps->rowCount()) {
        m_stepEditor->setCurrentIndex(0);
        return;
    }
    const CampaignStep &step = m_steps->step(row);
    m_loadedId = step.id;
    m_stepEditor->setCurrentIndex(1 + int(step.kind));
    m_wait->setText(CampaignJson::formatDuration(step.waitMs));
    m_method->setCurrentText(step.webhook.method.toUpper());
    m_url->setText(step.webhook.url);
    QStringList headers;
    for (const auto &[name, value] : step.webhook.headers)
        headers.append(name + u": "_s + value);
    m_headers->setPlainText(headers.join(u'\n'));
    m_body->setPlainText(step.webhook.bodyTemplate);
    m_conditionKind->setCurrentIndex(m_conditionKind->findData(int(step.condition.kind)));
    m_conditionScore->setValue(step.condition.score);
    setComboStage(m_conditionStage, step.condition.stage);
    m_conditionEvent->setText(step.condition.eventType);
    m_conditionWithin->setText(step.condition.withinMs > 0 ? CampaignJson::formatDuration(step.condition.withinMs) : QString());
    m_yes->setText(step.yesStep);
    m_no->setText(step.noStep);
    m_scoreDelta->setValue(step.scoreDelta);
    setComboStage(m_moveTo, step.moveTo);
    m_notify->setText(step.notifyText);
}

void CampaignEditorDialog::storeStep()
{
    int row = -1;
    for (int i = 0; i < m_steps->rowCount() && !m_loadedId.isEmpty(); ++i) {
        if (m_steps->step(i).id == m_loadedId)
            row = i;
    }
    if (row < 0)
        return;
    CampaignStep step = m_steps->step(row);
    switch (step.kind) {
    case CampaignStep::Kind::Wait:
        // An unreadable duration keeps the old one; validate() names it on save.
        step.waitMs = CampaignJson::parseDuration(m_wait->text().trimmed()).value_or(step.waitMs);
        break;
    case CampaignStep::Kind::Webhook: {
        step.webhook.method = m_method->currentText();
        step.webhook.url = m_url->text().trimmed();
        step.webhook.headers.clear();
        for (const QString &line : m_headers->toPlainText().split(u'\n', Qt::SkipEmptyParts)) {
            const qsizetype colon = line.indexOf(u':');
            step.webhook.headers.append({line.left(colon).trimmed(), colon < 0 ? QString() : line.mid(colon + 1).trimmed()});
        }
        step.webhook.bodyTemplate = m_body->toPlainText();
        break;
    }
    case CampaignStep::Kind::Condition:
        step.condition.kind = ConditionSpec::Kind(m_conditionKind->currentData().toInt());
        step.condition.score = m_conditionScore->value();
        step.condition.stage = comboStage(m_conditionStage);
        step.condition.eventType = m_conditionEvent->text().trimmed();
        step.condition.withinMs = CampaignJson::parseDuration(m_conditionWithin->text().trimmed()).value_or(0);
        step.yesStep = m_yes->text().trimmed();
        step.noStep = m_no->text().trimmed();
        break;
    case CampaignStep::Kind::AdjustScore:
        step.scoreDelta = m_scoreDelta->value();
        break;
    case CampaignStep::Kind::MoveStage:
        step.moveTo = comboStage(m_moveTo);
        break;
    case CampaignStep::Kind::NotifySales:
        step.notifyText = m_notify->text().trimmed();
        break;
    }
    m_steps->setStep(row, step);
}

void CampaignEditorDialog::addStep(CampaignStep::Kind kind)
{
    storeStep();
    const int row = m_steps->addStep(kind, currentRow());
    m_stepView->setCurrentIndex(m_steps->index(row));
    loadStep(row);
}

void CampaignEditorDialog::removeCurrentStep()
{
    const int row = currentRow();
    if (row < 0)
        return;
    m_loadedId.clear(); // what the editor shows is being removed
    m_steps->removeRow(row);
    const int next = m_steps->rowCount() > 0 ? std::min(row, m_steps->rowCount() - 1) : -1;
    if (next >= 0)
        m_stepView->setCurrentIndex(m_steps->index(next));
    loadStep(next);
}

void CampaignEditorDialog::moveCurrentStep(int by)
{
    const int row = currentRow();
    const int target = row + by;
    if (row < 0 || target < 0 || target >= m_steps->rowCount())
        return;
    storeStep();
    if (m_steps->moveRow({}, row, {}, by > 0 ? target + 1 : target)) {
        m_stepView->setCurrentIndex(m_steps->index(target));
        loadStep(target);
    }
}

Campaign CampaignEditorDialog::campaign()
{
    storeStep();
    Campaign campaign = m_original;
    campaign.name = m_name->text().trimmed();
    campaign.description = m_description->text().trimmed();
    campaign.enabled = m_enabled->isChecked();
    campaign.trigger.kind = CampaignTrigger::Kind(m_triggerKind->currentData().toInt());
    campaign.trigger.eventType = m_triggerEvent->text().trimmed();
    campaign.trigger.stage = comboStage(m_triggerStage);
    campaign.trigger.score = m_triggerScore->value();
    campaign.trigger.cron = m_cron->text().trimmed();
    campaign.trigger.timeZone = m_timeZone->text().trimmed().isEmpty() ? u"UTC"_s : m_timeZone->text().trimmed();
    campaign.audience.stages = checkedStages(m_audienceStages);
    campaign.audience.minimumScore = m_minimumScore->value() < 0 ? std::nullopt : std::optional<int>(m_minimumScore->value());
    campaign.audience.sources.clear();
    for (const QString &source : m_sources->text().split(u',', Qt::SkipEmptyParts)) {
        if (!source.trimmed().isEmpty())
            campaign.audience.sources.append(source.trimmed());
    }
    campaign.reEnrollment.kind = ReEnrollmentPolicy::Kind(m_policy->currentData().toInt());
    campaign.reEnrollment.days = m_policyDays->value();
    campaign.goal.exitStages = checkedStages(m_goalStages);
    campaign.steps = m_steps->steps();
    return campaign;
}

std::optional<QString> CampaignEditorDialog::validate()
{
    const Campaign edited = campaign();
    if (edited.name.isEmpty()) {
        m_name->setFocus();
        return tr("The campaign needs a name.");
    }
    for (int row = 0; row < edited.steps.size(); ++row) {
        const CampaignStep &step = edited.steps.at(row);
        if (step.kind != CampaignStep::Kind::Webhook)
            continue;
        const std::optional<TemplateError> error = BodyTemplate::validate(step.webhook.bodyTemplate);
        if (!error)
            continue;
        // Show the step and put the cursor where the template goes wrong.
        m_stepView->setCurrentIndex(m_steps->index(row));
        QTextCursor cursor = m_body->textCursor();
        cursor.setPosition(std::clamp(error->offset, 0, int(m_body->toPlainText().size())));
        m_body->setTextCursor(cursor);
        m_body->setFocus();
        return tr("Step %1: the body is not valid JSON at line %2, column %3: %4")
            .arg(row + 1)
            .arg(error->line)
            .arg(error->column)
            .arg(error->message);
    }
    return std::nullopt;
}

void CampaignEditorDialog::accept()
{
    if (const std::optional<QString> problem = validate()) {
        m_error->setText(*problem);
        m_error->show();
        return;
    }
    QDialog::accept();
}

void CampaignEditorDialog::testFire()
{
    storeStep();
    const int row = currentRow();
    if (row < 0 || m_steps->step(row).kind != CampaignStep::Kind::Webhook)
        return;
    const WebhookStepSpec webhook = m_steps->step(row).webhook;
    QString why;
    std::optional<QString> problem;
    if (!CampaignEngine::isValidTarget(webhook.url, &why))
        problem = why;
    else if (const std::optional<TemplateError> error = BodyTemplate::validate(webhook.bodyTemplate))
        problem = tr("The body is not valid JSON at line %1, column %2: %3").arg(error->line).arg(error->column).arg(error->message);
    if (problem) {
        problem->replace(0, 1, problem->left(1).toUpper()); // the engine's reasons are mid-sentence text
        m_error->setText(*problem);
        m_error->show();
        return;
    }
    m_error->hide();
    CampaignLead sample;
    sample.id = 0;
    sample.email = u"ada@example.com"_s;
    sample.name = u"Ada Lovelace"_s;
    sample.company = u"Analytical Engines Ltd"_s;
    sample.stage = Stage::MQL;
    sample.score = 42;
    const TemplateContext context{sample, QJsonObject{}, m_name->text().trimmed()};
    Q_EMIT testFireRequested(webhook, BodyTemplate::render(webhook.bodyTemplate, context));
}

} // namespace funnel
