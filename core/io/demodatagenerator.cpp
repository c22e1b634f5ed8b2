#include "core/io/demodatagenerator.h"

#include <QDateTime>
#include <QJsonDocument>
#include <QJsonObject>

#include <algorithm>
#include <array>
#include <cmath>
#include <random>
#include <vector>

namespace funnel {
namespace {

constexpr qint64 hourMs = 3600LL * 1000;
constexpr qint64 dayMs = 24 * hourMs;

const char *const firstNames[] = {
    "Ada", "Alan", "Amara", "Anders", "Aiko", "Bea", "Ben", "Carla", "Chen", "Dalia", "Daniel", "Elif",
    "Emma", "Farah", "Felix", "Grace", "Hannah", "Hugo", "Ines", "Ivan", "Jana", "Jonas", "Kai", "Lara",
    "Leon", "Lina", "Lucas", "Maya", "Mateo", "Mia", "Nadia", "Noah", "Olga", "Omar", "Paula", "Priya",
    "Rafael", "Rosa", "Sami", "Sara", "Sofia", "Tariq", "Tom", "Uma", "Vera", "Wei", "Yara", "Zoe"};
const char *const lastNames[] = {
    "Andersen", "Becker", "Costa", "Dubois", "Eriksen", "Fischer", "García", "Hoffmann", "Ivanova", "Jensen",
    "Kowalski", "Lambert", "Martin", "Nakamura", "Novak", "Okafor", "Patel", "Quinn", "Rossi", "Schmidt",
    "Silva", "Tanaka", "Urban", "Vogel", "Wagner", "Xu", "Yilmaz", "Zhang", "Moreau", "Keller", "Lindqvist",
    "Horvat", "Brennan", "O'Neill", "Müller", "Santos"};
const char *const companyStems[] = {
    "Acme", "Northwind", "Bluefin", "Brightline", "Cobalt", "Datastream", "Evergreen", "Fjord", "Granite",
    "Helix", "Ironclad", "Juniper", "Keystone", "Lumen", "Meridian", "Nimbus", "Orbital", "Pinnacle",
    "Quanta", "Redwood", "Summit", "Tidal", "Umbra", "Vertex", "Wavelength", "Zenith", "Atlas", "Beacon",
    "Cascade", "Driftwood"};
const char *const companyKinds[] = {"Analytics", "Logistics", "Health", "Robotics", "Payments", "Software",
                                    "Energy", "Media", "Labs", "Systems", "Retail", "Cloud"};
const char *const companySuffixes[] = {"Inc.", "GmbH", "Ltd", "AG", "SAS", "BV", "LLC", ""};
const char *const titles[] = {"CTO", "VP Engineering", "Head of Data", "Engineering Manager", "Staff Engineer",
                              "Developer", "Product Manager", "Head of Growth", "CEO", "Founder",
                              "IT Director", "Solutions Architect", "Data Scientist", "Procurement Lead"};
const char *const sources[] = {"website", "webinar", "referral", "linkedin", "trade show", "partner", "content"};
const int sourceWeights[] = {34, 12, 10, 16, 6, 8, 14};
const char *const owners[] = {"Maya Patel", "Jonas Weber", "Lucía Fernández", "Sam Okoro", "Ines Duarte", "Tom Becker"};
const char *const lostReasons[] = {"Went with a competitor", "No budget this year", "No response after 5 follow-ups",
                                   "Not a fit: too small", "Project cancelled", "Chose to build in-house"};
const char *const nurtureReasons[] = {"Not ready to buy before next quarter", "Champion left the company",
                                      "Needs security review first"};

template<typename T, std::size_t N>
const T &pick(std::mt19937 &rng, const T (&items)[N])
{
    return items[std::uniform_int_distribution<std::size_t>(0, N - 1)(rng)];
}

QString slug(QString text)
{
    text = text.toLower().normalized(QString::NormalizationForm_KD);
    QString result;
    for (QChar c : std::as_const(text)) {
        if (c.isLetterOrNumber() && c.unicode() < 128)
            result.append(c);
    }
    return result;
}

enum class Intent { Browsing, Curious, Evaluating, Buying };

struct LeadPlan {
    int index = 0;
    qint64 createdMs = 0;
    Intent intent = Intent::Browsing;
    QString externalId;
    QString email;
    QString name;
    QString company;
};

// Event types with their weights per intent (browsing, curious, evaluating, buying).
struct EventWeight {
    const char *type;
    int weights[4];
};
const EventWeight eventWeights[] = {
    {"VIEWED_PRICING", {10, 18, 25, 30}},
    {"OPENED_EMAIL", {45, 40, 30, 25}}, // not in the rules: stored, scores 0
    {"VISITED_BLOG", {40, 30, 20, 15}}, // not in the rules either
    {"DOWNLOADED_API_DOCS", {0, 2, 4, 5}},
    {"ABANDONED_CHECKOUT", {0, 0, 1, 3}},
    {"SIGNED_UP_NEWSLETTER", {2, 3, 2, 1}},
    {"HIT_RATE_LIMIT", {0, 1, 3, 4}},
    {"WATCHED_WEBINAR", {2, 5, 5, 4}},
    {"UNSUBSCRIBED", {1, 0, 0, 0}},
};

} // namespace

QByteArray DemoDataGenerator::toJsonLine(const EventRecord &event)
{
    QJsonObject object{{QStringLiteral("eventId"), event.eventId},
                       {QStringLiteral("userId"), event.userId},
                       {QStringLiteral("eventType"), event.eventType}};
    if (event.atMs) {
        object.insert(QStringLiteral("timestamp"),
                      QDateTime::fromMSecsSinceEpoch(*event.atMs, Qt::UTC).toString(Qt::ISODate));
    }
    if (!event.metadataJson.isEmpty())
        object.insert(QStringLiteral("metadata"), QJsonDocument::fromJson(event.metadataJson).object());
    if (!event.email.isEmpty())
        object.insert(QStringLiteral("email"), event.email);
    if (!event.name.isEmpty())
        object.insert(QStringLiteral("name"), event.name);
    if (!event.company.isEmpty())
        object.insert(QStringLiteral("company"), event.company);
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

DemoDataSet DemoDataGenerator::generate(const Options &options)
{
    std::mt19937 rng(options.seed);
    const qint64 nowMs = options.nowMs > 0 ? options.nowMs : QDateTime::currentMSecsSinceEpoch();
    // Whole seconds keep timestamps exact through ISO 8601 text.
    const qint64 startMs = (nowMs - options.days * dayMs) / 1000 * 1000;
    const qint64 spanMs = nowMs - startMs;
    auto uniform = [&rng](double low, double high) { return std::uniform_real_distribution<double>(low, high)(rng); };
    auto chance = [&](double p) { return uniform(0, 1) < p; };

    DemoDataSet data;
    std::discrete_distribution<int> sourceDist(std::begin(sourceWeights), std::end(sourceWeights));
    std::discrete_distribution<int> intentDist({45, 30, 17, 8});
    QList<LeadPlan> plans;
    plans.reserve(options.leads);
    int eventCounter = 0;

    for (int i = 0; i < options.leads; ++i) {
        LeadPlan plan;
        plan.index = i;
        // More leads arrive recently: marketing grew over the quarter.
        plan.createdMs = startMs + qint64(std::sqrt(uniform(0, 1)) * double(spanMs) * 0.97);
        plan.createdMs = plan.createdMs / 1000 * 1000;
        plan.intent = Intent(intentDist(rng));
        const QString first = QString::fromUtf8(pick(rng, firstNames));
        const QString last = QString::fromUtf8(pick(rng, lastNames));
        plan.name = first + u' ' + last;
        const QString stem = QString::fromUtf8(pick(rng, companyStems));
        const QString kind = QString::fromUtf8(pick(rng, companyKinds));
        const QString suffix = QString::fromUtf8(pick(rng, companySuffixes));
        plan.company = stem + u' ' + kind;
        if (!suffix.isEmpty())
            plan.company += u' ' + suffix;
        plan.externalId = QStringLiteral("u-%1").arg(100000 + i);
        plan.email = slug(first) + u'.' + slug(last) + QString::number(i) + u'@' + slug(stem) + slug(kind)
                     + QStringLiteral(".example");

        LeadRecord record;
        record.externalId = plan.externalId;
        record.email = plan.email;
        record.name = plan.name;
        record.company = plan.company;
        record.title = QString::fromUtf8(pick(rng, titles));
        record.source = QString::fromUtf8(sources[sourceDist(rng)]);
        record.owner = QString::fromUtf8(pick(rng, owners));
        record.createdAtMs = plan.createdMs;
        record.attributes = {{QStringLiteral("country"),
                              QString::fromLatin1(std::array{"DE", "US", "GB", "FR", "NL", "SE", "ES", "PL"}[i % 8])},
                             {QStringLiteral("employees"), QString::number(10 * (1 + int(uniform(0, 1) * uniform(0, 1) * 500)))}};
        data.leads.append(record);
        plans.append(plan);
    }

    const int targetEvents = options.leads * 20;
    // Each lead gets a share of the events according to its intent.
    const double intentActivity[] = {0.6, 1.0, 1.6, 2.4};
    double totalActivity = 0;
    for (const LeadPlan &plan : plans)
        totalActivity += intentActivity[int(plan.intent)];

    auto addEvent = [&](const LeadPlan &plan, const char *type, qint64 atMs, QByteArray metadata = {}) {
        EventRecord event;
        event.eventId = QStringLiteral("demo-%1").arg(++eventCounter);
        event.userId = plan.externalId;
        event.eventType = QString::fromLatin1(type);
        event.atMs = std::min(atMs, nowMs - 60'000) / 1000 * 1000;
        event.metadataJson = std::move(metadata);
        data.events.append(event);
    };

    for (const LeadPlan &plan : plans) {
        const int intent = int(plan.intent);
        const double share = intentActivity[intent] / totalActivity * targetEvents;
        const int count = std::max(1, int(std::poisson_distribution<int>(share)(rng)));
        const qint64 lifeMs = nowMs - plan.createdMs;
        std::vector<int> weights;
        for (const EventWeight &weight : eventWeights)
            weights.push_back(weight.weights[intent]);
        std::discrete_distribution<int> typeDist(weights.begin(), weights.end());
        // Activity comes in bursts: a few sessions, several events each.
        QList<qint64> times;
        times.append(plan.createdMs);
        for (int e = 1; e < count; ++e)
            times.append(plan.createdMs + qint64(std::pow(uniform(0, 1), intent >= 2 ? 0.7 : 1.6) * double(lifeMs)));
        std::sort(times.begin(), times.end());

        for (int e = 0; e < count; ++e) {
            const EventWeight &weight = eventWeights[typeDist(rng)];
            QByteArray metadata;
            if (qstrcmp(weight.type, "VIEWED_PRICING") == 0)
                metadata = chance(0.5) ? R"({"plan":"team"})" : R"({"plan":"enterprise"})";
            else if (qstrcmp(weight.type, "HIT_RATE_LIMIT") == 0)
                metadata = R"({"endpoint":"/v1/search","limit":1000})";
            addEvent(plan, weight.type, times[e], metadata);
        }
        // Evaluators and buyers ask for demos somewhere in their life; many buyers sign afterwards.
        if ((plan.intent == Intent::Evaluating && chance(0.35)) || (plan.intent == Intent::Buying && chance(0.8))) {
            const qint64 demoMs = plan.createdMs + qint64(uniform(0.2, 0.8) * double(lifeMs));
            if (demoMs < nowMs) {
                addEvent(plan, "REQUESTED_DEMO", demoMs);
                const qint64 signMs = demoMs + qint64(uniform(3, 25) * dayMs);
                if (plan.intent == Intent::Buying && chance(0.6) && signMs < nowMs) {
                    addEvent(plan, "CONTRACT_SIGNED", signMs);
                    if (signMs + 2 * dayMs < nowMs)
                        addEvent(plan, "PAYMENT_SUCCEEDED", signMs + qint64(uniform(0.5, 2) * dayMs),
                                 R"({"amount":12000,"currency":"EUR"})");
                }
            }
        }
    }
    // Give the first event of every lead its contact details, as the signup form would.
    QHash<QString, int> firstEvent;
    std::stable_sort(data.events.begin(), data.events.end(),
                     [](const EventRecord &a, const EventRecord &b) { return *a.atMs < *b.atMs; });
    for (int i = 0; i < data.events.size(); ++i) {
        EventRecord &event = data.events[i];
        if (firstEvent.contains(event.userId))
            continue;
        firstEvent.insert(event.userId, i);
        const LeadPlan &plan = plans.at(event.userId.mid(2).toInt() - 100000);
        event.email = plan.email;
        event.name = plan.name;
        event.company = plan.company;
    }

    // Reps close the loop: some stale or evaluated leads are lost, some SQLs go back to nurture.
    for (const LeadPlan &plan : plans) {
        const qint64 atMs = std::min(nowMs - hourMs, plan.createdMs + qint64(uniform(20, 80) * dayMs));
        if (atMs <= plan.createdMs + 7 * dayMs)
            continue;
        const double lostChance = plan.intent == Intent::Browsing ? 0.12 : plan.intent == Intent::Buying ? 0.05 : 0.08;
        if (chance(lostChance)) {
            data.moves.append(DemoMove{plan.externalId, Stage::Lost, atMs / 1000 * 1000,
                                       QString::fromUtf8(pick(rng, lostReasons)), data.leads.at(plan.index).owner});
        } else if (plan.intent == Intent::Evaluating && chance(0.06)) {
            data.moves.append(DemoMove{plan.externalId, Stage::MQL, atMs / 1000 * 1000,
                                       QString::fromUtf8(pick(rng, nurtureReasons)), data.leads.at(plan.index).owner});
        }
    }
    std::sort(data.moves.begin(), data.moves.end(), [](const DemoMove &a, const DemoMove &b) { return a.atMs < b.atMs; });
    return data;
}

} // namespace funnel
