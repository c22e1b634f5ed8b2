#include "core/storage/boardquery.h"

#include "core/storage/database.h"
#include "core/storage/leadchoices.h"

#include <QSqlError>
#include <QSqlQuery>

namespace funnel {

using namespace Qt::StringLiterals;

namespace {

// The card columns of the leads, read through `index` when one is named (SQLite's INDEXED BY).
QString cardColumns(const QString &index)
{
    return u"SELECT id, name, email, company, owner, source, score, stage_entered_at, last_activity_at,"
           " seen_at IS NULL FROM leads "_s
        + (index.isEmpty() ? QString() : u"INDEXED BY "_s + index + u' ') + u"WHERE "_s;
}

// The lead_rollup bucket (a multiple of 10) that holds a score, as the rollup's triggers compute it.
qint64 scoreBucket(qint64 score)
{
    return score >= 0 ? score / 10 * 10 : (score - 9) / 10 * 10;
}

QString likePattern(const QString &text)
{
    QString escaped = text;
    escaped.replace(u'\\', u"\\\\"_s).replace(u'%', u"\\%"_s).replace(u'_', u"\\_"_s);
    return u'%' + escaped + u'%';
}

} // namespace

BoardQuery::BoardQuery(Database &database) : m_database(database), m_rotDays(BoardRotSettings::load(database)) {}

BoardQuery::BoardQuery(Database &database, const BoardRotSettings::Days &rotDays)
    : m_database(database), m_rotDays(rotDays)
{
}

QString BoardQuery::where(std::optional<Stage> stage, const LeadFilter &filter, qint64 nowMs, QVariantList &values,
                          Plan plan) const
{
    const bool forPage = plan == Plan::SortIndex;
    // Unary plus and "|| ''" are plain SQL (PostgreSQL too); SQLite does not use an index for them.
    auto number = [forPage](const char *column) {
        return forPage ? u"+"_s + QLatin1StringView(column) : QString::fromLatin1(column);
    };
    auto text = [forPage](const char *column) {
        return forPage ? QString::fromLatin1(column) + u" || ''"_s : QString::fromLatin1(column);
    };
    QString sql = u"1 = 1"_s;
    if (stage) {
        sql = plan == Plan::FilterIndex ? u"stage || '' = ?"_s : u"stage = ?"_s;
        values.append(stageName(*stage));
    }
    const QString searchText = filter.text.trimmed();
    const bool sqlite = isSqlite();
    if (searchesText(filter)) {
        // The trigram index (leads_search) finds any run of three or more characters in any case;
        // quoted as one FTS5 string, the text matches as a substring, as LIKE '%text%' would.
        // Leads not indexed yet (leads_search_pending, normally empty) are matched by LIKE. One
        // "id IN" list, so that the ids alone can drive an index (leads_id_cover_idx); CROSS JOIN
        // keeps SQLite from scanning the leads for the pending few.
        sql += u" AND id IN (SELECT rowid FROM leads_search WHERE leads_search MATCH ?"
               " UNION ALL SELECT pending.id FROM leads_search_pending pending CROSS JOIN leads unindexed"
               " ON unindexed.id = pending.id WHERE unindexed.name LIKE ? ESCAPE '\\'"
               " OR unindexed.email LIKE ? ESCAPE '\\' OR unindexed.company LIKE ? ESCAPE '\\')"_s;
        QString phrase = searchText;
        const QString pattern = likePattern(searchText);
        values << QString(u'"' + phrase.replace(u'"', u"\"\""_s) + u'"') << pattern << pattern << pattern;
    } else if (!searchText.isEmpty()) {
        // Shorter than a trigram: a scan. SQLite's LIKE ignores ASCII case; PostgreSQL needs ILIKE.
        const QString like = sqlite ? u"LIKE"_s : u"ILIKE"_s;
        sql += u" AND (name "_s + like + u" ? ESCAPE '\\' OR email "_s + like + u" ? ESCAPE '\\' OR company "_s + like
            + u" ? ESCAPE '\\')"_s;
        const QString pattern = likePattern(searchText);
        values << pattern << pattern << pattern;
    }
    if (!filter.owner.isEmpty()) {
        sql += u" AND "_s + text("owner") + u" = ?"_s;
        values.append(filter.owner);
    }
    if (!filter.source.isEmpty()) {
        sql += u" AND "_s + text("source") + u" = ?"_s;
        values.append(filter.source);
    }
    if (filter.minScore) {
        sql += u" AND score >= ?"_s;
        values.append(*filter.minScore);
    }
    if (filter.maxScore) {
        sql += u" AND score <= ?"_s;
        values.append(*filter.maxScore);
    }
    if (filter.staleOnly) {
        // Each stage rots at its own pace; a stage that never rots has no stale leads.
        QStringList perStage;
        for (Stage candidate : allStages) {
            if (stage && candidate != *stage)
                continue;
            const auto before = BoardRotSettings::staleBeforeMs(m_rotDays[size_t(candidate)], nowMs);
            if (!before)
                continue;
            perStage.append(stage ? number("stage_entered_at") + u" < ?"_s
                                  : u"(stage = ? AND stage_entered_at < ?)"_s);
            if (!stage)
                values.append(stageName(candidate));
            values.append(*before);
        }
        sql += perStage.isEmpty() ? u" AND 0 = 1"_s : u" AND ("_s + perStage.join(u" OR "_s) + u")"_s;
    }
    if (filter.createdFromMs) {
        sql += u" AND "_s + number("created_at") + u" >= ?"_s;
        values.append(*filter.createdFromMs);
    }
    if (filter.createdToMs) {
        sql += u" AND "_s + number("created_at") + u" < ?"_s;
        values.append(*filter.createdToMs);
    }
    if (filter.reachedStage && filter.reachedStage != Stage::Cold) {
        // Reached at least this stage along the funnel (Lost, off the line, means reached Lost):
        // leads.reached holds a bit per stage the history ever entered (kept by triggers).
        int mask = 0;
        const std::optional<int> rank = funnelRank(*filter.reachedStage);
        for (Stage candidate : allStages) {
            const std::optional<int> candidateRank = funnelRank(candidate);
            if (rank ? (candidateRank && *candidateRank >= *rank) : candidate == *filter.reachedStage)
                mask |= 1 << int(candidate);
        }
        sql += u" AND (reached & %1) <> 0"_s.arg(mask);
    }
    return sql;
}

std::optional<BoardQuery::StageTotals> BoardQuery::totalsByStage(const LeadFilter &filter, qint64 nowMs)
{
    if (rollupServes(filter))
        return rollupTotals(filter);
    if (filter.staleOnly) {
        // Each stage has its own "stale before" time: one range of the (stage, stage_entered_at,
        // score) index per stage, instead of an OR that SQLite answers by collecting row ids.
        StageTotals totals{};
        for (Stage stage : allStages) {
            if (!BoardRotSettings::staleBeforeMs(m_rotDays[size_t(stage)], nowMs))
                continue; // never rots: no stale leads
            const std::optional<Totals> stageTotals = this->totals(stage, filter, nowMs);
            if (!stageTotals)
                return std::nullopt;
            totals[size_t(stage)] = *stageTotals;
        }
        return totals;
    }
    // One pass, one aggregate pair per stage: a GROUP BY would sort every matching row first (most
    // of the time of a wide filter such as a 30-day cohort).
    QStringList aggregates;
    QVariantList values;
    for (Stage stage : allStages) {
        aggregates << u"COUNT(*) FILTER (WHERE stage = ?)"_s << u"COALESCE(SUM(score) FILTER (WHERE stage = ?), 0)"_s;
        values << stageName(stage) << stageName(stage);
    }
    const QString filterSql = where(std::nullopt, filter, nowMs, values);
    QSqlQuery query(m_database.connection());
    query.setForwardOnly(true);
    // A text search's matches come as ids: their stage and score from the narrow (id, stage, score)
    // index instead of the leads rows, a third of the time at 40k matches.
    const QString from = searchesText(filter) ? u" FROM leads INDEXED BY leads_id_cover_idx WHERE "_s
                                              : u" FROM leads WHERE "_s;
    query.prepare(u"SELECT "_s + aggregates.join(u", "_s) + from + filterSql);
    for (const QVariant &value : std::as_const(values))
        query.addBindValue(value);
    if (!query.exec() || !query.next()) {
        m_lastError = m_database.errorFor(query.lastError()).message;
        return std::nullopt;
    }
    StageTotals totals{};
    for (size_t stage = 0; stage < totals.size(); ++stage)
        totals[stage] = {query.value(int(2 * stage)).toLongLong(), query.value(int(2 * stage + 1)).toLongLong()};
    return totals;
}

bool BoardQuery::isRollupFilter(const LeadFilter &filter)
{
    LeadFilter rollupPart;
    rollupPart.owner = filter.owner;
    rollupPart.source = filter.source;
    rollupPart.minScore = filter.minScore;
    rollupPart.maxScore = filter.maxScore;
    return filter == rollupPart;
}

bool BoardQuery::isIndexable(const LeadFilter &filter)
{
    return !filter.owner.isEmpty() || !filter.source.isEmpty() || filter.createdFromMs || filter.createdToMs
        || filter.text.trimmed().size() >= 3;
}

bool BoardQuery::plansByColumnCount(const LeadFilter &filter)
{
    return isIndexable(filter) && !isRollupFilter(filter);
}

bool BoardQuery::rollupServes(const LeadFilter &filter) const
{
    return isRollupFilter(filter) && isSqlite();
}

std::optional<BoardQuery::StageTotals> BoardQuery::rollupTotals(const LeadFilter &filter)
{
    // A bucket b holds the scores b..b+9; it counts whole when the range covers all of them.
    std::optional<qint64> firstWhole;
    std::optional<qint64> lastWhole;
    if (filter.minScore)
        firstWhole = scoreBucket(*filter.minScore) == *filter.minScore ? *filter.minScore
                                                                       : scoreBucket(*filter.minScore) + 10;
    if (filter.maxScore)
        lastWhole = scoreBucket(*filter.maxScore) + 9 == *filter.maxScore ? scoreBucket(*filter.maxScore)
                                                                         : scoreBucket(*filter.maxScore) - 10;
    const bool anyWhole = !firstWhole || !lastWhole || *firstWhole <= *lastWhole;
    QList<std::pair<qint64, qint64>> partial; // inclusive score ranges read from the leads
    if (!anyWhole) {
        partial.append({*filter.minScore, *filter.maxScore});
    } else {
        if (filter.minScore && *filter.minScore < *firstWhole)
            partial.append({*filter.minScore, *firstWhole - 1});
        if (filter.maxScore && *filter.maxScore > *lastWhole + 9)
            partial.append({*lastWhole + 10, *filter.maxScore});
    }

    QString people;
    QVariantList peopleValues;
    if (!filter.owner.isEmpty()) {
        people += u" AND owner = ?"_s;
        peopleValues.append(filter.owner);
    }
    if (!filter.source.isEmpty()) {
        people += u" AND source = ?"_s;
        peopleValues.append(filter.source);
    }
    StageTotals totals{};
    if (anyWhole) {
        QString sql = u"SELECT stage, SUM(leads), SUM(score_sum) FROM lead_rollup WHERE 1 = 1"_s + people;
        QVariantList values = peopleValues;
        if (firstWhole) {
            sql += u" AND bucket >= ?"_s;
            values.append(*firstWhole);
        }
        if (lastWhole) {
            sql += u" AND bucket <= ?"_s;
            values.append(*lastWhole);
        }
        if (!addStageTotals(sql + u" GROUP BY stage"_s, values, totals))
            return std::nullopt;
    }
    for (const auto &[low, high] : std::as_const(partial)) {
        // Every stage named: one range of the (stage, score) or (owner, source, stage, score) index each.
        if (!addStageTotals(u"SELECT stage, COUNT(*), COALESCE(SUM(score), 0) FROM leads"
                            " WHERE stage IN ('Cold', 'MQL', 'SQL', 'Won', 'Lost') AND score BETWEEN ? AND ?"_s
                                + people + u" GROUP BY stage"_s,
                            QVariantList{low, high} + peopleValues, totals))
            return std::nullopt;
    }
    return totals;
}

bool BoardQuery::addStageTotals(const QString &sql, const QVariantList &values, StageTotals &totals)
{
    QSqlQuery query(m_database.connection());
    query.setForwardOnly(true);
    query.prepare(sql);
    for (const QVariant &value : values)
        query.addBindValue(value);
    if (!query.exec()) {
        m_lastError = m_database.errorFor(query.lastError()).message;
        return false;
    }
    while (query.next()) {
        if (const std::optional<Stage> stage = stageFromName(query.value(0).toString())) {
            totals[size_t(*stage)].count += query.value(1).toLongLong();
            totals[size_t(*stage)].scoreSum += query.value(2).toLongLong();
        }
    }
    return true;
}

bool BoardQuery::isSqlite() const
{
    return m_database.connection().driverName() == "QSQLITE"_L1;
}

bool BoardQuery::searchesText(const LeadFilter &filter) const
{
    return filter.text.trimmed().size() >= 3 && isSqlite();
}

QString BoardQuery::namedIndex(const LeadFilter &filter, BoardSort sort, bool fewMatches) const
{
    if (!isSqlite())
        return {};
    // With a source (and an owner), the (owner,) source, stage, score prefix of a covering index is
    // the column in score order. Text of three letters or more has its own, usually narrower, index.
    if (sort == BoardSort::Score && !filter.source.isEmpty() && !searchesText(filter))
        return filter.owner.isEmpty() ? u"leads_source_cover_idx"_s : u"leads_owner_cover_idx"_s;
    if (!fewMatches)
        return {};
    // A few text matches: each id's stage from the narrow index, the leads row only for this stage's.
    if (searchesText(filter))
        return u"leads_id_cover_idx"_s;
    // A few in a cohort: this stage's part of the creation range. With an owner or a source their
    // own covering indexes are narrower; the planner picks among them.
    if ((filter.createdFromMs || filter.createdToMs) && filter.owner.isEmpty() && filter.source.isEmpty())
        return u"leads_stage_created_idx"_s;
    return {};
}

std::optional<BoardQuery::Totals> BoardQuery::totals(Stage stage, const LeadFilter &filter, qint64 nowMs)
{
    QVariantList values;
    QSqlQuery query(m_database.connection());
    query.setForwardOnly(true);
    query.prepare(u"SELECT COUNT(*), COALESCE(SUM(score), 0) FROM leads WHERE "_s + where(stage, filter, nowMs, values));
    for (const QVariant &value : std::as_const(values))
        query.addBindValue(value);
    if (!query.exec() || !query.next()) {
        m_lastError = m_database.errorFor(query.lastError()).message;
        return std::nullopt;
    }
    return Totals{query.value(0).toLongLong(), query.value(1).toLongLong()};
}

std::optional<QStringList> BoardQuery::owners()
{
    return LeadChoices::values(m_database, LeadChoices::Column::Owner, &m_lastError);
}

std::optional<QStringList> BoardQuery::sources()
{
    return LeadChoices::values(m_database, LeadChoices::Column::Source, &m_lastError);
}

bool BoardQuery::fetch(const QString &sql, const QVariantList &values, Stage stage, qint64 nowMs,
                       QList<BoardCard> &cards)
{
    QSqlQuery query(m_database.connection());
    query.setForwardOnly(true);
    query.prepare(sql);
    for (const QVariant &value : values)
        query.addBindValue(value);
    if (!query.exec()) {
        m_lastError = m_database.errorFor(query.lastError()).message;
        return false;
    }
    const std::optional<qint64> staleBefore = BoardRotSettings::staleBeforeMs(m_rotDays[size_t(stage)], nowMs);
    while (query.next()) {
        BoardCard card;
        card.id = query.value(0).toLongLong();
        card.stage = stage;
        card.name = query.value(1).toString();
        card.email = query.value(2).toString();
        card.company = query.value(3).toString();
        card.owner = query.value(4).toString();
        card.source = query.value(5).toString();
        card.score = query.value(6).toInt();
        card.stageEnteredAtMs = query.value(7).toLongLong();
        if (!query.isNull(8))
            card.lastActivityAtMs = query.value(8).toLongLong();
        card.unseen = stage == Stage::SQL && query.value(9).toBool();
        card.stale = staleBefore && card.stageEnteredAtMs < *staleBefore;
        cards.append(std::move(card));
    }
    return true;
}

bool BoardQuery::hasFewMatches(Stage stage, const LeadFilter &filter, qint64 nowMs,
                               std::optional<qint64> columnCount)
{
    if (!isIndexable(filter))
        return false;
    if (columnCount)
        return *columnCount <= fewMatches;
    if (rollupServes(filter)) {
        // The exact count is in lead_rollup; a probe of the owner index would walk every stage.
        const std::optional<StageTotals> totals = rollupTotals(filter);
        return totals && (*totals)[size_t(stage)].count <= fewMatches;
    }
    QVariantList values;
    QSqlQuery query(m_database.connection());
    query.setForwardOnly(true);
    const QString index = namedIndex(filter, BoardSort::Score, true);
    query.prepare(u"SELECT COUNT(*) FROM (SELECT 1 FROM leads "_s
                  + (index.isEmpty() ? QString() : u"INDEXED BY "_s + index + u' ') + u"WHERE "_s
                  + where(stage, filter, nowMs, values, index.isEmpty() ? Plan::FilterIndex : Plan::NamedIndex)
                  + u" LIMIT ?)"_s);
    for (const QVariant &value : std::as_const(values))
        query.addBindValue(value);
    query.addBindValue(fewMatches + 1);
    // On an error the page's own query reports it; walking the sort index is always correct.
    return query.exec() && query.next() && query.value(0).toInt() <= fewMatches;
}

bool BoardQuery::walkBeatsLookups(Stage stage, const LeadFilter &filter, const PlanCounts &counts, int wanted)
{
    LeadFilter textOnly;
    textOnly.text = filter.text;
    if (filter != textOnly || !searchesText(filter))
        return false; // other terms would need the leads row of every id the walk meets
    QSqlQuery query(m_database.connection());
    query.setForwardOnly(true);
    query.prepare(u"SELECT COALESCE(SUM(leads), 0) FROM lead_rollup WHERE stage = ?"_s);
    query.addBindValue(stageName(stage));
    if (!query.exec() || !query.next())
        return false;
    const qint64 columnSize = query.value(0).toLongLong();
    // The walk stops after `wanted` matches, spread evenly over the column as far as it knows.
    const qint64 walk = counts.column > 0 ? qMin(columnSize, wanted * columnSize / counts.column) : columnSize;
    // A lookup in the (id, stage, score) index cost about four steps of the walk at 1M leads.
    return walk < 4 * counts.board;
}

std::optional<BoardQuery::Page> BoardQuery::page(Stage stage, const LeadFilter &filter, BoardSort sort,
                                                 const BoardCursor &from, int limit, qint64 nowMs,
                                                 std::optional<PlanCounts> counts)
{
    Page page;
    limit = qMax(1, limit);
    QVariantList values;
    QString index = namedIndex(filter, sort, false);
    Plan plan = Plan::NamedIndex;
    if (index.isEmpty()) {
        const bool few = hasFewMatches(stage, filter, nowMs,
                                       counts ? std::optional(counts->column) : std::nullopt)
            && !(counts && walkBeatsLookups(stage, filter, *counts, limit + 1));
        index = namedIndex(filter, sort, few);
        plan = !index.isEmpty() ? Plan::NamedIndex : few ? Plan::FilterIndex : Plan::SortIndex;
    }
    const QString filterSql = where(stage, filter, nowMs, values, plan);
    const QString columns = cardColumns(index);
    // One row more than asked says whether another page follows.
    const int wanted = limit + 1;

    switch (sort) {
    case BoardSort::Score: {
        QString sql = columns + filterSql;
        if (!from.atStart) {
            // (score, id) after the cursor in "score DESC, id ASC" order, written so that the index
            // range on score applies.
            sql += u" AND score <= ? AND (score < ? OR id > ?)"_s;
            values << from.key << from.key << from.id;
        }
        sql += u" ORDER BY score DESC, id ASC LIMIT ?"_s;
        values << wanted;
        if (!fetch(sql, values, stage, nowMs, page.cards))
            return std::nullopt;
        break;
    }
    case BoardSort::DaysInStage: {
        QString sql = columns + filterSql;
        if (!from.atStart) {
            sql += u" AND stage_entered_at >= ? AND (stage_entered_at > ? OR id > ?)"_s;
            values << from.key << from.key << from.id;
        }
        sql += u" ORDER BY stage_entered_at ASC, id ASC LIMIT ?"_s;
        values << wanted;
        if (!fetch(sql, values, stage, nowMs, page.cards))
            return std::nullopt;
        break;
    }
    case BoardSort::LastActivity: {
        // Two runs: leads with activity (newest first), then those without any.
        if (!from.nullKey) {
            QVariantList runValues = values;
            QString sql = columns + filterSql + u" AND last_activity_at IS NOT NULL"_s;
            if (!from.atStart) {
                sql += u" AND last_activity_at <= ? AND (last_activity_at < ? OR id < ?)"_s;
                runValues << from.key << from.key << from.id;
            }
            sql += u" ORDER BY last_activity_at DESC, id DESC LIMIT ?"_s;
            runValues << wanted;
            if (!fetch(sql, runValues, stage, nowMs, page.cards))
                return std::nullopt;
        }
        if (page.cards.size() < wanted) {
            QVariantList runValues = values;
            QString sql = columns + filterSql + u" AND last_activity_at IS NULL"_s;
            if (from.nullKey) {
                sql += u" AND id < ?"_s;
                runValues << from.id;
            }
            sql += u" ORDER BY id DESC LIMIT ?"_s;
            runValues << (wanted - page.cards.size());
            if (!fetch(sql, runValues, stage, nowMs, page.cards))
                return std::nullopt;
        }
        break;
    }
    }

    page.hasMore = page.cards.size() > limit;
    if (page.hasMore)
        page.cards.resize(limit);
    page.next = from;
    if (!page.cards.isEmpty()) {
        const BoardCard &last = page.cards.constLast();
        page.next.atStart = false;
        page.next.id = last.id;
        switch (sort) {
        case BoardSort::Score: page.next.key = last.score; break;
        case BoardSort::DaysInStage: page.next.key = last.stageEnteredAtMs; break;
        case BoardSort::LastActivity:
            page.next.nullKey = !last.lastActivityAtMs;
            page.next.key = last.lastActivityAtMs.value_or(0);
            break;
        }
    }
    return page;
}

} // namespace funnel
