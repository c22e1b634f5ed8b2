#include "app/funnelboard/guioptions.h"
#include "core/storage/database.h"
#include "core/storage/databaselocation.h"
#include "translations/translationloader.h"
#include "ui/common/apptheme.h"
#include "ui/mainwindow/mainwindow.h"
#include "ui/dashboard/stagesummarymodel.h"

#include <QApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QMessageBox>
#include <QTimer>

#include <cstdio>

namespace {

void printLine(FILE *stream, const QString &text)
{
    std::fputs(qPrintable(text), stream);
    std::fputc('\n', stream);
}

} // namespace

int main(int argc, char *argv[])
{
    QElapsedTimer sinceStart;
    sinceStart.start();
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("funnelboard"));
    QApplication::setApplicationDisplayName(QStringLiteral("Funnelboard"));
    QApplication::setOrganizationName(QStringLiteral("Funnelboard"));
    QApplication::setApplicationVersion(QStringLiteral(FUNNELBOARD_VERSION));
    QApplication::setDesktopFileName(QStringLiteral("funnelboard"));
    funnel::installTranslations(app);
    funnel::AppTheme::applyDark(app);

    QString error;
    const std::optional<funnel::GuiOptions> options = funnel::GuiOptions::parse(QApplication::arguments(), &error);
    if (!options) {
        printLine(stderr, error);
        return 2;
    }
    if (options->helpShown) {
        printLine(stdout, error);
        return 0;
    }

    const QString path = funnel::DatabaseLocation::resolve(options->databasePath);
    QDir().mkpath(QFileInfo(path).absolutePath());
    {
        // Create or migrate the file before any view reads it; the views use their own connections.
        funnel::Database database;
        if (!database.open(path)) {
            printLine(stderr, database.lastError().message);
            if (options->screenshotPath.isEmpty())
                QMessageBox::critical(nullptr, QApplication::translate("main", "Cannot Open Database"), database.lastError().message);
            return 3;
        }
    }

    funnel::MainWindow window;
    if (options->size)
        window.resize(*options->size);
    if (options->view == QStringLiteral("dashboard"))
        window.setCurrentView(funnel::MainWindow::View::Dashboard);
    else if (options->view == QStringLiteral("inbox"))
        window.setCurrentView(funnel::MainWindow::View::Inbox);
    else if (options->view == QStringLiteral("lead"))
        window.setCurrentView(funnel::MainWindow::View::Lead);
    else if (options->view == QStringLiteral("rules"))
        window.setCurrentView(funnel::MainWindow::View::Rules);
    else if (options->view == QStringLiteral("campaigns"))
        window.setCurrentView(funnel::MainWindow::View::Campaigns);
    else
        window.setCurrentView(funnel::MainWindow::View::Board);
    if (!options->screenshotPath.isEmpty()) {
        const QString screenshotPath = options->screenshotPath;
        QObject::connect(&window, &funnel::MainWindow::dataLoaded, &app, [&window, &sinceStart, screenshotPath] {
            // Let the view paint the loaded data before grabbing it.
            QTimer::singleShot(0, &window, [&window, &sinceStart, screenshotPath] {
                const bool saved = window.grab().save(screenshotPath, "PNG");
                printLine(stderr, QStringLiteral("loaded in %1 ms").arg(sinceStart.elapsed()));
                if (!saved)
                    printLine(stderr, QApplication::translate("main", "Could not write %1").arg(screenshotPath));
                QApplication::exit(saved ? 0 : 1);
            });
        });
        QObject::connect(window.stageSummary(), &funnel::StageSummaryModel::failed, &app, [](const QString &message) {
            printLine(stderr, message);
            QApplication::exit(3);
        });
    }
    window.show();
    window.openDatabase(path);
    if (options->view == QStringLiteral("lead"))
        window.setCurrentLead(options->leadId.value_or(0));
    return app.exec();
}
