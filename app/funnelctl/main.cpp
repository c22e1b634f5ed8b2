#include "app/funnelctl/ctlapplication.h"
#include "translations/translationloader.h"

#include <QCoreApplication>
#include <QFile>
#include <QTextStream>

#include <cstdio>

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("funnelctl"));
    QCoreApplication::setOrganizationName(QStringLiteral("Funnelboard"));
    QCoreApplication::setApplicationVersion(QStringLiteral(FUNNELBOARD_VERSION));
    funnel::installTranslations(app);

    QTextStream out(stdout);
    QTextStream err(stderr);
    QFile standardInput;
    if (!standardInput.open(stdin, QIODevice::ReadOnly))
        return funnel::CtlApplication::UsageError;
    funnel::CtlApplication ctl(out, err, standardInput);
    return ctl.run(QCoreApplication::arguments());
}
