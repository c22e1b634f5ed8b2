// The process tst_webhookdispatcher kills with SIGKILL while its request is in flight: a real crash
// between sending a webhook and committing its result.
#include "core/storage/database.h"
#include "core/webhooks/webhookdispatcher.h"

#include <QCoreApplication>
#include <QTextStream>

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    const QStringList arguments = app.arguments();
    if (arguments.size() < 2)
        return 2;
    funnel::Database database;
    if (!database.open(arguments.at(1)))
        return 3;
    funnel::WebhookDispatcher::Options options;
    options.deadlineMs = 1500; // the parent kills us as soon as the request arrives
    options.leaseExtraMs = 0;
    options.pollIntervalMs = 20;
    funnel::WebhookDispatcher dispatcher(database, options);
    dispatcher.start();
    QTextStream(stdout) << "running" << Qt::endl;
    return app.exec();
}
