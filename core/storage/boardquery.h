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
    // "stage = ? AND ..." for the filter, appending the values to bind to `values`. With
    // `forPage`, the filter's terms are written so that no index serves them ("+col", "col || ''"),
    // which leaves the planner the (stage, sort key) index: a page then reads its rows in order and
    // stops after LIMIT, instead of collecting and sorting every match.
    QString where(std::optional<Stage> stage, const LeadFilter &filter, qint64 nowMs, QVariantList &values,
                  bool forPage = false) const;
    std::optional<QStringList> distinct(const QString &column);
    bool fetch(const QString &sql, const QVariantList &values, Stage stage, qint64 nowMs, QList<BoardCard> &cards);

    Database &m_database;
    BoardRotSettings::Days m_rotDays;
    QString m_lastError;
};

} // namespace funnel
