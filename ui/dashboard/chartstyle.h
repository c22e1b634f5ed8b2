#pragma once

#include <QPalette>

class QAbstractAxis;
class QChart;

namespace funnel {

// The dashboard charts' look: Qt's dark chart theme brought onto the application palette (AppTheme),
// no animations (data appears at once and screenshots show it), numbers with the locale's
// thousands separators.
class ChartStyle
{
public:
    static void applyTo(QChart *chart, const QPalette &palette);
    static void applyTo(QAbstractAxis *axis, const QPalette &palette);
    // A chart title with a muted second line.
    static QString title(const QString &title, const QString &subtitle, const QPalette &palette);
};

} // namespace funnel
