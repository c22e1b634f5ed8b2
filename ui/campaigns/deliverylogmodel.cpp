#include "ui/campaigns/deliverylogmodel.h"

#include "core/storage/database.h"
#include "core/storage/outboxstore.h"
#include "ui/lead/futurecallback.h"

#include <QBrush>
#include <QColor>
#include <QDateTime>
#include <QLocale>
#include <QtConcurrent/QtConcurrentRun>

namespace funnel {

using namespace Qt::StringLiterals;

DeliveryLogModel::DeliveryLogModel(QObject *parent) : QAbstractTableModel(parent)
{
    m_pool.setMaxThreadCount(1);
}

DeliveryLogModel::~DeliveryLogModel()
{
    m_pool.waitForDone();
}

void DeliveryLogModel::setDatabasePath(const QString &path)
{
    m_path = path;
    reload();
}

void DeliveryLogModel::reload()
{
    if (m_path.isEmpty())
        return;
    if (m_loading) {
        m_reloadPending = true; // after the page in flight, so that pages never interleave
        return;
    }
    ++m_generation;
    beginResetModel();
    m_rows.clear();
    m_hasMore = false;
    endResetModel();
    load(0);
}

void DeliveryLogModel::load(qint64 beforeId)
{
    m_loading = true;
    const quint64 generation = m_generation;
    // A watcher per page (onFinished): a reused watcher may deliver a stale finished() for the new future.
    onFinished(this, QtConcurrent::run(&m_pool, [path = m_path, beforeId, generation] {
        Page page;
        page.generation = generation;
        page.beforeId = beforeId;
        Database database; // this worker thread's own connection
        if (!database.open(path)) {
            page.error = database.lastError().message;
            return page;
        }
        OutboxStore store(database);
        OutboxStore::ListFilter filter;
        filter.limit = pageSize;
        filter.beforeId = beforeId;
        page.rows = store.deliveries(filter);
        if (store.lastError().isError())
            page.error = store.lastError().message;
        return page;
    }), [this](const Page &page) { append(page); });
}

void DeliveryLogModel::append(const Page &page)
{
    m_loading = false;
    if (m_reloadPending) {
        m_reloadPending = false;
        reload();
        return;
    }
    // Only the page that continues the rows shown (a reload started again from the newest).
    if (page.generation != m_generation || page.beforeId != (m_rows.isEmpty() ? 0 : m_rows.constLast().id))
        return;
    if (!page.error.isEmpty()) {
        Q_EMIT failed(page.error);
        return;
    }
    m_hasMore = page.rows.size() == pageSize;
    if (!page.rows.isEmpty()) {
        beginInsertRows({}, int(m_rows.size()), int(m_rows.size() + page.rows.size() - 1));
        m_rows.append(page.rows);
        endInsertRows();
    }
    Q_EMIT loaded();
}

bool DeliveryLogModel::canFetchMore(const QModelIndex &parent) const
{
    return !parent.isValid() && m_hasMore && !m_loading;
}

void DeliveryLogModel::fetchMore(const QModelIndex &parent)
{
    if (canFetchMore(parent) && !m_rows.isEmpty())
        load(m_rows.constLast().id);
}

int DeliveryLogModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int DeliveryLogModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QString DeliveryLogModel::detailText(const DeliveryRecord &record)
{
    QString text = tr("Delivery %1, webhook-id %2").arg(record.id).arg(record.messageId) + u'\n';
    if (!record.lastError.isEmpty())
        text += tr("Last error: %1").arg(record.lastError) + u'\n';
    text += u'\n' + tr("Request") + u'\n';
    text += record.lastRequest.isEmpty() ? QString::fromUtf8(record.body) : record.lastRequest;
    text += u"\n\n"_s + tr("Response") + u'\n';
    text += record.lastResponse.isEmpty() ? tr("(none yet)") : record.lastResponse;
    return text;
}

QVariant DeliveryLogModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const DeliveryRecord &record = m_rows.at(index.row());
    if (role == int(Role::DeliveryId))
        return record.id;
    if (role == int(Role::Status))
        return int(record.status);
    if (role == int(Role::Detail))
        return detailText(record);
    if (role == Qt::ForegroundRole && index.column() == StatusColumn) {
        switch (record.status) {
        case DeliveryStatus::Succeeded: return QBrush(QColor(0x4c, 0xaf, 0x50));
        case DeliveryStatus::Dead: return QBrush(QColor(0xef, 0x53, 0x50));
        case DeliveryStatus::Pending: return QBrush(QColor(0xff, 0xb7, 0x4d));
        }
    }
    if (role == Qt::TextAlignmentRole && (index.column() == AttemptsColumn || index.column() == CodeColumn
                                          || index.column() == LatencyColumn))
        return QVariant(Qt::AlignRight | Qt::AlignVCenter);
    if (role != Qt::DisplayRole)
        return {};
    switch (index.column()) {
    case StatusColumn:
        switch (record.status) {
        case DeliveryStatus::Pending: return tr("Pending");
        case DeliveryStatus::Succeeded: return tr("Succeeded");
        case DeliveryStatus::Dead: return tr("Dead");
        }
        return {};
    case EndpointColumn: return record.url;
    case AttemptsColumn: return record.attempts;
    case CodeColumn: return record.lastStatusCode > 0 ? QVariant(record.lastStatusCode) : QVariant(u"–"_s);
    case LatencyColumn: return record.attempts > 0 ? QVariant(tr("%1 ms").arg(record.lastLatencyMs)) : QVariant(u"–"_s);
    case CreatedColumn:
        return QLocale().toString(QDateTime::fromMSecsSinceEpoch(record.createdAtMs).toLocalTime(), QLocale::ShortFormat);
    case CampaignColumn: return record.campaign.isEmpty() ? tr("Lead events") : record.campaign;
    default: return {};
    }
}

QVariant DeliveryLogModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case StatusColumn: return tr("Status");
    case EndpointColumn: return tr("Endpoint");
    case AttemptsColumn: return tr("Attempts");
    case CodeColumn: return tr("HTTP");
    case LatencyColumn: return tr("Latency");
    case CreatedColumn: return tr("Created");
    case CampaignColumn: return tr("Campaign");
    default: return {};
    }
}

} // namespace funnel
