#include "core/storage/ingestdecider.h"

#include "core/domain/scoringengine.h"
#include "core/storage/leadstatecodec.h"

namespace funnel::ingest {

namespace {

using namespace Qt::StringLiterals;

constexpr auto leadColumns = "id, external_id, email, name, company, stage, score, last_activity_at, decay_steps, "
                             "cap_usage, stage_entered_at, reached, owner, source";

// SQLite's lower() folds ASCII only; the email index uses it, so cache keys must fold the same way.
QString asciiLower(const QString &text)
{
    QString lowered = text;
    for (QChar &c : lowered) {
        if (c.unicode() >= 'A' && c.unicode() <= 'Z')
            c = QChar(c.unicode() + ('a' - 'A'));
    }
    return lowered;
}

// leads.reached: a bit per stage entered (migration 3).
int stageBit(Stage stage)
{
    return 1 << int(stage);
}

} // namespace

Decider::Decider(sqlite3 *db, QString path, const RuleSet &rules, bool readTransactions)
    : StatementSet(db, std::move(path))
    , m_rules(rules)
    , m_readTransactions(readTransactions)
{
}

bool Decider::prepareAll()
{
    const QByteArray byExternalIdSql = QByteArray("SELECT ") + leadColumns + " FROM leads WHERE external_id = ?1";
    // The WHERE repeats the partial index's condition so that SQLite may use the index.
    const QByteArray byEmailSql = QByteArray("SELECT ") + leadColumns
        + " FROM leads WHERE lower(email) = lower(?1) AND email IS NOT NULL AND email <> ''";
    return prepare(m_findByExternalId, byExternalIdSql.constData())
        && prepare(m_findByEmail, byEmailSql.constData())
        && prepare(m_eventExists, "SELECT 1 FROM events WHERE event_uid = ?1");
}

void Decider::forgetLeads()
{
    Q_ASSERT(!m_batch);
    m_leads.clear();
    m_byExternalId.clear();
    m_byEmail.clear();
    m_forgotten = true;
}

void Decider::begin(Batch *batch, const Batch *inFlight)
{
    Q_ASSERT(!m_batch);
    m_batch = batch;
    m_inFlight = inFlight;
    m_batch->forgetLeads = std::exchange(m_forgotten, false);
}

void Decider::addError(qint64 line, const QString &message)
{
    ++m_batch->errorCount;
    if (m_batch->errors.size() < IngestReport::maxListedErrors)
        m_batch->errors.append(IngestError{line, message});
}

bool Decider::add(const EventRecord &record, qint64 atMs, qint64 receivedMs, bool checked)
{
    Batch &batch = *m_batch;
    Match match;
    if (!findLead(record, &match))
        return false;
    // A stored eventId skips the line before it touches, or creates, its lead.
    PendingEvent event;
    event.textAt = quint32(batch.text.size());
    event.sizes[PendingEvent::EventId] = appendText(QStringView(record.eventId));
    const bool hasEventId = event.sizes[PendingEvent::EventId] > 0;
    const size_t eventIdHash = qHash(batch.field(event, PendingEvent::EventId), eventIdHashSeed);
    if (hasEventId && !(checked && onlyOurEvents)) {
        bool stored = false;
        if (!isStoredEvent(batch.field(event, PendingEvent::EventId), eventIdHash, &stored))
            return false;
        if (stored) {
            batch.text.truncate(event.textAt);
            ++batch.counts.duplicatesSkipped;
            return true;
        }
    }

    const bool created = match.index < 0;
    if (created) {
        Lead lead;
        lead.externalId = record.userId;
        lead.email = match.emailTaken ? QString() : record.email;
        lead.name = record.name;
        lead.company = record.company;
        lead.createdAt = atMs;
        lead.stageEnteredAt = atMs;
        lead.reached = stageBit(Stage::Cold); // its "created" history row
        match.index = remember(std::move(lead));
        m_newLeads.push_back(match.index);
        ++batch.counts.leadsCreated;
    } else {
        if (match.claim) {
            Lead &lead = m_leads[size_t(match.index)];
            lead.externalId = record.userId;
            lead.contactChanged = true;
            m_byExternalId.insert(record.userId, match.index);
        }
        if (!fillBlanks(match.index, record))
            return false;
    }

    Lead &lead = m_leads[size_t(match.index)];
    Outcome outcome = funnel::apply(std::move(lead.state), Event{record.eventType, atMs}, m_rules);
    event.sizes[PendingEvent::Metadata] = appendText(QByteArrayView(record.metadataJson));
    event.sizes[PendingEvent::UserId] = appendText(QStringView(record.userId));
    event.sizes[PendingEvent::Email] = appendText(QStringView(record.email));
    event.sizes[PendingEvent::Name] = appendText(QStringView(record.name));
    event.sizes[PendingEvent::Company] = appendText(QStringView(record.company));
    event.type = utf8(record.eventType);
    event.lead = qint32(match.index);
    event.atMs = atMs;
    event.receivedMs = receivedMs;
    event.points = outcome.points;
    event.createdLead = created;
    // The event's own ScoreChanged is its row's points; decay's is kept (a score_adjustments row).
    QList<Effect> effects = std::move(outcome.effects);
    effects.removeIf([this](const Effect &effect) {
        const auto *score = std::get_if<ScoreChanged>(&effect);
        return score && score->rule != m_decayRule;
    });
    for (const Effect &effect : std::as_const(effects)) {
        if (const auto *move = std::get_if<StageChanged>(&effect)) {
            lead.stageEnteredAt = atMs;
            lead.reached |= stageBit(move->to);
            ++batch.counts.stageChanges;
        }
    }
    lead.state = std::move(outcome.next);
    if (lead.stored && !lead.dirty) {
        lead.dirty = true;
        m_dirty.push_back(match.index);
    }
    if (!effects.isEmpty()) {
        event.effects = qint32(batch.effects.size());
        batch.effects.push_back(std::move(effects));
    }
    if (hasEventId)
        batch.eventIds.insert(eventIdHash, qsizetype(batch.pending.size()));
    if (event.createdLead || event.effects >= 0)
        batch.withRows.push_back(batch.pending.size());
    batch.pending.push_back(std::move(event));
    ++batch.counts.eventsStored;
    return true;
}

bool Decider::redo(const Batch &stale)
{
    Batch &batch = *m_batch;
    batch.linesRead = stale.linesRead;
    batch.errorCount = stale.errorCount;
    batch.errors = stale.errors;
    batch.bytesRead = stale.bytesRead;
    batch.counts.duplicatesSkipped = stale.counts.duplicatesSkipped;
    for (const PendingEvent &event : stale.pending) {
        EventRecord record;
        record.eventId = QString::fromUtf8(stale.field(event, PendingEvent::EventId));
        record.userId = QString::fromUtf8(stale.field(event, PendingEvent::UserId));
        record.email = QString::fromUtf8(stale.field(event, PendingEvent::Email));
        record.name = QString::fromUtf8(stale.field(event, PendingEvent::Name));
        record.company = QString::fromUtf8(stale.field(event, PendingEvent::Company));
        record.eventType = QString::fromUtf8(event.type);
        record.metadataJson = stale.field(event, PendingEvent::Metadata).toByteArray();
        record.atMs = event.atMs;
        if (!add(record, event.atMs, event.receivedMs, true))
            return false;
    }
    return true;
}

bool Decider::finish()
{
    Batch &batch = *m_batch;
    batch.created.reserve(m_newLeads.size());
    for (const qsizetype index : m_newLeads) {
        batch.created.push_back(snapshot(index));
        m_leads[size_t(index)].stored = true;
        m_leads[size_t(index)].contactChanged = false;
    }
    batch.changed.reserve(m_dirty.size());
    for (const qsizetype index : m_dirty) {
        batch.changed.push_back(snapshot(index));
        m_leads[size_t(index)].dirty = false;
        m_leads[size_t(index)].contactChanged = false;
    }
    m_newLeads.clear();
    m_dirty.clear();
    m_batch = nullptr;
    m_inFlight = nullptr;
    return endReadTransaction();
}

LeadSnapshot Decider::snapshot(qsizetype index) const
{
    const Lead &lead = m_leads[size_t(index)];
    return LeadSnapshot{index, lead.state, lead.createdAt, lead.stageEnteredAt, lead.reached, lead.contactChanged,
                        lead.externalId, lead.email, lead.name, lead.company};
}

bool Decider::beginReadTransaction()
{
    if (!m_readTransactions || m_reading)
        return true;
    m_reading = exec("BEGIN");
    return m_reading;
}

bool Decider::endReadTransaction()
{
    if (!m_reading)
        return true;
    m_reading = false;
    return exec("COMMIT");
}

bool Decider::loadLead(const Statement &statement, qsizetype *index)
{
    *index = -1;
    const StatementReset reset(statement);
    sqlite3_stmt *s = statement.get();
    const int rc = sqlite3_step(s);
    if (rc == SQLITE_DONE)
        return true;
    if (rc != SQLITE_ROW)
        return fail(rc);
    Lead lead;
    StoredLead stored;
    stored.id = sqlite3_column_int64(s, 0);
    lead.externalId = columnText(s, 1);
    lead.email = columnText(s, 2);
    lead.name = columnText(s, 3);
    lead.company = columnText(s, 4);
    const auto *capUsage = static_cast<const char *>(sqlite3_column_blob(s, 9));
    const std::optional<LeadState> state = LeadStateCodec::fromColumns(
        columnText(s, 5), sqlite3_column_int64(s, 6),
        sqlite3_column_type(s, 7) == SQLITE_NULL ? std::nullopt
                                                 : std::optional<qint64>(sqlite3_column_int64(s, 7)),
        sqlite3_column_int(s, 8), QByteArrayView(capUsage, sqlite3_column_bytes(s, 9)));
    if (state) // the stage CHECK constraint rules out the alternative; Cold is the safe reading
        lead.state = *state;
    stored.state = withoutCaps(lead.state);
    stored.capUsage = QByteArray(capUsage, sqlite3_column_bytes(s, 9));
    lead.stageEnteredAt = sqlite3_column_int64(s, 10);
    stored.stageEnteredAt = lead.stageEnteredAt;
    lead.reached = sqlite3_column_int(s, 11);
    stored.reached = lead.reached;
    stored.owner = columnText(s, 12);
    stored.source = columnText(s, 13);
    lead.stored = true;
    *index = remember(std::move(lead));
    stored.lead = *index;
    m_batch->loaded.push_back(std::move(stored));
    return true;
}

qsizetype Decider::remember(Lead &&lead)
{
    const qsizetype index = qsizetype(m_leads.size());
    if (!lead.externalId.isEmpty())
        m_byExternalId.insert(lead.externalId, index);
    if (!lead.email.isEmpty())
        m_byEmail.insert(asciiLower(lead.email), index);
    m_leads.push_back(std::move(lead));
    return index;
}

bool Decider::leadByEmail(const QString &email, qsizetype *index)
{
    if (const auto it = m_byEmail.constFind(asciiLower(email)); it != m_byEmail.cend()) {
        *index = it.value();
        return true;
    }
    if (!beginReadTransaction())
        return false;
    bindText(m_findByEmail.get(), 1, email);
    return loadLead(m_findByEmail, index);
}

bool Decider::findLead(const EventRecord &record, Match *match)
{
    if (record.userId.isEmpty())
        return leadByEmail(record.email, &match->index);
    if (const auto it = m_byExternalId.constFind(record.userId); it != m_byExternalId.cend()) {
        match->index = it.value();
        return true;
    }
    if (!beginReadTransaction())
        return false;
    bindText(m_findByExternalId.get(), 1, record.userId);
    if (!loadLead(m_findByExternalId, &match->index))
        return false;
    if (match->index >= 0 || record.email.isEmpty())
        return true;
    // A lead known only by its email (imported from CSV, or from events without a userId)
    // becomes this user's lead; one that already has another userId keeps its email.
    qsizetype byMail = -1;
    if (!leadByEmail(record.email, &byMail))
        return false;
    if (byMail >= 0) {
        if (m_leads[size_t(byMail)].externalId.isEmpty()) {
            match->index = byMail;
            match->claim = true;
        } else {
            match->emailTaken = true;
        }
    }
    return true;
}

void Decider::reserveText(qsizetype more)
{
    QByteArray &text = m_batch->text;
    if (text.capacity() < text.size() + more)
        text.reserve(qMax(text.size() + more, 2 * text.capacity()));
}

quint32 Decider::appendText(QStringView value)
{
    QByteArray &text = m_batch->text;
    const qsizetype at = text.size();
    const qsizetype room = m_toUtf8.requiredSpace(value.size());
    reserveText(room);
    text.resize(at + room);
    text.truncate(m_toUtf8.appendToBuffer(text.data() + at, value) - text.constData());
    return quint32(text.size() - at);
}

quint32 Decider::appendText(QByteArrayView value)
{
    reserveText(value.size());
    m_batch->text.append(value);
    return quint32(value.size());
}

bool Decider::isStoredEvent(QByteArrayView eventId, size_t hash, bool *stored)
{
    const bool seen = m_seenEventIds.contains(hash);
    auto pendingIn = [&](const Batch *batch) {
        return batch && batch->eventIds.find(hash, [&](qsizetype index) {
            return batch->field(batch->pending[size_t(index)], PendingEvent::EventId) == eventId;
        });
    };
    if (seen && (pendingIn(m_batch) || pendingIn(m_inFlight))) {
        *stored = true;
        return true;
    }
    if (!seen)
        m_seenEventIds.insert(hash);
    if (onlyOurEvents && !seen) {
        *stored = false;
        return true;
    }
    if (!beginReadTransaction())
        return false;
    const StatementReset reset(m_eventExists);
    bindUtf8(m_eventExists.get(), 1, eventId);
    const int rc = sqlite3_step(m_eventExists.get());
    if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        return fail(rc);
    *stored = rc == SQLITE_ROW;
    return true;
}

bool Decider::fillBlanks(qsizetype index, const EventRecord &record)
{
    if (!record.email.isEmpty() && m_leads[size_t(index)].email.isEmpty()) {
        qsizetype owner = -1;
        if (!leadByEmail(record.email, &owner)) // may grow m_leads: index-based from here
            return false;
        if (owner < 0) {
            Lead &lead = m_leads[size_t(index)];
            lead.email = record.email;
            lead.contactChanged = true;
            m_byEmail.insert(asciiLower(record.email), index);
        }
    }
    Lead &lead = m_leads[size_t(index)];
    if (lead.name.isEmpty() && !record.name.isEmpty()) {
        lead.name = record.name;
        lead.contactChanged = true;
    }
    if (lead.company.isEmpty() && !record.company.isEmpty()) {
        lead.company = record.company;
        lead.contactChanged = true;
    }
    return true;
}

} // namespace funnel::ingest
