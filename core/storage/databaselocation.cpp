#include "core/storage/databaselocation.h"

#include <QDir>
#include <QStandardPaths>

namespace funnel {

QString DatabaseLocation::defaultPath()
{
    // GenericDataLocation, not AppDataLocation: funnelboard and funnelctl must agree on the file
    // whatever their application names are.
    const QString base = QStandardPaths::writableLocation(QStandardPaths::GenericDataLocation);
    return QDir(base).filePath(QStringLiteral("funnelboard/funnelboard.sqlite"));
}

QString DatabaseLocation::resolve(const QString &commandLinePath)
{
    if (!commandLinePath.isEmpty())
        return commandLinePath;
    const QString fromEnvironment = qEnvironmentVariable("FUNNELBOARD_DB");
    return fromEnvironment.isEmpty() ? defaultPath() : fromEnvironment;
}

} // namespace funnel
