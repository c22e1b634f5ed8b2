#include "app/funnelctl/ctlapplication.h"

#include "core/io/demodatagenerator.h"
#include "core/domain/rulesetdiff.h"
#include "core/io/rulesetjson.h"
#include "core/storage/database.h"
#include "core/storage/databaselocation.h"
#include "core/storage/demodataloader.h"
#include "core/storage/funnelreportjson.h"
#include "core/storage/ingestpipeline.h"
#include "core/storage/leadrepository.h"
#include "core/storage/leaddetailsquery.h"
#include "core/storage/rescorer.h"
#include "core/storage/rulesetversionstore.h"
#include "core/storage/statsquery.h"
#include "core/storage/transaction.h"
#include "core/storage/whatifquery.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLocale>
#include <QSqlError>
#include <QSqlQuery>

#include <unistd.h>

#include <memory>

namespace funnel {

using namespace Qt::StringLiterals;

namespace {

// This file's messages, in the translation context "funnelctl" (lupdate reads the macro).
struct Messages {
    Q_DECLARE_TR_FUNCTIONS(funnelctl)
};

QString formatCount(qint64 value)
{
    return QLocale::system().toString(value);
}

} // namespace

QCommandLineOption databaseOption()
{
    return QCommandLineOption(u"db"_s, Messages::tr("The database file (default: $FUNNELBOARD_DB, else the desktop app's own)."),
                              Messages::tr("path"));
}

// A parser whose first positional argument is the command itself, so the usage line reads
// "funnelctl [options] ingest FILE|-".
void prepareCommandParser(QCommandLineParser &parser, const QString &command, const QString &syntax, const QString &description)
{
    parser.setApplicationDescription(description);
    parser.addHelpOption();
    parser.addOption(databaseOption());
    parser.addPositionalArgument(command, {}, syntax);
}

struct CtlApplication::Command {
    QString name;
    const char *summary;
    int (CtlApplication::*handler)(const QStringList &);
};

const QList<CtlApplication::Command> &CtlApplication::commands()
{
    static const QList<Command> list{
        {u"init"_s, QT_TRANSLATE_NOOP("funnelctl", "create or migrate the database; --demo fills it with demo data"),
         &CtlApplication::init},
        {u"import-leads"_s, QT_TRANSLATE_NOOP("funnelctl", "import leads from CSV (merging duplicates by email)"),
         &CtlApplication::importLeads},
        {u"export-leads"_s, QT_TRANSLATE_NOOP("funnelctl", "write leads as CSV or JSONL to standard output"),
         &CtlApplication::exportLeads},
        {u"ingest"_s, QT_TRANSLATE_NOOP("funnelctl", "ingest behaviour events (JSONL), scoring and moving leads"),
         &CtlApplication::ingest},
        {u"stats"_s, QT_TRANSLATE_NOOP("funnelctl", "leads per stage, conversion and score histogram"), &CtlApplication::stats},
        {u"rules"_s, QT_TRANSLATE_NOOP("funnelctl", "scoring rules: export, import, diff (what-if), apply, versions, restore"),
         &CtlApplication::rules},
        {u"rescore"_s, QT_TRANSLATE_NOOP("funnelctl", "re-score every lead from its history under the rules in force"),
         &CtlApplication::rescore},
        {u"explain"_s, QT_TRANSLATE_NOOP("funnelctl", "print a lead's score ledger (why it has its score)"),
         &CtlApplication::explain},
        {u"run"_s, QT_TRANSLATE_NOOP("funnelctl", "run the campaign scheduler and the webhook sender"),
         &CtlApplication::runScheduler},
        {u"campaigns"_s, QT_TRANSLATE_NOOP("funnelctl", "list, export, import, enable or disable campaigns"),
         &CtlApplication::campaigns},
        {u"schedule"_s, QT_TRANSLATE_NOOP("funnelctl", "preview the next fire times of a cron campaign"),
         &CtlApplication::schedule},
        {u"deliveries"_s, QT_TRANSLATE_NOOP("funnelctl", "list webhook deliveries or replay dead ones"),
         &CtlApplication::deliveries},
        {u"endpoints"_s, QT_TRANSLATE_NOOP("funnelctl", "list webhook endpoints with their health, or add one"),
         &CtlApplication::endpoints},
    };
    return list;
}

CtlApplication::CtlApplication(QTextStream &out, QTextStream &err, QIODevice &standardInput)
    : m_out(out), m_err(err), m_stdin(standardInput)
{
}

CtlApplication::~CtlApplication() = default;

int CtlApplication::usage(const QString &problem)
{
    QTextStream &stream = problem.isEmpty() ? m_out : m_err;
    if (!problem.isEmpty())
        stream << "funnelctl: " << problem << "\n\n";
    stream << Messages::tr("Usage: funnelctl [--db PATH] <command> [options]") << "\n\n"
           << Messages::tr("Commands:") << '\n';
    for (const Command &command : commands())
        stream << "  " << command.name.leftJustified(14) << Messages::tr(command.summary) << '\n';
    stream << '\n'
           << Messages::tr("Options:") << '\n'
           << "  --db PATH     " << Messages::tr("the database file (default: $FUNNELBOARD_DB, else %1)").arg(DatabaseLocation::defaultPath())
           << '\n'
           << "  -h, --help    " << Messages::tr("this help; 'funnelctl <command> --help' for a command's options") << '\n'
           << "  --version     " << Messages::tr("the version") << "\n\n"
           << Messages::tr("Exit codes: 0 all good, 1 some input rejected (good input kept), 2 usage error, 3 database error.")
           << '\n';
    stream.flush();
    return problem.isEmpty() ? Success : UsageError;
}

int CtlApplication::commandUsage(QCommandLineParser &parser, const QString &name, const QString &problem)
{
    if (problem.isEmpty()) {
        m_out << parser.helpText();
        m_out.flush();
        return Success;
    }
    m_err << "funnelctl " << name << ": " << problem << "\n\n" << parser.helpText();
    m_err.flush();
    return UsageError;
}

int CtlApplication::run(const QStringList &arguments)
{
    QStringList rest = arguments.mid(1);
    QString databasePath;
    // Global options stand before the command; --db is also accepted after it.
    while (!rest.isEmpty() && rest.first().startsWith(u'-')) {
        const QString option = rest.takeFirst();
        if (option == "--db"_L1 && !rest.isEmpty()) {
            databasePath = rest.takeFirst();
        } else if (option.startsWith("--db="_L1)) {
            databasePath = option.mid(5);
        } else if (option == "-h"_L1 || option == "--help"_L1) {
            return usage({});
        } else if (option == "--version"_L1) {
            m_out << "funnelctl " << QCoreApplication::applicationVersion() << '\n';
            m_out.flush();
            return Success;
        } else if (option == "--print-default-db"_L1) {
            m_out << DatabaseLocation::resolve(databasePath) << '\n';
            m_out.flush();
            return Success;
        } else {
            return usage(Messages::tr("unknown option %1").arg(option));
        }
    }
    if (rest.isEmpty())
        return usage(Messages::tr("no command given"));
    const QString name = rest.first();
    for (const Command &command : commands()) {
        if (command.name == name) {
            m_databasePath = databasePath;
            return (this->*command.handler)(QStringList{u"funnelctl"_s} + rest);
        }
    }
    return usage(Messages::tr("unknown command '%1'").arg(name));
}

bool CtlApplication::openDatabase(const QString &path)
{
    const QString resolved = DatabaseLocation::resolve(path.isEmpty() ? m_databasePath : path);
    QDir().mkpath(QFileInfo(resolved).absolutePath());
    m_database = std::make_unique<Database>();
    if (!m_database->open(resolved)) {
        m_err << "funnelctl: " << m_database->lastError().message << '\n';
        m_err.flush();
        return false;
    }
    return true;
}

int CtlApplication::databaseFailure(const QString &message)
{
    m_err << "funnelctl: " << message << '\n';
    m_err.flush();
    return DatabaseFailure;
}

bool CtlApplication::openInput(const QString &name, std::unique_ptr<QIODevice> &device)
{
    if (name == "-"_L1)
        return true; // m_stdin is used
    auto file = std::make_unique<QFile>(name);
    if (!file->open(QIODevice::ReadOnly)) {
        m_err << "funnelctl: " << Messages::tr("cannot read %1: %2").arg(name, file->errorString()) << '\n';
        m_err.flush();
        return false;
    }
    device = std::move(file);
    return true;
}

int CtlApplication::init(const QStringList &arguments)
{
    QCommandLineParser parser;
    prepareCommandParser(parser, u"init"_s, u"init"_s, Messages::tr("Create the database, or bring an existing one to the current schema."));
    const QCommandLineOption demo(u"demo"_s, Messages::tr("Fill an empty database with about 5,000 demo leads and 100,000 events."));
    const QCommandLineOption seed(u"seed"_s, Messages::tr("Seed of the demo data (same seed, same data)."), Messages::tr("number"), u"20261127"_s);
    const QCommandLineOption leads(u"leads"_s, Messages::tr("Number of demo leads."), Messages::tr("count"), u"5000"_s);
    parser.addOptions({demo, seed, leads});
    if (!parser.parse(arguments))
        return commandUsage(parser, u"init"_s, parser.errorText());
    if (parser.isSet(u"help"_s))
        return commandUsage(parser, u"init"_s, {});
    if (parser.positionalArguments().size() != 1)
        return commandUsage(parser, u"init"_s, Messages::tr("init takes no arguments"));
    bool seedOk = false;
    bool leadsOk = false;
    const quint32 seedValue = parser.value(seed).toUInt(&seedOk);
    const int leadCount = parser.value(leads).toInt(&leadsOk);
    if (!seedOk || !leadsOk || leadCount <= 0)
        return commandUsage(parser, u"init"_s, Messages::tr("--seed and --leads take positive whole numbers"));
    if (!openDatabase(parser.value(u"db"_s)))
        return DatabaseFailure;

    m_out << Messages::tr("Database ready: %1 (schema version %2)").arg(m_database->path()).arg(m_database->schemaVersion()) << '\n';
    if (!parser.isSet(demo)) {
        m_out.flush();
        return Success;
    }
    QSqlQuery count(m_database->connection());
    if (!count.exec(u"SELECT COUNT(*) FROM leads"_s) || !count.next())
        return databaseFailure(m_database->errorFor(count.lastError()).message);
    if (const qint64 existing = count.value(0).toLongLong(); existing > 0) {
        m_err << "funnelctl: "
              << Messages::tr("%1 already holds %2 leads; demo data goes only into an empty database.")
                     .arg(m_database->path(), formatCount(existing))
              << '\n';
        m_err.flush();
        return InputRejected;
    }
    QElapsedTimer timer;
    timer.start();
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    DemoDataGenerator::Options options;
    options.seed = seedValue;
    options.leads = leadCount;
    options.nowMs = now;
    const DemoLoadReport report = DemoDataLoader::load(*m_database, DemoDataGenerator::generate(options), now);
    if (!report.succeeded())
        return databaseFailure(report.failure);
    m_out << Messages::tr("Demo data: %1 leads, %2 events, %3 stage changes, %4 manual moves in %5 s")
                 .arg(formatCount(report.leads.created), formatCount(report.events.eventsStored),
                      formatCount(report.events.stageChanges), formatCount(report.moves))
                 .arg(double(timer.elapsed()) / 1000.0, 0, 'f', 1)
          << '\n';
    m_out.flush();
    return Success;
}

int CtlApplication::importLeads(const QStringList &arguments)
{
    QCommandLineParser parser;
    prepareCommandParser(parser, u"import-leads"_s, u"import-leads FILE|-"_s,
                  Messages::tr("Import leads from a CSV file (or standard input). Duplicates by email or id are merged; bad rows "
                     "are reported by line and the good rows still land."));
    const QCommandLineOption actor(u"actor"_s, Messages::tr("Who imports, for the history."), Messages::tr("name"), u"funnelctl"_s);
    parser.addOption(actor);
    parser.addPositionalArgument(u"file"_s, Messages::tr("CSV file, or - for standard input"), {});
    if (!parser.parse(arguments))
        return commandUsage(parser, u"import-leads"_s, parser.errorText());
    if (parser.isSet(u"help"_s))
        return commandUsage(parser, u"import-leads"_s, {});
    if (parser.positionalArguments().size() != 2)
        return commandUsage(parser, u"import-leads"_s, Messages::tr("expected exactly one FILE (or -)"));
    std::unique_ptr<QIODevice> file;
    if (!openInput(parser.positionalArguments().at(1), file))
        return InputRejected;
    if (!openDatabase(parser.value(u"db"_s)))
        return DatabaseFailure;

    LeadRepository repository(*m_database);
    const LeadImportReport report = repository.importCsv(file ? *file : m_stdin, parser.value(actor));
    for (const CsvRowError &error : report.errors)
        m_err << error.message << '\n';
    if (!report.fileError.isEmpty())
        m_err << "funnelctl: " << report.fileError << '\n';
    m_err.flush();
    if (report.databaseError.isError())
        return databaseFailure(report.databaseError.message);
    m_out << Messages::tr("Imported %1 new leads, merged %2, rejected %3 rows.")
                 .arg(formatCount(report.created), formatCount(report.merged), formatCount(report.rejected()))
          << '\n';
    m_out.flush();
    return report.errors.isEmpty() && report.fileError.isEmpty() ? Success : InputRejected;
}

int CtlApplication::exportLeads(const QStringList &arguments)
{
    QCommandLineParser parser;
    prepareCommandParser(parser, u"export-leads"_s, u"export-leads"_s,
                  Messages::tr("Write leads to standard output, with every custom column ever imported."));
    const QCommandLineOption format(u"format"_s, Messages::tr("csv (default) or jsonl."), Messages::tr("format"), u"csv"_s);
    const QCommandLineOption stage(u"stage"_s, Messages::tr("Only leads in this stage (Cold, MQL, SQL, Won, Lost)."), Messages::tr("stage"));
    const QCommandLineOption output(u"output"_s, Messages::tr("Write to this file instead of standard output."), Messages::tr("file"));
    parser.addOptions({format, stage, output});
    if (!parser.parse(arguments))
        return commandUsage(parser, u"export-leads"_s, parser.errorText());
    if (parser.isSet(u"help"_s))
        return commandUsage(parser, u"export-leads"_s, {});
    if (parser.positionalArguments().size() != 1)
        return commandUsage(parser, u"export-leads"_s, Messages::tr("export-leads takes no arguments"));
    const QString formatName = parser.value(format).toLower();
    if (formatName != "csv"_L1 && formatName != "jsonl"_L1)
        return commandUsage(parser, u"export-leads"_s, Messages::tr("--format must be csv or jsonl, not '%1'").arg(parser.value(format)));
    LeadRepository::ExportFilter filter;
    if (parser.isSet(stage)) {
        filter.stage = stageFromName(parser.value(stage));
        if (!filter.stage)
            return commandUsage(parser, u"export-leads"_s,
                                Messages::tr("--stage must be one of Cold, MQL, SQL, Won, Lost, not '%1'").arg(parser.value(stage)));
    }
    if (!openDatabase(parser.value(u"db"_s)))
        return DatabaseFailure;

    QFile file;
    if (parser.isSet(output)) {
        file.setFileName(parser.value(output));
        if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate))
            return commandUsage(parser, u"export-leads"_s, Messages::tr("cannot write %1: %2").arg(file.fileName(), file.errorString()));
    } else {
        m_out.flush();
        if (!file.open(stdout, QIODevice::WriteOnly))
            return databaseFailure(Messages::tr("cannot write to standard output"));
    }
    LeadRepository repository(*m_database);
    QString error;
    const bool written = formatName == "csv"_L1 ? repository.exportCsv(file, filter, &error)
                                                : repository.exportJsonl(file, filter, &error);
    file.flush();
    if (!written)
        return databaseFailure(error);
    return Success;
}

