#pragma once

#include <QByteArray>
#include <QIODevice>

#include <cstring>

namespace funnel {

// A sequential device that hands out its bytes a few at a time, like a pipe, so that every
// record, quote, CRLF and multi-byte character gets split across reads somewhere. It can also
// fail after a number of bytes, to test read errors.
class TrickleDevice : public QIODevice
{
public:
    TrickleDevice(QByteArray data, qint64 step, qint64 failAfter = -1)
        : m_data(std::move(data))
        , m_step(step)
        , m_failAfter(failAfter)
    {
    }

    bool isSequential() const override { return true; }
    qint64 bytesAvailable() const override { return m_data.size() - m_pos + QIODevice::bytesAvailable(); }
    // How many reads handed out data: proves the input really arrived in pieces.
    int dataReads() const { return m_dataReads; }

protected:
    qint64 readData(char *data, qint64 maxSize) override
    {
        if (m_failAfter >= 0 && m_pos >= m_failAfter) {
            setErrorString(QStringLiteral("simulated read failure"));
            return -1;
        }
        qint64 n = qMin(qMin(maxSize, m_step), m_data.size() - m_pos);
        if (m_failAfter >= 0)
            n = qMin(n, m_failAfter - m_pos);
        std::memcpy(data, m_data.constData() + m_pos, n);
        m_pos += n;
        if (n > 0)
            ++m_dataReads;
        return n;
    }
    qint64 writeData(const char *, qint64) override { return -1; }

private:
    QByteArray m_data;
    qint64 m_pos = 0;
    qint64 m_step = 1;
    qint64 m_failAfter = -1;
    int m_dataReads = 0;
};

} // namespace funnel
