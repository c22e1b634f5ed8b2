#include "core/storage/whatifquery.h"

#include "core/storage/database.h"
#include "core/storage/rawsqlite.h"
#include "core/storage/rescorer.h"

#include <sqlite3.h>

#include <QDeadlineTimer>
#include <QFile>
#include <QHash>
#include <QThread>

#include <algorithm>
#include <array>
#include <atomic>
#include <functional>
#include <limits>
#include <cstring>
#include <memory>
#include <numeric>

namespace funnel {
namespace {

constexpr qint64 loadSteps = 1000;

// Event types repeat a few dozen names millions of times: a direct-mapped guess, then a short linear
// scan over the names seen so far beat hashing each row; a hash takes over if there are many types.
class TypeInterner
{
public:
    explicit TypeInterner(QStringList &names) : m_names(names) {}

    qint32 idOf(const char *text, int bytes)
    {
        // A direct-mapped guess first: usually one comparison per row.
        const unsigned slot = bytes == 0 ? 0u
                                         : (unsigned(bytes) * 31u + uchar(text[0]) * 7u + uchar(text[bytes - 1]) * 13u
                                            + uchar(text[bytes / 2]))
                & (guessSlots - 1);
        const qint32 guess = m_guesses[slot];
        if (guess >= 0 && matches(guess, text, bytes))
            return guess;
        const qint32 id = lookUp(text, bytes);
        m_guesses[slot] = id;
        return id;
    }

private:
    static constexpr qsizetype linearLimit = 24;
    static constexpr unsigned guessSlots = 256;

    bool matches(qint32 id, const char *text, int bytes) const
    {
        const QByteArray &known = m_utf8.at(id);
        return known.size() == bytes && std::memcmp(known.constData(), text, size_t(bytes)) == 0;
    }

    qint32 lookUp(const char *text, int bytes)
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

    QStringList &m_names;
    std::array<qint32, guessSlots> m_guesses = makeGuesses();
    QList<QByteArray> m_utf8;
    QHash<QByteArray, qint32> m_index;

