#include "ui/board/boardcolumnmodel.h"

#include "core/storage/database.h"
#include "core/storage/workerconnection.h"
#include "ui/board/boardleadmime.h"

#include <QDateTime>
#include <QMimeData>
#include <QThreadPool>
#include <QtConcurrent/QtConcurrentRun>

namespace funnel {

BoardColumnModel::BoardColumnModel(Stage stage, QThreadPool *pool, QObject *parent)
    : QAbstractListModel(parent),
      m_stage(stage),
      m_pool(pool),
      m_reloadWatcher(new QFutureWatcher<Result>(this)),
      m_fetchWatcher(new QFutureWatcher<Result>(this))
{
    connect(m_reloadWatcher, &QFutureWatcher<Result>::finished, this,
            [this] { finishReload(m_reloadWatcher->result()); });
    connect(m_fetchWatcher, &QFutureWatcher<Result>::finished, this, [this] { finishFetch(m_fetchWatcher->result()); });
}

BoardColumnModel::~BoardColumnModel()
{
    m_generation->fetch_add(1); // queued workers skip their queries
    for (const auto &running : {m_reloadQueries, m_fetchQueries}) {
        if (running)
            running->interrupt(); // and running ones stop
    }
    m_reloadWatcher->waitForFinished();
    m_fetchWatcher->waitForFinished();
}

QFuture<BoardColumnModel::Result> BoardColumnModel::start(const BoardCursor &cursor, int limit,
                                                         const std::shared_ptr<QueryInterrupter> &interrupter)
{
    const quint64 generation = m_generation->load();
    const std::optional<BoardQuery::PlanCounts> counts =
        m_countKnown ? std::optional(BoardQuery::PlanCounts{m_totals.count, m_boardCount}) : std::nullopt;
    return QtConcurrent::run(m_pool, [path = m_databasePath, stage = m_stage, filter = m_filter, sort = m_sort, cursor,
                                      limit, generation, current = m_generation, interrupter, counts] {
        Result result;
        result.generation = generation;
        if (current->load() != generation)
            return result; // superseded before it started
        DatabaseError openError; // this worker thread's own connection, kept between jobs
        Database *connection = WorkerConnection::open(path, &openError);
        if (!connection) {
            result.error = openError.message;
            return result;
        }
        Database &database = *connection;
        const QueryInterrupterScope interruptible(interrupter.get(), database);
        const qint64 now = QDateTime::currentMSecsSinceEpoch();
        BoardQuery query(database);
        if (current->load() != generation)
            return result;
        result.page = query.page(stage, filter, sort, cursor, limit, now, counts);
        if (!result.page)
            result.error = query.lastError();
        return result;
    });
}

void BoardColumnModel::reload(bool keepRows)
{
    const int limit = keepRows ? qBound(m_pageSize, int(m_cards.size()), maxKeptRows) : m_pageSize;
    m_generation->fetch_add(1);
    m_fetching = false; // a page in flight belongs to the old generation
    for (const auto &running : {m_reloadQueries, m_fetchQueries}) {
        if (running)
            running->interrupt();
    }
    m_fetchQueries.reset();
    if (!m_loading) {
        m_loading = true;
        Q_EMIT loadingChanged(true);
    }
    m_reloadQueries = QueryInterrupter::create();
    m_reloadWatcher->setFuture(start(BoardCursor{}, limit, m_reloadQueries));
}

void BoardColumnModel::finishReload(const Result &result)
{
    if (result.generation != m_generation->load())
        return;
    m_loading = false;
    Q_EMIT loadingChanged(false);
    if (!result.error.isEmpty() || !result.page) {
        Q_EMIT failed(result.error);
        return;
    }
    beginResetModel();
    m_cards = result.page->cards;
    m_cursor = result.page->next;
    m_hasMore = result.page->hasMore;
    endResetModel();
    m_loaded = true;
    Q_EMIT loaded();
}

void BoardColumnModel::setTotals(const BoardQuery::Totals &totals, qint64 boardCount)
{
    m_totals = totals;
    m_boardCount = boardCount;
    m_countKnown = true;
    Q_EMIT totalsChanged();
}

bool BoardColumnModel::canFetchMore(const QModelIndex &parent) const
{
    return !parent.isValid() && m_loaded && !m_loading && m_hasMore && !m_fetching;
}

void BoardColumnModel::fetchMore(const QModelIndex &parent)
{
    if (!canFetchMore(parent))
        return;
    m_fetching = true;
    m_fetchQueries = QueryInterrupter::create();
    m_fetchWatcher->setFuture(start(m_cursor, m_pageSize, m_fetchQueries));
}

void BoardColumnModel::finishFetch(const Result &result)
{
    if (result.generation != m_generation->load())
        return;
    m_fetching = false;
    if (!result.error.isEmpty() || !result.page) {
        Q_EMIT failed(result.error);
        return;
    }
    const QList<BoardCard> &cards = result.page->cards;
    m_cursor = result.page->next;
    m_hasMore = result.page->hasMore;
    if (cards.isEmpty())
        return;
    beginInsertRows({}, int(m_cards.size()), int(m_cards.size() + cards.size() - 1));
    m_cards.append(cards);
    endInsertRows();
}

int BoardColumnModel::rowOfLead(qint64 leadId) const
{
    for (int row = 0; row < m_cards.size(); ++row) {
        if (m_cards.at(row).id == leadId)
            return row;
    }
    return -1;
}

int BoardColumnModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_cards.size());
}