int CtlApplication::ingest(const QStringList &arguments)
{
    QCommandLineParser parser;
    prepareCommandParser(parser, u"ingest"_s, u"ingest FILE|-"_s,
                  Messages::tr("Ingest behaviour events, one JSON object per line, scoring leads and moving them through the funnel. "
                     "Lines whose eventId is stored already change nothing, so a file can be ingested again safely."));
    const QString batchHelp = Messages::tr("Most lines per transaction; a batch also ends early enough to hold "
                                           "the write lock for about %1 s.")
                                  .arg(IngestPipeline::defaultMaxBatchMillis / 1000.0);
    const QCommandLineOption batch(u"batch-size"_s, batchHelp, Messages::tr("lines"),
                                   QString::number(IngestPipeline::defaultBatchSize));
    parser.addOption(batch);
    parser.addPositionalArgument(u"file"_s, Messages::tr("JSONL file, or - for standard input"), {});
    if (!parser.parse(arguments))
        return commandUsage(parser, u"ingest"_s, parser.errorText());
    if (parser.isSet(u"help"_s))
        return commandUsage(parser, u"ingest"_s, {});
    if (parser.positionalArguments().size() != 2)
        return commandUsage(parser, u"ingest"_s, Messages::tr("expected exactly one FILE (or -)"));
    bool batchOk = false;
    const int batchSize = parser.value(batch).toInt(&batchOk);
    if (!batchOk || batchSize <= 0)
        return commandUsage(parser, u"ingest"_s, Messages::tr("--batch-size takes a positive whole number"));
    std::unique_ptr<QIODevice> file;
    if (!openInput(parser.positionalArguments().at(1), file))
        return InputRejected;
    if (!openDatabase(parser.value(u"db"_s)))
        return DatabaseFailure;

    QString rulesError;
    const RuleSet rules = m_database->activeRules(&rulesError);
    if (!rulesError.isEmpty())
        m_err << "funnelctl: " << rulesError << '\n';
    IngestPipeline pipeline(*m_database, rules);
    pipeline.setBatchSize(batchSize);
    QElapsedTimer timer;
    timer.start();
    const IngestReport report = pipeline.ingest(file ? *file : m_stdin);
    for (const IngestError &error : report.errors)
        m_err << Messages::tr("line %1: %2").arg(error.line).arg(error.message) << '\n';
    if (report.errorCount > report.errors.size())
        m_err << Messages::tr("... and %1 more rejected lines").arg(formatCount(report.errorCount - report.errors.size())) << '\n';
    m_err.flush();
    m_out << Messages::tr("Ingested %1 events (%2 already stored, %3 rejected) in %4 s: %5 new leads, %6 stage changes.")
                 .arg(formatCount(report.eventsStored), formatCount(report.duplicatesSkipped), formatCount(report.errorCount))
                 .arg(double(timer.elapsed()) / 1000.0, 0, 'f', 2)
                 .arg(formatCount(report.leadsCreated), formatCount(report.stageChanges))
          << '\n';
    m_out.flush();
    if (!report.succeeded()) {
        if (report.databaseError.isError())
            return databaseFailure(report.failure);
        m_err << "funnelctl: " << report.failure << '\n';
        m_err.flush();
        return InputRejected;
    }
    return report.errorCount == 0 ? Success : InputRejected;
}

