#pragma once

// Deterministic synthetic events JSONL for the storage tests and tests/bench: a realistic mix of the
// default rules' event types plus unknown ones, over `days` days, for `users` users.
//
// Traffic::Visits (the default) models how people use a product: every user visits at least once,
// busier users (Zipf-like weights) come back more often, and a visit is a few events minutes apart.
// Traffic::Uniform picks a random user for every event: no locality at all, the worst case for
// batching (nearly every event of a batch touches a different lead).

#include <QByteArray>
#include <QIODevice>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <numeric>
#include <random>
#include <utility>
#include <vector>

namespace funnel::testing {

enum class Traffic { Visits, Uniform };

struct SyntheticOptions {
    Traffic traffic = Traffic::Visits;
    qint64 events = 1000;
    int users = 100;
    quint64 seed = 1;
    qint64 startMs = 1767225600000; // 2026-01-01T00:00:00Z
    int days = 90;
    int percentWithoutEventId = 0; // such lines are stored again on re-ingest
    int percentRepeated = 0;       // lines that repeat an earlier line verbatim (same eventId)
    int percentEmailOnly = 0;      // lines that name the user by email only
};

// One generated event; `line` is its JSONL text without the line break.
struct SyntheticEvent {
    qint64 sequence = 0;
    int user = 0;
    const char *type = "";
    qint64 atMs = 0;
    bool hasEventId = true;
    QByteArray eventId;
    QByteArray metadata; // compact JSON, as stored in events.metadata
    QByteArray line;
};

class SyntheticEventGenerator
{
public:
    explicit SyntheticEventGenerator(const SyntheticOptions &options)
        : m_options(options)
        , m_random(options.seed)
        , m_seen(size_t(options.users), false)
    {
        if (options.traffic == Traffic::Visits)
            planVisits();
    }

    // The default rules' types and a few unknown ones, weighted like a product's real traffic.
    static const char *typeFor(int roll) // roll in [0, 1000)
    {
        struct Weighted {
            int perMille;
            const char *type;
        };
        static constexpr Weighted mix[] = {
            {350, "VIEWED_PRICING"},  {200, "OPENED_EMAIL"},        {150, "VISITED_BLOG"},
            {80, "DOWNLOADED_API_DOCS"}, {50, "ABANDONED_CHECKOUT"}, {50, "SIGNED_UP_NEWSLETTER"},
            {40, "HIT_RATE_LIMIT"},   {30, "REQUESTED_DEMO"},      {20, "UNSUBSCRIBED"},
            {15, "CONTRACT_SIGNED"},  {15, "PAYMENT_SUCCEEDED"},
        };
        for (const Weighted &w : mix) {
            if (roll < w.perMille)
                return w.type;
            roll -= w.perMille;
        }
        return "VIEWED_PRICING";
    }

