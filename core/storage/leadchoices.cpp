#include "core/storage/leadchoices.h"

#include "core/storage/database.h"

#include <QSqlError>
#include <QSqlQuery>

namespace funnel {

using namespace Qt::StringLiterals;

std::optional<QStringList> LeadChoices::values(Database &database, Column column, QString *error)
{
    const QString name = column == Column::Owner ? u"owner"_s : u"source"_s;
    QSqlQuery query(database.connection());
    query.setForwardOnly(true);
    if (!query.exec(u"SELECT DISTINCT "_s + name + u" FROM lead_rollup WHERE leads > 0 AND "_s + name
                    + u" <> '' ORDER BY 1"_s)) {
        if (error)
            *error = database.errorFor(query.lastError()).message;
        return std::nullopt;
    }
    QStringList values;
    while (query.next())
        values.append(query.value(0).toString());
    return values;
}

} // namespace funnel
