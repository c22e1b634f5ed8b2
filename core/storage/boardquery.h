#pragma once

#include "core/storage/boardcard.h"
#include "core/storage/boardcursor.h"
#include "core/storage/boardrotsettings.h"
#include "core/storage/boardsort.h"
#include "core/storage/leadfilter.h"

#include <QList>
#include <QString>
#include <QStringList>
#include <QVariantList>

#include <array>

#include <optional>

namespace funnel {

class Database;

// The board's reads: one column's header totals and its pages of cards, for one stage under a
// LeadFilter. Everything is computed in SQL on the given connection (run it on that connection's
// thread; the GUI runs it in workers). Pages use keyset pagination on the (stage, sort key, id)
// indexes, so the 1000th page costs what the first one does.
class BoardQuery
{
public:
    struct Totals {
        qint64 count = 0;
        qint64 scoreSum = 0;
        friend bool operator==(const Totals &, const Totals &) = default;
    };
    struct Page {
        QList<BoardCard> cards;
        BoardCursor next; // where the page after this one starts
        bool hasMore = false;
    };

    // Reads the days to rot from the settings table.
    explicit BoardQuery(Database &database);
    BoardQuery(Database &database, const BoardRotSettings::Days &rotDays);

    using StageTotals = std::array<Totals, allStages.size()>;

    std::optional<Totals> totals(Stage stage, const LeadFilter &filter, qint64 nowMs);
    // Every stage's totals in one GROUP BY: one pass over the filtered leads instead of five.
    std::optional<StageTotals> totalsByStage(const LeadFilter &filter, qint64 nowMs);
    // What a caller knows of the filter's counts (the header totals). They pick a page's plan,
    // never its result.
    struct PlanCounts {
        qint64 column = 0; // this column's matches
        qint64 board = 0;  // every column's
    };
    // Without counts, a page of a filter that needs them probes the column's count itself.
    std::optional<Page> page(Stage stage, const LeadFilter &filter, BoardSort sort, const BoardCursor &from, int limit,
                             qint64 nowMs, std::optional<PlanCounts> counts = std::nullopt);
    // Whether the pages of this filter choose their plan by the counts, so that a caller that
    // computes the totals anyway does well to pass them instead of letting each column probe:
    // created, reached and text filters, whose probes walk a shared index range.
    static bool plansByColumnCount(const LeadFilter &filter);

    // The owners and sources in use, sorted, for the filter bar's choices.
    std::optional<QStringList> owners();
    std::optional<QStringList> sources();

    const BoardRotSettings::Days &rotDays() const { return m_rotDays; }
    QString lastError() const { return m_lastError; }

private:
    // How a WHERE clause leaves the planner its choice of index.
    enum class Plan {
        Totals,      // plain terms: each filter's covering index serves a count
        SortIndex,   // filter terms hidden from indexes ("+col", "col || ''"): the page walks the
                     // (stage, sort key) index in order and stops after LIMIT
        FilterIndex, // the stage hidden instead: the filter's index finds its few matches, which are
                     // then sorted; right when walking the sort index would skip most of a column
        NamedIndex,  // plain terms on the index namedIndex() names (SQLite's INDEXED BY): a covering
                     // index whose (source, stage, score) order is the page's order, or the index
                     // that reads only this column's few matches
    };
    // Below this many matches in a column a page collects and sorts them (FilterIndex).
    static constexpr int fewMatches = 5000;

    // "stage = ? AND ..." for the filter, appending the values to bind to `values`.
    QString where(std::optional<Stage> stage, const LeadFilter &filter, qint64 nowMs, QVariantList &values,
                  Plan plan = Plan::Totals) const;
    // Whether the column has at most fewMatches leads under a filter an index can drive; bounded, so
    // it costs little however many match.
    bool hasFewMatches(Stage stage, const LeadFilter &filter, qint64 nowMs, std::optional<qint64> columnCount);
    // For a filter of text alone, with few matches in this column: whether walking the column's
    // score index (checking each id against the matches) still costs less than looking up every
    // match of the board. The walk needs the column's size, one read of lead_rollup.
    bool walkBeatsLookups(Stage stage, const LeadFilter &filter, const PlanCounts &counts, int wanted);
    // Whether an index can find the filter's matches without walking a whole column.
    static bool isIndexable(const LeadFilter &filter);
    // Whether the filter has nothing but owner, source and a score range (what lead_rollup holds).
    static bool isRollupFilter(const LeadFilter &filter);
    // Whether lead_rollup answers the totals: a rollup filter on SQLite.
    bool rollupServes(const LeadFilter &filter) const;
    // Totals from lead_rollup's whole score buckets, plus the leads of the range's partial buckets
    // at either end read from the leads indexes; exact, and a few milliseconds at any size.
    std::optional<StageTotals> rollupTotals(const LeadFilter &filter);
    // Runs a "stage, count, score sum" query and adds its rows to `totals`.
    bool addStageTotals(const QString &sql, const QVariantList &values, StageTotals &totals);
    // The index for a page of this filter and sort (NamedIndex), or none: one whose order serves the
    // page, else (fewMatches: whether the column has few matches) one that finds them in this stage.
    QString namedIndex(const LeadFilter &filter, BoardSort sort, bool fewMatches) const;
    // SQLite-only plans (INDEXED BY, lead_rollup, the trigram index) apply on this connection.
    bool isSqlite() const;
    // Whether the text filter runs through the trigram index (SQLite, three characters or more).
    bool searchesText(const LeadFilter &filter) const;
    bool fetch(const QString &sql, const QVariantList &values, Stage stage, qint64 nowMs, QList<BoardCard> &cards);

    Database &m_database;
    BoardRotSettings::Days m_rotDays;
    QString m_lastError;
};

} // namespace funnel
