#include "ui/lead/leadtimelinemodel.h"

#include "core/storage/database.h"
#include "core/storage/leaddetailsquery.h"

#include <QDateTime>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLocale>
#include "ui/lead/futurecallback.h"

#include <QtConcurrent/QtConcurrentRun>

namespace funnel {

namespace {

// {"plan":"pro","seats":5} reads better as "plan: pro · seats: 5" in a table cell.
QString readableMetadata(const QString &json)
{
    if (json.isEmpty())
        return {};
    const QJsonDocument document = QJsonDocument::fromJson(json.toUtf8());
    if (!document.isObject())
        return json;
    const QJsonObject object = document.object();
    QStringList parts;
    for (auto it = object.begin(); it != object.end(); ++it) {
        const QJsonValue value = it.value();
        const QString text = value.isString() ? value.toString()
            : value.isDouble()                ? QString::number(value.toDouble())
            : value.isBool()                  ? (value.toBool() ? QStringLiteral("true") : QStringLiteral("false"))
                                              : QString::fromUtf8(QJsonDocument(value.toObject()).toJson(QJsonDocument::Compact));
        parts.append(it.key() + QStringLiteral(": ") + text);
    }
    return parts.join(QStringLiteral(" · "));
}

struct Page {
    std::optional<QList<LeadTimelineEvent>> events;
    QString error;
};

} // namespace

LeadTimelineModel::LeadTimelineModel(QObject *parent) : QAbstractTableModel(parent) {}

void LeadTimelineModel::setLead(qint64 leadId)
{
    beginResetModel();
    m_events.clear();
    m_leadId = leadId;
    ++m_generation;
    m_hasMore = leadId != 0;
    m_fetching = false;
    endResetModel();
    if (m_hasMore)
        fetchMore({});
}

int LeadTimelineModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_events.size());
}

int LeadTimelineModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(Column::Count);
}

QVariant LeadTimelineModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const LeadTimelineEvent &event = m_events.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
        switch (Column(index.column())) {
        case Column::When:
            return QLocale().toString(QDateTime::fromMSecsSinceEpoch(event.atMs).toLocalTime(), QLocale::ShortFormat);
        case Column::Event: return event.type;
        case Column::Points:
            return event.points == 0 ? QString() : (event.points > 0 ? QStringLiteral("+%1") : QStringLiteral("%1")).arg(event.points);
        case Column::Details: return readableMetadata(event.metadata);
        case Column::Count: break;
        }
        return {};
    case Qt::ToolTipRole:
        return Column(index.column()) == Column::Details && !event.metadata.isEmpty() ? QVariant(event.metadata) : QVariant();
    case Qt::TextAlignmentRole:
        return Column(index.column()) == Column::Points ? QVariant(int(Qt::AlignRight | Qt::AlignVCenter)) : QVariant();
    case int(Role::EventId): return event.id;
    case int(Role::Type): return event.type;
    case int(Role::OccurredAt): return event.atMs;
    case int(Role::Points): return event.points;
    case int(Role::Metadata): return event.metadata;
    default: return {};
    }
}

QVariant LeadTimelineModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (Column(section)) {
    case Column::When: return tr("When");
    case Column::Event: return tr("Event");
    case Column::Points: return tr("Points");
    case Column::Details: return tr("Details");
    case Column::Count: break;
    }
    return {};
}

bool LeadTimelineModel::canFetchMore(const QModelIndex &parent) const
{
    return !parent.isValid() && m_hasMore && !m_fetching;
}

void LeadTimelineModel::fetchMore(const QModelIndex &parent)
{
    if (!canFetchMore(parent))
        return;
    m_fetching = true;
    std::optional<LeadDetailsQuery::TimelineCursor> cursor;
    if (!m_events.isEmpty())
        cursor = LeadDetailsQuery::TimelineCursor{m_events.last().atMs, m_events.last().id};
    const quint64 generation = m_generation;
    onFinished(this, QtConcurrent::run([path = m_databasePath, leadId = m_leadId, cursor, limit = m_pageSize] {
        Page page;
        Database database;
        if (!database.open(path)) {
            page.error = database.lastError().message;
            return page;
        }
        LeadDetailsQuery query(database);
        page.events = query.timelinePage(leadId, cursor, limit);
        if (!page.events)
            page.error = query.lastError().message;
        return page;
    }), [this, generation](const Page &page) {
        if (generation != m_generation)
            return; // the model shows another lead by now
        if (!page.events) {
            m_fetching = false;
            m_hasMore = false;
            Q_EMIT failed(page.error);
            return;
        }
        m_hasMore = page.events->size() == m_pageSize;
        if (!page.events->isEmpty()) {
            beginInsertRows({}, int(m_events.size()), int(m_events.size() + page.events->size() - 1));
            m_events.append(*page.events);
            endInsertRows();
        }
        // Only now: a view that asks for more while the rows go in must not fetch this page again.
        m_fetching = false;
        Q_EMIT pageLoaded();
    });
}

} // namespace funnel
