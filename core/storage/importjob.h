#pragma once

#include "core/storage/importjobresult.h"

#include <QString>

#include <atomic>
#include <functional>

class QIODevice;

namespace funnel {

class Database;

// One import of a leads CSV (LeadRepository::importCsv) or an events JSONL file (IngestPipeline),
// run on the calling thread with its own Database connection, so a GUI can run it on a worker.
// Progress is reported in bytes of the file read; cancel() (from any thread) stops it at the next
// batch boundary (JSONL) or the next line break (CSV). What was committed before stays.
class ImportJob
{
public:
    enum class Kind { Leads, Events };

    // Called on the job's thread with bytes read so far and the file's size.
    using ProgressCallback = std::function<void(qint64 bytesRead, qint64 totalBytes)>;

    ImportJob(Kind kind, QString filePath, QString databasePath);

    Kind kind() const { return m_kind; }
    QString filePath() const { return m_filePath; }

    void setActor(const QString &actor) { m_actor = actor; }
    void setProgressCallback(ProgressCallback callback) { m_onProgress = std::move(callback); }
    // Events per transaction (JSONL); smaller batches commit and report progress more often.
    void setBatchSize(int lines) { m_batchSize = lines; }

    ImportJobResult run();
    void cancel() { m_cancelled.store(true); }
    bool isCancelled() const { return m_cancelled.load(); }

private:
    ImportJobResult runLeads(Database &database, QIODevice &file);
    ImportJobResult runEvents(Database &database, QIODevice &file);

    Kind m_kind = Kind::Leads;
    QString m_filePath;
    QString m_databasePath;
    QString m_actor;
    ProgressCallback m_onProgress;
    int m_batchSize = 0; // 0: the pipeline's default
    std::atomic<bool> m_cancelled = false;
};

} // namespace funnel