    static std::array<qint32, guessSlots> makeGuesses()
    {
        std::array<qint32, guessSlots> guesses;
        guesses.fill(-1);
        return guesses;
    }
};

Statement prepare(sqlite3 *db, const char *sql)
{
    sqlite3_stmt *statement = nullptr;
    if (sqlite3_prepare_v2(db, sql, -1, &statement, nullptr) != SQLITE_OK)
        return {};
    return Statement(statement);
}

// The events with ids [firstId, lastId] in id order, read by one thread through its own connection.
struct ScanSlice {
    std::vector<qint64> leads;
    std::vector<qint32> types; // index into typeNames
    std::vector<qint64> times;
    std::vector<qint64> ids;     // withStored only
    std::vector<qint32> points;  // withStored only
    QStringList typeNames;
    int rc = SQLITE_DONE;
    QString message;
};

void scanSlice(sqlite3 *db, qint64 firstId, qint64 lastId, bool withStored, ScanSlice &slice,
               std::atomic<qint64> &rowsRead, std::atomic<bool> &stop, const std::function<bool()> &report = {})
{
    if (lastId < firstId)
        return;
    // Rowid order is the order the engine saw the events in, and a sequential read of the table.
    Statement scan = prepare(db, withStored ? "SELECT lead_id, type, occurred_at, id, points FROM events WHERE id BETWEEN ?1 AND ?2"
                                            : "SELECT lead_id, type, occurred_at FROM events WHERE id BETWEEN ?1 AND ?2");
    if (!scan) {
        slice.rc = sqlite3_errcode(db);
        slice.message = QString::fromUtf8(sqlite3_errmsg(db));
        return;
    }
    sqlite3_bind_int64(scan.get(), 1, firstId);
    sqlite3_bind_int64(scan.get(), 2, lastId);
    const auto expected = size_t(lastId - firstId + 1);
    slice.leads.reserve(expected);
    slice.types.reserve(expected);
    slice.times.reserve(expected);
    if (withStored) {
        slice.ids.reserve(expected);
        slice.points.reserve(expected);
    }
    TypeInterner interner(slice.typeNames);
    sqlite3_stmt *row = scan.get();
    int rc = SQLITE_ROW;
    while ((rc = sqlite3_step(row)) == SQLITE_ROW) {
        slice.leads.push_back(sqlite3_column_int64(row, 0));
        const auto *text = reinterpret_cast<const char *>(sqlite3_column_text(row, 1));
        slice.types.push_back(interner.idOf(text ? text : "", sqlite3_column_bytes(row, 1)));
        slice.times.push_back(sqlite3_column_int64(row, 2));
        if (withStored) {
            slice.ids.push_back(sqlite3_column_int64(row, 3));
            slice.points.push_back(sqlite3_column_int(row, 4));
        }
        if ((slice.leads.size() & 0xFFFF) == 0) {
            rowsRead += 0x10000;
            if (report && !report())
                stop = true;
            if (stop)
                return;
        }
    }
    if (rc != SQLITE_DONE) {
        slice.rc = rc;
        slice.message = QString::fromUtf8(sqlite3_errmsg(db));
    }
}

} // namespace

std::optional<EventHistory> WhatIfQuery::loadHistory(const Database &database, const Progress &progress,
                                                     DatabaseError *error, qint64 parallelScanMinimum,
                                                     bool withStored)
{
    sqlite3 *db = database.sqliteHandle();
    auto fail = [&](int code, const QString &detail) -> std::optional<EventHistory> {
        if (error)
            *error = DatabaseError::fromSqliteCode(code, database.path(), detail);
        return std::nullopt;
    };
    auto cancelled = [&]() -> std::optional<EventHistory> {
        if (error)
            *error = {};
        return std::nullopt;
    };
    if (!db)
        return fail(SQLITE_MISUSE, {});

    qint64 minId = 0;
    qint64 maxId = 0;
    {
        Statement bounds = prepare(db, "SELECT coalesce(min(id), 0), coalesce(max(id), -1) FROM events");
        if (!bounds || sqlite3_step(bounds.get()) != SQLITE_ROW)
            return fail(sqlite3_errcode(db), QString::fromUtf8(sqlite3_errmsg(db)));
        minId = sqlite3_column_int64(bounds.get(), 0);
        maxId = sqlite3_column_int64(bounds.get(), 1);
    }
    const qint64 expected = std::max<qint64>(1, maxId - minId + 1);

    // Reading rows is SQLite's CPU time, not I/O: a second thread with its own read-only connection
    // reads the upper half of the ids. (The two connections may see different commits if an ingest
    // lands in between; a preview tolerates that, and rescoring reads in one transaction elsewhere.)
    std::atomic<qint64> rowsRead{0};
    std::atomic<bool> stop{false};
    ScanSlice lower;
    ScanSlice upper;
    qint64 split = maxId;
    sqlite3 *helper = nullptr;
    std::unique_ptr<QThread> thread;
    if (maxId - minId >= parallelScanMinimum
        && sqlite3_open_v2(QFile::encodeName(database.path()).constData(), &helper,
                           SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX, nullptr) == SQLITE_OK) {
        sqlite3_busy_timeout(helper, database.busyTimeoutMs());
        split = minId + (maxId - minId) / 2;
        thread.reset(QThread::create([&] { scanSlice(helper, split + 1, maxId, withStored, upper, rowsRead, stop); }));
        thread->start();
    } else if (helper) {
        sqlite3_close(helper);
        helper = nullptr;
    }
    auto report = [&]() {
        return !progress || progress(std::min<qint64>(loadSteps - 1, rowsRead.load() * loadSteps / expected), 2 * loadSteps);
    };
    scanSlice(db, minId, split, withStored, lower, rowsRead, stop, report);
    if (thread) {
        while (!thread->wait(QDeadlineTimer(50))) {
            if (!stop && !report())
                stop = true;
        }
        sqlite3_close(helper);
    }
    if (stop)
        return cancelled();
    for (const ScanSlice *slice : {&lower, &upper}) {
        if (slice->rc != SQLITE_DONE)
            return fail(slice->rc, slice->message);
    }

    // Group by lead, keeping each lead's events in id order (the lower slice's ids come first).
    // Lead ids are dense (INTEGER PRIMARY KEY), so a counting sort does it in two linear passes.
    EventHistory history;
    history.typeNames = lower.typeNames;
    std::vector<qint32> upperTypes(size_t(upper.typeNames.size()));
    for (qsizetype i = 0; i < upper.typeNames.size(); ++i) {
        qsizetype index = history.typeNames.indexOf(upper.typeNames.at(i));
        if (index < 0) {
            index = history.typeNames.size();
            history.typeNames.append(upper.typeNames.at(i));
        }
        upperTypes[size_t(i)] = qint32(index);
    }
    const size_t count = lower.leads.size() + upper.leads.size();
    history.typeIds.resize(count);
    history.times.resize(count);
    if (withStored) {
        history.eventIds.resize(count);
        history.storedPoints.resize(count);
    }
    qint64 minLead = std::numeric_limits<qint64>::max();
    qint64 maxLead = std::numeric_limits<qint64>::min();
    for (const ScanSlice *slice : {&lower, &upper}) {
        for (qint64 lead : slice->leads) {
            minLead = std::min(minLead, lead);
            maxLead = std::max(maxLead, lead);
        }
    }
    const qint64 span = count ? maxLead - minLead + 1 : 0;
    if (span > qint64(count) * 4 + 1024) {
        // Sparse ids (not written by Funnelboard): sort instead.
        std::vector<std::pair<qint64, quint32>> order;
        order.reserve(count);
        for (size_t i = 0; i < lower.leads.size(); ++i)
            order.emplace_back(lower.leads[i], quint32(i));
        for (size_t i = 0; i < upper.leads.size(); ++i)
            order.emplace_back(upper.leads[i], quint32(lower.leads.size() + i));
        std::stable_sort(order.begin(), order.end(), [](const auto &a, const auto &b) { return a.first < b.first; });
        for (size_t i = 0; i < count; ++i) {
            const auto [lead, from] = order[i];
            if (history.leadIds.empty() || history.leadIds.back() != lead) {
                history.leadIds.push_back(lead);
                history.offsets.push_back(quint32(i));
            }
            const bool isLower = from < lower.leads.size();
            const size_t at = isLower ? from : from - lower.leads.size();
            history.typeIds[i] = isLower ? lower.types[at] : upperTypes[size_t(upper.types[at])];
            history.times[i] = isLower ? lower.times[at] : upper.times[at];
            if (withStored) {
                history.eventIds[i] = isLower ? lower.ids[at] : upper.ids[at];
                history.storedPoints[i] = isLower ? lower.points[at] : upper.points[at];
            }
        }
    } else {
        std::vector<quint32> starts(size_t(span) + 1, 0);
        for (const ScanSlice *slice : {&lower, &upper}) {
            for (qint64 lead : slice->leads)
                ++starts[size_t(lead - minLead) + 1];
        }
        for (qint64 slot = 0; slot < span; ++slot) {
            const quint32 n = starts[size_t(slot) + 1];
            if (n > 0) {
                history.leadIds.push_back(minLead + slot);
                history.offsets.push_back(starts[size_t(slot)]);
            }
            starts[size_t(slot) + 1] = starts[size_t(slot)] + n;
        }
        for (size_t i = 0; i < lower.leads.size(); ++i) {
            const quint32 to = starts[size_t(lower.leads[i] - minLead)]++;
            history.typeIds[to] = lower.types[i];
            history.times[to] = lower.times[i];
            if (withStored) {
                history.eventIds[to] = lower.ids[i];
                history.storedPoints[to] = lower.points[i];
            }
        }
        for (size_t i = 0; i < upper.leads.size(); ++i) {
            const quint32 to = starts[size_t(upper.leads[i] - minLead)]++;
            history.typeIds[to] = upperTypes[size_t(upper.types[i])];
            history.times[to] = upper.times[i];
            if (withStored) {
                history.eventIds[to] = upper.ids[i];
                history.storedPoints[to] = upper.points[i];
            }
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
    sqlite3 *db = database.sqliteHandle();
    auto fail = [&](int code) -> std::optional<WhatIfImpact> {
        if (error)
            *error = DatabaseError::fromSqliteCode(code, database.path(), QString::fromUtf8(sqlite3_errmsg(db)));
        return std::nullopt;
    };

    // "Now" is what is stored (what the board shows), so the moves are what applying would make
    // even where stored scores did not come from these rules (an import, older rules applied to
    // future events only). Leads without events have no history: both columns keep them as stored.
    WhatIfAnalysis::Options options;
    options.storedStages.resize(history->leadIds.size(), qint8(Stage::Cold));
    options.storedScores.resize(history->leadIds.size(), 0);
    struct Unchanged {
        Stage stage;
        int score;
    };
    std::vector<Unchanged> unchanged;
    {
        // In no particular order: SQLite then reads a covering index of (stage, score, id), a fifth
        // of the table's pages (0.07 s instead of 0.3-0.4 s at 1M leads). Lead ids are dense
        // (INTEGER PRIMARY KEY), so a slot table finds a lead's place in the history.
        const std::vector<qint64> &ids = history->leadIds;
        const qint64 minLead = ids.empty() ? 0 : ids.front();
        const qint64 span = ids.empty() ? 0 : ids.back() - minLead + 1;
        std::vector<qint32> slots;
        if (span <= qint64(ids.size()) * 4 + 1024) {
            slots.assign(size_t(span), -1);
            for (size_t i = 0; i < ids.size(); ++i)
                slots[size_t(ids[i] - minLead)] = qint32(i);
        }
        auto slotOf = [&](qint64 id) -> qint64 {
            if (id < minLead || id - minLead >= span)
                return -1;
            if (!slots.empty())
                return slots[size_t(id - minLead)];
            const auto it = std::lower_bound(ids.cbegin(), ids.cend(), id);
            return it != ids.cend() && *it == id ? qint64(it - ids.cbegin()) : -1;
        };
        Statement leads = prepare(db, "SELECT id, stage, score FROM leads");
        if (!leads)
            return fail(sqlite3_errcode(db));
        int rc = SQLITE_ROW;
        while ((rc = sqlite3_step(leads.get())) == SQLITE_ROW) {
            const qint64 id = sqlite3_column_int64(leads.get(), 0);
            const auto *text = reinterpret_cast<const char *>(sqlite3_column_text(leads.get(), 1));
            // The table's CHECK allows five names whose first letters differ.
            Stage stage = Stage::Cold;
            switch (text ? text[0] : 'C') {
            case 'M': stage = Stage::MQL; break;
            case 'S': stage = Stage::SQL; break;
            case 'W': stage = Stage::Won; break;
            case 'L': stage = Stage::Lost; break;
            default: break;
            }
            const int score = sqlite3_column_int(leads.get(), 2);
            const qint64 slot = slotOf(id);
            if (slot >= 0) {
                options.storedStages[size_t(slot)] = qint8(stage);
                options.storedScores[size_t(slot)] = score;
            } else {
                unchanged.push_back({stage, score});
            }
        }
        if (rc != SQLITE_DONE)
            return fail(rc);
    }

    // As a rescore would: people's stages stay, imported scores are where replays start.
    // Won and Lost come with the stored stages (WhatIfAnalysis keeps them); only people's other
    // moves are looked up.
    std::optional<QHash<qint64, Stage>> pinned = Rescorer::pinnedStages(database, error, false);
    std::optional<QHash<qint64, int>> bases = Rescorer::baseScores(database, error);
    if (!pinned || !bases)
        return std::nullopt;
    options.asOfMs = asOfMs;
    options.pinned = std::move(*pinned);
    options.baseScores = std::move(*bases);
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
    for (const Unchanged &lead : unchanged)
        WhatIfAnalysis::addUnchanged(*impact, lead.stage, lead.score);
    return impact;
}

} // namespace funnel
