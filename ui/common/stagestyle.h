#pragma once

#include "core/domain/stage.h"

#include <QColor>
#include <QString>

namespace funnel {

// How stages look everywhere in the GUI (board columns, tiles, charts): one colour and one
// translated label per stage.
class StageStyle
{
public:
    static QColor color(Stage stage);
    static QString label(Stage stage);
    static QString description(Stage stage);
};

} // namespace funnel
