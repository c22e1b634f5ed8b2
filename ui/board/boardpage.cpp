#include "ui/board/boardpage.h"

#include "core/domain/transitiontable.h"
#include "core/storage/boardquery.h"
#include "core/storage/database.h"
#include "core/storage/workerconnection.h"
#include "core/storage/databasewatcher.h"
#include "ui/board/boardbanner.h"
#include "ui/board/boardcolumnheader.h"
#include "ui/board/boardcolumnmodel.h"
#include "ui/board/boardcolumnview.h"
#include "ui/board/boardcolumnwidget.h"
#include "ui/board/boardfilterbar.h"
#include "ui/board/boardrotdialog.h"
#include "ui/board/moveleadscommand.h"
#include "ui/board/movereasondialog.h"
#include "ui/common/stagestyle.h"

#include <QAction>
#include <QDateTime>
#include <QFutureWatcher>
#include <QHBoxLayout>
#include <QInputDialog>
#include <QLineEdit>
#include <QMenu>
#include <QSettings>
#include <QStyle>
#include <QThreadPool>
#include <QTimer>
#include <QUndoStack>
#include <QVBoxLayout>
#include <QtConcurrent/QtConcurrentRun>

#include <utility>

namespace funnel {

using namespace Qt::StringLiterals;

namespace {

// The stage a "next stage" move goes to: along the funnel, and Lost is recycled to Cold.
std::optional<Stage> nextStage(Stage stage)
{
    switch (stage) {
    case Stage::Cold: return Stage::MQL;
    case Stage::MQL: return Stage::SQL;
    case Stage::SQL: return Stage::Won;
    case Stage::Lost: return Stage::Cold;
    case Stage::Won: return std::nullopt;
    }
    return std::nullopt;
}

struct Choices {
    QStringList owners;
    QStringList sources;
    BoardRotSettings::Days rotDays = BoardRotSettings::defaults();
    bool ok = false;
};

} // namespace

BoardPage::BoardPage(QWidget *parent)
    : QWidget(parent), m_pool(new QThreadPool(this)), m_filterBar(new BoardFilterBar(this)),
      m_banner(new BoardBanner(this)), m_mover(new BoardMover(this)), m_undoStack(new QUndoStack(this)),
      m_watcher(new DatabaseWatcher(this)), m_watchDebounce(new QTimer(this))
{
    // Five columns load at once; more threads than that only queue on SQLite's file.
    m_pool->setMaxThreadCount(qBound(2, QThread::idealThreadCount(), 5));
    m_pool->setExpiryTimeout(60000);

    auto *columns = new QHBoxLayout;
    columns->setContentsMargins(8, 0, 8, 8);
    columns->setSpacing(8);
    for (Stage stage : allStages) {
        auto *model = new BoardColumnModel(stage, m_pool, this);
        auto *column = new BoardColumnWidget(model, this);
        m_columns[size_t(stage)] = column;
        columns->addWidget(column, 1);
        connect(model, &BoardColumnModel::loaded, this, [this, stage] { columnLoaded(stage); });
        connect(model, &BoardColumnModel::failed, this,
                [this, stage](const QString &message) { columnFailed(stage, message); });
        connect(model, &BoardColumnModel::moveRequested, this,
                [this](const QList<qint64> &ids, Stage from, Stage to) { requestMove(ids, from, to); });
        BoardColumnView *view = column->view();
        connect(view, &BoardColumnView::focusNeighbour, this, [this, stage](int direction) {
            const int next = int(stage) + direction;
            if (next >= 0 && next < int(allStages.size()))
                focusColumn(Stage(next));
        });
        connect(view, &BoardColumnView::dragStarted, this, [this, stage] {
            for (Stage to : allStages) {
                const bool allowed = to == stage || TransitionTable::check(stage, to, MoveCause::Manual).allowed;
                m_columns[size_t(to)]->setDropHint(to == stage    ? BoardColumnWidget::DropHint::None
                                                   : allowed      ? BoardColumnWidget::DropHint::Allowed
                                                                  : BoardColumnWidget::DropHint::Refused);
            }
        });
        connect(view, &BoardColumnView::dragFinished, this, [this] {
            for (BoardColumnWidget *column : m_columns)
                column->setDropHint(BoardColumnWidget::DropHint::None);
        });
        connect(view, &BoardColumnView::contextMenuRequested, this, [this, stage](const QPoint &) {
            m_activeStage = stage;
            showMoveMenu();
        });
        connect(view, &QAbstractItemView::activated, this, [this](const QModelIndex &index) {
            Q_EMIT leadActivated(index.data(int(BoardColumnModel::Role::LeadId)).toLongLong());
        });
        connect(view->selectionModel(), &QItemSelectionModel::currentChanged, this,
                [this, stage](const QModelIndex &current) {
                    if (current.isValid())
                        m_activeStage = stage;
                });
    }

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(6);
    layout->addWidget(m_filterBar);
    auto *bannerRow = new QHBoxLayout;
    bannerRow->setContentsMargins(8, 0, 8, 0);
    bannerRow->addWidget(m_banner);
    layout->addLayout(bannerRow);
    layout->addLayout(columns, 1);

    m_moveNextAction = new QAction(tr("Move to &Next Stage"), this);
    m_moveNextAction->setShortcut(QKeySequence(Qt::ALT | Qt::Key_Right));
    m_moveNextAction->setIcon(style()->standardIcon(QStyle::SP_ArrowForward));
    m_moveNextAction->setToolTip(tr("Move the selected leads one stage along the funnel"));
    connect(m_moveNextAction, &QAction::triggered, this, &BoardPage::moveSelectionToNextStage);
    m_moveToAction = new QAction(tr("&Move to…"), this);
    m_moveToAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_M));
    connect(m_moveToAction, &QAction::triggered, this, &BoardPage::showMoveMenu);
    m_findAction = new QAction(tr("&Find Leads"), this);
    m_findAction->setShortcut(QKeySequence::Find);
    connect(m_findAction, &QAction::triggered, this, [this] {
        m_filterBar->searchField()->setFocus(Qt::ShortcutFocusReason);
        m_filterBar->searchField()->selectAll();
    });
    m_openAction = new QAction(tr("&Open Lead"), this);
    m_openAction->setShortcuts({QKeySequence(Qt::Key_Return), QKeySequence(Qt::Key_Enter)});
    connect(m_openAction, &QAction::triggered, this, [this] {
        if (BoardColumnView *view = activeView(); view && view->currentIndex().isValid())
            Q_EMIT leadActivated(view->currentIndex().data(int(BoardColumnModel::Role::LeadId)).toLongLong());
    });
    m_rotAction = new QAction(tr("&Days to Rot…"), this);
    connect(m_rotAction, &QAction::triggered, this, &BoardPage::editRotDays);
    m_myNameAction = new QAction(tr("Set &My Owner Name…"), this);
    m_myNameAction->setToolTip(tr("The owner name that \"My leads\" shows"));
    connect(m_myNameAction, &QAction::triggered, this, &BoardPage::chooseMyName);
    for (QAction *action : {m_moveNextAction, m_moveToAction, m_findAction}) {
        action->setShortcutContext(Qt::WidgetWithChildrenShortcut);
        addAction(action);
    }
    // Enter opens the card only in the columns: in the search field it applies the search.
    m_openAction->setShortcutContext(Qt::WidgetShortcut);
    for (BoardColumnWidget *column : m_columns)
        column->view()->addAction(m_openAction);

    connect(m_filterBar, &BoardFilterBar::filterChanged, this, &BoardPage::applyFilterBar);
    connect(m_filterBar, &BoardFilterBar::sortChanged, this, [this] {
        for (BoardColumnWidget *column : m_columns)
            column->model()->setSort(m_filterBar->sort());
        saveSettings();
        reloadColumns({allStages.begin(), allStages.end()}, false);
    });
    connect(m_filterBar, &BoardFilterBar::rotSettingsRequested, this, &BoardPage::editRotDays);
    connect(m_banner, &BoardBanner::actionTriggered, m_undoStack, &QUndoStack::undo);
    connect(m_mover, &BoardMover::finished, this, &BoardPage::finishMove);

    // Commits of other processes (ingest, funnelctl) and of other screens: refresh in place.
    m_watchDebounce->setSingleShot(true);
    m_watchDebounce->setInterval(400);
    connect(m_watcher, &DatabaseWatcher::changed, m_watchDebounce, qOverload<>(&QTimer::start));
    connect(m_watchDebounce, &QTimer::timeout, this, [this] {
        if (!m_mover->isBusy())
            refresh();
    });

    m_reasonProvider = [this](Stage from, Stage to, const QString &what) {
        return MoveReasonDialog::ask(this, from, to, what);
    };
}

