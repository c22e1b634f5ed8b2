#include "core/storage/leaddetailsquery.h"

#include "core/io/rulesetjson.h"
#include "core/storage/database.h"

#include <QSqlError>
#include <QSqlQuery>

#include <algorithm>

namespace funnel {

using namespace Qt::StringLiterals;

namespace {

std::optional<qint64> optionalInt(const QVariant &value)
{
    return value.isNull() ? std::nullopt : std::optional<qint64>(value.toLongLong());
}

ScoreContribution::Kind adjustmentKind(const QString &reason)
{
    if (reason == "decay"_L1)
        return ScoreContribution::Kind::Decay;
    if (reason == "import"_L1)
        return ScoreContribution::Kind::Import;
    if (reason == "manual"_L1)
        return ScoreContribution::Kind::Manual;
    return ScoreContribution::Kind::Adjustment;
}

} // namespace

std::optional<LeadDetails> LeadDetailsQuery::load(qint64 leadId, const RuleSet &rules)
{
    m_lastError = {};
    const QSqlDatabase db = m_database.connection();
    auto failed = [this](const QSqlQuery &query) {
        m_lastError = m_database.errorFor(query.lastError());
        return std::nullopt;
    };

    QSqlQuery query(db);
    query.prepare(u"SELECT id, external_id, email, name, company, title, source, owner, stage, score, created_at,"
                  " stage_entered_at, last_activity_at, seen_at,"
                  " (SELECT count(*) FROM events WHERE lead_id = leads.id)"
                  " FROM leads WHERE id = ?"_s);
    query.addBindValue(leadId);
    if (!query.exec())
        return failed(query);
    if (!query.next())
        return std::nullopt;
    LeadDetails details;
    details.id = query.value(0).toLongLong();
    details.externalId = query.value(1).toString();
    details.email = query.value(2).toString();
    details.name = query.value(3).toString();
    details.company = query.value(4).toString();
    details.title = query.value(5).toString();
    details.source = query.value(6).toString();
    details.owner = query.value(7).toString();
    details.stage = stageFromName(query.value(8).toString()).value_or(Stage::Cold);
    details.score = query.value(9).toInt();
    details.createdAtMs = query.value(10).toLongLong();
    details.stageEnteredAtMs = query.value(11).toLongLong();
    details.lastActivityMs = optionalInt(query.value(12));
    details.seenAtMs = optionalInt(query.value(13));
    details.eventCount = query.value(14).toLongLong();

    // Which version scored an event (schema step 7): the later of the one in force at its ingest
    // and the last one that re-scored all history. Events from before any version was recorded
    // were scored by the rules the first apply kept as the oldest version.
    const qint64 rescoredVersion = m_database.settingValue(u"rules_rescored_version"_s).value_or(QString()).toLongLong();
    qint64 oldestVersion = 0;
    {
        QSqlQuery oldest(db);
        if (!oldest.exec(u"SELECT coalesce(min(id), 0) FROM ruleset_versions"_s) || !oldest.next())
            return failed(oldest);
        oldestVersion = oldest.value(0).toLongLong();
    }
    auto scoredBy = [&](qint64 ingestedUnder) {
        const qint64 version = std::max(ingestedUnder, rescoredVersion);
        return version > 0 ? version : oldestVersion;
    };

    // The ledger: scored events, capped events (their rule grants points, the cap held them at 0),
    // and every adjustment row. Unknown and zero-point event types are not part of the score.
    QHash<qint64, qint64> eventVersions;
    QSqlQuery events(db);
    events.setForwardOnly(true);
    events.prepare(u"SELECT id, type, occurred_at, points, coalesce(rules_version, 0) FROM events WHERE lead_id = ?"
                   " ORDER BY occurred_at, id"_s);
    events.addBindValue(leadId);
    if (!events.exec())
        return failed(events);
    while (events.next()) {
        const int points = events.value(3).toInt();
        const QString type = events.value(1).toString();
        const qint64 version = scoredBy(events.value(4).toLongLong());
        ScoreContribution line{ScoreContribution::Kind::Event, type, points, events.value(2).toLongLong(),
                               events.value(0).toLongLong(), version};
        eventVersions.insert(line.eventId, version);
        if (points == 0) {
            const RuleSet *scoring = versionRules(version);
            const Rule *rule = (scoring ? scoring : &rules)->ruleFor(type);
            if (!rule || !rule->cap || rule->points <= 0)
                continue;
            line.kind = ScoreContribution::Kind::Capped;
        }
        details.contributions.append(line);
    }
    QSqlQuery adjustments(db);
    adjustments.setForwardOnly(true);
    adjustments.prepare(u"SELECT reason, delta, at, event_id FROM score_adjustments WHERE lead_id = ? ORDER BY at, id"_s);
    adjustments.addBindValue(leadId);
    if (!adjustments.exec())
        return failed(adjustments);
    while (adjustments.next()) {
        const QString reason = adjustments.value(0).toString();
        const ScoreContribution::Kind kind = adjustmentKind(reason);
        const qint64 eventId = adjustments.value(3).toLongLong();
        // Decay is the rules' too: at an event under that event's rules, after the last event
        // (rescore --decay-until) under the re-scoring version's.
        const qint64 version = kind != ScoreContribution::Kind::Decay ? 0
            : eventId != 0                                          ? eventVersions.value(eventId, scoredBy(0))
                                                                    : scoredBy(0);
        details.contributions.append({kind, reason, adjustments.value(1).toInt(), adjustments.value(2).toLongLong(),
                                      eventId, version});
    }
    // Stable: an event's decay (recorded at the event's time) stays next to it.
    std::stable_sort(details.contributions.begin(), details.contributions.end(),
                     [](const ScoreContribution &a, const ScoreContribution &b) { return a.atMs < b.atMs; });

    QSqlQuery history(db);
    history.setForwardOnly(true);
    history.prepare(u"SELECT id, from_stage, to_stage, at, cause, reason, actor FROM stage_history"
                    " WHERE lead_id = ? ORDER BY at, id"_s);
    history.addBindValue(leadId);
    if (!history.exec())
        return failed(history);
    while (history.next()) {
        StageHistoryEntry entry;
        entry.id = history.value(0).toLongLong();
        if (!history.value(1).isNull())
            entry.from = stageFromName(history.value(1).toString());
        entry.to = stageFromName(history.value(2).toString()).value_or(Stage::Cold);
        entry.atMs = history.value(3).toLongLong();
        entry.cause = history.value(4).toString();
        entry.reason = history.value(5).toString();
        entry.actor = history.value(6).toString();
        details.history.append(entry);
    }
    return details;
}

const RuleSet *LeadDetailsQuery::versionRules(qint64 id)
{
    if (id <= 0)
        return nullptr;
    auto it = m_versionRules.find(id);
    if (it == m_versionRules.end()) {
        std::optional<RuleSet> rules;
        QSqlQuery query(m_database.connection());
        query.prepare(u"SELECT definition FROM ruleset_versions WHERE id = ?"_s);
        query.addBindValue(id);
        if (query.exec() && query.next()) {
            QString ignored;
            rules = RuleSetJson::fromJson(query.value(0).toString().toUtf8(), &ignored);
        }
        it = m_versionRules.insert(id, rules);
    }
    return it.value() ? &*it.value() : nullptr;
}

std::optional<QList<LeadTimelineEvent>> LeadDetailsQuery::timelinePage(qint64 leadId,
                                                                       std::optional<TimelineCursor> before, int limit)
{
    m_lastError = {};
    QSqlQuery query(m_database.connection());
    query.setForwardOnly(true);
    // Keyset paging: each page starts where the previous one ended, however deep the timeline goes.
    query.prepare(u"SELECT id, type, occurred_at, points, metadata FROM events WHERE lead_id = ?"_s
                  + (before ? u" AND (occurred_at < ? OR (occurred_at = ? AND id < ?))"_s : QString())
                  + u" ORDER BY occurred_at DESC, id DESC LIMIT ?"_s);
    query.addBindValue(leadId);
    if (before) {
        query.addBindValue(before->atMs);
        query.addBindValue(before->atMs);
        query.addBindValue(before->id);
    }
    query.addBindValue(limit);
    if (!query.exec()) {
        m_lastError = m_database.errorFor(query.lastError());
        return std::nullopt;
    }
    QList<LeadTimelineEvent> page;
    while (query.next()) {
        page.append({query.value(0).toLongLong(), query.value(1).toString(), query.value(2).toLongLong(),
                     query.value(3).toInt(), query.value(4).toString()});
    }
    return page;
}

std::optional<bool> LeadDetailsQuery::markSeen(qint64 leadId, qint64 nowMs)
{
    m_lastError = {};
    QSqlQuery query(m_database.connection());
    query.prepare(u"UPDATE leads SET seen_at = ? WHERE id = ? AND seen_at IS NULL"_s);
    query.addBindValue(nowMs);
    query.addBindValue(leadId);
    if (!query.exec()) {
        m_lastError = m_database.errorFor(query.lastError());
        return std::nullopt;
    }
    return query.numRowsAffected() > 0;
}

std::optional<QList<LeadMatch>> LeadDetailsQuery::search(const QString &text, int limit, qint64 excludeId)
{
    m_lastError = {};
    const QString needle = text.trimmed();
    QList<LeadMatch> matches;
    if (needle.isEmpty())
        return matches;
    bool isNumber = false;
    const qint64 id = needle.toLongLong(&isNumber);
    // instr(lower(...)) rather than LIKE: no escaping of % and _ in what people type.
    QSqlQuery query(m_database.connection());
    query.setForwardOnly(true);
    query.prepare(u"SELECT id, email, name, company, stage, score FROM leads"
                  " WHERE id <> ? AND (id = ? OR instr(lower(coalesce(email, '')), lower(?)) > 0"
                  " OR instr(lower(name), lower(?)) > 0 OR instr(lower(company), lower(?)) > 0)"
                  " ORDER BY (id = ?) DESC, (lower(email) = lower(?)) DESC, score DESC, id LIMIT ?"_s);
    query.addBindValue(excludeId);
    query.addBindValue(isNumber ? id : -1);
    query.addBindValue(needle);
    query.addBindValue(needle);
    query.addBindValue(needle);
    query.addBindValue(isNumber ? id : -1);
    query.addBindValue(needle);
    query.addBindValue(limit);
    if (!query.exec()) {
        m_lastError = m_database.errorFor(query.lastError());
        return std::nullopt;
    }
    while (query.next()) {
        matches.append({query.value(0).toLongLong(), query.value(1).toString(), query.value(2).toString(),
                         query.value(3).toString(), stageFromName(query.value(4).toString()).value_or(Stage::Cold),
                         query.value(5).toInt()});
    }
    return matches;
}

} // namespace funnel
