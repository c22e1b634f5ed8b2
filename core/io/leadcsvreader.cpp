#include "core/io/leadcsvreader.h"

#include "core/io/csvparser.h"
#include "core/io/leadcsvcolumn.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QHash>
#include <QIODevice>

#include <array>
#include <utility>

using namespace Qt::StringLiterals;

namespace funnel {

namespace {

// A value quoted in a message; a runaway cell must not flood the error list.
QString shown(QStringView value)
{
    constexpr qsizetype maxShown = 40;
    if (value.size() <= maxShown)
        return value.toString();
    return value.left(maxShown).toString() + u'…';
}

QString atLine(int line, const QString &problem)
{
    return QCoreApplication::translate("LeadCsvReader", "line %1: %2").arg(QString::number(line), problem);
}

bool looksLikeEmail(QStringView email)
{
    const qsizetype at = email.indexOf(u'@');
    if (at <= 0 || at == email.size() - 1 || email.indexOf(u'@', at + 1) != -1)
        return false;
    for (QChar c : email) {
        if (c.isSpace())
            return false;
    }
    return true;
}

QString stageList()
{
    QStringList names;
    for (Stage stage : allStages)
        names.append(stageName(stage));
    return names.join(u", ");
}

bool isBlank(const QStringList &fields)
{
    for (const QString &field : fields) {
        if (!QStringView(field).trimmed().isEmpty())
            return false;
    }
    return true;
}

// Where each standard column sits in the file (-1: absent) and which other columns there are.
struct HeaderLayout
{
    std::array<qsizetype, leadCsvColumnNames.size()> index{};
    QList<std::pair<qsizetype, QString>> attributes;
    qsizetype columnCount = 0;