BoardPage::~BoardPage()
{
    if (m_totalsQueries)
        m_totalsQueries->interrupt();
    m_mover->waitForDone();
}

QString BoardPage::currentActor()
{
    const QString user = qEnvironmentVariable("USER");
    return user.isEmpty() ? qEnvironmentVariable("USERNAME") : user;
}

QList<QAction *> BoardPage::boardActions() const
{
    return {m_moveNextAction, m_moveToAction, m_findAction, m_rotAction, m_myNameAction};
}

BoardColumnModel *BoardPage::columnModel(Stage stage) const
{
    return m_columns[size_t(stage)]->model();
}

BoardColumnView *BoardPage::columnView(Stage stage) const
{
    return m_columns[size_t(stage)]->view();
}

BoardColumnHeader *BoardPage::columnHeader(Stage stage) const
{
    return m_columns[size_t(stage)]->header();
}

void BoardPage::openDatabase(const QString &path)
{
    m_databasePath = path;
    if (!m_settingsRestored) {
        m_settingsRestored = true;
        restoreSettings();
    }
    m_undoStack->clear(); // commands of another file mean nothing here
    m_mover->setDatabasePath(path);
    for (BoardColumnWidget *column : m_columns) {
        column->model()->setDatabasePath(path);
        column->model()->setFilter(m_filterBar->filter());
        column->model()->setSort(m_filterBar->sort());
    }
    reloadColumns({allStages.begin(), allStages.end()}, false);
    loadChoices();
    m_watcher->watch(path);
}

