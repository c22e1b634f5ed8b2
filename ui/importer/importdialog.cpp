#include "ui/importer/importdialog.h"

#include <QApplication>
#include <QClipboard>
#include <QDialogButtonBox>
#include <QDir>
#include <QFileInfo>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QProgressBar>
#include <QPushButton>
#include <QStandardItemModel>
#include <QTimer>
#include <QTreeView>
#include <QVBoxLayout>
#include "ui/lead/futurecallback.h"

#include <QtConcurrent/QtConcurrentRun>

namespace funnel {

using namespace Qt::StringLiterals;

ImportDialog::ImportDialog(const QString &databasePath, QWidget *parent)
    : QDialog(parent), m_databasePath(databasePath), m_actor(qEnvironmentVariable("USER"))
{
    setWindowTitle(tr("Import"));
    auto *layout = new QVBoxLayout(this);
    layout->setSpacing(10);

    m_heading = new QLabel(this);
    QFont headingFont = m_heading->font();
    headingFont.setPointSizeF(headingFont.pointSizeF() * 1.2);
    headingFont.setWeight(QFont::DemiBold);
    m_heading->setFont(headingFont);
    m_heading->setWordWrap(true);
    layout->addWidget(m_heading);

    m_progress = new QProgressBar(this);
    m_progress->setRange(0, 1000);
    m_progress->setTextVisible(false);
    layout->addWidget(m_progress);
    m_status = new QLabel(this);
    m_status->setForegroundRole(QPalette::PlaceholderText);
    layout->addWidget(m_status);

    m_summary = new QLabel(this);
    m_summary->setWordWrap(true);
    m_summary->setTextInteractionFlags(Qt::TextSelectableByMouse);
    layout->addWidget(m_summary);

    m_rejected = new QStandardItemModel(this);
    m_rejected->setHorizontalHeaderLabels({tr("Line"), tr("Why it was rejected")});
    m_rejectedView = new QTreeView(this);
    m_rejectedView->setModel(m_rejected);
    m_rejectedView->setRootIsDecorated(false);
    m_rejectedView->setAlternatingRowColors(true);
    m_rejectedView->setUniformRowHeights(true);
    m_rejectedView->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_rejectedView->header()->setSectionResizeMode(0, QHeaderView::ResizeToContents);
    m_rejectedView->header()->setStretchLastSection(true);
    layout->addWidget(m_rejectedView, 1);

    m_buttons = new QDialogButtonBox(this);
    m_cancelButton = m_buttons->addButton(QDialogButtonBox::Cancel);
    m_copyButton = m_buttons->addButton(tr("Copy Report"), QDialogButtonBox::ActionRole);
    QPushButton *close = m_buttons->addButton(QDialogButtonBox::Close);
    close->hide();
    layout->addWidget(m_buttons);
    connect(m_cancelButton, &QPushButton::clicked, this, &ImportDialog::cancel);
    connect(m_copyButton, &QPushButton::clicked, this, [this] { QApplication::clipboard()->setText(report()); });
    connect(close, &QPushButton::clicked, this, &QDialog::accept);

    m_poll = new QTimer(this);
    m_poll->setInterval(100);
    connect(m_poll, &QTimer::timeout, this, &ImportDialog::updateProgress);

    m_summary->hide();
    m_rejectedView->hide();
    m_copyButton->hide();
    resize(620, 220);
}

ImportDialog::~ImportDialog()
{
    if (m_running) {
        m_job->cancel();
        m_future.waitForFinished();
    }
}

void ImportDialog::start(ImportJob::Kind kind, const QString &filePath)
{
    if (m_running)
        return;
    m_kind = kind;
    m_filePath = filePath;
    m_totalBytes = QFileInfo(filePath).size();
    m_bytesRead->store(0);
    m_result = {};
    m_running = true;
    const QString name = QFileInfo(filePath).fileName();
    setWindowTitle(kind == ImportJob::Kind::Leads ? tr("Import Leads") : tr("Import Events"));
    m_heading->setText(kind == ImportJob::Kind::Leads ? tr("Importing leads from %1").arg(name)
                                                      : tr("Importing events from %1").arg(name));
    m_summary->hide();
    m_rejectedView->hide();
    m_copyButton->hide();
    m_buttons->button(QDialogButtonBox::Close)->hide();
    m_cancelButton->show();
    m_cancelButton->setEnabled(true);
    m_progress->show();
    m_progress->setValue(0);

    m_job = std::make_shared<ImportJob>(kind, filePath, m_databasePath);
    m_job->setActor(m_actor);
    m_job->setBatchSize(m_batchSize);
    // The worker only stores a number; the GUI reads it on a timer, so progress never floods the
    // event loop however fast the file goes.
    m_job->setProgressCallback([bytes = m_bytesRead](qint64 read, qint64) { bytes->store(read); });
    m_future = QtConcurrent::run([job = m_job] { return job->run(); });
    onFinished(this, m_future, [this](const ImportJobResult &result) { showResult(result); });
    m_poll->start();
    updateProgress();
}

void ImportDialog::cancel()
{
    if (!m_running)
        return;
    m_job->cancel();
    m_cancelButton->setEnabled(false);
    m_status->setText(tr("Cancelling after the current batch…"));
}

void ImportDialog::reject()
{
    if (m_running) {
        cancel(); // Escape or the window's close button while importing means Cancel
        return;
    }
    QDialog::reject();
}

void ImportDialog::updateProgress()
{
    const qint64 read = m_bytesRead->load();
    if (m_totalBytes > 0)
        m_progress->setValue(int(qMin<qint64>(1000, read * 1000 / m_totalBytes)));
    if (m_job && !m_job->isCancelled()) {
        const QLocale locale;
        m_status->setText(tr("%1 of %2 read").arg(locale.formattedDataSize(read), locale.formattedDataSize(m_totalBytes)));
    }
}

void ImportDialog::showResult(const ImportJobResult &result)
{
    m_poll->stop();
    m_running = false;
    m_result = result;
    m_cancelButton->hide();
    m_buttons->button(QDialogButtonBox::Close)->show();
    m_buttons->button(QDialogButtonBox::Close)->setDefault(true);
    m_copyButton->show();
    if (!result.cancelled && result.failure.isEmpty())
        m_progress->setValue(1000);
    else if (m_totalBytes > 0)
        m_progress->setValue(int(qMin<qint64>(1000, result.bytesRead * 1000 / m_totalBytes)));

    m_status->setText(result.cancelled ? tr("Cancelled after %1 of %2; everything before that point was imported.")
                                             .arg(QLocale().formattedDataSize(result.bytesRead),
                                                  QLocale().formattedDataSize(m_totalBytes))
                      : !result.failure.isEmpty() ? tr("Stopped: %1").arg(result.failure)
                                                  : tr("Done."));
    m_status->setForegroundRole(result.failure.isEmpty() ? QPalette::PlaceholderText : QPalette::BrightText);
    m_summary->setText(summaryText());
    m_summary->show();

    m_rejected->removeRows(0, m_rejected->rowCount());
    for (const ImportJobResult::Rejected &line : result.rejected) {
        auto *number = new QStandardItem(QString::number(line.line));
        number->setData(line.line, Qt::UserRole);
        number->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
        m_rejected->appendRow({number, new QStandardItem(line.message)});
    }
    m_rejectedView->setVisible(!result.rejected.isEmpty());
    if (!result.rejected.isEmpty())
        resize(width(), qMax(height(), 440));
    Q_EMIT finished(result.anythingChanged());
}

QString ImportDialog::summaryText() const
{
    const ImportJobResult &r = m_result;
    const QLocale locale;
    QStringList parts;
    if (m_kind == ImportJob::Kind::Leads) {
        parts.append(tr("%1 leads created").arg(locale.toString(r.created)));
        parts.append(tr("%1 updated").arg(locale.toString(r.updated)));
    } else {
        parts.append(tr("%1 events stored").arg(locale.toString(r.events)));
        parts.append(tr("%1 new leads").arg(locale.toString(r.created)));
        parts.append(tr("%1 stage changes").arg(locale.toString(r.stageChanges)));
        if (r.duplicates)
            parts.append(tr("%1 already imported").arg(locale.toString(r.duplicates)));
    }
    parts.append(r.rejectedCount ? tr("%1 lines rejected").arg(locale.toString(r.rejectedCount)) : tr("no line rejected"));
    QString text = parts.join(u" · "_s);
    if (r.rejectedCount > r.rejected.size())
        text += u'\n' + tr("The first %1 rejected lines are listed.").arg(r.rejected.size());
    if (r.cancelled)
        text = tr("Import cancelled.") + u' ' + text;
    return text;
}

QString ImportDialog::report() const
{
    QString text = tr("Import of %1").arg(QDir::toNativeSeparators(m_filePath)) + u'\n' + summaryText() + u'\n';
    if (!m_result.failure.isEmpty())
        text += tr("Stopped: %1").arg(m_result.failure) + u'\n';
    for (const ImportJobResult::Rejected &line : m_result.rejected)
        text += tr("line %1: %2").arg(line.line).arg(line.message) + u'\n';
    return text;
}

} // namespace funnel
