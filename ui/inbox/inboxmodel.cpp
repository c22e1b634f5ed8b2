#include "ui/inbox/inboxmodel.h"

#include "core/storage/database.h"
#include "core/storage/inboxquery.h"
#include "ui/common/stagestyle.h"

#include <QDateTime>
#include <QLocale>
#include "ui/lead/futurecallback.h"

#include <QtConcurrent/QtConcurrentRun>

namespace funnel {

using namespace Qt::StringLiterals;

namespace {

struct Page {
    std::optional<QList<InboxEntry>> entries;
    std::optional<qint64> unseen;
    QString error;
};

// "2 h ago" reads faster than a date for something that happened today.
QString ago(qint64 ms)
{
    const qint64 seconds = (QDateTime::currentMSecsSinceEpoch() - ms) / 1000;
    if (seconds < 60)
        return InboxModel::tr("just now");
    if (seconds < 3600)
        return InboxModel::tr("%n min ago", nullptr, int(seconds / 60));
    if (seconds < 24 * 3600)
        return InboxModel::tr("%n h ago", nullptr, int(seconds / 3600));
    return QLocale().toString(QDateTime::fromMSecsSinceEpoch(ms).toLocalTime(), QLocale::ShortFormat);
}

QString why(const InboxEntry &entry)
{
    if (entry.cause == "gate"_L1)
        return InboxModel::tr("%1 (gate)").arg(entry.reason);
    if (entry.cause == "threshold"_L1)
        return InboxModel::tr("%1 (threshold)").arg(entry.reason);
    if (entry.cause == "manual"_L1)
        return entry.reason.isEmpty() ? InboxModel::tr("moved by hand") : InboxModel::tr("by hand: %1").arg(entry.reason);
    return entry.reason.isEmpty() ? entry.cause : entry.reason;
}

} // namespace

InboxModel::InboxModel(QObject *parent) : QAbstractTableModel(parent) {}

void InboxModel::reload()
{
    ++m_generation;
    m_fetching = false;
    fetch(true);
}

qint64 InboxModel::leadIdAt(int row) const
{
    return row >= 0 && row < m_entries.size() ? m_entries.at(row).id : 0;
}

int InboxModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_entries.size());
}

int InboxModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(Column::Count);
}

QVariant InboxModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const InboxEntry &entry = m_entries.at(index.row());
    const auto column = Column(index.column());
    switch (role) {
    case Qt::DisplayRole:
        switch (column) {
        case Column::Name: return entry.name.isEmpty() ? entry.email : entry.name;
        case Column::Company: return entry.company;
        case Column::Score: return entry.score;
        case Column::Owner: return entry.owner.isEmpty() ? tr("unassigned") : entry.owner;
        case Column::Promoted: return ago(entry.promotedAtMs);
        case Column::Why: return why(entry);
        case Column::Count: break;
        }
        return {};
    case Qt::ToolTipRole:
        if (column == Column::Name)
            return entry.email;
        if (column == Column::Promoted)
            return QLocale().toString(QDateTime::fromMSecsSinceEpoch(entry.promotedAtMs).toLocalTime(), QLocale::LongFormat);
        return {};
    case Qt::ForegroundRole:
        if (column == Column::Score)
            return StageStyle::color(Stage::SQL);
        return {};
    case Qt::TextAlignmentRole:
        return column == Column::Score ? QVariant(int(Qt::AlignRight | Qt::AlignVCenter)) : QVariant();
    case int(Role::LeadId): return entry.id;
    case int(Role::PromotedAt): return entry.promotedAtMs;
    case int(Role::Score): return entry.score;
    case int(Role::Cause): return entry.cause;
    case int(Role::Reason): return entry.reason;
    default: return {};
    }
}

QVariant InboxModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (Column(section)) {
    case Column::Name: return tr("Lead");
    case Column::Company: return tr("Company");
    case Column::Score: return tr("Score");
    case Column::Owner: return tr("Owner");
    case Column::Promoted: return tr("Promoted");
    case Column::Why: return tr("Why");
    case Column::Count: break;
    }
    return {};
}

bool InboxModel::canFetchMore(const QModelIndex &parent) const
{
    return !parent.isValid() && m_hasMore && !m_fetching;
}

void InboxModel::fetchMore(const QModelIndex &parent)
{
    if (canFetchMore(parent))
        fetch(false);
}

void InboxModel::fetch(bool first)
{
    m_fetching = true;
    std::optional<InboxQuery::Cursor> cursor;
    if (!first && !m_entries.isEmpty())
        cursor = InboxQuery::Cursor{m_entries.last().promotedAtMs, m_entries.last().id};
    const quint64 generation = m_generation;
    onFinished(this, QtConcurrent::run([path = m_databasePath, cursor, limit = m_pageSize, first] {
        Page page;
        Database database;
        if (!database.open(path)) {
            page.error = database.lastError().message;
            return page;
        }
        InboxQuery query(database);
        page.entries = query.page(cursor, limit);
        if (page.entries && first)
            page.unseen = query.unseenCount();
        if (!page.entries || (first && !page.unseen))
            page.error = query.lastError().message;
        return page;
    }), [this, generation, first](const Page &page) {
        if (generation != m_generation)
            return;
        if (!page.entries) {
            m_fetching = false;
            Q_EMIT failed(page.error);
            return;
        }
        m_hasMore = page.entries->size() == m_pageSize;
        if (first) {
            beginResetModel();
            m_entries = *page.entries;
            endResetModel();
        } else if (!page.entries->isEmpty()) {
            beginInsertRows({}, int(m_entries.size()), int(m_entries.size() + page.entries->size() - 1));
            m_entries.append(*page.entries);
            endInsertRows();
        }
        // Only now: a view that asks for more while the rows go in must not fetch this page again.
        m_fetching = false;
        if (page.unseen && *page.unseen != m_unseenCount) {
            m_unseenCount = *page.unseen;
            Q_EMIT unseenCountChanged(m_unseenCount);
        }
        if (first)
            Q_EMIT loaded();
        Q_EMIT pageLoaded();
    });
}

} // namespace funnel
