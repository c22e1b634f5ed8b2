#include "ui/rules/rulespage.h"

#include "core/domain/rulesetdiff.h"
#include "ui/common/stagestyle.h"
#include "ui/rules/editdraftcommand.h"
#include "ui/rules/rulefielddelegate.h"
#include "ui/rules/rulestablemodel.h"
#include "ui/rules/whatifhistogramchart.h"

#include <QCheckBox>
#include <QDateTime>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QLocale>
#include <QPlainTextEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QRegularExpression>
#include <QScrollArea>
#include <QSpinBox>
#include <QSplitter>
#include <QStandardItemModel>
#include <QTableView>
#include <QUndoStack>
#include <QVBoxLayout>

namespace funnel {

using namespace Qt::StringLiterals;

namespace {

QSpinBox *spinBox(int minimum, int maximum, const QString &suffix = {})
{
    auto *box = new QSpinBox;
    box->setRange(minimum, maximum);
    box->setSuffix(suffix);
    box->setKeyboardTracking(false);
    return box;
}

QTableView *resultTable(QStandardItemModel *model, const QString &name)
{
    auto *view = new QTableView;
    view->setObjectName(name);
    view->setModel(model);
    view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    view->verticalHeader()->setVisible(false);
    view->horizontalHeader()->setSectionResizeMode(QHeaderView::Stretch);
    view->setSelectionMode(QAbstractItemView::NoSelection);
    return view;
}

QStandardItem *numberItem(qint64 value, bool signedValue = false)
{
    const QString text = signedValue && value > 0 ? u"+"_s + QLocale().toString(value) : QLocale().toString(value);
    auto *item = new QStandardItem(text);
    item->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
    return item;
}

} // namespace

RulesPage::RulesPage(QWidget *parent) : QWidget(parent), m_worker(new RulesWorker(this)), m_undo(new QUndoStack(this))
{
    setObjectName(u"rulesPage"_s);
    auto *splitter = new QSplitter(Qt::Horizontal, this);
    auto *left = new QSplitter(Qt::Vertical);
    left->addWidget(createEditor());
    left->addWidget(createVersions());
    left->setStretchFactor(0, 3);
    left->setStretchFactor(1, 1);
    splitter->addWidget(left);
    splitter->addWidget(createWhatIf());
    splitter->setStretchFactor(0, 1);
    splitter->setStretchFactor(1, 1);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(8, 8, 8, 8);
    layout->addWidget(splitter);

    connect(m_worker, &RulesWorker::stateLoaded, this, &RulesPage::showState);
    connect(m_worker, &RulesWorker::whatIfReady, this, &RulesPage::showImpact);
    connect(m_worker, &RulesWorker::progress, m_progress, &QProgressBar::setValue);
    connect(m_worker, &RulesWorker::busyChanged, this, [this](bool busy) {
        m_runButton->setEnabled(!busy);
        m_applyButton->setEnabled(!busy && validationProblem().isEmpty());
        m_undoApplyButton->setEnabled(!busy);
        m_progress->setVisible(busy);
        if (busy)
            m_progress->setValue(0);
        else
            m_cancelButton->setEnabled(false);
    });
    connect(m_worker, &RulesWorker::cancelled, this, [this] { m_summary->setText(m_cancelledText); });
    connect(m_worker, &RulesWorker::applied, this, [this](const RulesApplyReport &report) {
        QString text = tr("Applied %1.").arg(report.version.label());
        if (report.rescore) {
            text += u' '
                + tr("Re-scored %1 leads: %2 changed stage, %3 new SQLs.")
                      .arg(QLocale().toString(report.rescore->leads), QLocale().toString(report.rescore->stageChanges),
                           QLocale().toString(report.rescore->newSqls.size()));
        } else {
            text += u' ' + tr("Scores are unchanged; new events score under these rules.");
        }
        m_summary->setText(text);
        m_undo->clear(); // the draft is now the rules in force
        m_worker->loadState(m_databasePath);
        Q_EMIT rulesApplied(report.version.id);
    });
    connect(m_worker, &RulesWorker::failed, this, [this](const QString &message) {
        setMessage(message, true);
        Q_EMIT failed(message);
    });
}

QWidget *RulesPage::createEditor()
{
    auto *box = new QGroupBox(tr("Draft rules"));
    auto *layout = new QVBoxLayout(box);

    m_model = new RulesTableModel(this);
    m_table = new QTableView;
    m_table->setObjectName(u"rulesTable"_s);
    m_table->setModel(m_model);
    m_table->setItemDelegate(new RuleFieldDelegate(m_table));
    m_table->verticalHeader()->setVisible(false);
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_table->horizontalHeader()->setSectionResizeMode(RulesTableModel::Enroll, QHeaderView::Stretch);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setEditTriggers(QAbstractItemView::DoubleClicked | QAbstractItemView::EditKeyPressed
                             | QAbstractItemView::AnyKeyPressed);
    layout->addWidget(m_table, 1);
    connect(m_model, &RulesTableModel::changeRequested, this,
            [this](const RuleSet &next, const QString &description) { changeDraft(next, description); });
    connect(m_model, &RulesTableModel::editRefused, this, [this](const QString &problem) { setMessage(problem, true); });

    auto *rowButtons = new QHBoxLayout;
    m_newType = new QLineEdit;
    m_newType->setPlaceholderText(tr("NEW_EVENT_TYPE"));
    auto *add = new QPushButton(tr("Add event type"));
    auto *remove = new QPushButton(tr("Remove rule"));
    rowButtons->addWidget(m_newType, 1);
    rowButtons->addWidget(add);
    rowButtons->addWidget(remove);
    layout->addLayout(rowButtons);
    auto addType = [this] {
        const QString type = m_newType->text().trimmed().toUpper();
        static const QRegularExpression valid(u"^[A-Z][A-Z0-9_]*$"_s);
        if (!valid.match(type).hasMatch()) {
            setMessage(tr("An event type is letters, digits and _ (like VIEWED_PRICING), found \"%1\".").arg(type), true);
            return;
        }
        if (m_draft.ruleFor(type)) {
            setMessage(tr("%1 already has a rule.").arg(type), true);
            return;
        }
        RuleSet next = m_draft;
        next.setRule(Rule{type, 0, std::nullopt, {}, std::nullopt});
        changeDraft(next, tr("Add %1").arg(type));
        m_newType->clear();
    };
    connect(add, &QPushButton::clicked, this, addType);
    connect(m_newType, &QLineEdit::returnPressed, this, addType);
    connect(remove, &QPushButton::clicked, this, [this] {
        const QString type = m_model->eventTypeAt(m_table->currentIndex().row());
        if (type.isEmpty() || !m_draft.ruleFor(type))
            return;
        RuleSet next = m_draft;
        next.removeRule(type);
        changeDraft(next, tr("Remove the rule of %1").arg(type));
    });

    auto *fields = new QHBoxLayout;
    auto *thresholds = new QFormLayout;
    m_mql = spinBox(0, 10000);
    m_sql = spinBox(0, 10000);
    thresholds->addRow(tr("MQL at score"), m_mql);
    thresholds->addRow(tr("SQL at score"), m_sql);
    fields->addLayout(thresholds);
    auto *decay = new QFormLayout;
    m_decayOn = new QCheckBox(tr("Decay inactive leads"));
    m_decayAfter = spinBox(1, 3650, tr(" days"));
    m_decayEvery = spinBox(1, 3650, tr(" days"));
    m_decayPoints = spinBox(0, 1000, tr(" points"));
    m_decayFloor = spinBox(-1000, 1000);
    decay->addRow(m_decayOn);
    decay->addRow(tr("after"), m_decayAfter);
    decay->addRow(tr("minus"), m_decayPoints);
    decay->addRow(tr("every"), m_decayEvery);
    decay->addRow(tr("down to"), m_decayFloor);
    fields->addLayout(decay);
    layout->addLayout(fields);

    auto thresholdsChanged = [this] {
        if (m_syncing)
            return;
        RuleSet next = m_draft;
        next.setThresholds(m_mql->value(), m_sql->value());
        changeDraft(next, tr("Change the thresholds"), u"thresholds"_s);
    };
    connect(m_mql, &QSpinBox::valueChanged, this, thresholdsChanged);
    connect(m_sql, &QSpinBox::valueChanged, this, thresholdsChanged);
    auto decayChanged = [this] {
        if (m_syncing)
            return;
        RuleSet next = m_draft;
        next.setDecay(DecayPolicy{m_decayOn->isChecked(), m_decayAfter->value(), m_decayEvery->value(),
                                  m_decayPoints->value(), m_decayFloor->value()});
        changeDraft(next, tr("Change the decay"), u"decay"_s);
    };
    connect(m_decayOn, &QCheckBox::toggled, this, decayChanged);
    for (QSpinBox *box : {m_decayAfter, m_decayEvery, m_decayPoints, m_decayFloor})
        connect(box, &QSpinBox::valueChanged, this, decayChanged);

    auto *undoRow = new QHBoxLayout;
    auto *undo = new QPushButton(tr("Undo"));
    auto *redo = new QPushButton(tr("Redo"));
    auto *reset = new QPushButton(tr("Discard draft"));
    undo->setObjectName(u"draftUndo"_s);
    connect(undo, &QPushButton::clicked, m_undo, &QUndoStack::undo);
    connect(redo, &QPushButton::clicked, m_undo, &QUndoStack::redo);
    connect(m_undo, &QUndoStack::canUndoChanged, undo, &QPushButton::setEnabled);
    connect(m_undo, &QUndoStack::canRedoChanged, redo, &QPushButton::setEnabled);
    connect(reset, &QPushButton::clicked, this, [this] { changeDraft(m_current, tr("Discard the draft")); });
    undo->setEnabled(false);
    redo->setEnabled(false);
    m_message = new QLabel;
    m_message->setObjectName(u"rulesMessage"_s);
    m_message->setWordWrap(true);
    undoRow->addWidget(undo);
    undoRow->addWidget(redo);
    undoRow->addWidget(reset);
    undoRow->addWidget(m_message, 1);
    layout->addLayout(undoRow);
    return box;
}

QWidget *RulesPage::createVersions()
{
    auto *box = new QGroupBox(tr("Versions"));
    auto *layout = new QHBoxLayout(box);
    m_versionModel = new QStandardItemModel(this);
    m_versionList = new QListView;
    m_versionList->setObjectName(u"versionList"_s);
    m_versionList->setModel(m_versionModel);
    m_versionList->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_versionList->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_versionList->setWordWrap(true);
    m_versionList->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    auto *column = new QVBoxLayout;
    column->addWidget(m_versionList, 1);
    auto *buttons = new QHBoxLayout;
    auto *restore = new QPushButton(tr("Restore"));
    m_undoApplyButton = new QPushButton(tr("Undo last apply"));
    buttons->addWidget(restore);
    buttons->addWidget(m_undoApplyButton);
    column->addLayout(buttons);
    layout->addLayout(column, 1);
    m_versionDiff = new QPlainTextEdit;
    m_versionDiff->setReadOnly(true);
    m_versionDiff->setPlaceholderText(tr("Select a version to see what it changed; select two to compare them."));
    layout->addWidget(m_versionDiff, 1);
    connect(m_versionList->selectionModel(), &QItemSelectionModel::selectionChanged, this, &RulesPage::showVersionDiff);
    connect(restore, &QPushButton::clicked, this, [this] {
        const QModelIndex index = m_versionList->currentIndex();
        if (!index.isValid() || m_databasePath.isEmpty())
            return;
        m_worker->restore(m_databasePath, index.data(Qt::UserRole).toLongLong(), author());
        allowCancel(tr("Restore cancelled: nothing was written."));
    });
    connect(m_undoApplyButton, &QPushButton::clicked, this, [this] {
        if (m_databasePath.isEmpty())
            return;
        m_worker->undoLast(m_databasePath, author());
        allowCancel(tr("Undo cancelled: nothing was written."));
    });
    return box;
}

QWidget *RulesPage::createWhatIf()
{
    auto *box = new QGroupBox(tr("What if the draft applied to all history?"));
    auto *layout = new QVBoxLayout(box);
    auto *run = new QHBoxLayout;
    m_runButton = new QPushButton(tr("Run what-if"));
    m_runButton->setObjectName(u"runWhatIf"_s);
    m_cancelButton = new QPushButton(tr("Cancel"));
    m_cancelButton->setObjectName(u"cancelRun"_s);
    m_cancelButton->setEnabled(false);
    m_progress = new QProgressBar;
    m_progress->setObjectName(u"runProgress"_s);
    m_progress->setRange(0, 1000);
    m_progress->setTextVisible(false);
    m_progress->setVisible(false);
    run->addWidget(m_runButton);
    run->addWidget(m_cancelButton);
    run->addWidget(m_progress, 1);
    run->addStretch(); // keeps the buttons their size while the progress bar is hidden
    layout->addLayout(run);
    connect(m_runButton, &QPushButton::clicked, this, &RulesPage::runWhatIf);
    connect(m_cancelButton, &QPushButton::clicked, this, &RulesPage::cancelWhatIf);

    m_summary = new QLabel(tr("Replays every lead's events under the draft and compares with the stages and scores now. Nothing is written."));
    m_summary->setObjectName(u"whatIfSummary"_s);
    m_summary->setWordWrap(true);
    layout->addWidget(m_summary);

    m_stageModel = new QStandardItemModel(this);
    m_moveModel = new QStandardItemModel(this);
    m_sampleModel = new QStandardItemModel(this);
    auto *tables = new QHBoxLayout;
    QTableView *stages = resultTable(m_stageModel, u"whatIfStages"_s);
    QTableView *moves = resultTable(m_moveModel, u"whatIfMoves"_s);
    stages->setMaximumHeight(190);
    moves->setMaximumHeight(190);
    tables->addWidget(stages, 2);
    tables->addWidget(moves, 3);
    layout->addLayout(tables);
    m_chart = new WhatIfHistogramChart;
    layout->addWidget(m_chart, 2);
    QTableView *sample = resultTable(m_sampleModel, u"whatIfSample"_s);
    sample->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    sample->horizontalHeader()->setStretchLastSection(true);
    layout->addWidget(sample, 1);

    auto *apply = new QHBoxLayout;
    m_note = new QLineEdit;
    m_note->setPlaceholderText(tr("Note for the versions list (why this change)"));
    m_futureOnly = new QCheckBox(tr("Future events only"));
    m_futureOnly->setToolTip(tr("Keep every score as it is; only events from now on score under the new rules."));
    m_applyButton = new QPushButton(tr("Apply"));
    m_applyButton->setObjectName(u"applyRules"_s);
    apply->addWidget(m_note, 1);
    apply->addWidget(m_futureOnly);
    apply->addWidget(m_applyButton);
    layout->addLayout(apply);
    connect(m_applyButton, &QPushButton::clicked, this, &RulesPage::applyDraft);
    return box;
}

void RulesPage::openDatabase(const QString &path)
{
    m_databasePath = path;
    m_undo->clear();
    m_worker->loadState(path);
}

bool RulesPage::isBusy() const
{
    return m_worker->isBusy();
}

void RulesPage::changeDraft(const RuleSet &next, const QString &description, const QString &mergeKey)
{
    if (next == m_draft)
        return;
    m_undo->push(new EditDraftCommand(m_draft, next, description, [this](const RuleSet &rules) { setDraft(rules); },
                                      mergeKey));
}

void RulesPage::setDraft(const RuleSet &draft)
{
    m_draft = draft;
    m_model->setRules(draft);
    syncFields();
    const QString problem = validationProblem();
    if (!problem.isEmpty())
        setMessage(problem, true);
    else if (m_draft == m_current)
        setMessage(tr("The draft equals the rules in force."), false);
    else
        setMessage(tr("%n change(s) from the rules in force.", nullptr, int(RuleSetDiff::compare(m_current, m_draft).size())),
                   false);
    m_applyButton->setEnabled(!m_worker->isBusy() && problem.isEmpty() && m_draft != m_current);
}

void RulesPage::syncFields()
{
    m_syncing = true;
    m_mql->setValue(m_draft.mqlThreshold());
    m_sql->setValue(m_draft.sqlThreshold());
    const DecayPolicy &decay = m_draft.decay();
    m_decayOn->setChecked(decay.enabled);
    m_decayAfter->setValue(decay.afterDays);
    m_decayEvery->setValue(decay.everyDays);
    m_decayPoints->setValue(decay.points);
    m_decayFloor->setValue(decay.floor);
    for (QSpinBox *box : {m_decayAfter, m_decayEvery, m_decayPoints, m_decayFloor})
        box->setEnabled(decay.enabled);
    m_syncing = false;
}

QString RulesPage::validationProblem() const
{
    if (m_draft.mqlThreshold() >= m_draft.sqlThreshold())
        return tr("The MQL threshold (%1) must be below the SQL threshold (%2).")
            .arg(m_draft.mqlThreshold())
            .arg(m_draft.sqlThreshold());
    for (const Rule &rule : m_draft.rules()) {
        if (rule.cap && rule.cap->points <= 0)
            return tr("%1: a cap must allow at least 1 point.").arg(rule.eventType);
    }
    return {};
}

void RulesPage::setMessage(const QString &text, bool problem)
{
    m_message->setText(text);
    m_message->setStyleSheet(problem ? u"color: #ff7b72;"_s : QString());
}

QString RulesPage::author() const
{
    const QString user = qEnvironmentVariable("USER");
    return user.isEmpty() ? tr("Funnelboard user") : user;
}

void RulesPage::showState(const RulesState &state)
{
    m_current = state.current;
    m_versions = state.versions;
    m_model->setSeenTypes(state.seenTypes);
    m_undo->clear();
    setDraft(state.current);
    m_versionModel->clear();
    for (const RulesetVersion &version : state.versions) {
        const QString when = QLocale().toString(QDateTime::fromMSecsSinceEpoch(version.createdAtMs), QLocale::ShortFormat);
        QString text = tr("v%1  %2  %3  (%4)")
                           .arg(version.id)
                           .arg(when, version.author,
                                version.mode == RulesApplyMode::History ? tr("all history") : tr("future only"));
        if (!version.note.isEmpty())
            text += u"\n    "_s + version.note;
        if (version.id == state.currentVersion)
            text = u"● "_s + text;
        auto *item = new QStandardItem(text);
        item->setData(version.id, Qt::UserRole);
        m_versionModel->appendRow(item);
    }
    if (state.versions.isEmpty())
        m_versionModel->appendRow(new QStandardItem(tr("No versions yet: the first Apply records the rules in force as v1.")));
    Q_EMIT stateLoaded();
}

void RulesPage::showVersionDiff()
{
    QList<qint64> ids;
    for (const QModelIndex &index : m_versionList->selectionModel()->selectedIndexes()) {
        if (index.data(Qt::UserRole).isValid())
            ids.append(index.data(Qt::UserRole).toLongLong());
    }
    std::sort(ids.begin(), ids.end());
    auto find = [this](qint64 id) -> const RulesetVersion * {
        for (const RulesetVersion &version : std::as_const(m_versions)) {
            if (version.id == id)
                return &version;
        }
        return nullptr;
    };
    if (ids.isEmpty()) {
        m_versionDiff->clear();
        return;
    }
    const RulesetVersion *to = find(ids.last());
    const RulesetVersion *from = ids.size() >= 2 ? find(ids.first()) : find(ids.last() - 1);
    if (!to)
        return;
    const QStringList changes = RuleSetDiff::compare(from ? from->rules : to->rules, to->rules);
    QString text = tr("%1 compared with %2:").arg(to->label(), from ? from->label() : tr("nothing earlier")) + u'\n';
    text += changes.isEmpty() ? tr("no changes") : changes.join(u'\n');
    m_versionDiff->setPlainText(text);
}

void RulesPage::runWhatIf()
{
    if (m_databasePath.isEmpty())
        return;
    const QString problem = validationProblem();
    if (!problem.isEmpty()) {
        setMessage(problem, true);
        return;
    }
    m_summary->setText(tr("Replaying every lead's history…"));
    m_cancelledText = tr("What-if cancelled.");
    m_worker->whatIf(m_databasePath, m_current, m_draft);
    m_cancelButton->setEnabled(true);
}

void RulesPage::allowCancel(const QString &cancelledText)
{
    m_cancelledText = cancelledText;
    m_cancelButton->setEnabled(true);
}

void RulesPage::cancelWhatIf()
{
    m_worker->cancel();
}

void RulesPage::applyDraft()
{
    const QString problem = validationProblem();
    if (!problem.isEmpty() || m_databasePath.isEmpty()) {
        setMessage(problem, true);
        return;
    }
    m_summary->setText(m_futureOnly->isChecked() ? tr("Applying to future events…") : tr("Re-scoring every lead…"));
    m_worker->apply(m_databasePath, m_draft, author(), m_note->text().trimmed(),
                    m_futureOnly->isChecked() ? RulesApplyMode::Future : RulesApplyMode::History);
    allowCancel(tr("Apply cancelled: nothing was written; the rules in force are unchanged."));
    m_note->clear();
}

void RulesPage::showImpact(const WhatIfImpact &impact, qint64 elapsedMs)
{
    const QLocale locale;
    m_summary->setText(tr("%1 leads and %2 events replayed in %3 s: %4 leads would change stage, %5 would change score.")
                           .arg(locale.toString(impact.leads), locale.toString(impact.events),
                                locale.toString(double(elapsedMs) / 1000.0, 'f', 1), locale.toString(impact.movedLeads),
                                locale.toString(impact.rescoredLeads)));

    m_stageModel->clear();
    m_stageModel->setHorizontalHeaderLabels({tr("Stage"), tr("Now"), tr("Draft"), tr("Change")});
    for (Stage stage : allStages) {
        const qint64 now = impact.currentStages[size_t(stage)];
        const qint64 draft = impact.draftStages[size_t(stage)];
        auto *name = new QStandardItem(StageStyle::label(stage));
        name->setForeground(StageStyle::color(stage));
        m_stageModel->appendRow({name, numberItem(now), numberItem(draft), numberItem(draft - now, true)});
    }

    m_moveModel->clear();
    QStringList headers{tr("From \\ to")};
    for (Stage to : allStages)
        headers.append(StageStyle::label(to));
    m_moveModel->setHorizontalHeaderLabels(headers);
    for (Stage from : allStages) {
        QList<QStandardItem *> row{new QStandardItem(StageStyle::label(from))};
        for (Stage to : allStages) {
            const qint64 count = impact.moves[size_t(from)][size_t(to)];
            auto *item = from == to ? new QStandardItem(u"·"_s) : numberItem(count);
            item->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
            if (from != to && count > 0)
                item->setBackground(QColor(0x4c, 0x8d, 0xf6, 60));
            row.append(item);
        }
        m_moveModel->appendRow(row);
    }

    m_sampleModel->clear();
    m_sampleModel->setHorizontalHeaderLabels({tr("Lead"), tr("Move"), tr("Score"), tr("Why")});
    for (const WhatIfImpact::MovingLead &lead : impact.sample) {
        m_sampleModel->appendRow({numberItem(lead.leadId),
                                  new QStandardItem(tr("%1 → %2").arg(StageStyle::label(lead.from), StageStyle::label(lead.to))),
                                  new QStandardItem(tr("%1 → %2").arg(lead.currentScore).arg(lead.draftScore)),
                                  new QStandardItem(lead.reason)});
    }
    m_chart->setImpact(impact);
    Q_EMIT whatIfShown();
}

} // namespace funnel
