#include "core/storage/importjob.h"

#include "core/storage/database.h"
#include "core/storage/ingestpipeline.h"
#include "core/storage/leadrepository.h"

#include <QCoreApplication>
#include <QFile>
#include <QIODevice>

#include <algorithm>

namespace funnel {

using namespace Qt::StringLiterals;

namespace {

// Reads through to a file, counting bytes for progress. Once cancelled it hands out data only up to
// the next line break and then reports the end: the CSV reader sees whole rows, never a row cut in
// half that would land with a truncated value.
class ProgressDevice : public QIODevice
{
public:
    ProgressDevice(QIODevice &source, const std::atomic<bool> &cancelled, std::function<void(qint64)> onRead)
        : m_source(source), m_cancelled(cancelled), m_onRead(std::move(onRead))
    {
    }

    bool isSequential() const override { return true; }
    bool stoppedEarly() const { return m_stopped; }

protected:
    qint64 readData(char *data, qint64 maxSize) override
    {
        if (m_stopped)
            return 0;
        const qint64 n = m_source.read(data, maxSize);
        if (n < 0) {
            setErrorString(m_source.errorString());
            return -1;
        }
        if (n > 0 && m_cancelled.load()) {
            char *end = data + n;
            char *newline = std::find(data, end, '\n');
            m_stopped = true;
            m_total += newline == end ? 0 : (newline - data + 1);
            m_onRead(m_total);
            return newline == end ? 0 : newline - data + 1;
        }
        m_total += n;
        m_onRead(m_total);
        return n;
    }

    qint64 writeData(const char *, qint64) override { return -1; }

private:
    QIODevice &m_source;
    const std::atomic<bool> &m_cancelled;
    std::function<void(qint64)> m_onRead;
    qint64 m_total = 0;
    bool m_stopped = false;
};

} // namespace

ImportJob::ImportJob(Kind kind, QString filePath, QString databasePath)
    : m_kind(kind), m_filePath(std::move(filePath)), m_databasePath(std::move(databasePath))
{
}

ImportJobResult ImportJob::run()
{
    ImportJobResult result;
    QFile file(m_filePath);
    if (!file.open(QIODevice::ReadOnly)) {
        result.failure = QCoreApplication::translate("ImportJob", "Cannot read %1: %2").arg(m_filePath, file.errorString());
        return result;
    }
    Database database; // this thread's own connection
    if (!database.open(m_databasePath)) {
        result.failure = database.lastError().message;
        return result;
    }
    result = m_kind == Kind::Leads ? runLeads(database, file) : runEvents(database, file);
    result.totalBytes = file.size();
    return result;
}

ImportJobResult ImportJob::runLeads(Database &database, QIODevice &file)
{
    ImportJobResult result;
    const qint64 total = file.size();
    ProgressDevice device(file, m_cancelled, [&](qint64 bytes) {
        result.bytesRead = bytes;
        if (m_onProgress)
            m_onProgress(bytes, total);
    });
    device.open(QIODevice::ReadOnly);
    LeadRepository repository(database);
    const LeadImportReport report = repository.importCsv(device, m_actor);
    result.created = report.created;
    result.updated = report.merged;
    result.rejectedCount = report.rejected();
    for (const CsvRowError &error : report.errors) {
        // The reader's messages start with "line N: "; the line has its own column in a report.
        const QString prefix = QCoreApplication::translate("LeadCsvReader", "line %1: %2").arg(QString::number(error.line), QString());
        result.rejected.append({error.line, error.message.startsWith(prefix) ? error.message.mid(prefix.size()) : error.message});
    }
    result.cancelled = device.stoppedEarly();
    if (!report.fileError.isEmpty() && !result.cancelled)
        result.failure = report.fileError;
    if (report.databaseError.isError())
        result.failure = report.databaseError.message;
    return result;
}

ImportJobResult ImportJob::runEvents(Database &database, QIODevice &file)
{
    ImportJobResult result;
    const qint64 total = file.size();
    IngestPipeline pipeline(database, database.activeRules());
    if (m_batchSize > 0)
        pipeline.setBatchSize(m_batchSize);
    pipeline.setProgressCallback([&](qint64 bytes) {
        result.bytesRead = bytes;
        if (m_onProgress)
            m_onProgress(bytes, total);
        return !m_cancelled.load();
    });
    const IngestReport report = pipeline.ingest(file);
    result.created = report.leadsCreated;
    result.events = report.eventsStored;
    result.duplicates = report.duplicatesSkipped;
    result.stageChanges = report.stageChanges;
    result.rejectedCount = report.errorCount;
    for (const IngestError &error : report.errors)
        result.rejected.append({error.line, error.message});
    result.cancelled = report.cancelled;
    result.failure = report.failure;
    if (!report.cancelled && report.failure.isEmpty())
        result.bytesRead = total;
    return result;
}

} // namespace funnel
