#pragma once

#include <QFuture>
#include <QFutureWatcher>
#include <QObject>

#include <utility>

namespace funnel {

// Calls `callback(result)` on `owner`'s thread when `future` finishes, unless `owner` is gone by
// then. A QFutureWatcher owned by `owner` rather than QFuture::then(context): in Qt 6.4 a
// continuation whose context died asserts, and one attached to a finished future runs at once,
// inside whatever signal the caller is emitting. The watcher always reports through the event loop.
template<typename T, typename Callback>
void onFinished(QObject *owner, QFuture<T> future, Callback &&callback)
{
    auto *watcher = new QFutureWatcher<T>(owner);
    QObject::connect(watcher, &QFutureWatcherBase::finished, owner,
                     [watcher, callback = std::forward<Callback>(callback)]() mutable {
                         watcher->deleteLater();
                         callback(watcher->result());
                     });
    watcher->setFuture(std::move(future));
}

} // namespace funnel
