#pragma once

#include "core/domain/stage.h"
#include "core/storage/leadmovestore.h"

#include <QFutureWatcher>
#include <QList>
#include <QObject>
#include <QSet>
#include <QStringList>

#include <memory>

class QThreadPool;

namespace funnel {

// Runs the board's moves and their undos in a worker, one after the other in the order they were
// asked for (a single-thread pool), so that an undo always sees the move it takes back. Each job
// opens its own connection. Reports arrive on the GUI thread after commit.
class BoardMover : public QObject
{
    Q_OBJECT

public:
    struct Request {
        QList<qint64> leadIds;
        Stage to = Stage::Cold;
        QString reason;
        QString actor;
        qint64 atMs = 0;
    };
    // What a move did, shared by the command's redo (which fills it, in the worker) and undo (which
    // reads it, in the worker, strictly after). The GUI thread never touches it.
    struct Journal {
        QList<LeadMoveRecord> records;
    };
    struct Report {
        bool undo = false;
        int done = 0;        // leads moved (or moved back)
        QStringList refusals; // translated reasons, one per lead that did not move
        QString error;
        QSet<Stage> touched; // columns whose contents changed
        qint64 elapsedMs = 0;
    };

    explicit BoardMover(QObject *parent = nullptr);
    ~BoardMover() override;

    void setDatabasePath(const QString &path) { m_databasePath = path; }
    void apply(const Request &request, const std::shared_ptr<Journal> &journal);
    void revert(const std::shared_ptr<Journal> &journal);
    bool isBusy() const { return m_pending > 0; }
    // Blocks until every queued job finished (tests, shutdown).
    void waitForDone();

Q_SIGNALS:
    void finished(const funnel::BoardMover::Report &report);

private:
    void run(std::function<Report(Database &)> job);

    QThreadPool *m_pool = nullptr;
    QString m_databasePath;
    int m_pending = 0;
};

} // namespace funnel