    qsizetype at(LeadCsvColumn column) const { return index[static_cast<std::size_t>(column)]; }
};

// Fills `layout` from the header row; returns the file-level error, empty when the header is usable.
QString parseHeader(const CsvParser::Record &header, HeaderLayout &layout)
{
    layout.index.fill(-1);
    layout.columnCount = header.fields.size();
    if (header.invalidEncoding)
        return atLine(header.line, QCoreApplication::translate("LeadCsvReader", "the header is not valid UTF-8 text; save the file as UTF-8"));

    QHash<QString, qsizetype> seen; // case-folded name -> column
    for (qsizetype i = 0; i < header.fields.size(); ++i) {
        const QString name = header.fields[i].trimmed();
        if (name.isEmpty())
            return atLine(header.line, QCoreApplication::translate("LeadCsvReader", "header column %1 has no name").arg(i + 1));
        const QString key = name.toCaseFolded();
        if (const auto it = seen.constFind(key); it != seen.cend()) {
            return atLine(header.line, QCoreApplication::translate("LeadCsvReader", "column '%1' appears twice in the header (columns %2 and %3)")
                                           .arg(shown(name), QString::number(*it + 1), QString::number(i + 1)));
        }
        seen.insert(key, i);
        if (const auto column = leadCsvColumnFromName(name))
            layout.index[static_cast<std::size_t>(*column)] = i;
        else
            layout.attributes.append({i, name});
    }
    // Without either key column no row could be valid: most likely the header line is missing.
    if (layout.at(LeadCsvColumn::Email) < 0 && layout.at(LeadCsvColumn::Id) < 0) {
        return atLine(header.line, QCoreApplication::translate("LeadCsvReader", "the header has neither an 'email' nor an 'id' column; "
                                      "the first line must name the columns"));
    }
    return {};
}

// Turns one data row into a record, or collects what is wrong with it.
std::optional<LeadRecord> toRecord(const CsvParser::Record &row, const HeaderLayout &layout, QStringList &problems)
{
    const auto value = [&](LeadCsvColumn column) -> QString {
        const qsizetype i = layout.at(column);
        return i < 0 ? QString() : row.fields[i].trimmed();
    };

    LeadRecord record;
    record.line = row.line;
    record.externalId = value(LeadCsvColumn::Id);
    record.email = value(LeadCsvColumn::Email);
    record.name = value(LeadCsvColumn::Name);
    record.company = value(LeadCsvColumn::Company);
    record.title = value(LeadCsvColumn::Title);
    record.source = value(LeadCsvColumn::Source);
    record.owner = value(LeadCsvColumn::Owner);

    if (record.email.isEmpty() && record.externalId.isEmpty())
        problems.append(QCoreApplication::translate("LeadCsvReader", "neither 'email' nor 'id' is set; one of them is required"));
    if (!record.email.isEmpty() && !looksLikeEmail(record.email))
        problems.append(QCoreApplication::translate("LeadCsvReader", "'email' value \"%1\" is not a valid email address").arg(shown(record.email)));

    if (const QString stage = value(LeadCsvColumn::Stage); !stage.isEmpty()) {
        record.stage = stageFromName(stage);
        if (!record.stage)
            problems.append(QCoreApplication::translate("LeadCsvReader", "'stage' value \"%1\" is not one of %2").arg(shown(stage), stageList()));
    }
    if (const QString score = value(LeadCsvColumn::Score); !score.isEmpty()) {
        bool ok = false;
        const int parsed = score.toInt(&ok);
        if (ok)
            record.score = parsed;
        else
            problems.append(QCoreApplication::translate("LeadCsvReader", "'score' value \"%1\" is not an integer").arg(shown(score)));
    }
    if (const QString createdAt = value(LeadCsvColumn::CreatedAt); !createdAt.isEmpty()) {
        record.createdAtMs = LeadCsvReader::parseTimestamp(createdAt);
        if (!record.createdAtMs) {
            problems.append(QCoreApplication::translate("LeadCsvReader", "'created_at' value \"%1\" is not an ISO 8601 date or date-time "
                               "(e.g. 2026-11-27 or 2026-11-27T10:00:00Z)")
                                .arg(shown(createdAt)));
        }
    }

    for (const auto &[i, name] : layout.attributes) {
        if (!row.fields[i].isEmpty())
            record.attributes.append({name, row.fields[i]});
    }

    if (!problems.isEmpty())
        return std::nullopt;
    return record;
}

} // namespace

bool LeadCsvReader::read(QIODevice &device, const std::function<void(LeadRecord &&)> &onRecord,
                         const std::function<void(CsvRowError &&)> &onError)
{
    m_fileError.clear();
    m_attributeColumns.clear();
    m_dialect = {};

    if (!device.isReadable()) {
        m_fileError = QCoreApplication::translate("LeadCsvReader", "the file is not open for reading");
        return false;
    }

    CsvParser parser(device);
    CsvParser::Record row;
    if (!parser.readNext(row)) {
        switch (parser.error()) {
        case CsvParser::Error::None:
            m_fileError = QCoreApplication::translate("LeadCsvReader", "the file is empty; expected a header line naming the columns");
            break;
        case CsvParser::Error::UnterminatedQuote:
            m_fileError = atLine(parser.errorLine(), QCoreApplication::translate("LeadCsvReader", "the header has a quoted field that is never closed"));
            break;
        case CsvParser::Error::ReadFailed:
            m_fileError = parser.errorString();
            break;
        }
        return false;
    }
    m_dialect = parser.dialect();

    HeaderLayout layout;
    m_fileError = parseHeader(row, layout);
    if (!m_fileError.isEmpty())
        return false;
    for (const auto &attribute : std::as_const(layout.attributes))
        m_attributeColumns.append(attribute.second);

    QStringList problems;
    while (parser.readNext(row)) {
        // Spreadsheets pad with rows of bare delimiters; they are as empty as an empty line.
        if (isBlank(row.fields))
            continue;
        if (row.invalidEncoding) {
            onError({row.line, atLine(row.line, QCoreApplication::translate("LeadCsvReader", "the row is not valid UTF-8 text; save the file as UTF-8"))});
            continue;
        }
        if (row.fields.size() != layout.columnCount) {
            onError({row.line, atLine(row.line, QCoreApplication::translate("LeadCsvReader", "expected %1 fields as in the header, found %2")
                                                    .arg(QString::number(layout.columnCount), QString::number(row.fields.size())))});
            continue;
        }
        problems.clear();
        if (auto record = toRecord(row, layout, problems))
            onRecord(std::move(*record));
        else
            onError({row.line, atLine(row.line, problems.join(u"; "))});
    }

    switch (parser.error()) {
    case CsvParser::Error::None:
        break;
    case CsvParser::Error::UnterminatedQuote:
        // Only this row is lost; the rows before it have been delivered.
        onError({parser.errorLine(), atLine(parser.errorLine(), QCoreApplication::translate("LeadCsvReader", "a quoted field starts here and is not closed "
                                                                   "before the end of the file"))});
        break;
    case CsvParser::Error::ReadFailed:
        m_fileError = parser.errorString();
        return false;
    }
    return true;
}

LeadCsvReader::Result LeadCsvReader::readAll(QIODevice &device)
{
    Result result;
    LeadCsvReader reader;
    reader.read(
        device, [&](LeadRecord &&record) { result.records.append(std::move(record)); },
        [&](CsvRowError &&error) { result.errors.append(std::move(error)); });
    result.fileError = reader.fileError();
    result.attributeColumns = reader.attributeColumns();
    return result;
}

std::optional<qint64> LeadCsvReader::parseTimestamp(QStringView text)
{
    const QString value = text.trimmed().toString();
    // A bare date: QDateTime would read it as local midnight, the contract says UTC.
    if (value.size() == 10) {
        const QDate date = QDate::fromString(value, Qt::ISODate);
        if (!date.isValid())
            return std::nullopt;
        return QDateTime(date, QTime(0, 0), Qt::UTC).toMSecsSinceEpoch();
    }
    // No zone designator means UTC, not local time. Add one before parsing: read as local time,
    // a clock time inside a DST gap would be shifted or rejected.
    constexpr qsizetype timeStart = 10; // after "yyyy-MM-dd"; '-' before it belongs to the date
    const bool hasZone = value.endsWith(u'Z') || value.indexOf(u'+', timeStart) >= 0 || value.indexOf(u'-', timeStart) >= 0;
    const QDateTime dateTime = QDateTime::fromString(hasZone ? value : QString(value + u'Z'), Qt::ISODateWithMs);
    if (!dateTime.isValid())
        return std::nullopt;
    return dateTime.toMSecsSinceEpoch();
}

} // namespace funnel
