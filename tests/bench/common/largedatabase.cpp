#include "tests/bench/common/largedatabase.h"

#include "core/storage/database.h"

#include <QByteArray>
#include <QDateTime>
#include <QFile>
#include <QList>
#include <QSqlDriver>
#include <QVariant>

#include <sqlite3.h>

#include <array>
#include <cstdio>
#include <vector>

namespace funnel {

using namespace Qt::StringLiterals;

namespace {

constexpr qint64 dayMs = 24LL * 60 * 60 * 1000;
constexpr qint64 historySpanMs = 180 * dayMs;

constexpr std::array<const char *, LargeDatabase::ownerCount> owners{
    "ada.lovelace", "grace.hopper", "alan.turing", "edsger.dijkstra",
    "barbara.liskov", "donald.knuth", "margaret.hamilton", "ken.thompson"};
constexpr std::array<const char *, LargeDatabase::sourceCount> sources{
    "website", "webinar", "referral", "linkedin", "trade-show", "partner", "outbound"};
constexpr std::array<const char *, 24> firstNames{
    "Ava", "Noah", "Mia", "Liam", "Emma", "Lucas", "Zoe", "Ethan", "Ines", "Omar", "Sara", "Jonas",
    "Lena", "Hugo", "Nora", "Felix", "Maya", "Tomas", "Aiko", "Ravi", "Chloe", "Mateo", "Yara", "Kai"};
constexpr std::array<const char *, 24> lastNames{
    "Schmidt", "Garcia", "Chen", "Novak", "Okafor", "Rossi", "Dubois", "Kowalski", "Tanaka", "Silva",
    "Larsen", "Murphy", "Haddad", "Ivanova", "Berg", "Moreau", "Patel", "Fischer", "Costa", "Nagy",
    "Kim", "Weber", "Jensen", "Lopez"};
constexpr std::array<const char *, 16> companyStems{
    "Acme", "Globex", "Initech", "Umbrella", "Hooli", "Vandelay", "Stark", "Wayne", "Tyrell", "Soylent",
    "Cyberdyne", "Aperture", "Massive", "Pied Piper", "Wonka", "Oscorp"};
constexpr std::array<const char *, 8> companySuffixes{
    "Labs", "Systems", "GmbH", "Inc", "Analytics", "Cloud", "Group", "Logistics"};
constexpr std::array<const char *, 6> titles{
    "CTO", "Head of Data", "Engineering Manager", "Developer", "VP Sales", "Product Owner"};
constexpr std::array<const char *, 5> lostReasons{
    "No budget", "Went with a competitor", "No response", "Not a fit", "Timing"};

struct EventType {
    const char *name;
    int points;
    int weight; // relative frequency
};
constexpr std::array<EventType, 8> eventTypes{{
    {"OPENED_EMAIL", 0, 30},
    {"VIEWED_PRICING", 10, 25},
    {"DOWNLOADED_API_DOCS", 20, 10},
    {"ABANDONED_CHECKOUT", 15, 5},
    {"SIGNED_UP_NEWSLETTER", 0, 12},
    {"HIT_RATE_LIMIT", 0, 10},
    {"REQUESTED_DEMO", 0, 5},
    {"UNSUBSCRIBED", -30, 3},
}};

// splitmix64: fast, good enough for test data, and the same on every platform.
class Random
{
public:
    explicit Random(quint64 seed) : m_state(seed * 0x9E3779B97F4A7C15ULL + 1) {}
    quint64 next()
    {
        quint64 z = (m_state += 0x9E3779B97F4A7C15ULL);
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
        return z ^ (z >> 31);
    }
    double unit() { return double(next() >> 11) * (1.0 / 9007199254740992.0); }
    int range(int low, int high) { return low + int(next() % quint64(high - low + 1)); } // inclusive
    qint64 between(qint64 low, qint64 high) { return high <= low ? low : low + qint64(next() % quint64(high - low)); }

private:
    quint64 m_state;
};

const char *stageText(int stage)
{
    static constexpr std::array<const char *, 5> names{"Cold", "MQL", "SQL", "Won", "Lost"};
    return names[size_t(stage)];
}

enum : int { Cold, MQL, SQL, Won, Lost };

int pickStage(Random &random)
{
    const double u = random.unit();
    return u < 0.50 ? Cold : u < 0.75 ? MQL : u < 0.85 ? SQL : u < 0.90 ? Won : Lost;
}

float eventWeight(int stage)
{
    static constexpr std::array<float, 5> weights{0.6f, 1.2f, 2.0f, 2.5f, 1.0f};
    return weights[size_t(stage)];
}

int scoreFor(int stage, Random &random)
{
    switch (stage) {
    case Cold: return random.range(0, 45);
    case MQL: return random.range(30, 79);
    case SQL: return random.range(80, 150);
    case Won: return random.range(90, 190);
    default: return random.range(0, 90);
    }
}

class Writer
{
public:
    explicit Writer(sqlite3 *db) : m_db(db) {}
    ~Writer()
    {
        for (sqlite3_stmt *statement : {m_lead, m_event, m_history})
            sqlite3_finalize(statement);
    }

