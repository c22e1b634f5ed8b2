#pragma once

#include "core/io/eventrecord.h"

#include <QByteArrayView>
#include <QString>

#include <memory>
#include <optional>

namespace funnel {

// Decodes one line of the events JSONL contract (DESIGN.md, "Contracts") into an EventRecord.
//
// Errors name the field and what was expected, e.g. `"eventType": expected a string, found a number`.
// Unknown fields are ignored; null counts as absent for every optional field. The decoder keeps its
// parser and buffers between calls, so reuse one instance per thread for a whole file.
class JsonlEventDecoder
{
public:
    static constexpr qsizetype defaultMaxLineBytes = 1024 * 1024;

    JsonlEventDecoder();
    ~JsonlEventDecoder();
    JsonlEventDecoder(const JsonlEventDecoder &) = delete;
    JsonlEventDecoder &operator=(const JsonlEventDecoder &) = delete;

    // Longer lines are rejected without being parsed.
    qsizetype maxLineBytes() const { return m_maxLineBytes; }
    void setMaxLineBytes(qsizetype bytes) { m_maxLineBytes = bytes; }

    // `line` may end with "\n" or "\r\n". nullopt on error, with the reason in `error`.
    std::optional<EventRecord> decode(QByteArrayView line, QString *error = nullptr);

    // The message for a line of `bytes` bytes over the limit (readers that skip such a line without
    // buffering it report the same sentence).
    QString lineTooLongError(qint64 bytes) const;

    // ISO 8601 / RFC 3339 date-time with `Z` or a UTC offset (`+02:00`, `+0200`, `+02`), `T` or a space
    // between date and time, optional fractional seconds (truncated to milliseconds). Milliseconds
    // since the epoch, UTC; nullopt when malformed or out of range. No QDateTime: this runs per event.
    static std::optional<qint64> parseTimestamp(QByteArrayView text);

private:
    struct Private; // keeps simdjson out of this header: funnel_io links it privately
    std::unique_ptr<Private> d;
    qsizetype m_maxLineBytes = defaultMaxLineBytes;
};

} // namespace funnel
