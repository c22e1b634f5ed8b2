#pragma once

#include "core/storage/inboxentry.h"

#include <QAbstractTableModel>
#include <QList>

namespace funnel {

// The new-SQL inbox: leads promoted to SQL that nobody has opened yet, newest promotion first,
// loaded a page at a time on a worker thread (canFetchMore/fetchMore).
class InboxModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum class Column { Name, Company, Score, Owner, Promoted, Why, Count };
    enum class Role {
        LeadId = Qt::UserRole + 1, // qint64
        PromotedAt,                // qint64 ms UTC
        Score,                     // int
        Cause,                     // QString: gate, threshold, manual, rescore
        Reason,                    // QString
    };

    static constexpr int defaultPageSize = 200;

    explicit InboxModel(QObject *parent = nullptr);

    void setDatabasePath(const QString &path) { m_databasePath = path; }
    void setPageSize(int rows) { m_pageSize = qMax(1, rows); }

    // Loads the first page and the unseen count again; a reload still running is superseded.
    void reload();
    qint64 unseenCount() const { return m_unseenCount; }
    qint64 leadIdAt(int row) const;
    bool isFetching() const { return m_fetching; }

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    bool canFetchMore(const QModelIndex &parent) const override;
    void fetchMore(const QModelIndex &parent) override;

Q_SIGNALS:
    void loaded(); // the first page after reload() is in
    void pageLoaded();
    void unseenCountChanged(qint64 count);
    void failed(const QString &message);

private:
    void fetch(bool first);

    QString m_databasePath;
    QList<InboxEntry> m_entries;
    quint64 m_generation = 0;
    qint64 m_unseenCount = 0;
    int m_pageSize = defaultPageSize;
    bool m_hasMore = false;
    bool m_fetching = false;
};

} // namespace funnel