    bool exec(const char *sql)
    {
        if (sqlite3_exec(m_db, sql, nullptr, nullptr, nullptr) == SQLITE_OK)
            return true;
        return fail(sql);
    }

    bool prepare()
    {
        return prepare(&m_lead,
                       "INSERT INTO leads (id, external_id, email, name, company, title, source, owner, stage, score,"
                       " created_at, stage_entered_at, last_activity_at, seen_at, reached)"
                       " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15)")
            && prepare(&m_event,
                       "INSERT INTO events (lead_id, type, occurred_at, received_at, points) VALUES (?1, ?2, ?3, ?3, ?4)")
            && prepare(&m_history,
                       "INSERT INTO stage_history (lead_id, from_stage, to_stage, at, cause, reason, actor, prev_at,"
                       " owner, source) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)");
    }

    bool fail(const char *what)
    {
        m_error = QString::fromUtf8(what) + u": "_s + QString::fromUtf8(sqlite3_errmsg(m_db));
        return false;
    }
    QString error() const { return m_error; }

    bool step(sqlite3_stmt *statement, const char *what)
    {
        const int rc = sqlite3_step(statement);
        sqlite3_reset(statement);
        return rc == SQLITE_DONE || fail(what);
    }

    sqlite3_stmt *lead() const { return m_lead; }
    sqlite3_stmt *event() const { return m_event; }

    // A history row complete with what the triggers would derive: the previous row's time (0: none),
    // the lead's owner and source.
    bool history(qint64 leadId, int from, int to, qint64 at, const char *cause, const char *reason, const char *actor,
                 qint64 previousAt, const char *owner, const char *source)
    {
        sqlite3_bind_int64(m_history, 1, leadId);
        if (from < 0)
            sqlite3_bind_null(m_history, 2);
        else
            sqlite3_bind_text(m_history, 2, stageText(from), -1, SQLITE_STATIC);
        sqlite3_bind_text(m_history, 3, stageText(to), -1, SQLITE_STATIC);
        sqlite3_bind_int64(m_history, 4, at);
        sqlite3_bind_text(m_history, 5, cause, -1, SQLITE_STATIC);
        sqlite3_bind_text(m_history, 6, reason, -1, SQLITE_STATIC);
        sqlite3_bind_text(m_history, 7, actor, -1, SQLITE_STATIC);
        if (previousAt > 0)
            sqlite3_bind_int64(m_history, 8, previousAt);
        else
            sqlite3_bind_null(m_history, 8);
        sqlite3_bind_text(m_history, 9, owner, -1, SQLITE_STATIC);
        sqlite3_bind_text(m_history, 10, source, -1, SQLITE_STATIC);
        return step(m_history, "stage_history");
    }

private:
    bool prepare(sqlite3_stmt **statement, const char *sql)
    {
        return sqlite3_prepare_v2(m_db, sql, -1, statement, nullptr) == SQLITE_OK || fail(sql);
    }

