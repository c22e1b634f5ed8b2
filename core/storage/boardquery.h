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
    std::optional<Page> page(Stage stage, const LeadFilter &filter, BoardSort sort, const BoardCursor &from, int limit,
                             qint64 nowMs);

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
        CoverIndex,  // plain terms on a covering index whose (source, stage, score) order is the
                     // page's order: the page walks only the filter's leads of the column, in order
    };
    // Below this many matches in a column a page collects and sorts them (FilterIndex).
    static constexpr int fewMatches = 5000;

    // "stage = ? AND ..." for the filter, appending the values to bind to `values`.
    QString where(std::optional<Stage> stage, const LeadFilter &filter, qint64 nowMs, QVariantList &values,
                  Plan plan = Plan::Totals) const;
    // Whether the column has at most fewMatches leads under a filter an index can drive; bounded, so
    // it costs little however many match.
    bool hasFewMatches(Stage stage, const LeadFilter &filter, qint64 nowMs);
    // Whether lead_rollup answers the totals: no filter but owner, source and a score range.
    bool rollupServes(const LeadFilter &filter) const;
    // Totals from lead_rollup's whole score buckets, plus the leads of the range's partial buckets
    // at either end read from the leads indexes; exact, and a few milliseconds at any size.
    std::optional<StageTotals> rollupTotals(const LeadFilter &filter);
    // Runs a "stage, count, score sum" query and adds its rows to `totals`.
    bool addStageTotals(const QString &sql, const QVariantList &values, StageTotals &totals);
    // The covering index whose order serves a page of this filter and sort (CoverIndex), or none.
    QString coverIndex(const LeadFilter &filter, BoardSort sort) const;
    bool fetch(const QString &sql, const QVariantList &values, Stage stage, qint64 nowMs, QList<BoardCard> &cards);

    Database &m_database;
    BoardRotSettings::Days m_rotDays;
    QString m_lastError;
};

} // namespace funnel
