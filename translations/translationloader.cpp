#include "translations/translationloader.h"

#include <QCoreApplication>
#include <QLibraryInfo>
#include <QTranslator>

namespace funnel {

bool installTranslations(QCoreApplication &app, const QLocale &locale)
{
    // Qt's translations for standard dialogs and buttons; missing ones are fine.
    auto *qtTranslator = new QTranslator(&app);
    if (qtTranslator->load(locale, QStringLiteral("qtbase"), QStringLiteral("_"),
                           QLibraryInfo::path(QLibraryInfo::TranslationsPath)))
        QCoreApplication::installTranslator(qtTranslator);

    auto *translator = new QTranslator(&app);
    if (!translator->load(locale, QStringLiteral("funnelboard"), QStringLiteral("_"), QStringLiteral(":/i18n"))) {
        delete translator;
        return false;
    }
    QCoreApplication::installTranslator(translator);
    return true;
}

} // namespace funnel
