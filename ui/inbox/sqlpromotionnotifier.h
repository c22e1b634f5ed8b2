#pragma once

#include "core/storage/inboxentry.h"

#include <QList>
#include <QObject>
#include <QPointer>

#include <QSystemTrayIcon>

namespace funnel {

class DatabaseWatcher;

// Tells sales about new SQLs: watches the database for commits of any connection or process
// (DatabaseWatcher), and when promotions to SQL appeared since it last looked — tracked by the
// highest stage_history id into SQL it has seen — shows a desktop notification (when there is a
// system tray) and emits promoted(). Promotions that existed when watching began are not news.
class SqlPromotionNotifier : public QObject
{
    Q_OBJECT

public:
    explicit SqlPromotionNotifier(QObject *parent = nullptr);
    ~SqlPromotionNotifier() override;

    // Starts watching; returns false when the file cannot be opened.
    bool watch(const QString &databasePath, int intervalMs = 1000);
    void stop();

    // The icon that shows the notification; without one a tray icon of the application is made on
    // first use when the platform has a system tray.
    void setTrayIcon(QSystemTrayIcon *icon) { m_tray = icon; }
    void setNotificationsEnabled(bool enabled) { m_notify = enabled; }

    qint64 lastSeenPromotionId() const { return m_lastSeenId; }
    bool isReady() const { return m_ready; }

    // Looks now instead of waiting for the next commit.
    void check();

Q_SIGNALS:
    void ready(); // the baseline is known: from now on new promotions are reported
    void promoted(const QList<qint64> &leadIds);
    void databaseChanged(); // any commit of another connection, for views that show counts
    void failed(const QString &message);

private:
    void showNotification(const QList<SqlPromotion> &promotions);

    DatabaseWatcher *m_watcher = nullptr;
    QPointer<QSystemTrayIcon> m_tray;
    QString m_databasePath;
    quint64 m_generation = 0;
    qint64 m_lastSeenId = 0;
    bool m_ready = false;
    bool m_checking = false;
    bool m_checkAgain = false;
    bool m_notify = true;
};

} // namespace funnel
