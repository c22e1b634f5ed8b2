#pragma once

// A hand-built funnel whose dashboard answers are worked out by hand in the comments below; shared
// by the dashboard's storage, funnelctl and GUI tests (header only, not a test itself).

#include "core/storage/database.h"

#include <QDateTime>
#include <QSqlQuery>
#include <QString>
#include <QVariant>

namespace funnel::testing {

inline constexpr qint64 dayMs = 86'400'000;
// Monday 2 November 2026, 00:00 UTC; the period is the two weeks from there.
inline const qint64 t0 = QDateTime(QDate(2026, 11, 2), QTime(0, 0), Qt::UTC).toMSecsSinceEpoch();
inline const qint64 periodFrom = t0;
inline const qint64 periodTo = t0 + 14 * dayMs;
inline const qint64 now = t0 + 20 * dayMs;

struct HandLead {
    const char *owner;
    const char *source;
    const char *stage;
    int score;
    int createdDay; // days after t0
    // Moves after creation: (to, day); the creation row Cold is implied.
    std::initializer_list<std::pair<const char *, int>> moves;
};

// L1 ana/web   Cold d0 -> MQL d2 -> SQL d5 -> Won d9                  score 120
// L2 ana/web   Cold d1 -> SQL d3 (a demo request: reached MQL too)    score  85
// L3 bo/ads    Cold d1 -> MQL d8                                      score  45
// L4 bo/ads    Cold d2                                                score   5
// L5 bo/web    Cold d3 -> MQL d4 -> Lost d10                          score -12
// L6 ana/ads   Cold d-10 (before the period) -> MQL d1 -> SQL d6 -> MQL d12 (back to nurture)  score 60
//
// Cohort (created in the period) L1..L5: reached Cold 5, MQL 4, SQL 2, Won 1.
// Left in the period (any cohort): Cold 1, 2, 2, 7, 11 days (median 2, p90 11); MQL 3, 5, 6 (median 5,
// p90 6); SQL 4, 6 (median 4, p90 6). Still in now (t0 + 20 d): Cold L4 18 d; MQL L3 12 d, L6 8 d
// (median 8, p90 12); SQL L2 17 d.
// Weeks: 2 Nov MQL 3 (L1, L5, L6), SQL 3 (L1, L2, L6), Won 0; 9 Nov MQL 1 (L3; L6's move back does
// not count), SQL 0, Won 1.
inline bool fillHandBuiltFunnel(Database &database)
{
    const HandLead leads[] = {
        {"ana", "web", "Won", 120, 0, {{"MQL", 2}, {"SQL", 5}, {"Won", 9}}},
        {"ana", "web", "SQL", 85, 1, {{"SQL", 3}}},
        {"bo", "ads", "MQL", 45, 1, {{"MQL", 8}}},
        {"bo", "ads", "Cold", 5, 2, {}},
        {"bo", "web", "Lost", -12, 3, {{"MQL", 4}, {"Lost", 10}}},
        {"ana", "ads", "MQL", 60, -10, {{"MQL", 1}, {"SQL", 6}, {"MQL", 12}}},
    };
    QSqlQuery lead(database.connection());
    QSqlQuery history(database.connection());
    lead.prepare(QStringLiteral("INSERT INTO leads (name, owner, source, stage, score, created_at, stage_entered_at)"
                                " VALUES (?, ?, ?, ?, ?, ?, ?)"));
    history.prepare(QStringLiteral("INSERT INTO stage_history (lead_id, from_stage, to_stage, at, cause) VALUES (?, ?, ?, ?, ?)"));
    int number = 0;
    for (const HandLead &row : leads) {
        const qint64 created = t0 + row.createdDay * dayMs;
        qint64 entered = created;
        for (const auto &move : row.moves)
            entered = t0 + move.second * dayMs;
        lead.addBindValue(QStringLiteral("L%1").arg(++number));
        lead.addBindValue(QString::fromLatin1(row.owner));
        lead.addBindValue(QString::fromLatin1(row.source));
        lead.addBindValue(QString::fromLatin1(row.stage));
        lead.addBindValue(row.score);
        lead.addBindValue(created);
        lead.addBindValue(entered);
        if (!lead.exec())
            return false;
        const qint64 id = lead.lastInsertId().toLongLong();
        QString from;
        const auto addHistory = [&](const QString &to, qint64 at, const QString &cause) {
            history.addBindValue(id);
            history.addBindValue(from.isEmpty() ? QVariant() : QVariant(from));
            history.addBindValue(to);
            history.addBindValue(at);
            history.addBindValue(cause);
            from = to;
            return history.exec();
        };
        if (!addHistory(QStringLiteral("Cold"), created, QStringLiteral("created")))
            return false;
        for (const auto &move : row.moves) {
            if (!addHistory(QString::fromLatin1(move.first), t0 + move.second * dayMs, QStringLiteral("manual")))
                return false;
        }
    }
    return true;
}

} // namespace funnel::testing
