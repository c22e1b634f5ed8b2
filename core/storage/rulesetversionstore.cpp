#include "core/storage/rulesetversionstore.h"

#include "core/io/rulesetjson.h"
#include "core/storage/database.h"
#include "core/storage/sqlvalues.h"
#include "core/storage/transaction.h"

#include <QSqlError>
#include <QSqlQuery>

namespace funnel {
namespace {

using namespace Qt::StringLiterals;

const QString versionKey = u"rules_version"_s;

RulesApplyMode modeFromName(const QString &name)
{
    return name == "history"_L1 ? RulesApplyMode::History : RulesApplyMode::Future;
}

} // namespace

QString rulesApplyModeName(RulesApplyMode mode)
{
    return mode == RulesApplyMode::History ? u"history"_s : u"future"_s;
}

RulesetVersionStore::RulesetVersionStore(Database &database)
    : m_database(database)
{
}

std::optional<QList<RulesetVersion>> RulesetVersionStore::versions() const
{
    QSqlQuery query(m_database.connection());
    query.setForwardOnly(true);
    if (!query.exec(u"SELECT id, created_at, author, note, definition, applied_mode FROM ruleset_versions ORDER BY id DESC"_s)) {
        m_error = m_database.errorFor(query.lastError());
        return std::nullopt;
    }
    QList<RulesetVersion> list;
    while (query.next()) {
        QString parseError;
        const std::optional<RuleSet> rules = RuleSetJson::fromJson(query.value(4).toString().toUtf8(), &parseError);
        list.append({query.value(0).toLongLong(), query.value(1).toLongLong(), query.value(2).toString(),
                     query.value(3).toString(), rules.value_or(RuleSet::defaults()), modeFromName(query.value(5).toString())});
    }
    m_error = {};
    return list;
}

std::optional<RulesetVersion> RulesetVersionStore::version(qint64 id) const
{
    const std::optional<QList<RulesetVersion>> all = versions();
    if (!all)
        return std::nullopt;
    for (const RulesetVersion &version : *all) {
        if (version.id == id)
            return version;
    }
    return std::nullopt;
}

std::optional<QStringList> RulesetVersionStore::seenEventTypes() const
{
    QSqlQuery query(m_database.connection());
    query.setForwardOnly(true);
    // DISTINCT over events_type_time_idx: one pass over the index, not the table.
    if (!query.exec(u"SELECT DISTINCT type FROM events ORDER BY type"_s)) {
        m_error = m_database.errorFor(query.lastError());
        return std::nullopt;
    }
    QStringList types;
    while (query.next())
        types.append(query.value(0).toString());
    return types;
}

qint64 RulesetVersionStore::currentVersionId() const
{
    return m_database.settingValue(versionKey).value_or(QString()).toLongLong();
}

std::optional<qint64> RulesetVersionStore::insertVersion(const RuleSet &rules, const QString &author,
                                                         const QString &note, RulesApplyMode mode, qint64 nowMs)
{
    QSqlQuery query(m_database.connection());
    query.prepare(u"INSERT INTO ruleset_versions (created_at, author, note, definition, applied_mode)"
                  " VALUES (?, ?, ?, ?, ?)"_s);
    query.addBindValue(nowMs);
    query.addBindValue(notNull(author));
    query.addBindValue(notNull(note));
    query.addBindValue(QString::fromUtf8(RuleSetJson::toJson(rules)));
    query.addBindValue(rulesApplyModeName(mode));
    if (!query.exec()) {
        m_error = m_database.errorFor(query.lastError());
        return std::nullopt;
    }
    return query.lastInsertId().toLongLong();
}

std::optional<RulesApplyReport> RulesetVersionStore::apply(const RuleSet &rules, const QString &author,
                                                           const QString &note, RulesApplyMode mode, qint64 nowMs,
                                                           const Rescorer::Progress &progress)
{
    Transaction transaction(m_database);
    if (!transaction.isActive()) {
        m_error = transaction.error();
        return std::nullopt;
    }
    const std::optional<QList<RulesetVersion>> existing = versions();
    if (!existing)
        return std::nullopt;
    if (existing->isEmpty()) {
        QString ignored;
        if (!insertVersion(m_database.activeRules(&ignored), author,
                           tr("rules in force before the first versioned change"), RulesApplyMode::Future, nowMs))
            return std::nullopt;
    }
    const std::optional<qint64> id = insertVersion(rules, author, note, mode, nowMs);
    if (!id)
        return std::nullopt;
    RulesApplyReport report{RulesetVersion{*id, nowMs, author, note, rules, mode}, std::nullopt};
    if (!m_database.setActiveRules(rules) || !m_database.setSettingValue(versionKey, QString::number(*id))) {
        m_error = m_database.lastError();
        return std::nullopt;
    }
    if (mode == RulesApplyMode::History) {
        report.rescore = Rescorer::rescoreAll(m_database, rules, report.version.label(), nowMs, 0, &m_error, progress);
        if (!report.rescore)
            return std::nullopt;
    }
    if (!transaction.commit()) {
        m_error = transaction.error();
        return std::nullopt;
    }
    m_error = {};
    return report;
}

std::optional<RulesApplyReport> RulesetVersionStore::restore(qint64 id, const QString &author, qint64 nowMs,
                                                             std::optional<RulesApplyMode> mode,
                                                             const Rescorer::Progress &progress)
{
    const std::optional<RulesetVersion> old = version(id);
    if (!old) {
        if (!m_error.isError())
            m_error = {DatabaseError::Kind::Other, tr("There is no rules version %1.").arg(id), {}};
        return std::nullopt;
    }
    return apply(old->rules, author, tr("restore of v%1").arg(id), mode.value_or(RulesApplyMode::History), nowMs, progress);
}

std::optional<RulesApplyReport> RulesetVersionStore::undoLast(const QString &author, qint64 nowMs,
                                                              const Rescorer::Progress &progress)
{
    const std::optional<QList<RulesetVersion>> all = versions();
    if (!all)
        return std::nullopt;
    const qint64 current = currentVersionId();
    for (qsizetype i = 0; i < all->size(); ++i) {
        if (all->at(i).id == current && i + 1 < all->size()) {
            // Undo re-scores when the apply being undone did, so scores come back too.
            return restore(all->at(i + 1).id, author, nowMs, all->at(i).mode, progress);
        }
    }
    m_error = {DatabaseError::Kind::Other, tr("There is no earlier rules version to go back to."), {}};
    return std::nullopt;
}

} // namespace funnel
