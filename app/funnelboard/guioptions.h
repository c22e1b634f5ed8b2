#pragma once

#include <QSize>
#include <QString>
#include <QStringList>

#include <optional>

namespace funnel {

// funnelboard's command line, parsed by a function tests can call.
struct GuiOptions {
    QString databasePath;   // --db; empty means FUNNELBOARD_DB or the default location
    QString screenshotPath; // --screenshot FILE.png: load, save a picture, exit
    QString view = QStringLiteral("board"); // board, dashboard, inbox, rules or lead
    std::optional<qint64> leadId;            // --view lead:<id>
    std::optional<QSize> size;
    bool helpShown = false;

    // nullopt on a usage error, with the message in `error`; --help/--version print and set helpShown.
    static std::optional<GuiOptions> parse(const QStringList &arguments, QString *error);
};

} // namespace funnel
