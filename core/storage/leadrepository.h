#pragma once

#include "core/domain/effect.h"
#include "core/domain/movecause.h"
#include "core/io/csvrowerror.h"
#include "core/io/leadrecord.h"
#include "core/storage/databaseerror.h"

#include <QList>
#include <QString>
#include <QStringList>

#include <functional>
#include <optional>

QT_BEGIN_NAMESPACE
class QIODevice;
QT_END_NAMESPACE

namespace funnel {

class Database;

// What an import did. Row errors name their line; a file error means nothing could be read.
struct LeadImportReport {
    int created = 0;
    int merged = 0; // rows that matched an existing lead (by id or email) and updated it
    QList<CsvRowError> errors;
    QString fileError;
    DatabaseError databaseError;

    int rejected() const { return int(errors.size()); }
};

struct LeadMoveResult {
    bool moved = false;
    QString refusal;        // translated reason when the transition table or a missing reason refused it
    QList<Effect> effects;  // to act on after commit (NotifySales, ...)
    DatabaseError error;    // the move could not be stored
};

// Leads as people see them: import and export (DESIGN.md, "Leads CSV"), lookups and manual moves.
// Every write is one transaction; duplicates by email are merged, never doubled.
class LeadRepository
{
public:
    explicit LeadRepository(Database &database) : m_database(database) {}

    // Reads a leads CSV and stores its good rows; bad rows are reported with their line.
    LeadImportReport importCsv(QIODevice &device, const QString &actor);
    LeadImportReport importRecords(const QList<LeadRecord> &records, const QString &actor);

    struct ExportFilter {
        std::optional<Stage> stage;
    };
    // CSV with every custom column ever imported, or one JSON object per line.
    bool exportCsv(QIODevice &device, const ExportFilter &filter, QString *error);
    bool exportJsonl(QIODevice &device, const ExportFilter &filter, QString *error);

    std::optional<qint64> idForExternalId(const QString &externalId) const;
    std::optional<qint64> idForEmail(const QString &email) const;

    // A person's move (or an undo), checked against the transition table; writes the stage, the
    // history row with the actor and reason, in one transaction.
    LeadMoveResult moveLead(qint64 leadId, Stage to, MoveCause cause, const QString &reason, const QString &actor,
                            qint64 atMs);

    // Custom CSV columns in the order they were first imported.
    QStringList attributeColumns() const;

private:
    class ImportBatch;
    bool forEachLead(const ExportFilter &filter, const std::function<bool(const LeadRecord &, const QString &)> &onLead,
                     QString *error);

    Database &m_database;
};

} // namespace funnel
