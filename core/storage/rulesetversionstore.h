#pragma once

#include "core/storage/databaseerror.h"
#include "core/storage/rescorer.h"
#include "core/storage/rulesetversion.h"

#include <QCoreApplication>
#include <QList>

#include <optional>

namespace funnel {

class Database;

struct RulesApplyReport {
    RulesetVersion version;
    std::optional<RescoreReport> rescore; // set when every lead was re-scored
};

// The versioned scoring rules (table ruleset_versions). Applying makes a new version the rules in
// force (settings 'rules', which ingest reads, and 'rules_version'), and with RulesApplyMode::History
// re-scores every lead in the same transaction. Undo applies the previous version the same way.
class RulesetVersionStore
{
    Q_DECLARE_TR_FUNCTIONS(RulesetVersionStore)

public:
    explicit RulesetVersionStore(Database &database);

    // Newest first; nullopt on a database error (see lastError()).
    std::optional<QList<RulesetVersion>> versions() const;
    std::optional<RulesetVersion> version(qint64 id) const;
    // The version the rules in force came from; 0 when none was applied yet.
    qint64 currentVersionId() const;

    // The first apply also records the rules in force before it as a version (note says so), so
    // that they can be restored. A re-score reports to `progress` (see Rescorer::Progress); when
    // that cancels, nothing is written, nullopt comes back and lastError() is of kind None.
    std::optional<RulesApplyReport> apply(const RuleSet &rules, const QString &author, const QString &note,
                                          RulesApplyMode mode, qint64 nowMs, const Rescorer::Progress &progress = {});

    // Re-applies version `id` as a new version ("restore of vN"); re-scores every lead unless `mode`
    // says Future.
    std::optional<RulesApplyReport> restore(qint64 id, const QString &author, qint64 nowMs,
                                            std::optional<RulesApplyMode> mode = std::nullopt,
                                            const Rescorer::Progress &progress = {});

    // Undo of the latest apply: restores the version before the current one.
    std::optional<RulesApplyReport> undoLast(const QString &author, qint64 nowMs, const Rescorer::Progress &progress = {});

    // Every event type in the events table, sorted; the editor offers them beside the rules' own.
    std::optional<QStringList> seenEventTypes() const;

    const DatabaseError &lastError() const { return m_error; }

private:
    std::optional<qint64> insertVersion(const RuleSet &rules, const QString &author, const QString &note,
                                        RulesApplyMode mode, qint64 nowMs);

    Database &m_database;
    mutable DatabaseError m_error;
};

QString rulesApplyModeName(RulesApplyMode mode);

} // namespace funnel
