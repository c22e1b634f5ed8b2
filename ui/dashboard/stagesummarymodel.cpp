#include "ui/dashboard/stagesummarymodel.h"

#include "core/storage/database.h"
#include "core/storage/workerconnection.h"
#include "core/storage/statsquery.h"
#include "ui/common/stagestyle.h"

#include <QtConcurrent/QtConcurrentRun>

namespace funnel {

StageSummaryModel::StageSummaryModel(QObject *parent)
    : QAbstractListModel(parent), m_watcher(new QFutureWatcher<Result>(this))
{
    connect(m_watcher, &QFutureWatcher<Result>::finished, this, [this] { finish(m_watcher->result()); });
}

StageSummaryModel::~StageSummaryModel()
{
    m_watcher->waitForFinished();
}

int StageSummaryModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(allStages.size());
}

QVariant StageSummaryModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Stage stage = allStages[index.row()];
    const FunnelStats::StageTotals &totals = m_stats.stages[index.row()];
    switch (role) {
    case Qt::DisplayRole: return StageStyle::label(stage);
    case Qt::ToolTipRole: return StageStyle::description(stage);
    case int(Role::Stage): return int(stage);
    case int(Role::Count): return totals.leads;
    case int(Role::AverageScore):
        return totals.leads ? QVariant(double(totals.scoreSum) / double(totals.leads)) : QVariant();
    case int(Role::Share): {
        const qint64 total = m_stats.totalLeads();
        return total ? double(totals.leads) / double(total) : 0.0;
    }
    case int(Role::Color): return StageStyle::color(stage);
    default: return {};
    }
}

QHash<int, QByteArray> StageSummaryModel::roleNames() const
{
    QHash<int, QByteArray> names = QAbstractListModel::roleNames();
    names.insert(int(Role::Stage), "stage");
    names.insert(int(Role::Count), "count");
    names.insert(int(Role::AverageScore), "averageScore");
    names.insert(int(Role::Share), "share");
    names.insert(int(Role::Color), "color");
    return names;
}

void StageSummaryModel::reload(const QString &databasePath)
{
    const quint64 generation = ++m_generation;
    m_loading = true;
    // A load still running is superseded: the watcher follows the new future, and finish() drops any
    // result of an older generation. The GUI thread never waits for a worker.
    m_watcher->setFuture(QtConcurrent::run(&m_pool, [databasePath, generation] {
        Result result;
        result.generation = generation;
        DatabaseError openError; // this worker thread's own connection, kept between jobs
        Database *connection = WorkerConnection::open(databasePath, &openError);
        if (!connection) {
            result.error = openError.message;
            return result;
        }
        Database &database = *connection;
        StatsQuery query(database.connection());
        result.stats = query.compute();
        if (!result.stats)
            result.error = query.lastError();
        return result;
    }));
}

void StageSummaryModel::finish(const Result &result)
{
    if (result.generation != m_generation)
        return;
    m_loading = false;
    if (!result.stats) {
        m_lastError = result.error;
        Q_EMIT failed(result.error);
        return;
    }
    m_lastError.clear();
    m_stats = *result.stats;
    Q_EMIT dataChanged(index(0), index(rowCount() - 1));
    m_loadedPending = true;
    Q_EMIT dataReady();
    if (!m_deferLoaded)
        announceLoaded();
}

void StageSummaryModel::announceLoaded()
{
    if (!m_loadedPending)
        return;
    m_loadedPending = false;
    Q_EMIT loaded();
}

} // namespace funnel
