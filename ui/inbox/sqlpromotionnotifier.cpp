#include "ui/inbox/sqlpromotionnotifier.h"

#include "core/storage/database.h"
#include "core/storage/databasewatcher.h"
#include "core/storage/inboxquery.h"

#include <QApplication>
#include <QSystemTrayIcon>
#include "ui/lead/futurecallback.h"

#include <QtConcurrent/QtConcurrentRun>

namespace funnel {

namespace {

struct Check {
    std::optional<QList<SqlPromotion>> promotions;
    qint64 latestId = 0;
    QString error;
};

Check runCheck(const QString &path, qint64 afterId, bool baselineOnly)
{
    Check check;
    Database database;
    if (!database.open(path)) {
        check.error = database.lastError().message;
        return check;
    }
    InboxQuery query(database);
    // The latest id first: a promotion committed between the two queries is then reported now or
    // by the next check, never skipped.
    const std::optional<qint64> latest = query.latestPromotionId();
    if (!latest) {
        check.error = query.lastError().message;
        return check;
    }
    check.latestId = *latest;
    if (baselineOnly) {
        check.promotions = QList<SqlPromotion>();
        return check;
    }
    check.promotions = query.promotionsAfter(afterId);
    if (!check.promotions) {
        check.error = query.lastError().message;
        return check;
    }
    QList<SqlPromotion> upToLatest;
    for (const SqlPromotion &promotion : *check.promotions) {
        if (promotion.historyId <= check.latestId)
            upToLatest.append(promotion);
    }
    check.promotions = upToLatest;
    return check;
}

} // namespace

SqlPromotionNotifier::SqlPromotionNotifier(QObject *parent)
    : QObject(parent), m_watcher(new DatabaseWatcher(this))
{
    connect(m_watcher, &DatabaseWatcher::changed, this, [this] {
        Q_EMIT databaseChanged();
        check();
    });
}

SqlPromotionNotifier::~SqlPromotionNotifier() = default;

bool SqlPromotionNotifier::watch(const QString &databasePath, int intervalMs)
{
    stop();
    m_databasePath = databasePath;
    if (!m_watcher->watch(databasePath, intervalMs))
        return false;
    const quint64 generation = ++m_generation;
    m_checking = true;
    onFinished(this, QtConcurrent::run([path = databasePath] { return runCheck(path, 0, true); }), [this, generation](const Check &baseline) {
            if (generation != m_generation)
                return;
            m_checking = false;
            if (!baseline.promotions) {
                Q_EMIT failed(baseline.error);
                return;
            }
            m_lastSeenId = baseline.latestId;
            m_ready = true;
            Q_EMIT ready();
            if (m_checkAgain) {
                m_checkAgain = false;
                check();
            }
        });
    return true;
}

void SqlPromotionNotifier::stop()
{
    m_watcher->stop();
    ++m_generation;
    m_ready = false;
    m_checking = false;
    m_checkAgain = false;
}

void SqlPromotionNotifier::check()
{
    if (m_databasePath.isEmpty())
        return;
    if (m_checking || !m_ready) {
        m_checkAgain = true; // one more look once the running one is done
        return;
    }
    m_checking = true;
    const quint64 generation = m_generation;
    onFinished(this, QtConcurrent::run([path = m_databasePath, after = m_lastSeenId] { return runCheck(path, after, false); }), [this, generation](const Check &result) {
            if (generation != m_generation)
                return;
            m_checking = false;
            if (!result.promotions) {
                Q_EMIT failed(result.error);
            } else {
                m_lastSeenId = qMax(m_lastSeenId, result.latestId);
                if (!result.promotions->isEmpty()) {
                    QList<qint64> ids;
                    for (const SqlPromotion &promotion : *result.promotions) {
                        if (!ids.contains(promotion.leadId))
                            ids.append(promotion.leadId);
                    }
                    showNotification(*result.promotions);
                    Q_EMIT promoted(ids);
                }
            }
            if (m_checkAgain) {
                m_checkAgain = false;
                check();
            }
        });
}

void SqlPromotionNotifier::showNotification(const QList<SqlPromotion> &promotions)
{
    if (!m_notify || !QSystemTrayIcon::isSystemTrayAvailable())
        return;
    if (!m_tray) {
        auto *icon = new QSystemTrayIcon(QApplication::windowIcon(), this);
        icon->setToolTip(tr("Funnelboard"));
        icon->show();
        m_tray = icon;
    }
    const SqlPromotion &first = promotions.first();
    const QString who = first.company.isEmpty() ? first.name : tr("%1 (%2)").arg(first.name, first.company);
    const QString title = promotions.size() == 1 ? tr("New SQL: %1").arg(who)
                                                 : tr("%n new SQL leads", nullptr, int(promotions.size()));
    const QString body = promotions.size() == 1 ? tr("Promoted by %1").arg(first.reason)
                                                : tr("Latest: %1, promoted by %2").arg(who, first.reason);
    m_tray->showMessage(title, body, QSystemTrayIcon::Information, 8000);
}

} // namespace funnel
