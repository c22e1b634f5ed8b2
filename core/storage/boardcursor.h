#pragma once

#include <QtGlobal>

namespace funnel {

// Where the next page of a board column starts (keyset pagination): the sort key and id of the
// last card shown. Never an OFFSET, which would make page n cost n pages.
struct BoardCursor {
    bool atStart = true;
    // Sorting by last activity: the leads without any activity come after all others.
    bool nullKey = false;
    qint64 key = 0;
    qint64 id = 0;

    friend bool operator==(const BoardCursor &, const BoardCursor &) = default;
};

} // namespace funnel
