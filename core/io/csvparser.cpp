#include "core/io/csvparser.h"

#include <QCoreApplication>
#include <QIODevice>

#include <utility>

namespace funnel {

namespace {

constexpr qint64 chunkSize = 64 * 1024;
// How long to wait for more bytes from a sequential device (pipe, socket) before treating a
// silent one as finished.
constexpr int sequentialWaitMs = 30'000;

// True when `bytes` ends in the middle of a UTF-8 multi-byte sequence. QStringDecoder keeps such
// a tail as state and never reports it, so at the end of the input we must ask ourselves.
bool endsWithIncompleteUtf8(QByteArrayView bytes)
{
    for (qsizetype back = 1; back <= qMin<qsizetype>(3, bytes.size()); ++back) {
        const auto c = static_cast<uchar>(bytes[bytes.size() - back]);
        if ((c & 0xC0) == 0x80)
            continue; // continuation byte: look further back for the lead byte
        if (c < 0x80)
            return false;
        const int expected = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : 2;
        return back < expected;
    }
    return false;
}

} // namespace

CsvParser::CsvParser(QIODevice &device)
    : m_device(device)
{
}

CsvParser::CsvParser(QIODevice &device, CsvDialect dialect)
    : m_device(device)
    , m_dialect(dialect)
    , m_dialectKnown(true)
{
}

QString CsvParser::errorString() const
{
    switch (m_error) {
    case Error::None:
        return {};
    case Error::UnterminatedQuote:
        return QCoreApplication::translate("CsvParser", "line %1: the quoted field that starts here is not closed before the end of the file")
            .arg(m_errorLine);
    case Error::ReadFailed:
        return QCoreApplication::translate("CsvParser", "line %1: could not read the file: %2").arg(QString::number(m_errorLine), m_deviceError);
    }
    return {};
}

bool CsvParser::readNext(Record &record)
{
    if (m_error != Error::None)
        return false;
    if (!m_dialectKnown)
        detectDialect();

    // Empty physical lines carry no record.
    for (;;) {
        if (!ensure())
            return false;
        const QChar c = m_buffer.at(m_pos);
        if (c == u'\n') {
            ++m_pos;
            ++m_line;
        } else if (c == u'\r') {
            ++m_pos;
            if (ensure() && m_buffer.at(m_pos) == u'\n')
                ++m_pos;
            ++m_line;
        } else {
            break;
        }
    }

    record.fields.clear();
    record.line = m_line;
    record.invalidEncoding = false;
    for (;;) {
        QString field;
        const FieldEnd end = readField(field);
        if (end == FieldEnd::Failed)
            return false;
        record.fields.append(std::move(field));
        if (end == FieldEnd::RecordEnd)
            return finishRecord(record);
    }
}

CsvParser::FieldEnd CsvParser::readField(QString &field)
{
    if (ensure() && m_buffer.at(m_pos) == u'"') {
        const int quoteLine = m_line;
        ++m_pos;
        for (;;) {
            if (!ensure()) {
                if (m_error == Error::None) {
                    m_error = Error::UnterminatedQuote;
                    m_errorLine = quoteLine;
                }
                return FieldEnd::Failed;
            }
            const qsizetype stop = findAny(u'"', u'\r', u'\n');
            field.append(QStringView(m_buffer).sliced(m_pos, stop - m_pos));
            m_pos = stop;
            if (m_pos == m_buffer.size())
                continue;
            const QChar c = m_buffer.at(m_pos++);
            if (c == u'"') {
                if (ensure() && m_buffer.at(m_pos) == u'"') {
                    field.append(u'"');
                    ++m_pos;
                    continue;
                }
                break; // closing quote
            }
            // A line break inside quotes is data, but still a new physical line.
            field.append(c);
            if (c == u'\r' && ensure() && m_buffer.at(m_pos) == u'\n') {
                field.append(u'\n');
                ++m_pos;
            }
            ++m_line;
        }
    }

    // An unquoted field, or whatever follows a closing quote up to the delimiter.
    const QChar delimiter = m_dialect.delimiter;
    for (;;) {
        if (!ensure())
            return m_error == Error::None ? FieldEnd::RecordEnd : FieldEnd::Failed;
        const qsizetype stop = findAny(delimiter, u'\r', u'\n');
        field.append(QStringView(m_buffer).sliced(m_pos, stop - m_pos));
        m_pos = stop;
        if (m_pos == m_buffer.size())
            continue;
        const QChar c = m_buffer.at(m_pos++);
        if (c == delimiter)
            return FieldEnd::Delimiter;
        if (c == u'\r' && ensure() && m_buffer.at(m_pos) == u'\n')
            ++m_pos;
        ++m_line;
        return FieldEnd::RecordEnd;
    }
}

bool CsvParser::finishRecord(Record &record) const
{
    if (m_error != Error::None)
        return false;
    if (m_sawInvalidEncoding) {
        for (const QString &field : std::as_const(record.fields)) {
            if (field.contains(QChar::ReplacementCharacter)) {
                record.invalidEncoding = true;
                break;
            }
        }
    }
    return true;
}

qsizetype CsvParser::findAny(QChar a, QChar b, QChar c) const
{
    const QChar *begin = m_buffer.constData();
    const QChar *end = begin + m_buffer.size();
    for (const QChar *p = begin + m_pos; p != end; ++p) {
        if (*p == a || *p == b || *p == c)
            return p - begin;
    }
    return m_buffer.size();
}

void CsvParser::detectDialect()
{
    // Read until the header line is complete: a delimiter further on could change the count.
    while (!CsvDialect::hasCompleteFirstLine(QStringView(m_buffer).sliced(m_pos)) && fill()) {
    }
    m_dialect = CsvDialect::detect(QStringView(m_buffer).sliced(m_pos));
    m_dialectKnown = true;
}

// Appends at least one character to the buffer unless the input is exhausted.
bool CsvParser::fill()
{
    if (m_pos > 0) {
        m_buffer.remove(0, m_pos);
        m_pos = 0;
    }
    const qsizetype before = m_buffer.size();
    while (m_buffer.size() == before && !m_eof) {
        const QByteArray chunk = readChunk();
        if (!m_decoder) {
            m_head += chunk;
            // A BOM is up to four bytes; wait for them before choosing the encoding.
            if (m_head.size() < 4 && !m_eof)
                continue;
            const auto encoding = QStringConverter::encodingForData(m_head).value_or(QStringConverter::Utf8);
            m_utf8 = encoding == QStringConverter::Utf8;
            m_decoder.emplace(encoding); // skips the BOM by default
            decode(std::exchange(m_head, {}));
        } else {
            decode(chunk);
        }
        if (m_eof && m_utf8 && endsWithIncompleteUtf8(m_tail)) {
            m_buffer.append(QChar::ReplacementCharacter);
            m_sawInvalidEncoding = true;
        }
    }
    return m_buffer.size() > before;
}

void CsvParser::decode(QByteArrayView bytes)
{
    if (bytes.isEmpty())
        return;
    m_buffer.append(m_decoder->decode(bytes));
    if (m_decoder->hasError())
        m_sawInvalidEncoding = true;
    m_tail.append(bytes.sliced(qMax<qsizetype>(0, bytes.size() - 3)));
    m_tail = m_tail.right(3);
}

QByteArray CsvParser::readChunk()
{
    QByteArray chunk(chunkSize, Qt::Uninitialized);
    for (;;) {
        const qint64 n = m_device.read(chunk.data(), chunkSize);
        if (n > 0) {
            chunk.resize(n);
            return chunk;
        }
        if (n == 0 && m_device.isSequential() && m_device.waitForReadyRead(sequentialWaitMs))
            continue;
        m_eof = true;
        if (n < 0) {
            m_error = Error::ReadFailed;
            m_errorLine = m_line;
            m_deviceError = m_device.errorString();
        }
        return {};
    }
}

} // namespace funnel
