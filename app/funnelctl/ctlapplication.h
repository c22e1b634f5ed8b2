#pragma once

#include "core/storage/rescorer.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QStringList>
#include <QTextStream>

#include <memory>

class QIODevice;

namespace funnel {

class Database;
struct WhatIfImpact;
struct RulesApplyReport;

// The --db option and a parser whose first positional argument is the command (ctlapplication.cpp).
QCommandLineOption databaseOption();
void prepareCommandParser(QCommandLineParser &parser, const QString &command, const QString &syntax,
                          const QString &description);

// funnelctl's commands, runnable in-process by tests: run() takes the full argument list (program
// name first) and returns the exit code; output goes to the given streams.
class CtlApplication
{
    Q_DECLARE_TR_FUNCTIONS(funnelctl)

public:
    enum ExitCode {
        Success = 0,
        InputRejected = 1,  // some input was rejected (reported on stderr); the good input was kept
        UsageError = 2,
        DatabaseFailure = 3, // locked, corrupt, not a Funnelboard file, ...
    };

    CtlApplication(QTextStream &out, QTextStream &err, QIODevice &standardInput);
    ~CtlApplication();

    int run(const QStringList &arguments);

private:
    struct Command;
    static const QList<Command> &commands();

    int usage(const QString &problem);
    int commandUsage(QCommandLineParser &parser, const QString &name, const QString &problem);
    bool openDatabase(const QString &path);
    bool openInput(const QString &name, std::unique_ptr<QIODevice> &device);
    int databaseFailure(const QString &message);

    int init(const QStringList &arguments);
    int importLeads(const QStringList &arguments);
    int exportLeads(const QStringList &arguments);
    int ingest(const QStringList &arguments);
    int stats(const QStringList &arguments);
    int rules(const QStringList &arguments);
    int rulesDiff(QCommandLineParser &parser, const QString &fileName, const QString &asOf, const QString &sample);
    void printImpact(const WhatIfImpact &impact, int sampleSize);
    void printApplied(const RulesApplyReport &report);
    // Progress of a re-score on stderr: one updated line on a terminal, otherwise a line every few seconds.
    Rescorer::Progress rescoreProgress();
    int rulesVersions(QCommandLineParser &parser, const QStringList &ids);
    int rescore(const QStringList &arguments);
    int explain(const QStringList &arguments);
    // Campaigns, scheduling and webhooks (ctlcampaigncommands.cpp).
    int runScheduler(const QStringList &arguments);
    int campaigns(const QStringList &arguments);
    int schedule(const QStringList &arguments);
    int deliveries(const QStringList &arguments);
    int endpoints(const QStringList &arguments);
    int rejected(const QString &message);

    QTextStream &m_out;
    QTextStream &m_err;
    QIODevice &m_stdin;
    QString m_databasePath;
    std::unique_ptr<Database> m_database;
};

} // namespace funnel