int CtlApplication::stats(const QStringList &arguments)
{
    QCommandLineParser parser;
    prepareCommandParser(parser, u"stats"_s, u"stats"_s,
                  Messages::tr("Leads per stage, conversion between consecutive stages, the score histogram in buckets of 10, "
                     "time in stage and new MQLs, SQLs and Won per week: the numbers of the dashboard. With --from/--to "
                     "the funnel and the histogram count the leads created in the period, and time in stage and the "
                     "trend count the moves made in it."));
    const QCommandLineOption json(u"json"_s, Messages::tr("Print JSON instead of a table."));
    const QCommandLineOption from(u"from"_s, Messages::tr("First day of the period (ISO date, local time; or an ISO date-time)."), Messages::tr("date"));
    const QCommandLineOption to(u"to"_s, Messages::tr("Last day of the period, inclusive (ISO date, local time; or an exclusive ISO date-time)."),
                                Messages::tr("date"));
    const QCommandLineOption owner(u"owner"_s, Messages::tr("Only leads of this owner."), Messages::tr("name"));
    const QCommandLineOption source(u"source"_s, Messages::tr("Only leads from this source."), Messages::tr("name"));
    parser.addOptions({json, from, to, owner, source});
    if (!parser.parse(arguments))
        return commandUsage(parser, u"stats"_s, parser.errorText());
    if (parser.isSet(u"help"_s))
        return commandUsage(parser, u"stats"_s, {});
    if (parser.positionalArguments().size() != 1)
        return commandUsage(parser, u"stats"_s, Messages::tr("stats takes no arguments"));

    DashboardFilter filter;
    filter.owner = parser.value(owner);
    filter.source = parser.value(source);
    // A plain date means whole local days, as the dashboard's date pickers do; a date-time is exact.
    const auto parseBound = [&](const QCommandLineOption &option, bool isEnd, std::optional<qint64> &bound) {
        if (!parser.isSet(option))
            return true;
        const QString text = parser.value(option);
        if (const QDate date = QDate::fromString(text, Qt::ISODate); date.isValid() && text.size() == 10) {
            bound = (isEnd ? date.addDays(1) : date).startOfDay().toMSecsSinceEpoch();
            return true;
        }
        const QDateTime time = QDateTime::fromString(text, Qt::ISODateWithMs);
        if (!time.isValid())
            return false;
        bound = time.toMSecsSinceEpoch();
        return true;
    };
    if (!parseBound(from, false, filter.fromMs))
        return commandUsage(parser, u"stats"_s, Messages::tr("--from must be an ISO date such as 2026-11-01, not '%1'").arg(parser.value(from)));
    if (!parseBound(to, true, filter.toMs))
        return commandUsage(parser, u"stats"_s, Messages::tr("--to must be an ISO date such as 2026-11-30, not '%1'").arg(parser.value(to)));
    if (filter.fromMs && filter.toMs && *filter.fromMs >= *filter.toMs)
        return commandUsage(parser, u"stats"_s, Messages::tr("--from must come before --to"));
    if (!openDatabase(parser.value(u"db"_s)))
        return DatabaseFailure;
    StatsQuery query(m_database->connection());
    const std::optional<FunnelStats> stats = query.compute(filter, QDateTime::currentMSecsSinceEpoch());
    if (!stats)
        return databaseFailure(query.lastError());

    if (parser.isSet(json)) {
        m_out << QString::fromUtf8(QJsonDocument(FunnelReportJson::toJson(*stats, filter)).toJson(QJsonDocument::Indented));
        m_out.flush();
        return Success;
    }

    const QList<Stage> funnelStages{Stage::Cold, Stage::MQL, Stage::SQL, Stage::Won};
    const QLocale locale = QLocale::system();
    if (filter.hasPeriod() || !filter.owner.isEmpty() || !filter.source.isEmpty()) {
        const auto time = [&](const std::optional<qint64> &ms) {
            return ms ? locale.toString(QDateTime::fromMSecsSinceEpoch(*ms), QLocale::ShortFormat) : Messages::tr("any");
        };
        m_out << Messages::tr("Filter: created from %1 to %2 (exclusive), owner %3, source %4")
                     .arg(time(filter.fromMs), time(filter.toMs), filter.owner.isEmpty() ? Messages::tr("any") : filter.owner,
                          filter.source.isEmpty() ? Messages::tr("any") : filter.source)
              << "\n\n";
    }
    m_out << Messages::tr("Leads per stage") << '\n';
    for (Stage stage : allStages) {
        const FunnelStats::StageTotals &totals = stats->stages[int(stage)];
        m_out << "  " << stageName(stage).leftJustified(6) << formatCount(totals.leads).rightJustified(10);
        if (totals.leads)
            m_out << "   " << Messages::tr("average score %1").arg(locale.toString(double(totals.scoreSum) / double(totals.leads), 'f', 1));
        m_out << '\n';
    }
    m_out << "  " << Messages::tr("Total").leftJustified(6) << formatCount(stats->totalLeads()).rightJustified(10) << "\n\n";
    m_out << Messages::tr("Conversion (leads that reached the stage)") << '\n';
    for (int rank = 0; rank < 3; ++rank) {
        const auto rate = stats->conversion(rank);
        const QString step = stageName(funnelStages[rank]) + u" -> "_s + stageName(funnelStages[rank + 1]);
        m_out << "  " << step.leftJustified(14)
              << (rate ? locale.toString(*rate * 100, 'f', 1) + u" %"_s : u"-"_s).rightJustified(8) << "   "
              << Messages::tr("%1 of %2").arg(formatCount(stats->reached[rank + 1]), formatCount(stats->reached[rank])) << '\n';
    }
    m_out << '\n' << Messages::tr("Score histogram") << '\n';
    qint64 largest = 1;
    for (const FunnelStats::Bucket &bucket : stats->histogram)
        largest = std::max(largest, bucket.total());
    for (const FunnelStats::Bucket &bucket : stats->histogram) {
        const QString range = u"[%1, %2)"_s.arg(bucket.lower).arg(bucket.lower + 10);
        m_out << "  " << range.leftJustified(12) << formatCount(bucket.total()).rightJustified(8) << "  "
              << QString(int(40 * bucket.total() / largest), QChar(0x2588)) << '\n';
    }
    const auto days = [&](const std::optional<qint64> &ms) {
        return (ms ? locale.toString(FunnelReportJson::days(*ms), 'f', 1) : u"-"_s).rightJustified(8);
    };
    m_out << '\n' << Messages::tr("Days in stage (median / 90th percentile)") << '\n'
          << "  " << QString().leftJustified(6) << Messages::tr("left in the period").rightJustified(30) << Messages::tr("still in it now").rightJustified(30)
          << '\n';
    for (int index = 0; index < 3; ++index) {
        const FunnelStats::StageTime &time = stats->timeInStage[index];
        m_out << "  " << stageName(Stage(index)).leftJustified(6) << formatCount(time.left.count).rightJustified(12)
              << days(time.left.medianMs) << days(time.left.p90Ms) << formatCount(time.still.count).rightJustified(14)
              << days(time.still.medianMs) << days(time.still.p90Ms) << '\n';
    }
    m_out << '\n' << Messages::tr("New per week (week starting Monday, UTC)") << '\n'
          << "  " << Messages::tr("week").leftJustified(12) << u"MQL"_s.rightJustified(8) << u"SQL"_s.rightJustified(8)
          << u"Won"_s.rightJustified(8) << '\n';
    for (const FunnelStats::Week &week : stats->trend) {
        m_out << "  " << QDateTime::fromMSecsSinceEpoch(week.startMs, Qt::UTC).date().toString(Qt::ISODate).leftJustified(12);
        for (qint64 count : week.entered)
            m_out << formatCount(count).rightJustified(8);
        m_out << '\n';
    }
    m_out.flush();
    return Success;
}

