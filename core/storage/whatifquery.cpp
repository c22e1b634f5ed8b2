#include "core/storage/whatifquery.h"

#include "core/storage/database.h"
#include "core/storage/sqlitehandle.h"

#include <sqlite3.h>

#include <QHash>

#include <algorithm>
#include <cstring>
#include <memory>
#include <numeric>

namespace funnel {
namespace {

struct StatementDeleter {
    void operator()(sqlite3_stmt *statement) const { sqlite3_finalize(statement); }
};
using Statement = std::unique_ptr<sqlite3_stmt, StatementDeleter>;

constexpr qint64 loadSteps = 1000;

// Event types repeat a few dozen names millions of times: a short linear scan over the names seen
// so far beats hashing each row; a hash takes over if a database has many types.
class TypeInterner
{
public:
    explicit TypeInterner(QStringList &names) : m_names(names) {}

    qint32 idOf(const char *text, int bytes)
    {
        if (m_utf8.size() <= linearLimit) {
            for (qsizetype i = 0; i < m_utf8.size(); ++i) {
                const QByteArray &known = m_utf8.at(i);
                if (known.size() == bytes && std::memcmp(known.constData(), text, size_t(bytes)) == 0)
                    return qint32(i);
            }
        } else {
            const auto it = m_index.constFind(QByteArray::fromRawData(text, bytes));
            if (it != m_index.cend())
                return it.value();
        }
        const QByteArray name(text, bytes);
        const auto id = qint32(m_utf8.size());
        m_utf8.append(name);
        m_names.append(QString::fromUtf8(name));
        if (m_utf8.size() > linearLimit) {
            for (qsizetype i = m_index.size(); i < m_utf8.size(); ++i)
                m_index.insert(m_utf8.at(i), qint32(i));
        }
        return id;
    }

private:
    static constexpr qsizetype linearLimit = 24;
    QStringList &m_names;
    QList<QByteArray> m_utf8;
    QHash<QByteArray, qint32> m_index;
};

Statement prepare(sqlite3 *db, const char *sql)
{
    sqlite3_stmt *statement = nullptr;
    if (sqlite3_prepare_v2(db, sql, -1, &statement, nullptr) != SQLITE_OK)
        return {};
    return Statement(statement);
}

} // namespace

std::optional<EventHistory> WhatIfQuery::loadHistory(const Database &database, const Progress &progress,
                                                     DatabaseError *error)
{
    auto fail = [&](int code) -> std::optional<EventHistory> {
        if (error) {
            sqlite3 *db = sqliteHandle(database.connection());
            *error = DatabaseError::fromSqliteCode(code, database.path(),
                                                   db ? QString::fromUtf8(sqlite3_errmsg(db)) : QString());
        }
        return std::nullopt;
    };
    auto cancelled = [&]() -> std::optional<EventHistory> {
        if (error)
            *error = {};
        return std::nullopt;
    };
    sqlite3 *db = sqliteHandle(database.connection());
    if (!db)
        return fail(SQLITE_MISUSE);

    qint64 maxEventId = 0;
    {
        Statement bounds = prepare(db, "SELECT coalesce(max(id), 0) FROM events");
        if (!bounds || sqlite3_step(bounds.get()) != SQLITE_ROW)
            return fail(sqlite3_errcode(db));
        maxEventId = sqlite3_column_int64(bounds.get(), 0);
    }

    // Rowid order is the order the engine saw the events in, and a sequential read of the table.
    Statement scan = prepare(db, "SELECT lead_id, type, occurred_at FROM events");
    if (!scan)
        return fail(sqlite3_errcode(db));

    EventHistory history;
    TypeInterner interner(history.typeNames);
    std::vector<qint64> rawLeads;
    std::vector<qint32> rawTypes;
    std::vector<qint64> rawTimes;
    rawLeads.reserve(size_t(maxEventId));
    rawTypes.reserve(size_t(maxEventId));
    rawTimes.reserve(size_t(maxEventId));
    int rc = SQLITE_ROW;
    while ((rc = sqlite3_step(scan.get())) == SQLITE_ROW) {
        sqlite3_stmt *row = scan.get();
        rawLeads.push_back(sqlite3_column_int64(row, 0));
        const auto *text = reinterpret_cast<const char *>(sqlite3_column_text(row, 1));
        rawTypes.push_back(interner.idOf(text ? text : "", sqlite3_column_bytes(row, 1)));
        rawTimes.push_back(sqlite3_column_int64(row, 2));
        if (progress && (rawLeads.size() & 0xFFFF) == 0
            && !progress(maxEventId > 0 ? qint64(rawLeads.size()) * loadSteps / maxEventId : 0, 2 * loadSteps))
            return cancelled();
    }
    if (rc != SQLITE_DONE)
        return fail(rc);
    scan.reset();

    // Group by lead, keeping each lead's events in id order. Lead ids are dense (INTEGER PRIMARY KEY),
    // so a counting sort does it in two linear passes; sparse ids fall back to a stable sort.
    const size_t count = rawLeads.size();
    history.typeIds.resize(count);
    history.times.resize(count);
    const auto [minIt, maxIt] = std::minmax_element(rawLeads.cbegin(), rawLeads.cend());
    const qint64 minLead = count ? *minIt : 0;
    const qint64 span = count ? *maxIt - minLead + 1 : 0;
    if (span <= qint64(count) * 4 + 1024) {
        std::vector<quint32> starts(size_t(span) + 1, 0);
        for (qint64 lead : rawLeads)
            ++starts[size_t(lead - minLead) + 1];
        for (qint64 slot = 0; slot < span; ++slot) {
            const quint32 n = starts[size_t(slot) + 1];
            if (n > 0) {
                history.leadIds.push_back(minLead + slot);
                history.offsets.push_back(starts[size_t(slot)]);
            }
            starts[size_t(slot) + 1] = starts[size_t(slot)] + n;
        }
        for (size_t i = 0; i < count; ++i) {
            const quint32 to = starts[size_t(rawLeads[i] - minLead)]++;
            history.typeIds[to] = rawTypes[i];
            history.times[to] = rawTimes[i];
        }
    } else {
        std::vector<quint32> order(count);
        std::iota(order.begin(), order.end(), 0u);
        std::stable_sort(order.begin(), order.end(),
                         [&rawLeads](quint32 a, quint32 b) { return rawLeads[a] < rawLeads[b]; });
        for (size_t i = 0; i < count; ++i) {
            const quint32 from = order[i];
            if (history.leadIds.empty() || history.leadIds.back() != rawLeads[from]) {
                history.leadIds.push_back(rawLeads[from]);
                history.offsets.push_back(quint32(i));
            }
            history.typeIds[i] = rawTypes[from];
            history.times[i] = rawTimes[from];
        }
    }
    history.offsets.push_back(quint32(count));
    if (progress && !progress(loadSteps, 2 * loadSteps))
        return cancelled();
    return history;
}

std::optional<WhatIfImpact> WhatIfQuery::run(const Database &database, const RuleSet &current, const RuleSet &draft,
                                             qint64 asOfMs, const Progress &progress, DatabaseError *error)
{
    const std::optional<EventHistory> history = loadHistory(database, progress, error);
    if (!history)
        return std::nullopt;
    WhatIfAnalysis::Options options;
    options.asOfMs = asOfMs;
    if (progress) {
        options.progress = [&progress](qsizetype done, qsizetype all) {
            return progress(loadSteps + (all > 0 ? qint64(done) * loadSteps / all : loadSteps), 2 * loadSteps);
        };
    }
    std::optional<WhatIfImpact> impact = WhatIfAnalysis::compare(*history, current, draft, options);
    if (!impact) {
        if (error)
            *error = {};
        return std::nullopt;
    }

    // Leads without events have no history to replay: both rule sets leave them as stored.
    sqlite3 *db = sqliteHandle(database.connection());
    Statement leads = prepare(db, "SELECT id, stage, score FROM leads ORDER BY id");
    if (!leads) {
        if (error)
            *error = DatabaseError::fromSqliteCode(sqlite3_errcode(db), database.path(), QString::fromUtf8(sqlite3_errmsg(db)));
        return std::nullopt;
    }
    size_t next = 0;
    int rc = SQLITE_ROW;
    while ((rc = sqlite3_step(leads.get())) == SQLITE_ROW) {
        const qint64 id = sqlite3_column_int64(leads.get(), 0);
        while (next < history->leadIds.size() && history->leadIds[next] < id)
            ++next;
        if (next < history->leadIds.size() && history->leadIds[next] == id)
            continue;
        const auto *text = reinterpret_cast<const char *>(sqlite3_column_text(leads.get(), 1));
        const Stage stage = stageFromName(QString::fromUtf8(text ? text : "")).value_or(Stage::Cold);
        WhatIfAnalysis::addUnchanged(*impact, stage, sqlite3_column_int(leads.get(), 2));
    }
    if (rc != SQLITE_DONE) {
        if (error)
            *error = DatabaseError::fromSqliteCode(rc, database.path(), QString::fromUtf8(sqlite3_errmsg(db)));
        return std::nullopt;
    }
    return impact;
}

} // namespace funnel