    sqlite3 *m_db = nullptr;
    sqlite3_stmt *m_lead = nullptr;
    sqlite3_stmt *m_event = nullptr;
    sqlite3_stmt *m_history = nullptr;
    QString m_error;
};

sqlite3 *sqliteHandle(const Database &database)
{
    const QVariant handle = database.connection().driver()->handle();
    if (qstrcmp(handle.typeName(), "sqlite3*") != 0)
        return nullptr;
    return *static_cast<sqlite3 *const *>(handle.constData());
}

// The secondary indexes of the bulk-loaded tables, to drop before the load and build after it:
// sorting once is much faster than keeping nine B-trees ordered row by row.
QList<QByteArray> secondaryIndexes(sqlite3 *db)
{
    QList<QByteArray> statements;
    sqlite3_stmt *query = nullptr;
    sqlite3_prepare_v2(db,
                       "SELECT sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL"
                       " AND tbl_name IN ('leads', 'events', 'stage_history')",
                       -1, &query, nullptr);
    while (sqlite3_step(query) == SQLITE_ROW)
        statements.append(QByteArray(reinterpret_cast<const char *>(sqlite3_column_text(query, 0))));
    sqlite3_finalize(query);
    return statements;
}

QByteArray indexName(const QByteArray &createStatement)
{
    // "CREATE [UNIQUE] INDEX name ON ..."
    const QList<QByteArray> words = createStatement.simplified().split(' ');
    const qsizetype at = words.indexOf("INDEX");
    return at >= 0 && at + 1 < words.size() ? words.at(at + 1) : QByteArray();
}

} // namespace

QString LargeDatabase::ownerName(int index)
{
    return QString::fromLatin1(owners[size_t(index)]);
}

QString LargeDatabase::sourceName(int index)
{
    return QString::fromLatin1(sources[size_t(index)]);
}

bool LargeDatabase::create(const QString &path, int leads, qint64 events, quint32 seed, QString *error)
{
    auto failWith = [error](const QString &message) {
        if (error)
            *error = message;
        return false;
    };
    for (const QString &file : {path, QString(path + u"-wal"_s), QString(path + u"-shm"_s)})
        QFile::remove(file);

    Database database;
    if (!database.open(path))
        return failWith(database.lastError().message);
    sqlite3 *db = sqliteHandle(database);
    if (!db)
        return failWith(u"the Qt SQLite driver does not expose a sqlite3 handle"_s);

    Writer writer(db);
    // A fresh file nobody else has open: no journal and no fsync while loading; WAL again at the end.
    // Foreign keys are off because a lead's events are written before the lead (its last activity
    // comes from them); every lead_id written is a lead of this load.
    if (!writer.exec("PRAGMA journal_mode = OFF") || !writer.exec("PRAGMA synchronous = OFF")
        || !writer.exec("PRAGMA foreign_keys = OFF")
        || !writer.exec("PRAGMA cache_size = -65536") || !writer.exec("PRAGMA threads = 2"))
        return failWith(writer.error());
    const QList<QByteArray> indexes = secondaryIndexes(db);
    for (const QByteArray &index : indexes) {
        if (!writer.exec(QByteArray("DROP INDEX " + indexName(index)).constData()))
            return failWith(writer.error());
    }
    // The triggers that derive data row by row would run a query per history row: off during the
    // load, and Database::rebuildDerivedData() after it.
    const std::optional<QStringList> triggers = database.derivedDataTriggerDefinitions();
    if (!triggers)
        return failWith(database.lastError().message);
    for (const QString &name : Database::derivedDataTriggers()) {
        if (!writer.exec(QByteArray("DROP TRIGGER IF EXISTS " + name.toUtf8()).constData()))
            return failWith(writer.error());
    }
    if (!writer.prepare())
        return failWith(writer.error());

    Random random(seed);
    const qint64 now = QDateTime::currentMSecsSinceEpoch();

    // First pass: stages and event weights, so that the events add up to exactly `events`.
    std::vector<quint8> stages(size_t(qMax(leads, 0)));
    std::vector<float> weights(stages.size());
    double totalWeight = 0;
    for (size_t i = 0; i < stages.size(); ++i) {
        stages[i] = quint8(pickStage(random));
        weights[i] = eventWeight(stages[i]) * float(0.25 + 1.5 * random.unit());
        totalWeight += weights[i];
    }

    int eventWeightTotal = 0;
    for (const EventType &type : eventTypes)
        eventWeightTotal += type.weight;

    char externalId[32];
    char email[96];
    char name[64];
    char company[64];
    double cumulative = 0;
    qint64 emitted = 0;
    constexpr int leadsPerTransaction = 50000;

    if (!writer.exec("BEGIN"))
        return failWith(writer.error());
    for (int i = 0; i < leads; ++i) {
        const qint64 id = i + 1;
        const int stage = stages[size_t(i)];
        const char *first = firstNames[random.next() % firstNames.size()];
        const char *last = lastNames[random.next() % lastNames.size()];
        const char *stem = companyStems[random.next() % companyStems.size()];
        const char *suffix = companySuffixes[random.next() % companySuffixes.size()];
        const char *owner = owners[random.next() % owners.size()];
        const char *source = sources[random.next() % sources.size()];
        const int nameSize = std::snprintf(name, sizeof name, "%s %s", first, last);
        const int companySize = std::snprintf(company, sizeof company, "%s %s", stem, suffix);
        const int idSize = std::snprintf(externalId, sizeof externalId, "u-%09lld", id);
        const int emailSize = std::snprintf(email, sizeof email, "%s.%s.%lld@%s.example", first, last, id, stem);
        for (int c = 0; c < emailSize; ++c) {
            if (email[c] >= 'A' && email[c] <= 'Z')
                email[c] = char(email[c] - 'A' + 'a');
            else if (email[c] == ' ')
                email[c] = '-';
        }

        const qint64 createdAt = now - random.between(0, historySpanMs);

        // The walk through the funnel: each step some time after the previous one.
        std::array<std::pair<int, qint64>, 4> steps{};
        int stepCount = 0;
        auto stepAfter = [&](int to, qint64 after) {
            const qint64 at = after + qint64(double(now - after) * (0.05 + 0.55 * random.unit()));
            steps[size_t(stepCount++)] = {to, at};
            return at;
        };
        qint64 at = createdAt;
        switch (stage) {
        case Cold: break;
        case MQL: stepAfter(MQL, at); break;
        case SQL:
            if (random.unit() < 0.2)
                stepAfter(SQL, at);
            else
                stepAfter(SQL, stepAfter(MQL, at));
            break;
        case Won: stepAfter(Won, stepAfter(SQL, stepAfter(MQL, at))); break;
        case Lost: {
            const double u = random.unit();
            if (u < 0.3)
                at = stepAfter(MQL, at);
            if (u < 0.1)
                at = stepAfter(SQL, at);
            stepAfter(Lost, at);
            break;
        }
        }
        const qint64 stageEnteredAt = stepCount ? steps[size_t(stepCount - 1)].second : createdAt;

        // Events: this lead's share of the total, then its latest one is the last activity.
        cumulative += double(events) * double(weights[size_t(i)]) / totalWeight;
        qint64 eventCount = (i == leads - 1) ? events - emitted : qMax<qint64>(0, qint64(cumulative + 0.5) - emitted);
        qint64 lastActivity = 0;
        for (qint64 e = 0; e < eventCount; ++e) {
            int pick = int(random.next() % quint64(eventWeightTotal));
            const EventType *type = &eventTypes[0];
            for (const EventType &candidate : eventTypes) {
                if (pick < candidate.weight) {
                    type = &candidate;
                    break;
                }
                pick -= candidate.weight;
            }
            const qint64 occurredAt = random.between(createdAt, now);
            lastActivity = qMax(lastActivity, occurredAt);
            sqlite3_stmt *event = writer.event();
            sqlite3_bind_int64(event, 1, id);
            sqlite3_bind_text(event, 2, type->name, -1, SQLITE_STATIC);
            sqlite3_bind_int64(event, 3, occurredAt);
            sqlite3_bind_int(event, 4, type->points);
            if (!writer.step(event, "events"))
                return failWith(writer.error());
        }
        emitted += eventCount;

        // The new-SQL marker: about a third of the SQLs are still unopened.
        const bool seen = stage == SQL ? random.unit() > 0.35 : random.unit() > 0.1;
        sqlite3_stmt *lead = writer.lead();
        sqlite3_bind_int64(lead, 1, id);
        sqlite3_bind_text(lead, 2, externalId, idSize, SQLITE_STATIC);
        sqlite3_bind_text(lead, 3, email, emailSize, SQLITE_STATIC);
        sqlite3_bind_text(lead, 4, name, nameSize, SQLITE_STATIC);
        sqlite3_bind_text(lead, 5, company, companySize, SQLITE_STATIC);
        sqlite3_bind_text(lead, 6, titles[random.next() % titles.size()], -1, SQLITE_STATIC);
        sqlite3_bind_text(lead, 7, source, -1, SQLITE_STATIC);
        sqlite3_bind_text(lead, 8, owner, -1, SQLITE_STATIC);
        sqlite3_bind_text(lead, 9, stageText(stage), -1, SQLITE_STATIC);
        sqlite3_bind_int(lead, 10, scoreFor(stage, random));
        sqlite3_bind_int64(lead, 11, createdAt);
        sqlite3_bind_int64(lead, 12, stageEnteredAt);
        if (eventCount > 0)
            sqlite3_bind_int64(lead, 13, lastActivity);
        else
            sqlite3_bind_null(lead, 13);
        if (seen)
            sqlite3_bind_int64(lead, 14, stageEnteredAt + random.between(0, qMax<qint64>(1, (now - stageEnteredAt) / 2)));
        else
            sqlite3_bind_null(lead, 14);
        int reached = 1 << Cold; // leads.reached: a bit per stage of the walk
        for (int s = 0; s < stepCount; ++s)
            reached |= 1 << steps[size_t(s)].first;
        sqlite3_bind_int(lead, 15, reached);
        if (!writer.step(lead, "leads"))
            return failWith(writer.error());

        if (!writer.history(id, -1, Cold, createdAt, "created", "", "", 0, owner, source))
            return failWith(writer.error());
        int from = Cold;
        qint64 previousAt = createdAt;
        for (int s = 0; s < stepCount; ++s) {
            const auto [to, stepAt] = steps[size_t(s)];
            const bool manual = to == Lost || (to == Won && random.unit() < 0.5);
            const char *cause = manual ? "manual" : (to == MQL && random.unit() < 0.5) ? "threshold" : "gate";
            const char *reason = to == Lost ? lostReasons[random.next() % lostReasons.size()] : "";
            if (!writer.history(id, from, to, stepAt, cause, reason, manual ? owner : "", previousAt, owner, source))
                return failWith(writer.error());
            from = to;
            previousAt = stepAt;
        }

        if ((i + 1) % leadsPerTransaction == 0 && (!writer.exec("COMMIT") || !writer.exec("BEGIN")))
            return failWith(writer.error());
    }
    if (!writer.exec("COMMIT"))
        return failWith(writer.error());

    if (qEnvironmentVariableIsSet("FUNNEL_BENCHDATA_TRACE"))
        std::fprintf(stderr, "rows written after %lld ms\n", QDateTime::currentMSecsSinceEpoch() - now);
    for (const QByteArray &index : indexes) {
        if (qEnvironmentVariableIsSet("FUNNEL_BENCHDATA_TRACE"))
            std::fprintf(stderr, "index %s at %lld ms\n", indexName(index).constData(), QDateTime::currentMSecsSinceEpoch() - now);
        if (!writer.exec(index.constData()))
            return failWith(writer.error());
    }
    for (const QString &trigger : *triggers) {
        if (!writer.exec(trigger.toUtf8().constData()))
            return failWith(writer.error());
    }
    if (qEnvironmentVariableIsSet("FUNNEL_BENCHDATA_TRACE"))
        std::fprintf(stderr, "derived data at %lld ms\n", QDateTime::currentMSecsSinceEpoch() - now);
    if (!database.rebuildDerivedData())
        return failWith(database.lastError().message);
    if (!writer.exec("PRAGMA foreign_keys = ON") || !writer.exec("PRAGMA journal_mode = WAL"))
        return failWith(writer.error());
    return true;
}

} // namespace funnel
