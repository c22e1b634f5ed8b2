#pragma once

#include <QList>
#include <QString>
#include <QStringList>

class QWidget;

namespace funnel {

// A one-page landscape A4 PDF of the dashboard: a title, the filters it was made with, a line of key
// figures and the charts, drawn as vectors (they stay sharp when printed or zoomed).
class DashboardReport
{
public:
    QString title;
    QString filters;
    QStringList figures;
    QList<QWidget *> charts; // laid out two by two

    bool write(const QString &path, QString *error = nullptr) const;
};

} // namespace funnel
