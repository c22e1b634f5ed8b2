#pragma once

#include <QLocale>

class QCoreApplication;

namespace funnel {

// Installs Funnelboard's translation for `locale` (and Qt's own, where Debian ships it) on `app`.
// Returns true when Funnelboard's own translation was found; English needs none.
bool installTranslations(QCoreApplication &app, const QLocale &locale = QLocale::system());

} // namespace funnel
