#pragma once

#include "core/io/leadrecord.h"

#include <QList>
#include <QString>
#include <QStringList>

QT_BEGIN_NAMESPACE
class QIODevice;
QT_END_NAMESPACE

namespace funnel {

// Writes leads as RFC 4180 CSV that LeadCsvReader reads back unchanged: UTF-8 without BOM,
// comma-separated, CRLF line ends, a field quoted only when it has to be. The standard columns
// come first, then the custom attribute columns given to the constructor. Streaming: call
// writeHeader() once, then writeRecord() per lead.
class LeadCsvWriter
{
public:
    // `attributeColumns` are the custom columns to write, in this order. Empty names, names of
    // standard columns and repeats (case-insensitively) are dropped: the reader would reject the
    // header. Attributes of a record that are not listed are not written.
    explicit LeadCsvWriter(QIODevice &device, const QStringList &attributeColumns = {});

    LeadCsvWriter(const LeadCsvWriter &) = delete;
    LeadCsvWriter &operator=(const LeadCsvWriter &) = delete;

    bool writeHeader();
    bool writeRecord(const LeadRecord &record);

    QStringList attributeColumns() const { return m_attributeColumns; }
    // Translated reason the last write failed; empty when none did.
    QString errorString() const { return m_errorString; }

    // The union of the attribute names of `records`, in order of first appearance.
    static QStringList attributeColumnsOf(const QList<LeadRecord> &records);
    // ISO 8601 in UTC with "Z"; milliseconds only when there are any ("2026-11-27T10:00:00Z").
    static QString formatTimestamp(qint64 msecsSinceEpoch);
    // `value` as one CSV field, quoted and with doubled quotes where needed.
    static QString escapeField(const QString &value);

private:
    bool writeLine(QString &line);

    QIODevice &m_device;
    QStringList m_attributeColumns;
    QString m_errorString;
};

} // namespace funnel
