#pragma once

#include "core/storage/boardcard.h"
#include "core/storage/boardcursor.h"
#include "core/storage/boardquery.h"
#include "core/storage/boardsort.h"
#include "core/storage/leadfilter.h"
#include "core/storage/queryinterrupter.h"

#include <QAbstractListModel>
#include <QFutureWatcher>

#include <atomic>
#include <memory>

class QThreadPool;

namespace funnel {

// One board column: the leads of one stage under the board's filter, as a paged model over its own
// query. reload() reads the header totals and the first page in a worker; the view's fetchMore()
// asks for the next page by keyset cursor. The model never holds more than one page it has not been
// asked to show. Drops of board cards emit moveRequested(); rows are never inserted or removed by
// hand — the move is a command, and the columns reload after it committed.
class BoardColumnModel : public QAbstractListModel
{
    Q_OBJECT

public:
    enum class Role {
        LeadId = Qt::UserRole + 1,
        Name,
        Email,
        Company,
        Owner,
        Source,
        Score,
        StageEnteredAt, // ms since the epoch
        LastActivityAt, // ms since the epoch, or invalid
        Unseen,         // an SQL nobody opened yet
        Stale,          // past the stage's days to rot
        Stage,          // int(Stage)
    };
    static constexpr int defaultPageSize = 60;
    // A reload after a change keeps up to this many rows the view already showed.
    static constexpr int maxKeptRows = 600;

    BoardColumnModel(Stage stage, QThreadPool *pool, QObject *parent = nullptr);
    ~BoardColumnModel() override;

    Stage stage() const { return m_stage; }

    void setDatabasePath(const QString &path) { m_databasePath = path; }
    void setFilter(const LeadFilter &filter)
    {
        m_filter = filter;
        m_countKnown = false; // the totals of the old filter say nothing about this one
    }
    const LeadFilter &filter() const { return m_filter; }
    void setSort(BoardSort sort) { m_sort = sort; }
    BoardSort sort() const { return m_sort; }
    void setPageSize(int rows) { m_pageSize = qMax(1, rows); }
    int pageSize() const { return m_pageSize; }

    // The first page again, superseding any load in flight. keepRows: also keep as many rows as are
    // shown now (up to maxKeptRows), for a refresh that should not jump to the top.
    void reload(bool keepRows = false);
    // The header totals of this column under the filter (the board computes all columns' totals
    // in one query, BoardQuery::totalsByStage), and every column's count under it. Pages use the
    // counts to pick their plan.
    void setTotals(const BoardQuery::Totals &totals, qint64 boardCount);
    bool isLoading() const { return m_loading; }
    bool hasLoaded() const { return m_loaded; }
    const BoardQuery::Totals &totals() const { return m_totals; }
    const QList<BoardCard> &cards() const { return m_cards; }
    int rowOfLead(qint64 leadId) const;

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QHash<int, QByteArray> roleNames() const override;
    Qt::ItemFlags flags(const QModelIndex &index) const override;
    bool canFetchMore(const QModelIndex &parent) const override;
    void fetchMore(const QModelIndex &parent) override;

    QStringList mimeTypes() const override;
    QMimeData *mimeData(const QModelIndexList &indexes) const override;
    bool canDropMimeData(const QMimeData *data, Qt::DropAction action, int row, int column,
                         const QModelIndex &parent) const override;
    bool dropMimeData(const QMimeData *data, Qt::DropAction action, int row, int column,
                      const QModelIndex &parent) override;
    Qt::DropActions supportedDropActions() const override;
    Qt::DropActions supportedDragActions() const override;

Q_SIGNALS:
    // The first page of the latest reload is in.
    void loaded();
    void totalsChanged();
    void loadingChanged(bool loading);
    void failed(const QString &message);
    // Cards of column `from` were dropped on this column.
    void moveRequested(const QList<qint64> &leadIds, funnel::Stage from, funnel::Stage to);

private:
    struct Result {
        quint64 generation = 0;
        std::optional<BoardQuery::Page> page;
        QString error;
    };
    QFuture<Result> start(const BoardCursor &cursor, int limit,
                          const std::shared_ptr<QueryInterrupter> &interrupter);
    void finishReload(const Result &result);
    void finishFetch(const Result &result);

    Stage m_stage;
    QThreadPool *m_pool = nullptr;
    QString m_databasePath;
    LeadFilter m_filter;
    BoardSort m_sort = BoardSort::Score;
    int m_pageSize = defaultPageSize;

    QList<BoardCard> m_cards;
    BoardQuery::Totals m_totals;
    bool m_countKnown = false; // m_totals and m_boardCount belong to m_filter
    qint64 m_boardCount = 0;
    BoardCursor m_cursor;
    bool m_hasMore = false;
    bool m_loading = false;
    bool m_loaded = false;
    bool m_fetching = false;
    // Workers of an older generation skip their query if they have not started yet.
    std::shared_ptr<std::atomic<quint64>> m_generation = std::make_shared<std::atomic<quint64>>(0);
    QFutureWatcher<Result> *m_reloadWatcher = nullptr;
    QFutureWatcher<Result> *m_fetchWatcher = nullptr;
    // The queries in flight for the reload and the page fetch; a reload stops both.
    std::shared_ptr<QueryInterrupter> m_reloadQueries;
    std::shared_ptr<QueryInterrupter> m_fetchQueries;
};

} // namespace funnel