void BoardPage::refresh()
{
    if (m_databasePath.isEmpty()) {
        QTimer::singleShot(0, this, &BoardPage::loaded);
        return;
    }
    reloadColumns({allStages.begin(), allStages.end()}, true);
    loadChoices();
}

void BoardPage::reloadColumns(const QList<Stage> &stages, bool keepRows)
{
    if (m_databasePath.isEmpty())
        return;
    reloadTotals();
    for (Stage stage : stages)
        m_pendingColumns.insert(stage);
    if (BoardQuery::plansByColumnCount(m_filterBar->filter())) {
        // The pages pick their plan by the column's count: with the totals first, no column has to
        // probe it (each probe would walk the filter's index range again).
        for (Stage stage : stages)
            m_columnsAfterTotals.insert(stage);
        m_keepRowsAfterTotals = keepRows;
        return;
    }
    m_columnsAfterTotals.clear();
    for (Stage stage : stages)
        columnModel(stage)->reload(keepRows);
}

void BoardPage::reloadTotals()
{
    struct Result {
        quint64 generation = 0;
        std::optional<BoardQuery::StageTotals> totals;
        QString error;
    };
    const quint64 generation = ++m_totalsGeneration;
    m_totalsCurrent->store(generation);
    if (m_totalsQueries)
        m_totalsQueries->interrupt();
    m_totalsQueries = QueryInterrupter::create();
    m_totalsPending = true;
    for (Stage stage : allStages)
        columnHeader(stage)->setLoading(true);
    auto *watcher = new QFutureWatcher<Result>(this);
    connect(watcher, &QFutureWatcher<Result>::finished, this, [this, watcher] {
        const Result result = watcher->result();
        watcher->deleteLater();
        if (result.generation != m_totalsGeneration)
            return; // superseded by a newer filter
        m_totalsPending = false;
        for (Stage stage : allStages)
            columnHeader(stage)->setLoading(false);
        if (!result.totals) {
            m_banner->showMessage(BoardBanner::Kind::Error, tr("Could not count the leads: %1").arg(result.error));
        } else {
            qint64 boardCount = 0;
            for (const BoardQuery::Totals &totals : *result.totals)
                boardCount += totals.count;
            for (Stage stage : allStages)
                columnModel(stage)->setTotals((*result.totals)[size_t(stage)], boardCount);
        }
        const QSet<Stage> columns = std::exchange(m_columnsAfterTotals, {});
        for (Stage stage : columns)
            columnModel(stage)->reload(m_keepRowsAfterTotals);
        maybeLoaded();
    });
    watcher->setFuture(QtConcurrent::run(m_pool, [path = m_databasePath, filter = m_filterBar->filter(), generation,
                                                  current = m_totalsCurrent, interrupter = m_totalsQueries] {
        Result result;
        result.generation = generation;
        if (current->load() != generation)
            return result; // a newer filter came before this one started
        DatabaseError openError; // this worker thread's own connection, kept between jobs
        Database *connection = WorkerConnection::open(path, &openError);
        if (!connection) {
            result.error = openError.message;
            return result;
        }
        Database &database = *connection;
        const QueryInterrupterScope interruptible(interrupter.get(), database);
        BoardQuery query(database);
        result.totals = query.totalsByStage(filter, QDateTime::currentMSecsSinceEpoch());
        if (!result.totals)
            result.error = query.lastError();
        return result;
    }));
}

