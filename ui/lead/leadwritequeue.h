#pragma once

#include <QObject>
#include <QString>
#include <QThreadPool>

#include <functional>

namespace funnel {

class Database;

// Runs the lead panel's writes (edits, notes, merges and their undos) off the GUI thread, one after
// another in the order they were asked for: an undo queued behind its redo sees the redo's result.
// Each job gets a Database opened on the worker thread; it returns an error message, empty on success.
class LeadWriteQueue : public QObject
{
    Q_OBJECT

public:
    using Job = std::function<QString(Database &database)>;

    explicit LeadWriteQueue(QObject *parent = nullptr);
    ~LeadWriteQueue() override;

    void setDatabasePath(const QString &path) { m_databasePath = path; }
    QString databasePath() const { return m_databasePath; }

    // committed(leadId) or failed(leadId, message) follows on this object's thread.
    void enqueue(qint64 leadId, Job job);
    int pending() const { return m_pending; }
    // Blocks until every queued job ran; for tests and shutdown only.
    void waitForDone();

Q_SIGNALS:
    void committed(qint64 leadId);
    void failed(qint64 leadId, const QString &message);

private:
    QThreadPool m_pool;
    QString m_databasePath;
    int m_pending = 0;
};

} // namespace funnel