    bool next(SyntheticEvent *event)
    {
        if (m_sequence >= m_options.events)
            return false;
        const qint64 sequence = m_sequence++;
        if (m_options.percentRepeated > 0 && !m_history.empty() && roll(100) < m_options.percentRepeated) {
            *event = m_history[size_t(roll(int(m_history.size())))];
            event->sequence = sequence;
            return true;
        }
        SyntheticEvent &e = *event;
        e.sequence = sequence;
        e.type = typeFor(roll(1000));
        if (m_options.traffic == Traffic::Visits) {
            e.user = m_plan[size_t(sequence)].second;
            e.atMs = m_options.startMs + m_plan[size_t(sequence)].first;
        } else {
            e.user = roll(m_options.users);
            const qint64 spanMs = qint64(m_options.days) * 86'400'000;
            // Roughly time-ordered, as a real export is, with a few minutes of jitter.
            e.atMs = m_options.startMs + spanMs * sequence / qMax<qint64>(1, m_options.events) + roll(300'000);
        }
        e.hasEventId = roll(100) >= m_options.percentWithoutEventId;
        e.eventId = e.hasEventId ? QByteArray("e-" + QByteArray::number(m_options.seed) + '-' + QByteArray::number(sequence))
                                 : QByteArray();
        e.metadata = metadataFor(e);

        const bool first = !m_seen[size_t(e.user)];
        m_seen[size_t(e.user)] = true;
        const bool emailOnly = roll(100) < m_options.percentEmailOnly;
        QByteArray &line = e.line;
        line.clear();
        line.reserve(256);
        line += '{';
        if (e.hasEventId)
            line += "\"eventId\":\"" + e.eventId + "\",";
        if (!emailOnly)
            line += "\"userId\":\"u-" + QByteArray::number(e.user) + "\",";
        line += "\"eventType\":\"";
        line += e.type;
        line += "\",\"timestamp\":\"" + isoTimestamp(e.atMs) + '"';
        if (!e.metadata.isEmpty())
            line += ",\"metadata\":" + e.metadata;
        if (first || emailOnly)
            line += ",\"email\":\"" + emailOf(e.user) + '"';
        if (first) {
            line += ",\"name\":\"Person " + QByteArray::number(e.user) + "\",\"company\":\"Company "
                + QByteArray::number(e.user % 997) + '"';
        }
        line += '}';
        if (m_options.percentRepeated > 0 && e.hasEventId && m_history.size() < 4096)
            m_history.push_back(e);
        return true;
    }

    static QByteArray emailOf(int user)
    {
        return "person" + QByteArray::number(user) + "@company" + QByteArray::number(user % 997) + ".example";
    }

    static QByteArray isoTimestamp(qint64 ms)
    {
        const qint64 days = ms >= 0 ? ms / 86'400'000 : (ms - 86'399'999) / 86'400'000;
        const qint64 msOfDay = ms - days * 86'400'000;
        // civil_from_days (Howard Hinnant)
        const qint64 z = days + 719468;
        const qint64 era = (z >= 0 ? z : z - 146096) / 146097;
        const qint64 doe = z - era * 146097;
        const qint64 yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
        const qint64 doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        const qint64 mp = (5 * doy + 2) / 153;
        const qint64 day = doy - (153 * mp + 2) / 5 + 1;
        const qint64 month = mp < 10 ? mp + 3 : mp - 9;
        const qint64 year = yoe + era * 400 + (month <= 2 ? 1 : 0);
        char text[96];
        std::snprintf(text, sizeof text, "%04lld-%02lld-%02lldT%02lld:%02lld:%02lld.%03lldZ", (long long)year,
                      (long long)month, (long long)day, (long long)(msOfDay / 3'600'000),
                      (long long)(msOfDay / 60'000 % 60), (long long)(msOfDay / 1000 % 60), (long long)(msOfDay % 1000));
        return QByteArray(text);
    }

    // Writes the whole stream as JSONL; returns the number of lines.
    static qint64 writeJsonl(const SyntheticOptions &options, QIODevice &out)
    {
        SyntheticEventGenerator generator(options);
        SyntheticEvent event;
        QByteArray chunk;
        chunk.reserve(1 << 20);
        qint64 lines = 0;
        while (generator.next(&event)) {
            chunk += event.line;
            chunk += '\n';
            ++lines;
            if (chunk.size() > (1 << 20) - 1024) {
                out.write(chunk);
                chunk.clear();
            }
        }
        out.write(chunk);
        return lines;
    }

private:
    int roll(int bound) { return int(m_random() % quint64(qMax(1, bound))); }

    // (time offset, user) of every event, in time order.
    void planVisits()
    {
        const int users = qMax(1, m_options.users);
        const qint64 spanMs = qint64(m_options.days) * 86'400'000;
        // Who comes back: weight 1 / (rank + 10)^0.9, ranks shuffled over the user ids.
        std::vector<int> byRank(static_cast<size_t>(users));
        std::iota(byRank.begin(), byRank.end(), 0);
        std::shuffle(byRank.begin(), byRank.end(), m_random);
        std::vector<double> cumulative(static_cast<size_t>(users));
        double sum = 0;
        for (int rank = 0; rank < users; ++rank) {
            sum += 1.0 / std::pow(double(rank) + 10.0, 0.9);
            cumulative[size_t(rank)] = sum;
        }
        std::vector<int> firstVisits(static_cast<size_t>(users));
        std::iota(firstVisits.begin(), firstVisits.end(), 0);
        std::shuffle(firstVisits.begin(), firstVisits.end(), m_random);

        std::uniform_real_distribution<double> unit(0.0, 1.0);
        std::geometric_distribution<int> extraEvents(1.0 / 3.0); // 1 + 2 more on average
        m_plan.reserve(size_t(m_options.events));
        size_t visits = 0;
        while (qint64(m_plan.size()) < m_options.events) {
            int user = 0;
            if (visits < firstVisits.size()) {
                user = firstVisits[visits];
            } else {
                const double pick = unit(m_random) * sum;
                const auto it = std::lower_bound(cumulative.begin(), cumulative.end(), pick);
                user = byRank[size_t(std::min<std::ptrdiff_t>(it - cumulative.begin(), users - 1))];
            }
            ++visits;
            qint64 at = qint64(unit(m_random) * double(spanMs));
            const int length = 1 + std::min(extraEvents(m_random), 11);
            for (int i = 0; i < length && qint64(m_plan.size()) < m_options.events; ++i) {
                m_plan.emplace_back(at, user);
                at += 10'000 + roll(290'000); // 10 s to 5 min apart
            }
        }
        std::stable_sort(m_plan.begin(), m_plan.end(),
                         [](const auto &a, const auto &b) { return a.first < b.first; });
    }

    QByteArray metadataFor(const SyntheticEvent &e)
    {
        static const char *const pages[] = {"/pricing", "/pricing#team", "/pricing#enterprise", "/docs/api"};
        static const char *const sources[] = {"newsletter", "google", "linkedin", "direct"};
        const QByteArray type(e.type);
        if (type == "VIEWED_PRICING")
            return QByteArray("{\"page\":\"") + pages[roll(4)] + "\",\"seconds\":" + QByteArray::number(roll(300)) + '}';
        if (type == "OPENED_EMAIL" || type == "SIGNED_UP_NEWSLETTER")
            return QByteArray("{\"campaign\":\"nurture-") + QByteArray::number(roll(12)) + "\",\"utm_source\":\""
                + sources[roll(4)] + "\"}";
        if (type == "ABANDONED_CHECKOUT")
            return "{\"cart\":{\"plan\":\"team\",\"seats\":" + QByteArray::number(1 + roll(50)) + "}}";
        if (type == "HIT_RATE_LIMIT")
            return "{\"endpoint\":\"/v1/query\",\"limit\":" + QByteArray::number(100 * (1 + roll(10))) + '}';
        return {};
    }

    SyntheticOptions m_options;
    std::mt19937_64 m_random;
    std::vector<bool> m_seen;
    std::vector<SyntheticEvent> m_history;
    std::vector<std::pair<qint64, int>> m_plan; // Traffic::Visits
    qint64 m_sequence = 0;
};

} // namespace funnel::testing
