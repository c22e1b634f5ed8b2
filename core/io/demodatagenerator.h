#pragma once

#include "core/io/demodataset.h"

namespace funnel {

// Builds a realistic, deterministic demo data set: the same seed and `nowMs` give the same data.
// About 5,000 leads and 100,000 events over the 90 days before `nowMs` by default.
class DemoDataGenerator
{
public:
    struct Options {
        quint32 seed = 20261127;
        int leads = 5000;
        int days = 90;
        qint64 nowMs = 0;
    };

    static DemoDataSet generate(const Options &options);

    // One event as a line of the events JSONL contract (no trailing newline).
    static QByteArray toJsonLine(const EventRecord &event);
};

} // namespace funnel
