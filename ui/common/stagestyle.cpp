#include "ui/common/stagestyle.h"

#include <QCoreApplication>

namespace funnel {

QColor StageStyle::color(Stage stage)
{
    switch (stage) {
    case Stage::Cold: return QColor(0x60, 0xa5, 0xfa);
    case Stage::MQL: return QColor(0xa7, 0x8b, 0xfa);
    case Stage::SQL: return QColor(0xfb, 0xbf, 0x24);
    case Stage::Won: return QColor(0x34, 0xd3, 0x99);
    case Stage::Lost: return QColor(0xf8, 0x71, 0x71);
    }
    return {};
}

QString StageStyle::label(Stage stage)
{
    switch (stage) {
    case Stage::Cold: return QCoreApplication::translate("StageStyle", "Cold");
    case Stage::MQL: return QCoreApplication::translate("StageStyle", "MQL");
    case Stage::SQL: return QCoreApplication::translate("StageStyle", "SQL");
    case Stage::Won: return QCoreApplication::translate("StageStyle", "Won");
    case Stage::Lost: return QCoreApplication::translate("StageStyle", "Lost");
    }
    return {};
}

QString StageStyle::description(Stage stage)
{
    switch (stage) {
    case Stage::Cold: return QCoreApplication::translate("StageStyle", "New and unverified leads");
    case Stage::MQL: return QCoreApplication::translate("StageStyle", "Marketing qualified: engaged, being nurtured");
    case Stage::SQL: return QCoreApplication::translate("StageStyle", "Sales qualified: ready for a rep");
    case Stage::Won: return QCoreApplication::translate("StageStyle", "Customers");
    case Stage::Lost: return QCoreApplication::translate("StageStyle", "Closed without a deal");
    }
    return {};
}

} // namespace funnel