int CtlApplication::rules(const QStringList &arguments)
{
    QCommandLineParser parser;
    prepareCommandParser(parser, u"rules"_s,
                  u"rules export [FILE] | rules import FILE | rules diff FILE | rules apply FILE [--future-only] | "
                  "rules versions [N [M]] | rules restore N"_s,
                  Messages::tr("Export the scoring rules in force as JSON, or replace them with a JSON file's rules (import, "
                     "for new events only). An invalid file is refused with the field that is wrong, and the rules in "
                     "force stay.\n"
                     "diff: replay every lead's event history under the file's rules and under the rules in force and "
                     "print what would change (leads per stage, moves, score distribution, a sample of moving leads); "
                     "it writes nothing.\n"
                     "apply: make the file's rules a new version and re-score every lead from its history in one "
                     "transaction (or, with --future-only, score only new events with them).\n"
                     "versions: list the versions; with N, show what version N changed; with N and M, compare them.\n"
                     "restore N: apply version N again as a new version."));
    parser.addPositionalArgument(u"action"_s, Messages::tr("export, import, diff, apply, versions or restore"), {});
    parser.addPositionalArgument(u"file"_s, Messages::tr("JSON file (export: default standard output; others: - for standard input)"), {});
    const QCommandLineOption asOf(u"as-of"_s, Messages::tr("diff: also count the decay due at this UTC time (ISO 8601)."), Messages::tr("time"));
    const QCommandLineOption sample(u"sample"_s, Messages::tr("diff: how many moving leads to list."), Messages::tr("count"), u"10"_s);
    const QCommandLineOption futureOnly(u"future-only"_s, Messages::tr("apply, restore: leave scores alone; only new events score under the rules."));
    const QCommandLineOption author(u"author"_s, Messages::tr("apply, restore: who applies (default: $USER)."), Messages::tr("name"));
    const QCommandLineOption note(u"note"_s, Messages::tr("apply: why, for the versions list."), Messages::tr("text"));
    parser.addOptions({asOf, sample, futureOnly, author, note});
    if (!parser.parse(arguments))
        return commandUsage(parser, u"rules"_s, parser.errorText());
    if (parser.isSet(u"help"_s))
        return commandUsage(parser, u"rules"_s, {});
    const QStringList positional = parser.positionalArguments();
    const QString action = positional.value(1);
    if (action == "export"_L1 && positional.size() <= 3) {
        if (!openDatabase(parser.value(u"db"_s)))
            return DatabaseFailure;
        QString error;
        const RuleSet rules = m_database->activeRules(&error);
        if (!error.isEmpty())
            m_err << "funnelctl: " << error << '\n';
        const QByteArray json = RuleSetJson::toJson(rules);
        if (positional.size() == 3 && positional.at(2) != "-"_L1) {
            QFile file(positional.at(2));
            if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate) || file.write(json) != json.size())
                return commandUsage(parser, u"rules"_s, Messages::tr("cannot write %1: %2").arg(file.fileName(), file.errorString()));
        } else {
            m_out << QString::fromUtf8(json);
        }
        m_out.flush();
        return Success;
    }
    if (action == "import"_L1 && positional.size() == 3) {
        std::unique_ptr<QIODevice> file;
        if (!openInput(positional.at(2), file))
            return InputRejected;
        const QByteArray json = (file ? *file : m_stdin).readAll();
        QString error;
        const std::optional<RuleSet> rules = RuleSetJson::fromJson(json, &error);
        if (!rules) {
            m_err << "funnelctl: " << Messages::tr("%1: %2").arg(positional.at(2), error) << '\n';
            m_err.flush();
            return InputRejected;
        }
        if (!openDatabase(parser.value(u"db"_s)))
            return DatabaseFailure;
        if (!m_database->setActiveRules(*rules))
            return databaseFailure(m_database->lastError().message);
        m_out << Messages::tr("Rules imported: %1 event types, MQL at %2, SQL at %3. They apply to events ingested from now on.")
                     .arg(rules->rules().size())
                     .arg(rules->mqlThreshold())
                     .arg(rules->sqlThreshold())
              << '\n';
        m_out.flush();
        return Success;
    }
    if (action == "diff"_L1 && positional.size() == 3)
        return rulesDiff(parser, positional.at(2), parser.value(asOf), parser.value(sample));
    QString who = parser.value(author);
    if (who.isEmpty())
        who = qEnvironmentVariable("USER", u"funnelctl"_s);
    const RulesApplyMode mode = parser.isSet(futureOnly) ? RulesApplyMode::Future : RulesApplyMode::History;
    if (action == "apply"_L1 && positional.size() == 3) {
        std::unique_ptr<QIODevice> file;
        if (!openInput(positional.at(2), file))
            return InputRejected;
        QString error;
        const std::optional<RuleSet> rules = RuleSetJson::fromJson((file ? *file : m_stdin).readAll(), &error);
        if (!rules) {
            m_err << "funnelctl: " << Messages::tr("%1: %2").arg(positional.at(2), error) << '\n';
            m_err.flush();
            return InputRejected;
        }
        if (!openDatabase(parser.value(u"db"_s)))
            return DatabaseFailure;
        RulesetVersionStore store(*m_database);
        const auto report = store.apply(*rules, who, parser.value(note), mode, QDateTime::currentMSecsSinceEpoch(),
                                        rescoreProgress());
        if (!report)
            return databaseFailure(store.lastError().message);
        printApplied(*report);
        return Success;
    }
    if (action == "restore"_L1 && positional.size() == 3) {
        bool ok = false;
        const qint64 id = positional.at(2).toLongLong(&ok);
        if (!ok)
            return commandUsage(parser, u"rules"_s, Messages::tr("restore expects a version number, found \"%1\"").arg(positional.at(2)));
        if (!openDatabase(parser.value(u"db"_s)))
            return DatabaseFailure;
        RulesetVersionStore store(*m_database);
        const auto report = store.restore(id, who, QDateTime::currentMSecsSinceEpoch(),
                                          parser.isSet(futureOnly) ? std::optional(RulesApplyMode::Future) : std::nullopt,
                                          rescoreProgress());
        if (!report)
            return databaseFailure(store.lastError().message);
        printApplied(*report);
        return Success;
    }
    if (action == "versions"_L1 && positional.size() <= 4)
        return rulesVersions(parser, positional.mid(2));
    return commandUsage(parser, u"rules"_s, Messages::tr("expected 'rules export|import|diff|apply|versions|restore'"));
}

