#include "ui/board/boardmover.h"

#include "core/storage/database.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QThreadPool>
#include <QtConcurrent/QtConcurrentRun>

namespace funnel {

BoardMover::BoardMover(QObject *parent) : QObject(parent), m_pool(new QThreadPool(this))
{
    m_pool->setMaxThreadCount(1); // order matters: an undo must run after its move
}

BoardMover::~BoardMover()
{
    m_pool->waitForDone();
}

void BoardMover::waitForDone()
{
    m_pool->waitForDone();
}

void BoardMover::run(std::function<Report(Database &)> job)
{
    ++m_pending;
    auto *watcher = new QFutureWatcher<Report>(this);
    connect(watcher, &QFutureWatcher<Report>::finished, this, [this, watcher] {
        --m_pending;
        const Report report = watcher->result();
        watcher->deleteLater();
        Q_EMIT finished(report);
    });
    watcher->setFuture(QtConcurrent::run(m_pool, [path = m_databasePath, job = std::move(job)] {
        QElapsedTimer timer;
        timer.start();
        Database database;
        Report report;
        if (!database.open(path)) {
            report.error = database.lastError().message;
        } else {
            report = job(database);
        }
        report.elapsedMs = timer.elapsed();
        return report;
    }));
}

void BoardMover::apply(const Request &request, const std::shared_ptr<Journal> &journal)
{
    run([request, journal](Database &database) {
        Report report;
        journal->records.clear();
        LeadMoveStore store(database);
        for (qint64 leadId : request.leadIds) {
            const LeadMoveStore::MoveOutcome outcome =
                store.move(leadId, request.to, request.reason, request.actor, request.atMs);
            if (outcome.result.error.isError()) {
                report.error = outcome.result.error.message;
                break;
            }
            if (!outcome.record) {
                report.refusals.append(outcome.result.refusal);
                continue;
            }
            journal->records.append(*outcome.record);
            report.touched << outcome.record->from << outcome.record->to;
            ++report.done;
        }
        return report;
    });
}

void BoardMover::revert(const std::shared_ptr<Journal> &journal)
{
    run([journal](Database &database) {
        Report report;
        report.undo = true;
        LeadMoveStore store(database);
        // Latest first, in case one command moved the same lead twice.
        for (auto it = journal->records.crbegin(); it != journal->records.crend(); ++it) {
            const LeadMoveStore::UndoOutcome outcome = store.undo(*it);
            if (outcome.error.isError()) {
                report.error = outcome.error.message;
                break;
            }
            if (!outcome.undone) {
                report.refusals.append(outcome.refusal);
                continue;
            }
            report.touched << it->from << it->to;
            ++report.done;
        }
        return report;
    });
}

} // namespace funnel
