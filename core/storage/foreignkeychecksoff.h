#pragma once

struct sqlite3;

namespace funnel {

// Ingest writes only lead and event ids that it read or created (a commit by any other connection
// makes the batches since decided again, see Writer::isFresh()), so SQLite's foreign key checks, a
// parent lookup for every event, history and enrollment row, could only ever pass: a sixth of the
// batch's time. They are off from just before a batch's transaction to just after it ends. The pragma
// works only outside a transaction: inside a caller's, the checks stay on.
class ForeignKeyChecksOff
{
public:
    explicit ForeignKeyChecksOff(sqlite3 *db);
    ~ForeignKeyChecksOff();
    ForeignKeyChecksOff(const ForeignKeyChecksOff &) = delete;
    ForeignKeyChecksOff &operator=(const ForeignKeyChecksOff &) = delete;

private:
    sqlite3 *m_db = nullptr;
    bool m_off = false;
};

} // namespace funnel
