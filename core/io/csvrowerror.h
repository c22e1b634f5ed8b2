#pragma once

#include <QString>

namespace funnel {

// A data row that could not be turned into a record. The message is translated and already
// names the line and the field, so it can be shown to the user as it is.
struct CsvRowError
{
    int line = 0; // 1-based physical line where the row starts
    QString message;

    friend bool operator==(const CsvRowError &, const CsvRowError &) = default;
};

} // namespace funnel
