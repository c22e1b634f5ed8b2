#include "core/io/leadcsvwriter.h"

#include "core/io/leadcsvcolumn.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QIODevice>
#include <QSet>

using namespace Qt::StringLiterals;

namespace funnel {

namespace {

bool needsQuotes(QStringView value)
{
    if (value.isEmpty())
        return false;
    // Surrounding whitespace would be trimmed by many readers (ours trims standard columns).
    if (value.front().isSpace() || value.back().isSpace())
        return true;
    for (QChar c : value) {
        if (c == u',' || c == u'"' || c == u'\r' || c == u'\n')
            return true;
    }
    return false;
}

// Builds one CSV line; a separator goes before every field but the first, even an empty first.
class LineBuilder
{
public:
    void add(const QString &value)
    {
        if (m_fields++ > 0)
            m_line.append(u',');
        m_line.append(LeadCsvWriter::escapeField(value));
    }
    QString &line() { return m_line; }

private:
    QString m_line;
    int m_fields = 0;
};

} // namespace

LeadCsvWriter::LeadCsvWriter(QIODevice &device, const QStringList &attributeColumns)
    : m_device(device)
{
    QSet<QString> seen;
    for (const QString &name : attributeColumns) {
        const QString key = name.trimmed().toCaseFolded();
        if (key.isEmpty() || leadCsvColumnFromName(key) || seen.contains(key))
            continue;
        seen.insert(key);
        m_attributeColumns.append(name);
    }
}

bool LeadCsvWriter::writeHeader()
{
    LineBuilder line;
    for (QLatin1StringView name : leadCsvColumnNames)
        line.add(name);
    for (const QString &name : std::as_const(m_attributeColumns))
        line.add(name);
    return writeLine(line.line());
}

bool LeadCsvWriter::writeRecord(const LeadRecord &record)
{
    LineBuilder line;
    line.add(record.externalId);
    line.add(record.email);
    line.add(record.name);
    line.add(record.company);
    line.add(record.title);
    line.add(record.source);
    line.add(record.owner);
    line.add(record.stage ? stageName(*record.stage) : QString());
    line.add(record.score ? QString::number(*record.score) : QString());
    line.add(record.createdAtMs ? formatTimestamp(*record.createdAtMs) : QString());
    for (const QString &column : std::as_const(m_attributeColumns)) {
        QString value;
        for (const auto &[name, attributeValue] : record.attributes) {
            if (name == column) {
                value = attributeValue;
                break;
            }
        }
        line.add(value);
    }
    return writeLine(line.line());
}

bool LeadCsvWriter::writeLine(QString &line)
{
    line.append(u"\r\n");
    const QByteArray bytes = line.toUtf8();
    if (m_device.write(bytes) != bytes.size()) {
        m_errorString = QCoreApplication::translate("LeadCsvWriter", "could not write the file: %1").arg(m_device.errorString());
        return false;
    }
    return true;
}

QStringList LeadCsvWriter::attributeColumnsOf(const QList<LeadRecord> &records)
{
    QStringList columns;
    QSet<QString> seen;
    for (const LeadRecord &record : records) {
        for (const auto &attribute : record.attributes) {
            if (!seen.contains(attribute.first)) {
                seen.insert(attribute.first);
                columns.append(attribute.first);
            }
        }
    }
    return columns;
}

QString LeadCsvWriter::formatTimestamp(qint64 msecsSinceEpoch)
{
    const QDateTime dateTime = QDateTime::fromMSecsSinceEpoch(msecsSinceEpoch, Qt::UTC);
    return dateTime.toString(dateTime.time().msec() != 0 ? Qt::ISODateWithMs : Qt::ISODate);
}

QString LeadCsvWriter::escapeField(const QString &value)
{
    if (!needsQuotes(value))
        return value;
    QString quoted = value;
    quoted.replace(u'"', u"\"\""_s);
    return u'"' + quoted + u'"';
}

} // namespace funnel
