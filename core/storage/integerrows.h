#pragma once

#include <QSqlDatabase>
#include <QString>
#include <QVariantList>

#include <functional>
#include <span>

namespace funnel {

// Runs a query whose columns are all integers and hands each row to `row` as a span of qint64
// (NULL reads as 0). On SQLite it steps the statement itself: aggregates that reduce hundreds of
// thousands of rows in C++ (percentiles, buckets) spend most of their time in QSqlQuery's
// per-value QVariant otherwise. Other drivers go through QSqlQuery. False on an error, with the
// driver's message in `error`.
bool forEachIntegerRow(const QSqlDatabase &db, const QString &sql, const QVariantList &values, int columns,
                       const std::function<void(std::span<const qint64>)> &row, QString *error);

} // namespace funnel
