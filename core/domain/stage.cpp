#include "core/domain/stage.h"

namespace funnel {

QString stageName(Stage stage)
{
    switch (stage) {
    case Stage::Cold: return QStringLiteral("Cold");
    case Stage::MQL: return QStringLiteral("MQL");
    case Stage::SQL: return QStringLiteral("SQL");
    case Stage::Won: return QStringLiteral("Won");
    case Stage::Lost: return QStringLiteral("Lost");
    }
    return {};
}

std::optional<Stage> stageFromName(QStringView name)
{
    const QStringView trimmed = name.trimmed();
    for (Stage stage : allStages) {
        if (trimmed.compare(stageName(stage), Qt::CaseInsensitive) == 0)
            return stage;
    }
    return std::nullopt;
}

std::optional<int> funnelRank(Stage stage)
{
    if (stage == Stage::Lost)
        return std::nullopt;
    return static_cast<int>(stage);
}

} // namespace funnel
