#include "core/storage/integerrows.h"

#include "core/storage/database.h"

#include <QSqlError>
#include <QSqlQuery>

#include <sqlite3.h>

#include <memory>
#include <vector>

namespace funnel {

namespace {

bool viaQtSql(const QSqlDatabase &db, const QString &sql, const QVariantList &values, int columns,
              const std::function<void(std::span<const qint64>)> &row, QString *error)
{
    QSqlQuery query(db);
    query.setForwardOnly(true);
    bool ok = query.prepare(sql);
    for (const QVariant &value : values)
        query.addBindValue(value);
    ok = ok && query.exec();
    if (!ok) {
        if (error)
            *error = query.lastError().text();
        return false;
    }
    std::vector<qint64> buffer(size_t(columns), 0);
    while (query.next()) {
        for (int i = 0; i < columns; ++i)
            buffer[size_t(i)] = query.value(i).toLongLong();
        row(buffer);
    }
    return true;
}

} // namespace

bool forEachIntegerRow(const QSqlDatabase &db, const QString &sql, const QVariantList &values, int columns,
                       const std::function<void(std::span<const qint64>)> &row, QString *error)
{
    sqlite3 *handle = Database::sqliteHandleOf(db);
    if (!handle)
        return viaQtSql(db, sql, values, columns, row, error);
    const auto fail = [&] {
        if (error)
            *error = QString::fromUtf8(sqlite3_errmsg(handle));
        return false;
    };
    sqlite3_stmt *raw = nullptr;
    const QByteArray utf8 = sql.toUtf8();
    if (sqlite3_prepare_v2(handle, utf8.constData(), int(utf8.size()), &raw, nullptr) != SQLITE_OK)
        return fail();
    const std::unique_ptr<sqlite3_stmt, int (*)(sqlite3_stmt *)> statement(raw, sqlite3_finalize);
    for (int i = 0; i < values.size(); ++i) {
        const QVariant &value = values.at(i);
        int rc = SQLITE_OK;
        if (value.typeId() == QMetaType::QString) {
            const QByteArray text = value.toString().toUtf8();
            rc = sqlite3_bind_text(raw, i + 1, text.constData(), int(text.size()), SQLITE_TRANSIENT);
        } else {
            rc = sqlite3_bind_int64(raw, i + 1, value.toLongLong());
        }
        if (rc != SQLITE_OK)
            return fail();
    }
    std::vector<qint64> buffer(size_t(columns), 0);
    int rc = SQLITE_OK;
    while ((rc = sqlite3_step(raw)) == SQLITE_ROW) {
        for (int i = 0; i < columns; ++i)
            buffer[size_t(i)] = sqlite3_column_int64(raw, i);
        row(buffer);
    }
    return rc == SQLITE_DONE || fail();
}

} // namespace funnel
