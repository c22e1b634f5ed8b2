#pragma once

#include "core/storage/dashboarddata.h"

#include <QChartView>

class QGraphicsSimpleTextItem;

namespace funnel {

// One chart of the dashboard: shows a DashboardData, explains a hovered item in a tooltip, and
// saves itself as an image (PNG or SVG) and its data as CSV.
class DashboardChart : public QChartView
{
    Q_OBJECT

public:
    explicit DashboardChart(QWidget *parent = nullptr);

    virtual void setData(const DashboardData &data) = 0;
    virtual QByteArray csv() const = 0;
    // A short name for file names ("funnel") and a translated one for menus.
    virtual QString fileStem() const = 0;
    virtual QString displayName() const = 0;

    bool hasData() const { return m_hasData; }
    // The last hover text shown (what the tooltip says); empty when nothing is hovered.
    QString hoverText() const { return m_hoverText; }

    // PNG (at twice the on-screen resolution) or SVG, by the file's suffix.
    bool saveImage(const QString &path, QString *error = nullptr);

Q_SIGNALS:
    void hoverTextChanged(const QString &text);

protected:
    void showHover(bool hovering, const QString &html);
    // An empty chart says why in the middle of the plot area instead of showing bare axes.
    void setEmptyMessage(const QString &message);
    // Ends setData(): legend markers in the series' colours with readable labels.
    void markLoaded();
    void resizeEvent(QResizeEvent *event) override;
    virtual void placeLabels() {}
    // Removes every series and axis (charts are rebuilt on each load; they are small).
    void clearChart();

private:
    void placeEmptyMessage();

    QGraphicsSimpleTextItem *m_emptyMessage = nullptr;
    QString m_hoverText;
    bool m_hasData = false;
};

} // namespace funnel
