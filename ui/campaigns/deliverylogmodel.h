#pragma once

#include "core/storage/deliveryrecord.h"

#include <QAbstractTableModel>
#include <QList>
#include <QThreadPool>

namespace funnel {

// The webhook delivery log, newest first, read lazily in pages (canFetchMore/fetchMore) on a worker
// thread with its own connection; reload() starts again from the newest row.
class DeliveryLogModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    static constexpr int pageSize = 200;
    enum Column { StatusColumn, EndpointColumn, AttemptsColumn, CodeColumn, LatencyColumn, CreatedColumn, CampaignColumn, ColumnCount };
    enum class Role { DeliveryId = Qt::UserRole + 1, Status, Detail };

    explicit DeliveryLogModel(QObject *parent = nullptr);
    ~DeliveryLogModel() override;

    void setDatabasePath(const QString &path);
    void reload();
    bool isLoading() const { return m_loading; }

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    bool canFetchMore(const QModelIndex &parent) const override;
    void fetchMore(const QModelIndex &parent) override;

    // The request and response of the last attempt, for the detail pane.
    static QString detailText(const DeliveryRecord &record);

Q_SIGNALS:
    void loaded(); // a page arrived
    void failed(const QString &message);

private:
    struct Page {
        QList<DeliveryRecord> rows;
        QString error;
        quint64 generation = 0;
        qint64 beforeId = 0;
    };
    void load(qint64 beforeId);
    void append(const Page &page);

    QThreadPool m_pool;
    QString m_path;
    QList<DeliveryRecord> m_rows;
    quint64 m_generation = 0;
    bool m_hasMore = false;
    bool m_loading = false;
    bool m_reloadPending = false;
};

} // namespace funnel
