#include "ui/rules/rulesworker.h"

#include "core/storage/database.h"
#include "core/storage/whatifquery.h"

#include <QDateTime>
#include <QElapsedTimer>
#include <QPointer>
#include <QtConcurrent/QtConcurrentRun>

#include <functional>
#include <memory>

namespace funnel {
namespace {

// Per mille to the worker's progress signal (queued to the GUI thread; the worker object outlives
// its tasks, its destructor waits), and whether the task is still wanted (false cancels it).
template<typename Wanted>
std::function<bool(qint64, qint64)> reporter(QPointer<RulesWorker> self, const Wanted &wanted)
{
    auto lastPermille = std::make_shared<int>(-1);
    return [self, wanted, lastPermille](qint64 done, qint64 all) {
        const int permille = all > 0 ? int(done * 1000 / all) : 0;
        if (permille != *lastPermille) {
            *lastPermille = permille;
            QMetaObject::invokeMethod(self, [self, permille] {
                if (self)
                    Q_EMIT self->progress(permille);
            }, Qt::QueuedConnection);
        }
        return wanted();
    };
}

} // namespace

RulesWorker::RulesWorker(QObject *parent) : QObject(parent), m_watcher(new QFutureWatcher<Result>(this))
{
    m_pool.setMaxThreadCount(1); // one writer at a time; a cancelled what-if stops within milliseconds
    connect(m_watcher, &QFutureWatcher<Result>::finished, this, [this] { finish(m_watcher->result()); });
}

RulesWorker::~RulesWorker()
{
    m_latest->store(0);
    m_pool.waitForDone();
}

template<typename Work>
void RulesWorker::start(Work work)
{
    const quint64 generation = ++m_generation;
    m_latest->store(generation);
    setBusy(true);
    m_watcher->setFuture(QtConcurrent::run(&m_pool, [work, generation, latest = m_latest] {
        Result result;
        result.generation = generation;
        if (latest->load() != generation)
            return result;
        work(result, [latest, generation] { return latest->load() == generation; });
        return result;
    }));
}

void RulesWorker::loadState(const QString &databasePath)
{
    start([databasePath](Result &result, const auto &) {
        Database database;
        if (!database.open(databasePath)) {
            result.error = database.lastError().message;
            return;
        }
        RulesetVersionStore store(database);
        RulesState state;
        state.current = database.activeRules();
        state.currentVersion = store.currentVersionId();
        const auto versions = store.versions();
        const auto types = store.seenEventTypes();
        if (!versions || !types) {
            result.error = store.lastError().message;
            return;
        }
        state.versions = *versions;
        state.seenTypes = *types;
        result.state = state;
    });
}

void RulesWorker::whatIf(const QString &databasePath, const RuleSet &current, const RuleSet &draft)
{
    QPointer<RulesWorker> self(this);
    start([databasePath, current, draft, self](Result &result, const auto &wanted) {
        QElapsedTimer timer;
        timer.start();
        Database database;
        if (!database.open(databasePath)) {
            result.error = database.lastError().message;
            return;
        }
        const auto progress = reporter(self, wanted);
        DatabaseError error;
        result.impact = WhatIfQuery::run(database, current, draft, 0, progress, &error);
        result.elapsedMs = timer.elapsed();
        if (!result.impact)
            result.error = error.message;
    });
}

void RulesWorker::apply(const QString &databasePath, const RuleSet &rules, const QString &author, const QString &note,
                        RulesApplyMode mode)
{
    QPointer<RulesWorker> self(this);
    start([databasePath, rules, author, note, mode, self](Result &result, const auto &wanted) {
        Database database;
        if (!database.open(databasePath)) {
            result.error = database.lastError().message;
            return;
        }
        RulesetVersionStore store(database);
        // Cancel stops the re-score at its next progress step; the transaction rolls back.
        result.applied = store.apply(rules, author, note, mode, QDateTime::currentMSecsSinceEpoch(), reporter(self, wanted));
        if (!result.applied)
            result.error = store.lastError().message;
    });
}

void RulesWorker::restore(const QString &databasePath, qint64 versionId, const QString &author)
{
    QPointer<RulesWorker> self(this);
    start([databasePath, versionId, author, self](Result &result, const auto &wanted) {
        Database database;
        if (!database.open(databasePath)) {
            result.error = database.lastError().message;
            return;
        }
        RulesetVersionStore store(database);
        result.applied = store.restore(versionId, author, QDateTime::currentMSecsSinceEpoch(), std::nullopt,
                                       reporter(self, wanted));
        if (!result.applied)
            result.error = store.lastError().message;
    });
}

void RulesWorker::undoLast(const QString &databasePath, const QString &author)
{
    QPointer<RulesWorker> self(this);
    start([databasePath, author, self](Result &result, const auto &wanted) {
        Database database;
        if (!database.open(databasePath)) {
            result.error = database.lastError().message;
            return;
        }
        RulesetVersionStore store(database);
        result.applied = store.undoLast(author, QDateTime::currentMSecsSinceEpoch(), reporter(self, wanted));
        if (!result.applied)
            result.error = store.lastError().message;
    });
}

void RulesWorker::cancel()
{
    if (!m_busy)
        return;
    ++m_generation;
    m_latest->store(m_generation);
    setBusy(false);
    Q_EMIT cancelled();
}

void RulesWorker::finish(const Result &result)
{
    if (result.generation != m_generation) {
        // Cancel came too late, after the commit: the change is in the file, so say so.
        if (result.applied)
            Q_EMIT applied(*result.applied);
        return;
    }
    setBusy(false);
    if (result.state)
        Q_EMIT stateLoaded(*result.state);
    else if (result.impact)
        Q_EMIT whatIfReady(*result.impact, result.elapsedMs);
    else if (result.applied)
        Q_EMIT applied(*result.applied);
    else if (!result.error.isEmpty())
        Q_EMIT failed(result.error);
}

void RulesWorker::setBusy(bool busy)
{
    if (m_busy == busy)
        return;
    m_busy = busy;
    Q_EMIT busyChanged(busy);
}

} // namespace funnel
