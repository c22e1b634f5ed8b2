#pragma once

#include <QWidget>

class QLabel;
class QTreeView;

namespace funnel {

class InboxModel;
class SqlPromotionNotifier;

// "New SQLs": the leads sales has not opened since they became SQL, newest first. Refreshes when
// another connection or process commits (its SqlPromotionNotifier), which also raises the desktop
// notification. Double-click or Enter opens a lead (leadActivated).
class InboxView : public QWidget
{
    Q_OBJECT

public:
    explicit InboxView(QWidget *parent = nullptr);

    // Shows the inbox of `path` and starts watching it (poll interval in ms).
    void setDatabasePath(const QString &path, int watchIntervalMs = 1000);
    void refresh();

    int unseenCount() const;
    InboxModel *model() const { return m_model; }
    QTreeView *view() const { return m_view; }
    SqlPromotionNotifier *notifier() const { return m_notifier; }

Q_SIGNALS:
    void loaded();
    void unseenCountChanged(int count);
    void leadActivated(qint64 leadId);

private:
    static QString emptyText();
    void updateHeader();

    InboxModel *m_model = nullptr;
    SqlPromotionNotifier *m_notifier = nullptr;
    QLabel *m_title = nullptr;
    QLabel *m_empty = nullptr;
    QTreeView *m_view = nullptr;
};

} // namespace funnel
