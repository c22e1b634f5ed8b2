#pragma once

#include "core/domain/ruleset.h"
#include "core/io/eventrecord.h"
#include "core/storage/eventidhashes.h"
#include "core/storage/ingestbatch.h"
#include "core/storage/statementset.h"

#include <QHash>
#include <QStringEncoder>

#include <vector>

namespace funnel::ingest {

// The deciding side: reads the batch's lines into PendingEvents, finds or creates their leads and runs
// the scoring engine, all in memory; its only queries are lookups. It keeps every lead the run has
// touched, with its state at the end of the latest decided batch.
class Decider : public StatementSet
{
public:
    // `readTransactions`: `db` is a connection of the Decider's own, read in one transaction per
    // batch (one snapshot instead of one per lookup).
    Decider(sqlite3 *db, QString path, const RuleSet &rules, bool readTransactions);
    ~Decider() { endReadTransaction(); }

    bool onlyOurEvents = true; // the events table holds no row this run did not write

    bool prepareAll();

    qsizetype cachedLeads() const { return qsizetype(m_leads.size()); }

    // Drops the lead cache, between batches: stale, or too big.
    void forgetLeads();

    // Starts deciding into `batch` (empty). `inFlight` is the batch the writer may still be writing:
    // its eventIds are not in the database yet.
    void begin(Batch *batch, const Batch *inFlight);

    void addError(qint64 line, const QString &message);

    // One decoded line; false only on a database failure. `checked`: the eventId was found not
    // stored when the line was first decided (see redo()).
    bool add(const EventRecord &record, qint64 atMs, qint64 receivedMs, bool checked = false);

    // Decides the events of `stale`, a batch decided with a cache that another writer's commit made
    // stale, again into the open batch. Its lines were read, its errors reported and its duplicates
    // skipped already; those carry over.
    bool redo(const Batch &stale);

    // Ends the open batch: the leads it created or changed go into it as the writer will store them.
    bool finish();

private:
    struct Lead {
        LeadState state;
        qint64 createdAt = 0;
        qint64 stageEnteredAt = 0;
        QString externalId;
        QString email;
        QString name;
        QString company;
        int reached = 0;
        bool stored = false;         // in the database, or in a batch already decided
        bool dirty = false;          // a stored lead the open batch changed (listed in m_dirty)
        bool contactChanged = false; // external_id, email, name or company, in the open batch
    };

    struct Match {
        qsizetype index = -1;
        bool claim = false;      // a lead known by email only becomes this userId's lead
        bool emailTaken = false; // the event's email belongs to another user's lead
    };

    LeadSnapshot snapshot(qsizetype index) const;
    bool beginReadTransaction();
    bool endReadTransaction();

    // Steps `statement` expecting one row or none; the new cache index or -1, or false on error.
    bool loadLead(const Statement &statement, qsizetype *index);

    qsizetype remember(Lead &&lead);
    bool leadByEmail(const QString &email, qsizetype *index);
    bool findLead(const EventRecord &record, Match *match);

    // Room for `more` bytes at the end of the batch's text, growing it by doubling (it keeps its
    // capacity from batch to batch).
    void reserveText(qsizetype more);

    // Appends `value` to the batch's text as UTF-8; its size there.
    quint32 appendText(QStringView value);
    quint32 appendText(QByteArrayView value);

    // Whether `eventId` is stored, or pending in this batch or the one in flight. Every pending id's
    // hash is seen.
    bool isStoredEvent(QByteArrayView eventId, size_t hash, bool *stored);

    // Name, company and email fill blanks of a lead; they never overwrite what is there.
    bool fillBlanks(qsizetype index, const EventRecord &record);

    const RuleSet &m_rules;
    const bool m_readTransactions;
    bool m_reading = false;
    Statement m_findByExternalId;
    Statement m_findByEmail;
    Statement m_eventExists;

    std::vector<Lead> m_leads;
    QHash<QString, qsizetype> m_byExternalId;
    QHash<QString, qsizetype> m_byEmail; // asciiLower(email)
    SeenEventIds m_seenEventIds;
    bool m_forgotten = false; // the next batch tells the writer that the cache was dropped

    Batch *m_batch = nullptr;
    const Batch *m_inFlight = nullptr;
    std::vector<qsizetype> m_newLeads; // of the open batch, in the order they appeared
    std::vector<qsizetype> m_dirty;
    QStringEncoder m_toUtf8{QStringEncoder::Utf8};
    const QString m_decayRule = QStringLiteral("decay");
};

} // namespace funnel::ingest