Rescorer::Progress CtlApplication::rescoreProgress()
{
    const bool terminal = isatty(STDERR_FILENO) != 0;
    auto timer = std::make_shared<QElapsedTimer>();
    timer->start();
    auto lastPercent = std::make_shared<int>(-1);
    auto lastPrintedMs = std::make_shared<qint64>(0);
    return [this, terminal, timer, lastPercent, lastPrintedMs](qint64 done, qint64 all) {
        const int percent = all > 0 ? int(done * 100 / all) : 0;
        if (percent == *lastPercent)
            return true;
        *lastPercent = percent;
        const qint64 phaseSteps = Rescorer::progressSteps / 3;
        const QString phase = done < phaseSteps         ? Messages::tr("reading the events")
                              : done < 2 * phaseSteps ? Messages::tr("replaying")
                                                      : Messages::tr("writing");
        const QString line = Messages::tr("Re-scoring: %1 % (%2)").arg(percent).arg(phase);
        if (terminal) {
            m_err << '\r' << line.leftJustified(48);
            if (done >= all)
                m_err << '\n';
            m_err.flush();
        } else if (timer->elapsed() - *lastPrintedMs >= 5000) { // a log, not a terminal: now and then
            *lastPrintedMs = timer->elapsed();
            m_err << line << '\n';
            m_err.flush();
        }
        return true;
    };
}

