#pragma once

#include "core/domain/ruleset.h"
#include "core/domain/whatifimpact.h"
#include "ui/rules/rulesworker.h"

#include <QWidget>

class QCheckBox;
class QLabel;
class QLineEdit;
class QListView;
class QPlainTextEdit;
class QProgressBar;
class QPushButton;
class QSpinBox;
class QStandardItemModel;
class QTableView;
class QUndoStack;

namespace funnel {

class RulesTableModel;
class WhatIfHistogramChart;

// The Rules tab: edit a draft ruleset (table of event types, thresholds, decay) with undo/redo and
// inline validation; preview its effect on the real history (what-if, in a worker, with progress
// and Cancel) beside the rules in force; apply it to all history or to future events only; list,
// compare and restore versions. Nothing is written until Apply.
class RulesPage : public QWidget
{
    Q_OBJECT

public:
    explicit RulesPage(QWidget *parent = nullptr);

    void openDatabase(const QString &path);

    RulesTableModel *rulesModel() const { return m_model; }
    QUndoStack *undoStack() const { return m_undo; }
    const RuleSet &draft() const { return m_draft; }
    const RuleSet &current() const { return m_current; }
    bool isBusy() const;

    // Replaces the draft as one undoable step (the page's controls go through here).
    void changeDraft(const RuleSet &next, const QString &description, const QString &mergeKey = {});

public Q_SLOTS:
    void runWhatIf();
    void cancelWhatIf();
    void applyDraft();

Q_SIGNALS:
    void stateLoaded();
    void whatIfShown();
    void rulesApplied(qint64 versionId);
    void failed(const QString &message);

private:
    // Cancel stops the running job; the summary then says `cancelledText`.
    void allowCancel(const QString &cancelledText);
    QWidget *createEditor();
    QWidget *createVersions();
    QWidget *createWhatIf();
    void setDraft(const RuleSet &draft);
    void syncFields();
    void showState(const RulesState &state);
    void showImpact(const WhatIfImpact &impact, qint64 elapsedMs);
    void showVersionDiff();
    void setMessage(const QString &text, bool problem);
    QString validationProblem() const;
    QString author() const;

    RulesWorker *m_worker = nullptr;
    QString m_databasePath;
    RuleSet m_current;
    RuleSet m_draft;
    QList<RulesetVersion> m_versions;
    bool m_syncing = false;

    RulesTableModel *m_model = nullptr;
    QTableView *m_table = nullptr;
    QUndoStack *m_undo = nullptr;
    QLineEdit *m_newType = nullptr;
    QSpinBox *m_mql = nullptr;
    QSpinBox *m_sql = nullptr;
    QCheckBox *m_decayOn = nullptr;
    QSpinBox *m_decayAfter = nullptr;
    QSpinBox *m_decayEvery = nullptr;
    QSpinBox *m_decayPoints = nullptr;
    QSpinBox *m_decayFloor = nullptr;
    QLabel *m_message = nullptr;

    QStandardItemModel *m_versionModel = nullptr;
    QListView *m_versionList = nullptr;
    QPlainTextEdit *m_versionDiff = nullptr;

    QPushButton *m_runButton = nullptr;
    QPushButton *m_cancelButton = nullptr;
    QProgressBar *m_progress = nullptr;
    QLabel *m_summary = nullptr;
    QStandardItemModel *m_stageModel = nullptr;
    QStandardItemModel *m_moveModel = nullptr;
    QStandardItemModel *m_sampleModel = nullptr;
    WhatIfHistogramChart *m_chart = nullptr;
    QLineEdit *m_note = nullptr;
    QCheckBox *m_futureOnly = nullptr;
    QPushButton *m_applyButton = nullptr;
    QString m_cancelledText;
    QPushButton *m_undoApplyButton = nullptr;
};

} // namespace funnel
