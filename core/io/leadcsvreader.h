#pragma once

#include "core/io/csvdialect.h"
#include "core/io/csvrowerror.h"
#include "core/io/leadrecord.h"

#include <QList>
#include <QString>
#include <QStringList>

#include <functional>
#include <optional>

QT_BEGIN_NAMESPACE
class QIODevice;
QT_END_NAMESPACE

namespace funnel {

// Reads a leads CSV file (see DESIGN.md, "Contracts"): the first non-empty line is the header,
// every further non-empty line a lead. Rows stream through callbacks, so a file of any size is
// read in constant memory; a bad row is reported and reading goes on with the next one.
//
// Values of the standard columns are trimmed; an empty cell means "not set". Custom columns keep
// their value verbatim (it round-trips through LeadCsvWriter) and are left out when empty.
class LeadCsvReader
{
public:
    struct Result
    {
        QList<LeadRecord> records;
        QList<CsvRowError> errors;
        QString fileError; // empty when the file as a whole could be read
        QStringList attributeColumns;
    };

    // Reads `device`, which must be open for reading; both callbacks must be set and are called
    // in file order. Returns false on a file-level problem
    // (empty file, no usable header, read error): see fileError(). Records delivered before a
    // read error stay delivered.
    bool read(QIODevice &device, const std::function<void(LeadRecord &&)> &onRecord,
              const std::function<void(CsvRowError &&)> &onError);

    // Translated reason read() returned false; empty otherwise.
    QString fileError() const { return m_fileError; }
    // Names of the custom columns of the last header read, in file order (trimmed, case kept).
    QStringList attributeColumns() const { return m_attributeColumns; }
    CsvDialect dialect() const { return m_dialect; }

    // Everything at once, for small inputs and tests.
    static Result readAll(QIODevice &device);

    // ISO 8601 date ("2026-11-27", midnight UTC) or date-time with "Z", an offset, or neither
    // (then UTC), to UTC milliseconds since the epoch. nullopt when it is none of these.
    static std::optional<qint64> parseTimestamp(QStringView text);

private:
    QString m_fileError;
    QStringList m_attributeColumns;
    CsvDialect m_dialect;
};

} // namespace funnel
