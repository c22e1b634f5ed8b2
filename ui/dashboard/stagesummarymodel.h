#pragma once

#include "core/storage/funnelstats.h"

#include <QAbstractListModel>
#include <QFutureWatcher>
#include <QThreadPool>

namespace funnel {

// One row per stage with the number of leads in it and their scores, computed in SQL on a worker
// thread with its own connection. reload() supersedes a load still running.
class StageSummaryModel : public QAbstractListModel
{
    Q_OBJECT

public:
    enum class Role {
        Stage = Qt::UserRole + 1, // funnel::Stage as int
        Count,                    // qint64
        AverageScore,             // double, or invalid when the stage is empty
        Share,                    // double in [0, 1]: the stage's part of all leads
        Color,                    // QColor
    };

    explicit StageSummaryModel(QObject *parent = nullptr);
    ~StageSummaryModel() override;

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QHash<int, QByteArray> roleNames() const override;

    void reload(const QString &databasePath);
    bool isLoading() const { return m_loading; }
    const FunnelStats &stats() const { return m_stats; }
    QString lastError() const { return m_lastError; }

    // The dashboard announces its own loaded() (charts painted) before this model's: while deferred,
    // a finished load applies its data and says dataReady() at once, and loaded() only on
    // announceLoaded(). Listeners of loaded() then find the whole page up to date.
    void setLoadedDeferred(bool deferred) { m_deferLoaded = deferred; }
    void announceLoaded();

Q_SIGNALS:
    void dataReady();
    void loaded();
    void failed(const QString &message);

private:
    struct Result {
        std::optional<FunnelStats> stats;
        QString error;
        quint64 generation = 0;
    };
    void finish(const Result &result);

    FunnelStats m_stats;
    QString m_lastError;
    QFutureWatcher<Result> *m_watcher = nullptr;
    // Its own pool, not the global one: the worker's thread-local connection (WorkerConnection) must
    // close while Qt SQL is alive, not when the global pool's threads end after main() returned.
    QThreadPool m_pool;
    quint64 m_generation = 0;
    bool m_loading = false;
    bool m_deferLoaded = false;
    bool m_loadedPending = false;
};

} // namespace funnel
