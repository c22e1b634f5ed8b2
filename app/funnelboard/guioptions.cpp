#include "app/funnelboard/guioptions.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QRegularExpression>

namespace funnel {

using namespace Qt::StringLiterals;

std::optional<GuiOptions> GuiOptions::parse(const QStringList &arguments, QString *error)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QCoreApplication::translate("GuiOptions", "Funnelboard: the B2B sales funnel on your desktop."));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption db(u"db"_s, QCoreApplication::translate("GuiOptions", "The database file (default: $FUNNELBOARD_DB, else your own)."),
                                QCoreApplication::translate("GuiOptions", "path"));
    const QCommandLineOption screenshot(u"screenshot"_s,
                                        QCoreApplication::translate("GuiOptions", "Load the view, save it as a PNG image and exit."),
                                        QCoreApplication::translate("GuiOptions", "file"));
    const QCommandLineOption view(u"view"_s, QCoreApplication::translate("GuiOptions", "The view to show: board, dashboard, inbox, campaigns, rules or lead:<id>."),
                                  QCoreApplication::translate("GuiOptions", "view"), u"board"_s);
    const QCommandLineOption size(u"size"_s, QCoreApplication::translate("GuiOptions", "Window size, e.g. 1400x900."),
                                  QCoreApplication::translate("GuiOptions", "WxH"));
    parser.addOptions({db, screenshot, view, size});
    parser.addPositionalArgument(u"database"_s, QCoreApplication::translate("GuiOptions", "The database file (same as --db)."),
                                 u"[database]"_s);

    GuiOptions options;
    if (!parser.parse(arguments)) {
        *error = parser.errorText();
        return std::nullopt;
    }
    if (parser.isSet(u"help"_s) || parser.isSet(u"version"_s)) {
        options.helpShown = true;
        *error = parser.isSet(u"help"_s) ? parser.helpText()
                                          : QCoreApplication::applicationName() + u' ' + QCoreApplication::applicationVersion();
        return options;
    }
    const QStringList positional = parser.positionalArguments();
    if (positional.size() > 1) {
        *error = QCoreApplication::translate("GuiOptions", "Expected at most one database file, got %1.").arg(positional.size());
        return std::nullopt;
    }
    options.databasePath = parser.isSet(db) ? parser.value(db) : positional.value(0);
    options.screenshotPath = parser.value(screenshot);
    options.view = parser.value(view);
    if (options.view.startsWith("lead:"_L1)) {
        bool ok = false;
        const qint64 id = options.view.mid(5).toLongLong(&ok);
        if (!ok || id <= 0) {
            *error = QCoreApplication::translate("GuiOptions", "--view lead:<id> expects a lead id such as lead:42, not '%1'.")
                         .arg(options.view);
            return std::nullopt;
        }
        options.view = u"lead"_s;
        options.leadId = id;
    } else if (options.view != "board"_L1 && options.view != "dashboard"_L1 && options.view != "inbox"_L1
               && options.view != "campaigns"_L1 && options.view != "rules"_L1) {
        *error = QCoreApplication::translate("GuiOptions", "Unknown view '%1'; expected board, dashboard, inbox, campaigns, rules or lead:<id>.")
                     .arg(options.view);
        return std::nullopt;
    }
    if (parser.isSet(size)) {
        static const QRegularExpression pattern(u"^(\\d{2,5})x(\\d{2,5})$"_s);
        const QRegularExpressionMatch match = pattern.match(parser.value(size));
        if (!match.hasMatch()) {
            *error = QCoreApplication::translate("GuiOptions", "--size expects WIDTHxHEIGHT such as 1400x900, not '%1'.")
                         .arg(parser.value(size));
            return std::nullopt;
        }
        options.size = QSize(match.captured(1).toInt(), match.captured(2).toInt());
    }
    return options;
}

} // namespace funnel
