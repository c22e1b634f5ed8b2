#pragma once

#include "core/storage/dashboarddata.h"
#include "core/storage/queryinterrupter.h"

#include <QFutureWatcher>
#include <QObject>
#include <QThreadPool>

#include <atomic>
#include <memory>

namespace funnel {

// Runs DashboardQuery on a worker thread with its own Database connection. A new load() supersedes
// the one running: the old worker stops at its next aggregate and its result is dropped (generation
// counter), so the newest filter always wins and the GUI thread never waits.
class DashboardLoader : public QObject
{
    Q_OBJECT

public:
    explicit DashboardLoader(QObject *parent = nullptr);
    ~DashboardLoader() override;

    void load(const QString &databasePath, const DashboardFilter &filter, bool withChoices);
    bool isBusy() const { return m_busy; }
    quint64 generation() const { return m_generation; }

Q_SIGNALS:
    void loaded(const funnel::DashboardData &data);
    void failed(const QString &message);
    void busyChanged(bool busy);

private:
    struct Result {
        std::optional<DashboardData> data;
        QString error;
        quint64 generation = 0;
    };
    void finish(const Result &result);
    void setBusy(bool busy);

    QThreadPool m_pool;
    QFutureWatcher<Result> *m_watcher = nullptr;
    std::shared_ptr<std::atomic<quint64>> m_latest = std::make_shared<std::atomic<quint64>>(0);
    std::shared_ptr<QueryInterrupter> m_running; // the latest load's queries
    quint64 m_generation = 0;
    bool m_busy = false;
};

} // namespace funnel
