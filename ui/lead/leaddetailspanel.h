#pragma once

#include "core/storage/leaddetails.h"
#include "core/storage/leadeditor.h"
#include "core/storage/note.h"

#include <QPointer>
#include <QWidget>

class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QPushButton;
class QStandardItemModel;
class QTabWidget;
class QTreeView;
class QUndoStack;

namespace funnel {

class LeadTimelineModel;
class LeadWriteQueue;

// Everything about one lead: its fields (editable, undoable), the score explained line by line, the
// event timeline, the stage history, notes, and "Merge with…" for duplicates. Opening a lead marks
// it seen. Reads and writes run on worker threads; the panel never blocks the GUI thread.
class LeadDetailsPanel : public QWidget
{
    Q_OBJECT

public:
    explicit LeadDetailsPanel(QWidget *parent = nullptr);
    ~LeadDetailsPanel() override;

    void setDatabasePath(const QString &path);
    // The main window's stack; without one the panel keeps its own.
    void setUndoStack(QUndoStack *stack);
    QUndoStack *undoStack() const;
    // Who edits, moves and writes notes; the login name by default.
    void setActor(const QString &actor) { m_actor = actor; }

    void showLead(qint64 leadId);
    qint64 leadId() const { return m_leadId; }
    // Reloads the shown lead (after a change elsewhere).
    void reload();

    // What the widgets show, for tests and for the main window.
    const LeadDetails &details() const { return m_details; }
    LeadTimelineModel *timelineModel() const { return m_timeline; }
    QStandardItemModel *scoreModel() const { return m_scoreModel; }
    QStandardItemModel *historyModel() const { return m_historyModel; }
    QStandardItemModel *notesModel() const { return m_notesModel; }
    QString scoreSummary() const;

    // The actions behind the buttons. Each is one undoable step (notes excepted).
    void applyEdit(const LeadFields &fields);
    void addNote(const QString &text);
    void mergeWith(qint64 duplicateId);
    void chooseMerge(); // asks for the duplicate, then mergeWith()

Q_SIGNALS:
    void loaded();
    // A change of this panel was committed; the board should refresh the lead.
    void leadChanged(qint64 leadId);
    void failed(const QString &message);

private:
    struct LoadResult;
    void startLoad();
    void finishLoad(const LoadResult &result);
    void showDetails();
    void showNotes(const QList<Note> &notes);
    LeadFields editedFields() const;
    void updateEditButtons();
    void showError(const QString &message);

    QString m_databasePath;
    QString m_actor;
    qint64 m_leadId = 0;
    quint64 m_generation = 0;
    LeadDetails m_details;
    LeadFields m_fields; // as loaded, to tell edits apart
    QPointer<QUndoStack> m_undoStack;
    QUndoStack *m_ownStack = nullptr;
    LeadWriteQueue *m_queue = nullptr;
    LeadTimelineModel *m_timeline = nullptr;
    QStandardItemModel *m_scoreModel = nullptr;
    QStandardItemModel *m_historyModel = nullptr;
    QStandardItemModel *m_notesModel = nullptr;

    QWidget *m_content = nullptr;
    QLabel *m_placeholder = nullptr;
    QLabel *m_nameLabel = nullptr;
    QLabel *m_stageBadge = nullptr;
    QLabel *m_scoreBadge = nullptr;
    QLabel *m_subtitle = nullptr;
    QLabel *m_error = nullptr;
    QLineEdit *m_nameEdit = nullptr;
    QLineEdit *m_companyEdit = nullptr;
    QLineEdit *m_titleEdit = nullptr;
    QLineEdit *m_ownerEdit = nullptr;
    QLineEdit *m_sourceEdit = nullptr;
    QPushButton *m_saveButton = nullptr;
    QPushButton *m_revertButton = nullptr;
    QPushButton *m_mergeButton = nullptr;
    QTabWidget *m_tabs = nullptr;
    QTreeView *m_scoreView = nullptr;
    QLabel *m_scoreSum = nullptr;
    QTreeView *m_timelineView = nullptr;
    QTreeView *m_historyView = nullptr;
    QTreeView *m_notesView = nullptr;
    QPlainTextEdit *m_noteEdit = nullptr;
    QPushButton *m_addNoteButton = nullptr;
};

} // namespace funnel