void BoardPage::columnLoaded(Stage stage)
{
    if (m_pendingColumns.remove(stage))
        maybeLoaded();
}

void BoardPage::maybeLoaded()
{
    if (m_pendingColumns.isEmpty() && !m_totalsPending)
        Q_EMIT loaded();
}

void BoardPage::columnFailed(Stage stage, const QString &message)
{
    m_banner->showMessage(BoardBanner::Kind::Error,
                          tr("Could not load the %1 column: %2").arg(StageStyle::label(stage), message));
    columnLoaded(stage); // still "done": a screenshot shows the message instead of waiting forever
}

void BoardPage::loadChoices()
{
    auto *watcher = new QFutureWatcher<Choices>(this);
    connect(watcher, &QFutureWatcher<Choices>::finished, this, [this, watcher] {
        const Choices choices = watcher->result();
        watcher->deleteLater();
        if (!choices.ok)
            return;
        m_owners = choices.owners;
        m_filterBar->setOwners(choices.owners);
        m_filterBar->setSources(choices.sources);
        m_rotDays = choices.rotDays;
        for (Stage stage : allStages)
            columnHeader(stage)->setRotDays(m_rotDays[size_t(stage)]);
    });
    watcher->setFuture(QtConcurrent::run(m_pool, [path = m_databasePath] {
        Choices choices;
        Database *database = WorkerConnection::open(path);
        if (!database)
            return choices;
        BoardQuery query(*database);
        const auto owners = query.owners();
        const auto sources = query.sources();
        choices.ok = owners && sources;
        choices.owners = owners.value_or(QStringList());
        choices.sources = sources.value_or(QStringList());
        choices.rotDays = query.rotDays();
        return choices;
    }));
}

void BoardPage::setFilter(const LeadFilter &filter)
{
    m_filterBar->setFilter(filter);
    applyFilterBar();
}

LeadFilter BoardPage::filter() const
{
    return m_filterBar->filter();
}

void BoardPage::applyFilterBar()
{
    const LeadFilter filter = m_filterBar->filter();
    for (BoardColumnWidget *column : m_columns)
        column->model()->setFilter(filter);
    saveSettings();
    reloadColumns({allStages.begin(), allStages.end()}, false);
}

void BoardPage::setSort(BoardSort sort)
{
    m_filterBar->setSort(sort);
    for (BoardColumnWidget *column : m_columns)
        column->model()->setSort(sort);
    saveSettings();
    reloadColumns({allStages.begin(), allStages.end()}, false);
}

BoardSort BoardPage::sort() const
{
    return m_filterBar->sort();
}

void BoardPage::setPageSize(int rows)
{
    for (BoardColumnWidget *column : m_columns)
        column->model()->setPageSize(rows);
}

void BoardPage::setMyName(const QString &name)
{
    m_filterBar->setMyName(name);
    QSettings().setValue(u"board/myName"_s, name);
}

QString BoardPage::describeLeads(const QList<qint64> &leadIds, Stage stage) const
{
    if (leadIds.size() == 1) {
        const BoardColumnModel *model = columnModel(stage);
        const int row = model->rowOfLead(leadIds.constFirst());
        if (row >= 0) {
            const QString name = model->index(row).data(int(BoardColumnModel::Role::Name)).toString();
            if (!name.isEmpty())
                return name;
        }
        return tr("lead %1").arg(leadIds.constFirst());
    }
    return tr("%n leads", nullptr, int(leadIds.size()));
}

