#pragma once

#include "core/domain/ruleset.h"
#include "core/domain/whatifimpact.h"
#include "core/storage/rulesetversion.h"
#include "core/storage/rulesetversionstore.h"

#include <QFutureWatcher>
#include <QObject>
#include <QStringList>
#include <QThreadPool>

#include <atomic>
#include <memory>
#include <optional>

namespace funnel {

// What the rules screen shows about the database: the rules in force, their versions, the event
// types seen.
struct RulesState {
    RuleSet current;
    qint64 currentVersion = 0;
    QList<RulesetVersion> versions; // newest first
    QStringList seenTypes;
};

// Runs the rules screen's database work on a worker thread with its own Database connection, in
// the pattern of DashboardLoader: a generation counter drops results nobody waits for any more, and
// cancel() makes the running what-if stop at its next progress step.
class RulesWorker : public QObject
{
    Q_OBJECT

public:
    explicit RulesWorker(QObject *parent = nullptr);
    ~RulesWorker() override;

    void loadState(const QString &databasePath);
    void whatIf(const QString &databasePath, const RuleSet &current, const RuleSet &draft);
    void apply(const QString &databasePath, const RuleSet &rules, const QString &author, const QString &note,
               RulesApplyMode mode);
    void restore(const QString &databasePath, qint64 versionId, const QString &author);
    void undoLast(const QString &databasePath, const QString &author);
    void cancel();

    bool isBusy() const { return m_busy; }

Q_SIGNALS:
    void stateLoaded(const funnel::RulesState &state);
    void progress(int permille);
    void whatIfReady(const funnel::WhatIfImpact &impact, qint64 elapsedMs);
    void applied(const funnel::RulesApplyReport &report);
    void cancelled();
    void failed(const QString &message);
    void busyChanged(bool busy);

private:
    struct Result {
        quint64 generation = 0;
        std::optional<RulesState> state;
        std::optional<WhatIfImpact> impact;
        std::optional<RulesApplyReport> applied;
        qint64 elapsedMs = 0;
        QString error;
    };
    template<typename Work>
    void start(Work work);
    void finish(const Result &result);
    void setBusy(bool busy);

    QThreadPool m_pool;
    QFutureWatcher<Result> *m_watcher = nullptr;
    std::shared_ptr<std::atomic<quint64>> m_latest = std::make_shared<std::atomic<quint64>>(0);
    quint64 m_generation = 0;
    bool m_busy = false;
};

} // namespace funnel