void CtlApplication::printApplied(const RulesApplyReport &report)
{
    m_out << Messages::tr("Applied %1 (%2 event types, MQL at %3, SQL at %4).")
                 .arg(report.version.label())
                 .arg(report.version.rules.rules().size())
                 .arg(report.version.rules.mqlThreshold())
                 .arg(report.version.rules.sqlThreshold())
          << '\n';
    if (report.rescore) {
        m_out << Messages::tr("Re-scored %1 leads from %2 events: %3 scores and %4 stages changed, %5 new SQLs.")
                     .arg(formatCount(report.rescore->leads), formatCount(report.rescore->events),
                          formatCount(report.rescore->leadsRescored), formatCount(report.rescore->stageChanges),
                          formatCount(report.rescore->newSqls.size()))
              << '\n';
    } else {
        m_out << Messages::tr("Scores are unchanged; events ingested from now on score under these rules.") << '\n';
    }
    m_out.flush();
}

int CtlApplication::rulesVersions(QCommandLineParser &parser, const QStringList &ids)
{
    QList<qint64> wanted;
    for (const QString &text : ids) {
        bool ok = false;
        wanted.append(text.toLongLong(&ok));
        if (!ok)
            return commandUsage(parser, u"rules"_s, Messages::tr("versions expects version numbers, found \"%1\"").arg(text));
    }
    if (!openDatabase(parser.value(u"db"_s)))
        return DatabaseFailure;
    RulesetVersionStore store(*m_database);
    const std::optional<QList<RulesetVersion>> versions = store.versions();
    if (!versions)
        return databaseFailure(store.lastError().message);
    auto find = [&versions](qint64 id) -> const RulesetVersion * {
        for (const RulesetVersion &version : *versions) {
            if (version.id == id)
                return &version;
        }
        return nullptr;
    };
    if (wanted.isEmpty()) {
        if (versions->isEmpty())
            m_out << Messages::tr("No versions yet: the rules in force were never applied with 'rules apply'.") << '\n';
        const qint64 current = store.currentVersionId();
        for (const RulesetVersion &version : *versions) {
            m_out << (version.id == current ? "* " : "  ") << u"v%1"_s.arg(version.id).leftJustified(6)
                  << QDateTime::fromMSecsSinceEpoch(version.createdAtMs, Qt::UTC).toString(u"yyyy-MM-dd HH:mm"_s) << "  "
                  << version.author.leftJustified(12) << ' '
                  << (version.mode == RulesApplyMode::History ? Messages::tr("all history") : Messages::tr("future only")).leftJustified(12)
                  << ' ' << version.note << '\n';
        }
        m_out.flush();
        return Success;
    }
    const RulesetVersion *to = find(wanted.last());
    const RulesetVersion *from = wanted.size() == 2 ? find(wanted.first()) : find(wanted.first() - 1);
    if (!to || (wanted.size() == 2 && !from)) {
        m_err << "funnelctl: " << Messages::tr("no such rules version") << '\n';
        m_err.flush();
        return InputRejected;
    }
    const RuleSet before = from ? from->rules : RuleSet::defaults();
    const QStringList changes = RuleSetDiff::compare(before, to->rules);
    m_out << Messages::tr("%1 compared with %2:").arg(to->label(), from ? from->label() : Messages::tr("the default rules")) << '\n';
    if (changes.isEmpty())
        m_out << "  " << Messages::tr("no changes") << '\n';
    for (const QString &change : changes)
        m_out << "  " << change << '\n';
    m_out.flush();
    return Success;
}