bool BoardPage::requestMove(const QList<qint64> &leadIds, Stage from, Stage to)
{
    if (leadIds.isEmpty() || from == to || m_databasePath.isEmpty())
        return false;
    const QString what = describeLeads(leadIds, from);
    const TransitionVerdict verdict = TransitionTable::check(from, to, MoveCause::Manual);
    if (!verdict.allowed) {
        m_banner->showMessage(BoardBanner::Kind::Refusal,
                              tr("Cannot move %1 to %2. %3").arg(what, StageStyle::label(to), verdict.refusal));
        return false;
    }
    QString reason;
    if (TransitionTable::requiresReason(from, to)) {
        const std::optional<QString> given = m_reasonProvider ? m_reasonProvider(from, to, what) : std::nullopt;
        if (!given || given->trimmed().isEmpty())
            return false; // the rep cancelled: nothing moves
        reason = given->trimmed();
    }
    BoardMover::Request request;
    request.leadIds = leadIds;
    request.to = to;
    request.reason = reason;
    request.actor = currentActor();
    request.atMs = QDateTime::currentMSecsSinceEpoch();
    m_undoStack->push(new MoveLeadsCommand(
        m_mover, request, tr("Move %1 from %2 to %3").arg(what, StageStyle::label(from), StageStyle::label(to))));
    return true;
}

void BoardPage::finishMove(const BoardMover::Report &report)
{
    if (!report.error.isEmpty()) {
        m_banner->showMessage(BoardBanner::Kind::Error, tr("The move was not saved: %1").arg(report.error));
    } else if (!report.refusals.isEmpty()) {
        QStringList unique = report.refusals;
        unique.removeDuplicates();
        m_banner->showMessage(BoardBanner::Kind::Refusal, unique.join(u' '));
    } else if (report.undo) {
        m_banner->showMessage(BoardBanner::Kind::Info, tr("Undone: %1").arg(m_undoStack->redoText()));
    } else if (report.done > 0) {
        m_banner->showMessage(BoardBanner::Kind::Info, m_undoStack->undoText(), tr("Undo"));
    }
    reloadColumns(QList<Stage>(report.touched.cbegin(), report.touched.cend()), true);
    Q_EMIT moveFinished(report);
}

BoardColumnView *BoardPage::activeView() const
{
    for (BoardColumnWidget *column : m_columns) {
        if (column->view()->hasFocus())
            return column->view();
    }
    return columnView(m_activeStage);
}

void BoardPage::focusColumn(Stage stage)
{
    BoardColumnView *view = columnView(stage);
    m_activeStage = stage;
    view->setFocus(Qt::OtherFocusReason);
    if (!view->currentIndex().isValid() && view->model()->rowCount() > 0) {
        view->setCurrentIndex(view->model()->index(0, 0));
        view->selectionModel()->select(view->currentIndex(), QItemSelectionModel::ClearAndSelect);
    }
}

void BoardPage::moveSelectionToNextStage()
{
    BoardColumnView *view = activeView();
    const QList<qint64> ids = view ? view->selectedLeadIds() : QList<qint64>();
    if (ids.isEmpty())
        return;
    const Stage from = view->columnModel()->stage();
    const std::optional<Stage> to = nextStage(from);
    if (!to) {
        m_banner->showMessage(BoardBanner::Kind::Refusal, TransitionTable::check(from, Stage::Lost, MoveCause::Manual).refusal);
        return;
    }
    requestMove(ids, from, *to);
}

void BoardPage::showMoveMenu()
{
    BoardColumnView *view = activeView();
    const QList<qint64> ids = view ? view->selectedLeadIds() : QList<qint64>();
    if (ids.isEmpty())
        return;
    const Stage from = view->columnModel()->stage();
    QMenu menu(this);
    menu.setToolTipsVisible(true);
    menu.addSection(tr("Move %1 to").arg(describeLeads(ids, from)));
    for (Stage to : allStages) {
        if (to == from)
            continue;
        QPixmap swatch(12, 12);
        swatch.fill(StageStyle::color(to));
        QAction *action = menu.addAction(QIcon(swatch), StageStyle::label(to));
        const TransitionVerdict verdict = TransitionTable::check(from, to, MoveCause::Manual);
        if (!verdict.allowed)
            action->setToolTip(verdict.refusal);
        if (TransitionTable::requiresReason(from, to))
            action->setText(StageStyle::label(to) + u"…"_s);
        connect(action, &QAction::triggered, this, [this, ids, from, to] { requestMove(ids, from, to); });
    }
    if (!m_openAction->shortcut().isEmpty()) {
        menu.addSeparator();
        QAction *open = menu.addAction(tr("Open Lead"));
        connect(open, &QAction::triggered, m_openAction, &QAction::trigger);
    }
    QPoint at = QCursor::pos();
    if (view->currentIndex().isValid() && view->hasFocus())
        at = view->viewport()->mapToGlobal(view->visualRect(view->currentIndex()).center());
    menu.exec(at);
}

