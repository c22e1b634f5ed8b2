#include "core/storage/transaction.h"

#include "core/storage/database.h"

#include <QSqlDriver>
#include <QSqlError>
#include <QSqlQuery>

namespace funnel {

using namespace Qt::StringLiterals;

Transaction::Transaction(Database &database, Mode mode)
    : m_database(&database)
{
    QSqlDatabase db = database.connection();
    if (mode == Mode::Immediate && db.driverName() == "QSQLITE"_L1) {
        // SQLite-only syntax; other drivers get a plain transaction() below.
        QSqlQuery begin(db);
        m_active = begin.exec(u"BEGIN IMMEDIATE"_s);
        if (!m_active)
            m_error = database.errorFor(begin.lastError());
        return;
    }
    m_active = db.transaction();
    if (!m_active)
        m_error = database.errorFor(db.lastError());
}

Transaction::~Transaction()
{
    rollback();
}

bool Transaction::commit()
{
    if (!m_active)
        return false;
    QSqlDatabase db = m_database->connection();
    if (!db.commit()) {
        // A failed COMMIT (e.g. SQLITE_BUSY on a checkpoint) leaves the transaction open; the
        // destructor or rollback() ends it.
        m_error = m_database->errorFor(db.lastError());
        return false;
    }
    m_active = false;
    return true;
}

void Transaction::rollback()
{
    if (!m_active)
        return;
    m_active = false;
    m_database->connection().rollback();
}

} // namespace funnel
