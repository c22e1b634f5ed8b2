#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QString>

class QIODevice;

namespace funnel {

// Splits a QIODevice into lines while reading it in chunks: a file, stdin or a socket is never held
// in memory as a whole, and a line longer than the limit is skipped without being buffered.
// Accepts "\n" and "\r\n" line breaks and drops a UTF-8 byte order mark at the start.
class LineReader
{
public:
    enum class Status {
        Line,    // line() holds the next line
        TooLong, // the next line was over the limit and was skipped; lineLength() says how long
        End,     // no more input
        Failed,  // the device reported an error; see errorString()
    };

    LineReader(QIODevice &device, qsizetype maxLineBytes);

    Status next();

    QByteArrayView line() const { return m_line; } // valid until the next call; no line break
    qint64 lineLength() const { return m_lineLength; }
    qint64 lineNumber() const { return m_lineNumber; } // 1-based number of the line just returned
    qint64 bytesRead() const { return m_bytesRead; }   // consumed from the device so far
    QString errorString() const { return m_errorString; }

private:
    Status finishLine(const char *start, qsizetype length);
    bool refill();

    QIODevice &m_device;
    QByteArray m_buffer;
    QByteArrayView m_line;
    QString m_errorString;
    qsizetype m_maxLineBytes = 0;
    qsizetype m_begin = 0; // unread data is m_buffer[m_begin, m_end)
    qsizetype m_end = 0;
    qint64 m_lineLength = 0;
    qint64 m_lineNumber = 0;
    qint64 m_bytesRead = 0;
    qint64 m_skipped = 0; // bytes of an over-long line dropped so far
    bool m_skipping = false;
    bool m_atEnd = false;
};

} // namespace funnel