int CtlApplication::rescore(const QStringList &arguments)
{
    QCommandLineParser parser;
    prepareCommandParser(parser, u"rescore"_s, u"rescore"_s,
                  Messages::tr("Re-score every lead from its event history under the rules in force, in one transaction. Stage "
                     "changes are recorded in the history; stages people set (Won, Lost, manual moves) stay."));
    const QCommandLineOption decayUntil(u"decay-until"_s, Messages::tr("Also take the decay due by this UTC time (ISO 8601)."),
                                        Messages::tr("time"));
    parser.addOption(decayUntil);
    if (!parser.parse(arguments))
        return commandUsage(parser, u"rescore"_s, parser.errorText());
    if (parser.isSet(u"help"_s))
        return commandUsage(parser, u"rescore"_s, {});
    if (parser.positionalArguments().size() != 1)
        return commandUsage(parser, u"rescore"_s, Messages::tr("rescore takes no arguments"));
    qint64 decayUntilMs = 0;
    if (parser.isSet(decayUntil)) {
        const QDateTime parsed = QDateTime::fromString(parser.value(decayUntil), Qt::ISODateWithMs);
        if (!parsed.isValid())
            return commandUsage(parser, u"rescore"_s, Messages::tr("--decay-until expects an ISO 8601 time, found \"%1\"").arg(parser.value(decayUntil)));
        decayUntilMs = parsed.toMSecsSinceEpoch();
    }
    if (!openDatabase(parser.value(u"db"_s)))
        return DatabaseFailure;
    QString error;
    const RuleSet rules = m_database->activeRules(&error);
    if (!error.isEmpty())
        m_err << "funnelctl: " << error << '\n';
    RulesetVersionStore store(*m_database);
    const qint64 version = store.currentVersionId();
    Transaction transaction(*m_database);
    if (!transaction.isActive())
        return databaseFailure(transaction.error().message);
    DatabaseError failure;
    const auto report = Rescorer::rescoreAll(*m_database, rules, version > 0 ? u"rules v%1"_s.arg(version) : u"rescore"_s,
                                             QDateTime::currentMSecsSinceEpoch(), decayUntilMs, &failure,
                                             rescoreProgress());
    if (!report)
        return databaseFailure(failure.message);
    if (!transaction.commit())
        return databaseFailure(transaction.error().message);
    m_out << Messages::tr("Re-scored %1 leads from %2 events: %3 scores and %4 stages changed, %5 new SQLs.")
                 .arg(formatCount(report->leads), formatCount(report->events), formatCount(report->leadsRescored),
                      formatCount(report->stageChanges), formatCount(report->newSqls.size()))
          << '\n';
    m_out.flush();
    return Success;
}

int CtlApplication::explain(const QStringList &arguments)
{
    QCommandLineParser parser;
    prepareCommandParser(parser, u"explain"_s, u"explain LEAD"_s,
                  Messages::tr("Print a lead's score ledger: each event's points under the rules that scored it, caps, decay "
                     "steps and other adjustments, adding up to the stored score. LEAD is an id, a userId or an email."));
    parser.addPositionalArgument(u"lead"_s, Messages::tr("lead id, userId or email"), {});
    if (!parser.parse(arguments))
        return commandUsage(parser, u"explain"_s, parser.errorText());
    if (parser.isSet(u"help"_s))
        return commandUsage(parser, u"explain"_s, {});
    if (parser.positionalArguments().size() != 2)
        return commandUsage(parser, u"explain"_s, Messages::tr("expected one lead"));
    if (!openDatabase(parser.value(u"db"_s)))
        return DatabaseFailure;
    const QString key = parser.positionalArguments().at(1);
    QSqlQuery lookup(m_database->connection());
    lookup.prepare(u"SELECT id FROM leads WHERE id = ? OR external_id = ? OR lower(email) = lower(?) LIMIT 1"_s);
    bool numeric = false;
    const qint64 asId = key.toLongLong(&numeric);
    lookup.addBindValue(numeric ? asId : qint64(-1));
    lookup.addBindValue(key);
    lookup.addBindValue(key);
    if (!lookup.exec())
        return databaseFailure(m_database->errorFor(lookup.lastError()).message);
    if (!lookup.next()) {
        m_err << "funnelctl: " << Messages::tr("no lead '%1'").arg(key) << '\n';
        m_err.flush();
        return InputRejected;
    }
    QString error;
    const RuleSet rules = m_database->activeRules(&error);
    LeadDetailsQuery query(*m_database);
    const std::optional<LeadDetails> lead = query.load(lookup.value(0).toLongLong(), rules);
    if (!lead)
        return databaseFailure(query.lastError().message);
    m_out << Messages::tr("Lead %1 %2 <%3>: %4, score %5").arg(lead->id).arg(lead->name, lead->email, stageName(lead->stage)).arg(lead->score)
          << "\n\n";
    qint64 total = 0;
    for (const ScoreContribution &line : lead->contributions) {
        total += line.points;
        QString what = line.rule;
        if (line.kind == ScoreContribution::Kind::Capped)
            what = Messages::tr("%1 (capped)").arg(line.rule);
        // The rules version that scored the line (after a future-only change older lines keep theirs).
        const QString version = line.rulesVersion > 0 ? u"v%1"_s.arg(line.rulesVersion) : u"-"_s;
        m_out << "  " << QDateTime::fromMSecsSinceEpoch(line.atMs, Qt::UTC).toString(u"yyyy-MM-dd HH:mm"_s) << "  "
              << what.leftJustified(28) << QString::number(line.points).rightJustified(6)
              << QString::number(total).rightJustified(8) << "  " << version << '\n';
    }
    m_out << '\n'
          << (total == lead->score ? Messages::tr("Total %1 = stored score %2.").arg(total).arg(lead->score)
                                   : Messages::tr("Total %1 differs from the stored score %2: run 'funnelctl rescore'.").arg(total).arg(lead->score))
          << '\n';
    m_out.flush();
    return total == lead->score ? Success : InputRejected;
}

