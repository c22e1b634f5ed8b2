#include "core/io/csvdialect.h"

#include <array>

namespace funnel {

namespace {

// Index just past the leading empty lines.
qsizetype skipLineEnds(QStringView text)
{
    qsizetype i = 0;
    while (i < text.size() && (text[i] == u'\n' || text[i] == u'\r'))
        ++i;
    return i;
}

} // namespace

CsvDialect CsvDialect::detect(QStringView text)
{
    std::array<int, std::size(candidates)> counts{};
    bool inQuotes = false;
    for (qsizetype i = skipLineEnds(text); i < text.size(); ++i) {
        const QChar c = text[i];
        // A doubled quote toggles twice, so it needs no special case here.
        if (c == u'"') {
            inQuotes = !inQuotes;
            continue;
        }
        if (inQuotes)
            continue;
        if (c == u'\n' || c == u'\r')
            break;
        for (std::size_t k = 0; k < counts.size(); ++k) {
            if (c == candidates[k])
                ++counts[k];
        }
    }
    CsvDialect dialect;
    int best = 0;
    for (std::size_t k = 0; k < counts.size(); ++k) {
        if (counts[k] > best) {
            best = counts[k];
            dialect.delimiter = QChar(candidates[k]);
        }
    }
    return dialect;
}

bool CsvDialect::hasCompleteFirstLine(QStringView text)
{
    bool inQuotes = false;
    for (qsizetype i = skipLineEnds(text); i < text.size(); ++i) {
        const QChar c = text[i];
        if (c == u'"')
            inQuotes = !inQuotes;
        else if (!inQuotes && (c == u'\n' || c == u'\r'))
            return true;
    }
    return false;
}

} // namespace funnel
