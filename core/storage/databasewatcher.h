#pragma once

#include <QObject>
#include <QString>

#include <memory>

class QTimer;

namespace funnel {

class Database;

// Notices commits to a database file made by any other connection — a worker of this app or another
// process such as `funnelctl ingest` — and says so with changed(). Lives on the thread that made it.
//
// It polls SQLite's `PRAGMA data_version` on its own connection: the value changes whenever another
// connection commits, and reading it takes no lock. (SQLite-specific; a PostgreSQL deployment
// would use LISTEN/NOTIFY instead.)
class DatabaseWatcher : public QObject
{
    Q_OBJECT

public:
    static constexpr int defaultIntervalMs = 1000;

    explicit DatabaseWatcher(QObject *parent = nullptr);
    ~DatabaseWatcher() override;

    // Starts watching `path`; returns false (and watches nothing) when it cannot be opened.
    bool watch(const QString &path, int intervalMs = defaultIntervalMs);
    void stop();

    // Checks now instead of waiting for the timer; emits changed() when there was a commit.
    void poll();

Q_SIGNALS:
    void changed();

private:
    std::unique_ptr<Database> m_database;
    QTimer *m_timer = nullptr;
    qint64 m_lastVersion = -1;
};

} // namespace funnel
