#pragma once

#include <QElapsedTimer>
#include <QString>

#include <cstdio>

namespace funnel::testing {

// One line of a benchmark's report on stdout, flushed at once so that a slow run shows progress.
inline void print(const QString &line)
{
    std::fprintf(stdout, "%s\n", qPrintable(line));
    std::fflush(stdout);
}

inline double msSince(const QElapsedTimer &timer)
{
    return double(timer.nsecsElapsed()) / 1e6;
}

} // namespace funnel::testing
