#pragma once

#include "core/storage/leaddetails.h"

#include <QAbstractTableModel>
#include <QList>

namespace funnel {

// A lead's events, newest first, loaded a page at a time on a worker thread as the view scrolls
// (canFetchMore/fetchMore). Columns: when, event type, points, metadata.
class LeadTimelineModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum class Column { When, Event, Points, Details, Count };
    enum class Role {
        EventId = Qt::UserRole + 1, // qint64 events.id
        Type,                       // QString
        OccurredAt,                 // qint64 ms UTC
        Points,                     // int
        Metadata,                   // QString, JSON as stored
    };

    static constexpr int defaultPageSize = 100;

    explicit LeadTimelineModel(QObject *parent = nullptr);

    void setDatabasePath(const QString &path) { m_databasePath = path; }
    void setPageSize(int rows) { m_pageSize = qMax(1, rows); }
    int pageSize() const { return m_pageSize; }

    // Empties the model and loads the first page of `leadId` (0: stays empty).
    void setLead(qint64 leadId);
    qint64 leadId() const { return m_leadId; }
    bool isFetching() const { return m_fetching; }

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    bool canFetchMore(const QModelIndex &parent) const override;
    void fetchMore(const QModelIndex &parent) override;

Q_SIGNALS:
    // A page arrived (or the lead has no more events).
    void pageLoaded();
    void failed(const QString &message);

private:
    QString m_databasePath;
    QList<LeadTimelineEvent> m_events;
    qint64 m_leadId = 0;
    quint64 m_generation = 0;
    int m_pageSize = defaultPageSize;
    bool m_hasMore = false;
    bool m_fetching = false;
};

} // namespace funnel
