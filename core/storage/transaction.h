#pragma once

#include "core/storage/databaseerror.h"

namespace funnel {

class Database;

// A database transaction that rolls back unless committed (RAII). Change notifications belong
// after commit() returned true, never before.
class Transaction
{
public:
    enum class Mode {
        Deferred,  // takes locks as statements need them; enough for read-only work
        Immediate, // takes the write lock at BEGIN: a read-then-write transaction cannot then fail
                   // halfway because another connection wrote in between
    };

    explicit Transaction(Database &database, Mode mode = Mode::Immediate);
    ~Transaction();
    Transaction(const Transaction &) = delete;
    Transaction &operator=(const Transaction &) = delete;

    // Began and neither committed nor rolled back yet.
    bool isActive() const { return m_active; }
    bool commit();
    void rollback();

    // Why BEGIN or COMMIT failed; kind None otherwise.
    const DatabaseError &error() const { return m_error; }

private:
    Database *m_database = nullptr;
    DatabaseError m_error;
    bool m_active = false;
};

} // namespace funnel