QVariant BoardColumnModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const BoardCard &card = m_cards.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
    case int(Role::Name): return card.name.isEmpty() ? card.email : card.name;
    case Qt::ToolTipRole: {
        QStringList lines{card.email.isEmpty() ? card.name : tr("%1 <%2>").arg(card.name, card.email)};
        if (!card.company.isEmpty())
            lines << card.company;
        lines << tr("Owner: %1").arg(card.owner.isEmpty() ? tr("unassigned") : card.owner);
        if (!card.source.isEmpty())
            lines << tr("Source: %1").arg(card.source);
        lines << tr("Score: %1").arg(card.score);
        if (card.stale)
            lines << tr("Stale: in this stage longer than its days to rot");
        if (card.unseen)
            lines << tr("New: no rep has opened this SQL yet");
        return lines.join(u'\n');
    }
    case Qt::AccessibleTextRole: return tr("%1, %2, score %3").arg(card.name, card.company).arg(card.score);
    case int(Role::LeadId): return card.id;
    case int(Role::Email): return card.email;
    case int(Role::Company): return card.company;
    case int(Role::Owner): return card.owner;
    case int(Role::Source): return card.source;
    case int(Role::Score): return card.score;
    case int(Role::StageEnteredAt): return card.stageEnteredAtMs;
    case int(Role::LastActivityAt): return card.lastActivityAtMs ? QVariant(*card.lastActivityAtMs) : QVariant();
    case int(Role::Unseen): return card.unseen;
    case int(Role::Stale): return card.stale;
    case int(Role::Stage): return int(card.stage);
    default: return {};
    }
}

QHash<int, QByteArray> BoardColumnModel::roleNames() const
{
    QHash<int, QByteArray> names = QAbstractListModel::roleNames();
    names.insert(int(Role::LeadId), "leadId");
    names.insert(int(Role::Name), "name");
    names.insert(int(Role::Email), "email");
    names.insert(int(Role::Company), "company");
    names.insert(int(Role::Owner), "owner");
    names.insert(int(Role::Source), "source");
    names.insert(int(Role::Score), "score");
    names.insert(int(Role::StageEnteredAt), "stageEnteredAt");
    names.insert(int(Role::LastActivityAt), "lastActivityAt");
    names.insert(int(Role::Unseen), "unseen");
    names.insert(int(Role::Stale), "stale");
    names.insert(int(Role::Stage), "stage");
    return names;
}

Qt::ItemFlags BoardColumnModel::flags(const QModelIndex &index) const
{
    // Drops onto a card count as drops onto its column.
    if (!index.isValid())
        return Qt::ItemIsDropEnabled;
    return Qt::ItemIsEnabled | Qt::ItemIsSelectable | Qt::ItemIsDragEnabled | Qt::ItemIsDropEnabled
        | Qt::ItemNeverHasChildren;
}

QStringList BoardColumnModel::mimeTypes() const
{
    return {BoardLeadMime::mimeType()};
}

QMimeData *BoardColumnModel::mimeData(const QModelIndexList &indexes) const
{
    BoardLeadMime::Payload payload;
    payload.from = m_stage;
    for (const QModelIndex &index : indexes) {
        if (index.isValid() && index.model() == this)
            payload.leadIds.append(m_cards.at(index.row()).id);
    }
    if (payload.leadIds.isEmpty())
        return nullptr;
    return BoardLeadMime::encode(payload);
}

bool BoardColumnModel::canDropMimeData(const QMimeData *data, Qt::DropAction action, int row, int column,
                                       const QModelIndex &parent) const
{
    Q_UNUSED(row);
    Q_UNUSED(column);
    Q_UNUSED(parent);
    if (action != Qt::MoveAction && action != Qt::CopyAction)
        return false;
    // Refused moves are still accepted here: the board says why instead of a silent "no entry" cursor.
    const std::optional<BoardLeadMime::Payload> payload = BoardLeadMime::decode(data);
    return payload && payload->from != m_stage;
}

bool BoardColumnModel::dropMimeData(const QMimeData *data, Qt::DropAction action, int row, int column,
                                    const QModelIndex &parent)
{
    if (!canDropMimeData(data, action, row, column, parent))
        return false;
    const BoardLeadMime::Payload payload = *BoardLeadMime::decode(data);
    Q_EMIT moveRequested(payload.leadIds, payload.from, m_stage);
    return true;
}

Qt::DropActions BoardColumnModel::supportedDropActions() const
{
    return Qt::MoveAction | Qt::CopyAction;
}

Qt::DropActions BoardColumnModel::supportedDragActions() const
{
    return Qt::MoveAction;
}

} // namespace funnel
