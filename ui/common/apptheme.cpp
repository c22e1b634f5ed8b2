#include "ui/common/apptheme.h"

#include <QApplication>
#include <QPalette>
#include <QStyleFactory>

namespace funnel {

void AppTheme::applyDark(QApplication &app)
{
    app.setStyle(QStyleFactory::create(QStringLiteral("Fusion")));
    const QColor window(0x1b, 0x1f, 0x27);
    const QColor base(0x14, 0x17, 0x1d);
    const QColor alternate(0x20, 0x25, 0x2e);
    const QColor text(0xe5, 0xe7, 0xeb);
    const QColor muted(0x8b, 0x93, 0xa1);
    const QColor accent(0x3b, 0x82, 0xf6);

    QPalette palette;
    palette.setColor(QPalette::Window, window);
    palette.setColor(QPalette::WindowText, text);
    palette.setColor(QPalette::Base, base);
    palette.setColor(QPalette::AlternateBase, alternate);
    palette.setColor(QPalette::ToolTipBase, alternate);
    palette.setColor(QPalette::ToolTipText, text);
    palette.setColor(QPalette::PlaceholderText, muted);
    palette.setColor(QPalette::Text, text);
    palette.setColor(QPalette::Button, alternate);
    palette.setColor(QPalette::ButtonText, text);
    palette.setColor(QPalette::BrightText, QColor(0xf8, 0x71, 0x71));
    palette.setColor(QPalette::Link, QColor(0x93, 0xc5, 0xfd));
    palette.setColor(QPalette::Highlight, accent);
    palette.setColor(QPalette::HighlightedText, Qt::white);
    palette.setColor(QPalette::Mid, QColor(0x2d, 0x33, 0x3d));
    palette.setColor(QPalette::Dark, QColor(0x10, 0x12, 0x16));
    for (QPalette::ColorRole role : {QPalette::WindowText, QPalette::Text, QPalette::ButtonText})
        palette.setColor(QPalette::Disabled, role, muted);
    app.setPalette(palette);
}

} // namespace funnel
