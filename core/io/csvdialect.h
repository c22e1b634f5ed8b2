#pragma once

#include <QChar>
#include <QStringView>

namespace funnel {

// How a CSV file separates its fields. Quoting is always RFC 4180 (double quotes, doubled to escape).
struct CsvDialect
{
    QChar delimiter = u',';

    // The delimiters we recognise, in the order that wins a tie.
    static constexpr char16_t candidates[] = {u',', u';', u'\t'};

    // Picks the candidate that occurs most often outside quotes on the first non-empty line of
    // `text` (the header). Comma when there is none: a one-column file.
    static CsvDialect detect(QStringView text);

    // Whether `text` holds the whole first non-empty line, i.e. a line end outside quotes after it.
    // Until then detect() could still change its answer.
    static bool hasCompleteFirstLine(QStringView text);

    friend bool operator==(const CsvDialect &, const CsvDialect &) = default;
};

} // namespace funnel
