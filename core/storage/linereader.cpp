#include "core/storage/linereader.h"

#include <QIODevice>

#include <cstring>

namespace funnel {
namespace {

constexpr qsizetype chunkBytes = 1024 * 1024;

} // namespace

LineReader::LineReader(QIODevice &device, qsizetype maxLineBytes)
    : m_device(device)
    , m_maxLineBytes(maxLineBytes)
{
    // Room for one line at the limit (plus "\r\n") and a whole chunk after it.
    m_buffer.resize(maxLineBytes + 2 + chunkBytes);
}

LineReader::Status LineReader::finishLine(const char *start, qsizetype length)
{
    ++m_lineNumber;
    if (m_skipping) {
        m_skipping = false;
        m_lineLength = m_skipped + length;
        m_line = {};
        return Status::TooLong;
    }
    if (length > 0 && start[length - 1] == '\r')
        --length;
    m_lineLength = length;
    if (length > m_maxLineBytes) {
        m_line = {};
        return Status::TooLong;
    }
    m_line = QByteArrayView(start, length);
    return Status::Line;
}

LineReader::Status LineReader::next()
{
    for (;;) {
        const char *start = m_buffer.constData() + m_begin;
        const qsizetype available = m_end - m_begin;
        if (const void *newline = std::memchr(start, '\n', size_t(available))) {
            const qsizetype length = static_cast<const char *>(newline) - start;
            m_begin += length + 1;
            return finishLine(start, length);
        }
        // No line break buffered: an over-long line is dropped as it streams past.
        if (m_skipping || available > m_maxLineBytes + 1) {
            m_skipping = true;
            m_skipped += available;
            m_begin = m_end = 0;
        }
        if (m_atEnd) {
            if (m_skipping || m_end > m_begin) { // the last line has no line break
                const qsizetype length = m_end - m_begin;
                m_begin = m_end;
                return finishLine(start, length);
            }
            return Status::End;
        }
        if (!refill())
            return Status::Failed;
    }
}

bool LineReader::refill()
{
    if (m_begin > 0) {
        std::memmove(m_buffer.data(), m_buffer.constData() + m_begin, size_t(m_end - m_begin));
        m_end -= m_begin;
        m_begin = 0;
    }
    const qint64 read = m_device.read(m_buffer.data() + m_end, m_buffer.size() - m_end);
    if (read < 0) {
        m_errorString = m_device.errorString();
        return false;
    }
    if (read == 0) {
        // Sequential devices (a process, a socket) may just have nothing yet; files are at their end.
        if (!m_device.waitForReadyRead(-1))
            m_atEnd = true;
        return true;
    }
    if (m_bytesRead == 0 && read >= 3 && std::memcmp(m_buffer.constData() + m_end, "\xEF\xBB\xBF", 3) == 0)
        m_begin = 3; // a UTF-8 byte order mark is not part of the first line
    m_end += read;
    m_bytesRead += read;
    return true;
}

} // namespace funnel
