#pragma once

#include <QString>
#include <QStringView>

#include <array>
#include <optional>

namespace funnel {

// The stages of the funnel. The numeric values are stable: they order the board's columns.
enum class Stage : quint8 { Cold, MQL, SQL, Won, Lost };

inline constexpr std::array<Stage, 5> allStages{Stage::Cold, Stage::MQL, Stage::SQL, Stage::Won, Stage::Lost};

// Stable identifier used in the database, CSV, JSON and on the command line ("Cold", "MQL", ...).
QString stageName(Stage stage);

// Parses a stable identifier, case-insensitively; nullopt when it names no stage.
std::optional<Stage> stageFromName(QStringView name);

// Position along the funnel (Cold 0 .. Won 3). Lost is off the main line and has no rank.
std::optional<int> funnelRank(Stage stage);

} // namespace funnel
