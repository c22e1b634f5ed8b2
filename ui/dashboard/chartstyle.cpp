#include "ui/dashboard/chartstyle.h"

#include <QAbstractAxis>
#include <QChart>
#include <QLegend>

namespace funnel {

using namespace Qt::StringLiterals;

void ChartStyle::applyTo(QChart *chart, const QPalette &palette)
{
    chart->setTheme(QChart::ChartThemeDark); // first: it resets what follows
    chart->setAnimationOptions(QChart::NoAnimation);
    chart->setBackgroundBrush(palette.color(QPalette::AlternateBase));
    chart->setBackgroundPen(Qt::NoPen);
    chart->setBackgroundRoundness(10);
    chart->setPlotAreaBackgroundVisible(false);
    chart->setMargins(QMargins(6, 4, 6, 4));
    chart->setLocalizeNumbers(true);
    chart->setTitleBrush(palette.color(QPalette::Text));
    QFont titleFont = chart->titleFont();
    titleFont.setPointSizeF(QFont().pointSizeF() * 1.05);
    chart->setTitleFont(titleFont);
    chart->legend()->setLabelColor(palette.color(QPalette::Text));
    chart->legend()->setAlignment(Qt::AlignBottom);
    chart->legend()->setMarkerShape(QLegend::MarkerShapeFromSeries);
}

void ChartStyle::applyTo(QAbstractAxis *axis, const QPalette &palette)
{
    const QColor muted = palette.color(QPalette::PlaceholderText);
    axis->setLabelsBrush(palette.color(QPalette::Text));
    axis->setTitleBrush(muted);
    QFont titleFont = axis->titleFont();
    titleFont.setPointSizeF(QFont().pointSizeF() * 0.9);
    titleFont.setBold(false);
    axis->setTitleFont(titleFont);
    axis->setGridLineColor(palette.color(QPalette::Mid));
    axis->setLinePenColor(palette.color(QPalette::Mid));
    axis->setMinorGridLineVisible(false);
}

QString ChartStyle::title(const QString &title, const QString &subtitle, const QPalette &palette)
{
    return u"<b>%1</b><br><span style=\"color:%2; font-size:small\">%3</span>"_s.arg(
        title.toHtmlEscaped(), palette.color(QPalette::PlaceholderText).name(), subtitle.toHtmlEscaped());
}

} // namespace funnel