int CtlApplication::rulesDiff(QCommandLineParser &parser, const QString &fileName, const QString &asOfText,
                              const QString &sampleText)
{
    bool sampleOk = false;
    const int sampleSize = sampleText.toInt(&sampleOk);
    if (!sampleOk || sampleSize < 0)
        return commandUsage(parser, u"rules"_s, Messages::tr("--sample expects a count, found \"%1\"").arg(sampleText));
    qint64 asOfMs = 0; // as applying would: decay only as events arrive
    if (!asOfText.isEmpty()) {
        const QDateTime parsed = QDateTime::fromString(asOfText, Qt::ISODateWithMs);
        if (!parsed.isValid())
            return commandUsage(parser, u"rules"_s, Messages::tr("--as-of expects an ISO 8601 time, found \"%1\"").arg(asOfText));
        asOfMs = parsed.toMSecsSinceEpoch();
    }
    std::unique_ptr<QIODevice> file;
    if (!openInput(fileName, file))
        return InputRejected;
    QString error;
    const std::optional<RuleSet> draft = RuleSetJson::fromJson((file ? *file : m_stdin).readAll(), &error);
    if (!draft) {
        m_err << "funnelctl: " << Messages::tr("%1: %2").arg(fileName, error) << '\n';
        m_err.flush();
        return InputRejected;
    }
    if (!openDatabase(parser.value(u"db"_s)))
        return DatabaseFailure;
    const RuleSet current = m_database->activeRules(&error);
    if (!error.isEmpty())
        m_err << "funnelctl: " << error << '\n';

    QElapsedTimer timer;
    timer.start();
    DatabaseError failure;
    const std::optional<WhatIfImpact> impact = WhatIfQuery::run(*m_database, current, *draft, asOfMs, {}, &failure);
    if (!impact)
        return databaseFailure(failure.message);
    printImpact(*impact, sampleSize);
    m_out << '\n' << Messages::tr("Nothing was written. Replayed %1 events in %2 ms.").arg(formatCount(impact->events)).arg(timer.elapsed())
          << '\n';
    m_out.flush();
    return Success;
}

void CtlApplication::printImpact(const WhatIfImpact &impact, int sampleSize)
{
    auto cell = [](qint64 value, int width = 10) { return formatCount(value).rightJustified(width); };
    auto signedCell = [](qint64 value) {
        return (value > 0 ? u"+"_s + formatCount(value) : formatCount(value)).rightJustified(10);
    };
    m_out << Messages::tr("What-if: %1 leads, %2 events replayed under the draft, beside the stored stages and scores (now)")
                 .arg(formatCount(impact.leads), formatCount(impact.events))
          << "\n\n"
          << "  " << Messages::tr("stage").leftJustified(8) << Messages::tr("now").rightJustified(10) << Messages::tr("draft").rightJustified(10)
          << Messages::tr("change").rightJustified(10) << '\n';
    for (Stage stage : allStages) {
        const qint64 now = impact.currentStages[size_t(stage)];
        const qint64 draft = impact.draftStages[size_t(stage)];
        m_out << "  " << stageName(stage).leftJustified(8) << cell(now) << cell(draft) << signedCell(draft - now) << '\n';
    }
    m_out << '\n'
          << Messages::tr("Leads that would move: %1 (scores change for %2)")
                 .arg(formatCount(impact.movedLeads), formatCount(impact.rescoredLeads))
          << '\n';
    if (impact.movedLeads > 0) {
        m_out << "  " << Messages::tr("from \\ to").leftJustified(10);
        for (Stage to : allStages)
            m_out << stageName(to).rightJustified(10);
        m_out << '\n';
        for (Stage from : allStages) {
            m_out << "  " << stageName(from).leftJustified(10);
            for (Stage to : allStages)
                m_out << (from == to ? u"-"_s.rightJustified(10) : cell(impact.moves[size_t(from)][size_t(to)]));
            m_out << '\n';
        }
    }
    m_out << '\n' << Messages::tr("Score distribution") << '\n'
          << "  " << Messages::tr("score").leftJustified(12) << Messages::tr("now").rightJustified(10) << Messages::tr("draft").rightJustified(10) << '\n';
    for (const WhatIfImpact::Bucket &bucket : impact.histogram) {
        m_out << "  " << u"%1..%2"_s.arg(bucket.lower).arg(bucket.lower + 9).leftJustified(12) << cell(bucket.current)
              << cell(bucket.draft) << '\n';
    }
    if (!impact.sample.isEmpty() && sampleSize > 0) {
        m_out << '\n' << Messages::tr("Leads that would move (first %1 by id)").arg(std::min<qsizetype>(sampleSize, impact.sample.size()))
              << '\n';
        for (qsizetype i = 0; i < impact.sample.size() && i < sampleSize; ++i) {
            const WhatIfImpact::MovingLead &lead = impact.sample.at(i);
            m_out << "  " << Messages::tr("lead %1: %2 -> %3, score %4 -> %5: %6")
                                 .arg(lead.leadId)
                                 .arg(stageName(lead.from), stageName(lead.to))
                                 .arg(lead.currentScore)
                                 .arg(lead.draftScore)
                                 .arg(lead.reason)
                  << '\n';
        }
    }
}

} // namespace funnel