void BoardPage::editRotDays()
{
    BoardRotDialog dialog(m_rotDays, this);
    if (dialog.exec() != QDialog::Accepted || m_databasePath.isEmpty())
        return;
    const BoardRotSettings::Days days = dialog.days();
    auto *watcher = new QFutureWatcher<bool>(this);
    connect(watcher, &QFutureWatcher<bool>::finished, this, [this, watcher, days] {
        const bool saved = watcher->result();
        watcher->deleteLater();
        if (!saved) {
            m_banner->showMessage(BoardBanner::Kind::Error, tr("Could not save the days to rot."));
            return;
        }
        m_rotDays = days;
        for (Stage stage : allStages)
            columnHeader(stage)->setRotDays(days[size_t(stage)]);
        reloadColumns({allStages.begin(), allStages.end()}, true);
    });
    watcher->setFuture(QtConcurrent::run(m_pool, [path = m_databasePath, days] {
        Database database;
        return database.open(path) && BoardRotSettings::save(database, days);
    }));
}

void BoardPage::chooseMyName()
{
    QStringList names = m_owners;
    const QString current = m_filterBar->myName();
    if (!names.contains(current))
        names.prepend(current);
    bool ok = false;
    const QString name = QInputDialog::getItem(this, tr("My Owner Name"), tr("\"My leads\" shows the leads owned by:"),
                                               names, int(names.indexOf(current)), true, &ok)
                             .trimmed();
    if (!ok || name.isEmpty())
        return;
    const bool mineShown = !current.isEmpty() && m_filterBar->filter().owner == current;
    setMyName(name);
    if (mineShown) {
        LeadFilter filter = m_filterBar->filter();
        filter.owner = name;
        setFilter(filter);
    }
}

void BoardPage::restoreSettings()
{
    QSettings settings;
    m_filterBar->setMyName(settings.value(u"board/myName"_s, currentActor()).toString());
    settings.beginGroup(u"board/filter"_s);
    LeadFilter filter;
    filter.text = settings.value(u"text"_s).toString();
    filter.owner = settings.value(u"owner"_s).toString();
    filter.source = settings.value(u"source"_s).toString();
    if (settings.contains(u"minScore"_s))
        filter.minScore = settings.value(u"minScore"_s).toInt();
    if (settings.contains(u"maxScore"_s))
        filter.maxScore = settings.value(u"maxScore"_s).toInt();
    filter.staleOnly = settings.value(u"staleOnly"_s, false).toBool();
    settings.endGroup();
    m_filterBar->setFilter(filter);
    const int sort = settings.value(u"board/sort"_s, int(BoardSort::Score)).toInt();
    m_filterBar->setSort(sort >= 0 && sort <= int(BoardSort::DaysInStage) ? BoardSort(sort) : BoardSort::Score);
}

void BoardPage::saveSettings() const
{
    // The drill-down (cohort, reached stage) is a visit from the dashboard, not a preference.
    const LeadFilter filter = m_filterBar->filter();
    QSettings settings;
    settings.beginGroup(u"board/filter"_s);
    settings.setValue(u"text"_s, filter.text);
    settings.setValue(u"owner"_s, filter.owner);
    settings.setValue(u"source"_s, filter.source);
    for (auto [key, value] : {std::pair{u"minScore"_s, filter.minScore}, std::pair{u"maxScore"_s, filter.maxScore}}) {
        if (value)
            settings.setValue(key, *value);
        else
            settings.remove(key);
    }
    settings.setValue(u"staleOnly"_s, filter.staleOnly);
    settings.endGroup();
    settings.setValue(u"board/sort"_s, int(m_filterBar->sort()));
}

} // namespace funnel
