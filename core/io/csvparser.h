#pragma once

#include "core/io/csvdialect.h"

#include <QByteArray>
#include <QString>
#include <QStringDecoder>
#include <QStringList>

#include <optional>

QT_BEGIN_NAMESPACE
class QIODevice;
QT_END_NAMESPACE

namespace funnel {

// Streaming RFC 4180 reader: yields one record at a time from a QIODevice, holding only the
// current chunk and record in memory, so a file of a million rows costs no more than one of ten.
//
// Accepts CRLF, LF and lone CR line ends, newlines and doubled quotes inside quoted fields, a
// final line with or without a line end, and UTF-8 with or without BOM (a UTF-16/32 BOM is
// honoured too: Excel's "Unicode text" export is UTF-16). Empty physical lines are skipped.
// Lenient where RFC 4180 leaves a choice: a quote inside an unquoted field, or text after a
// closing quote, is kept literally.
class CsvParser
{
public:
    struct Record
    {
        QStringList fields;
        int line = 0; // 1-based physical line where the record starts
        // Set when the bytes of this record were not valid in the file's encoding; the bad
        // bytes show up as U+FFFD in the fields.
        bool invalidEncoding = false;
    };

    enum class Error {
        None,
        UnterminatedQuote, // a quoted field runs to the end of the file; errorLine() is where it opened
        ReadFailed,        // the device reported an error; errorLine() is the line being read
    };

    // Detects the delimiter from the first non-empty line.
    explicit CsvParser(QIODevice &device);
    CsvParser(QIODevice &device, CsvDialect dialect);

    CsvParser(const CsvParser &) = delete;
    CsvParser &operator=(const CsvParser &) = delete;

    // Reads the next record. False at the end of the input or on an error (see error()); a
    // record cut short by an error is not returned.
    bool readNext(Record &record);

    // The dialect in use; when detected, valid once readNext() has been called.
    CsvDialect dialect() const { return m_dialect; }

    Error error() const { return m_error; }
    int errorLine() const { return m_errorLine; }
    // Translated description of error(), naming the line.
    QString errorString() const;

private:
    enum class FieldEnd { Delimiter, RecordEnd, Failed };

    void detectDialect();
    FieldEnd readField(QString &field);
    bool finishRecord(Record &record) const;
    qsizetype findAny(QChar a, QChar b, QChar c) const;
    bool ensure() { return m_pos < m_buffer.size() || fill(); }
    bool fill();
    QByteArray readChunk();
    void decode(QByteArrayView bytes);

    QIODevice &m_device;
    CsvDialect m_dialect;
    bool m_dialectKnown = false;

    std::optional<QStringDecoder> m_decoder; // chosen from the first bytes (BOM)
    QByteArray m_head;                       // bytes read before the encoding is known
    QByteArray m_tail;                       // last raw bytes, to spot a UTF-8 sequence cut by EOF
    bool m_utf8 = true;
    bool m_sawInvalidEncoding = false;

    QString m_buffer; // decoded text not yet consumed, from m_pos on
    qsizetype m_pos = 0;
    bool m_eof = false;
    int m_line = 1;

    Error m_error = Error::None;
    int m_errorLine = 0;
    QString m_deviceError;
};

} // namespace funnel
