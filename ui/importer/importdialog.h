#pragma once

#include "core/storage/importjob.h"
#include "core/storage/importjobresult.h"

#include <QDialog>
#include <QFuture>

#include <atomic>
#include <memory>

class QDialogButtonBox;
class QLabel;
class QProgressBar;
class QPushButton;
class QStandardItemModel;
class QTimer;
class QTreeView;

namespace funnel {

// File → Import leads (CSV) / Import events (JSONL): runs an ImportJob on a worker thread with its
// own connection, shows progress by bytes read with Cancel, then a summary with the rejected lines
// (line number and why) and "Copy report". finished() tells the board whether to reload.
class ImportDialog : public QDialog
{
    Q_OBJECT

public:
    explicit ImportDialog(const QString &databasePath, QWidget *parent = nullptr);
    ~ImportDialog() override;

    // Events per transaction for JSONL (0: the pipeline's default); set before start().
    void setBatchSize(int lines) { m_batchSize = lines; }
    void setActor(const QString &actor) { m_actor = actor; }

    void start(ImportJob::Kind kind, const QString &filePath);
    void cancel();
    bool isRunning() const { return m_running; }

    const ImportJobResult &result() const { return m_result; }
    QStandardItemModel *rejectedModel() const { return m_rejected; }
    QString summaryText() const;
    QString report() const; // what "Copy report" puts on the clipboard

Q_SIGNALS:
    void finished(bool anythingChanged);

protected:
    void reject() override;

private:
    void updateProgress();
    void showResult(const ImportJobResult &result);

    QString m_databasePath;
    QString m_actor;
    QString m_filePath;
    ImportJob::Kind m_kind = ImportJob::Kind::Leads;
    int m_batchSize = 0;
    bool m_running = false;
    std::shared_ptr<ImportJob> m_job;
    std::shared_ptr<std::atomic<qint64>> m_bytesRead = std::make_shared<std::atomic<qint64>>(0);
    qint64 m_totalBytes = 0;
    QFuture<ImportJobResult> m_future;
    ImportJobResult m_result;

    QLabel *m_heading = nullptr;
    QProgressBar *m_progress = nullptr;
    QLabel *m_status = nullptr;
    QLabel *m_summary = nullptr;
    QTreeView *m_rejectedView = nullptr;
    QStandardItemModel *m_rejected = nullptr;
    QPushButton *m_cancelButton = nullptr;
    QPushButton *m_copyButton = nullptr;
    QDialogButtonBox *m_buttons = nullptr;
    QTimer *m_poll = nullptr;
};

} // namespace funnel
