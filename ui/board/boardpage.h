#pragma once

#include "core/domain/stage.h"
#include "core/storage/boardrotsettings.h"
#include "core/storage/boardsort.h"
#include "core/storage/leadfilter.h"
#include "core/storage/queryinterrupter.h"
#include "ui/board/boardmover.h"

#include <QWidget>

#include <array>
#include <atomic>
#include <functional>
#include <memory>
#include <optional>

class QAction;
class QThreadPool;
class QTimer;
class QUndoStack;

namespace funnel {

class BoardBanner;
class BoardColumnHeader;
class BoardColumnModel;
class BoardColumnView;
class BoardColumnWidget;
class BoardFilterBar;
class DatabaseWatcher;

// The pipeline board: one column per stage, where sales reps triage and move leads.
//
// Each column is its own paged model over its own query (BoardColumnModel); the filter bar's
// LeadFilter applies to every column and header at once, in workers, a newer filter superseding an
// older one. Moves — drag and drop, Alt+Right, the "Move to" menu — are checked against the
// transition table here (a refusal is shown in the banner over the board), ask for a reason where
// the funnel wants one, and are pushed on the undo stack as MoveLeadsCommand.
class BoardPage : public QWidget
{
    Q_OBJECT

public:
    using ReasonProvider = std::function<std::optional<QString>(Stage from, Stage to, const QString &what)>;

    explicit BoardPage(QWidget *parent = nullptr);
    ~BoardPage() override;

    void openDatabase(const QString &path);
    QString databasePath() const { return m_databasePath; }
    // Totals and first pages of every column again (keeping the rows shown and the scroll positions).
    void refresh();

    // The filter every column and header total shows (the dashboard's drill-downs land here).
    void setFilter(const LeadFilter &filter);
    LeadFilter filter() const;
    void setSort(BoardSort sort);
    BoardSort sort() const;
    // Rows per page of each column (default BoardColumnModel::defaultPageSize).
    void setPageSize(int rows);
    // The owner name "My leads" stands for (stored in QSettings, default the OS user name).
    void setMyName(const QString &name);

    // A rep's move: refused with the reason shown when the funnel does not allow it, a reason asked
    // for Lost and back-to-nurture, then pushed as an undoable command. Returns whether it was pushed.
    bool requestMove(const QList<qint64> &leadIds, Stage from, Stage to);
    void moveSelectionToNextStage();
    void showMoveMenu();
    // Replaces the reason dialog (tests, scripted use).
    void setReasonProvider(ReasonProvider provider) { m_reasonProvider = std::move(provider); }

    QUndoStack *undoStack() const { return m_undoStack; }
    // Actions for the main window's Board menu.
    QList<QAction *> boardActions() const;

    BoardColumnModel *columnModel(Stage stage) const;
    BoardColumnView *columnView(Stage stage) const;
    BoardColumnHeader *columnHeader(Stage stage) const;
    BoardBanner *banner() const { return m_banner; }
    BoardFilterBar *filterBar() const { return m_filterBar; }
    BoardMover *mover() const { return m_mover; }
    bool isLoading() const { return !m_pendingColumns.isEmpty() || m_totalsPending; }

    // Who moves leads here: the OS user name.
    static QString currentActor();

Q_SIGNALS:
    // Every column has its first page and its header totals for the current filter.
    void loaded();
    // A move or undo committed (or was refused); the columns it touched are reloading.
    void moveFinished(const funnel::BoardMover::Report &report);
    // The rep opened a card (Enter or double click): the lead engineer's details panel listens here.
    void leadActivated(qint64 leadId);

private:
    void reloadColumns(const QList<Stage> &stages, bool keepRows);
    void columnLoaded(Stage stage);
    void reloadTotals();
    void maybeLoaded();
    void columnFailed(Stage stage, const QString &message);
    void loadChoices();
    void applyFilterBar();
    void finishMove(const BoardMover::Report &report);
    void editRotDays();
    void chooseMyName();
    void focusColumn(Stage stage);
    BoardColumnView *activeView() const;
    QString describeLeads(const QList<qint64> &leadIds, Stage stage) const;
    void restoreSettings();
    void saveSettings() const;

    QThreadPool *m_pool = nullptr;
    BoardFilterBar *m_filterBar = nullptr;
    BoardBanner *m_banner = nullptr;
    std::array<BoardColumnWidget *, allStages.size()> m_columns{};
    BoardMover *m_mover = nullptr;
    QUndoStack *m_undoStack = nullptr;
    DatabaseWatcher *m_watcher = nullptr;
    QTimer *m_watchDebounce = nullptr;
    QAction *m_moveNextAction = nullptr;
    QAction *m_moveToAction = nullptr;
    QAction *m_findAction = nullptr;
    QAction *m_openAction = nullptr;
    QAction *m_rotAction = nullptr;
    QAction *m_myNameAction = nullptr;
    ReasonProvider m_reasonProvider;
    QString m_databasePath;
    QSet<Stage> m_pendingColumns;
    bool m_totalsPending = false;
    QSet<Stage> m_columnsAfterTotals; // to reload when the totals arrive (BoardQuery::plansByColumnCount)
    bool m_keepRowsAfterTotals = false;
    quint64 m_totalsGeneration = 0;
    std::shared_ptr<std::atomic<quint64>> m_totalsCurrent = std::make_shared<std::atomic<quint64>>(0);
    std::shared_ptr<QueryInterrupter> m_totalsQueries; // the totals query in flight
    BoardRotSettings::Days m_rotDays = BoardRotSettings::defaults();
    QStringList m_owners;
    Stage m_activeStage = Stage::Cold;
    bool m_settingsRestored = false;
};

} // namespace funnel
