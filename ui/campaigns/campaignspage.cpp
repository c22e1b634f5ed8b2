#include "ui/campaigns/campaignspage.h"

#include "core/scheduler/campaignstore.h"
#include "core/storage/database.h"
#include "core/storage/outboxstore.h"
#include "core/webhooks/webhooksigner.h"
#include "ui/campaigns/campaigneditordialog.h"
#include "ui/campaigns/campaignlistmodel.h"
#include "ui/campaigns/deliverylogmodel.h"
#include "ui/lead/futurecallback.h"
#include "ui/lead/leadwritequeue.h"

#include <QDateTime>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QListWidget>
#include <QLocale>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSplitter>
#include <QTableView>
#include <QVBoxLayout>
#include <QtConcurrent/QtConcurrentRun>

namespace funnel {

using namespace Qt::StringLiterals;

namespace {

QTableView *makeTable(QAbstractItemModel *model, QWidget *parent)
{
    auto *view = new QTableView(parent);
    view->setModel(model);
    view->setSelectionBehavior(QAbstractItemView::SelectRows);
    view->setSelectionMode(QAbstractItemView::SingleSelection);
    view->setAlternatingRowColors(true);
    view->setShowGrid(false);
    view->setWordWrap(false);
    view->verticalHeader()->hide();
    view->horizontalHeader()->setHighlightSections(false);
    return view;
}

QLabel *heading(const QString &text, QWidget *parent)
{
    auto *label = new QLabel(text, parent);
    QFont font = label->font();
    font.setBold(true);
    font.setPointSizeF(font.pointSizeF() * 1.15);
    label->setFont(font);
    return label;
}

} // namespace

CampaignsPage::CampaignsPage(QWidget *parent)
    : QWidget(parent),
      m_campaignModel(new CampaignListModel(this)),
      m_deliveryModel(new DeliveryLogModel(this)),
      m_writes(new LeadWriteQueue(this))
{
    m_pool.setMaxThreadCount(1);
    m_refreshTimer.setSingleShot(true);
    m_refreshTimer.setInterval(300);
    connect(&m_refreshTimer, &QTimer::timeout, this, [this] {
        loadCampaigns();
        m_deliveryModel->reload();
    });

    m_campaignView = makeTable(m_campaignModel, this);
    m_campaignView->horizontalHeader()->setSectionResizeMode(CampaignListModel::TriggerColumn, QHeaderView::Stretch);
    m_deliveryView = makeTable(m_deliveryModel, this);
    m_deliveryView->horizontalHeader()->setSectionResizeMode(DeliveryLogModel::EndpointColumn, QHeaderView::Stretch);
    m_detail = new QPlainTextEdit(this);
    m_detail->setReadOnly(true);
    m_detail->setPlaceholderText(tr("Select a delivery to see its request and response."));
    m_detail->setFont(QFont(u"monospace"_s));
    m_message = new QLabel(this);
    m_message->setWordWrap(true);
    m_message->hide();
    m_endpoints = new QLabel(this);
    m_endpoints->setWordWrap(true);
    m_endpoints->setTextFormat(Qt::PlainText);
    m_enable = new QPushButton(tr("Enable"), this);
    m_disable = new QPushButton(tr("Disable"), this);
    m_edit = new QPushButton(tr("Edit…"), this);
    m_new = new QPushButton(tr("New…"), this);
    m_replay = new QPushButton(tr("Replay"), this);
    m_replay->setToolTip(tr("Send the selected dead delivery again, with the same webhook-id."));

    auto *campaignHeader = new QHBoxLayout;
    campaignHeader->addWidget(heading(tr("Campaigns"), this));
    campaignHeader->addStretch();
    campaignHeader->addWidget(m_new);
    campaignHeader->addWidget(m_edit);
    campaignHeader->addWidget(m_enable);
    campaignHeader->addWidget(m_disable);
    auto *campaigns = new QWidget(this);
    auto *campaignLayout = new QVBoxLayout(campaigns);
    campaignLayout->setContentsMargins(0, 0, 0, 0);
    campaignLayout->addLayout(campaignHeader);
    campaignLayout->addWidget(m_message);
    m_activity = new QListWidget(this);
    m_activity->setWordWrap(true);
    m_activity->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    m_activity->setToolTip(tr("What campaigns did that people should see: notes for sales, refused moves, "
                              "declined enrollments."));
    auto *campaignSplitter = new QSplitter(Qt::Horizontal, this);
    campaignSplitter->addWidget(m_campaignView);
    auto *activityBox = new QWidget(this);
    auto *activityLayout = new QVBoxLayout(activityBox);
    activityLayout->setContentsMargins(0, 0, 0, 0);
    activityLayout->addWidget(new QLabel(tr("Activity"), this));
    activityLayout->addWidget(m_activity);
    campaignSplitter->addWidget(activityBox);
    campaignSplitter->setStretchFactor(0, 3);
    campaignSplitter->setStretchFactor(1, 2);
    campaignLayout->addWidget(campaignSplitter, 1);

    auto *deliveryHeader = new QHBoxLayout;
    deliveryHeader->addWidget(heading(tr("Deliveries"), this));
    deliveryHeader->addStretch();
    deliveryHeader->addWidget(m_replay);
    auto *logSplitter = new QSplitter(Qt::Horizontal, this);
    logSplitter->addWidget(m_deliveryView);
    logSplitter->addWidget(m_detail);
    logSplitter->setStretchFactor(0, 3);
    logSplitter->setStretchFactor(1, 2);
    auto *deliveries = new QWidget(this);
    auto *deliveryLayout = new QVBoxLayout(deliveries);
    deliveryLayout->setContentsMargins(0, 0, 0, 0);
    deliveryLayout->addLayout(deliveryHeader);
    deliveryLayout->addWidget(m_endpoints);
    deliveryLayout->addWidget(logSplitter, 1);

    auto *splitter = new QSplitter(Qt::Vertical, this);
    splitter->addWidget(campaigns);
    splitter->addWidget(deliveries);
    splitter->setStretchFactor(0, 2);
    splitter->setStretchFactor(1, 3);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(splitter);

    connect(m_enable, &QPushButton::clicked, this, [this] { setEnabled(true); });
    connect(m_disable, &QPushButton::clicked, this, [this] { setEnabled(false); });
    connect(m_replay, &QPushButton::clicked, this, &CampaignsPage::replaySelected);
    connect(m_edit, &QPushButton::clicked, this, &CampaignsPage::editSelectedCampaign);
    connect(m_new, &QPushButton::clicked, this, &CampaignsPage::newCampaign);
    connect(m_campaignView, &QTableView::doubleClicked, this, &CampaignsPage::editSelectedCampaign);
    connect(m_campaignView->selectionModel(), &QItemSelectionModel::selectionChanged, this, &CampaignsPage::updateButtons);
    connect(m_deliveryView->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            [this](const QModelIndex &current) {
                m_detail->setPlainText(current.isValid() ? current.data(int(DeliveryLogModel::Role::Detail)).toString()
                                                         : QString());
                updateButtons();
            });
    connect(m_campaignModel, &QAbstractItemModel::modelReset, this, &CampaignsPage::updateButtons);
    connect(m_deliveryModel, &DeliveryLogModel::loaded, this, [this] {
        if (!m_logLoaded) {
            m_logLoaded = true;
            m_deliveryView->resizeColumnsToContents();
            if (!m_deliveryView->currentIndex().isValid() && m_deliveryModel->rowCount() > 0)
                m_deliveryView->setCurrentIndex(m_deliveryModel->index(0, 0)); // the detail pane is never blank
            if (m_campaignsLoaded)
                Q_EMIT loaded();
        }
    });
    connect(m_deliveryModel, &DeliveryLogModel::failed, this, [this](const QString &message) { showMessage(message, true); });
    connect(m_writes, &LeadWriteQueue::committed, this, [this] { refresh(); });
    connect(m_writes, &LeadWriteQueue::failed, this, [this](qint64, const QString &message) {
        showMessage(message, true);
        refresh();
    });
    updateButtons();
}

CampaignsPage::~CampaignsPage()
{
    m_pool.waitForDone();
}

void CampaignsPage::openDatabase(const QString &path)
{
    m_path = path;
    m_campaignsLoaded = false;
    m_logLoaded = false;
    m_writes->setDatabasePath(path);
    loadCampaigns();
    m_deliveryModel->setDatabasePath(path);
}

void CampaignsPage::refresh()
{
    if (!m_path.isEmpty())
        m_refreshTimer.start();
}

void CampaignsPage::loadCampaigns()
{
    struct Snapshot {
        QList<StoredCampaign> campaigns;
        QList<OutboxEndpoint> endpoints;
        QList<CampaignActivity> activity;
        QString error;
    };
    onFinished(this, QtConcurrent::run(&m_pool, [path = m_path] {
        Snapshot snapshot;
        Database database; // this worker thread's own connection
        if (!database.open(path)) {
            snapshot.error = database.lastError().message;
            return snapshot;
        }
        CampaignStore store(database);
        store.installDefaults(QDateTime::currentMSecsSinceEpoch());
        snapshot.campaigns = store.campaigns();
        snapshot.endpoints = OutboxStore(database).endpoints();
        snapshot.activity = store.recentActivity(100);
        if (store.lastError().isError())
            snapshot.error = store.lastError().message;
        return snapshot;
    }), [this](const Snapshot &snapshot) {
        if (!snapshot.error.isEmpty())
            showMessage(snapshot.error, true);
        const QString selected = selectedCampaign();
        m_campaignModel->setCampaigns(snapshot.campaigns);
        for (int row = 0; row < m_campaignModel->rowCount(); ++row) {
            if (m_campaignModel->index(row, 0).data(int(CampaignListModel::Role::Name)).toString() == selected)
                m_campaignView->selectRow(row);
        }
        showEndpoints(snapshot.endpoints);
        showActivity(snapshot.activity);
        if (!m_campaignsLoaded) {
            m_campaignsLoaded = true;
            m_campaignView->resizeColumnsToContents();
            m_campaignView->horizontalHeader()->setSectionResizeMode(CampaignListModel::TriggerColumn, QHeaderView::Stretch);
            if (m_logLoaded)
                Q_EMIT loaded();
        }
    });
}

void CampaignsPage::showEndpoints(const QList<OutboxEndpoint> &endpoints)
{
    QStringList lines;
    for (const OutboxEndpoint &endpoint : endpoints) {
        const QString state = endpoint.isEnabled() ? tr("healthy") : tr("disabled: %1").arg(endpoint.disabledReason);
        QString line = tr("%1 — %2, %3 pending, %4 dead, %5 failures in a row")
                           .arg(endpoint.url, endpoint.consecutiveFailures > 0 && endpoint.isEnabled() ? tr("failing") : state)
                           .arg(endpoint.pending)
                           .arg(endpoint.deadLetters)
                           .arg(endpoint.consecutiveFailures);
        if (endpoint.lastStatusCode > 0)
            line += tr(", last HTTP %1").arg(endpoint.lastStatusCode);
        lines.append(line);
    }
    m_endpoints->setText(lines.isEmpty() ? tr("No webhook endpoints yet.") : lines.join(u'\n'));
}

void CampaignsPage::showActivity(const QList<CampaignActivity> &activity)
{
    m_activity->clear();
    for (const CampaignActivity &entry : activity) {
        QString kind;
        if (entry.kind == "notify"_L1)
            kind = tr("For sales");
        else if (entry.kind == "move_refused"_L1)
            kind = tr("Move refused");
        else if (entry.kind == "declined"_L1)
            kind = tr("Not enrolled");
        else
            kind = tr("Webhook not sent");
        const QString when = QLocale().toString(QDateTime::fromMSecsSinceEpoch(entry.atMs).toLocalTime(), QLocale::ShortFormat);
        auto *item = new QListWidgetItem(tr("%1  %2 · %3 · %4: %5")
                                             .arg(when, kind, entry.campaign,
                                                  entry.leadEmail.isEmpty() ? tr("lead %1").arg(entry.leadId) : entry.leadEmail,
                                                  entry.text),
                                         m_activity);
        item->setToolTip(entry.text);
    }
    if (activity.isEmpty())
        new QListWidgetItem(tr("Nothing yet."), m_activity);
}

void CampaignsPage::showMessage(const QString &text, bool problem)
{
    m_message->setText(text);
    m_message->setStyleSheet(problem ? u"color: #ef9a9a;"_s : QString());
    m_message->setVisible(!text.isEmpty());
}

QString CampaignsPage::selectedCampaign() const
{
    const QModelIndexList rows = m_campaignView->selectionModel()->selectedRows();
    return rows.isEmpty() ? QString() : rows.first().data(int(CampaignListModel::Role::Name)).toString();
}

void CampaignsPage::updateButtons()
{
    const QModelIndexList rows = m_campaignView->selectionModel()->selectedRows();
    const bool enabled = !rows.isEmpty() && rows.first().data(int(CampaignListModel::Role::Enabled)).toBool();
    m_enable->setEnabled(!rows.isEmpty() && !enabled);
    m_edit->setEnabled(!rows.isEmpty());
    m_disable->setEnabled(!rows.isEmpty() && enabled);
    const QModelIndex delivery = m_deliveryView->currentIndex();
    m_replay->setEnabled(delivery.isValid()
                         && delivery.data(int(DeliveryLogModel::Role::Status)).toInt() == int(DeliveryStatus::Dead));
}

void CampaignsPage::setEnabled(bool enabled)
{
    const QString name = selectedCampaign();
    if (name.isEmpty())
        return;
    showMessage({}, false);
    m_writes->enqueue(0, [name, enabled](Database &database) {
        CampaignStore store(database);
        QStringList problems;
        if (store.setEnabled(name, enabled, QDateTime::currentMSecsSinceEpoch(), &problems))
            return QString();
        if (store.lastError().isError())
            return store.lastError().message;
        return tr("%1 cannot be enabled: %2.").arg(name, problems.join(u"; "_s));
    });
}

void CampaignsPage::editSelectedCampaign()
{
    const QString name = selectedCampaign();
    for (const StoredCampaign &stored : m_campaignModel->campaigns()) {
        if (stored.campaign.name == name)
            openEditor(stored.campaign, false);
    }
}

void CampaignsPage::newCampaign()
{
    Campaign campaign;
    campaign.trigger.kind = CampaignTrigger::Kind::Event;
    openEditor(campaign, true);
}

void CampaignsPage::openEditor(const Campaign &campaign, bool isNew)
{
    auto *dialog = new CampaignEditorDialog(campaign, isNew, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QDialog::accepted, this, [this, dialog] { saveCampaign(dialog->campaign()); });
    connect(dialog, &CampaignEditorDialog::testFireRequested, this,
            [this, dialog](const WebhookStepSpec &webhook, const QByteArray &body) {
                testFire(webhook, body, dialog->campaign().name);
            });
    dialog->open();
}

void CampaignsPage::saveCampaign(const Campaign &campaign)
{
    showMessage({}, false);
    m_writes->enqueue(0, [campaign](Database &database) {
        CampaignStore store(database);
        QStringList problems;
        if (!store.save(campaign, QDateTime::currentMSecsSinceEpoch(), &problems))
            return store.lastError().message;
        if (campaign.enabled && !problems.isEmpty())
            return tr("%1 was saved disabled: %2.").arg(campaign.name, problems.join(u"; "_s));
        return QString();
    });
}

void CampaignsPage::testFire(const WebhookStepSpec &webhook, const QByteArray &body, const QString &campaign)
{
    OutboxMessage message;
    message.url = webhook.url;
    message.method = webhook.method.toUpper();
    message.headers = webhook.headers;
    message.body = body;
    message.campaign = tr("%1 (test)").arg(campaign);
    m_writes->enqueue(0, [message](Database &database) {
        OutboxStore store(database);
        if (store.enqueueStandalone(message, WebhookSigner::generateSecret(), QDateTime::currentMSecsSinceEpoch()))
            return QString();
        return store.lastError().message;
    });
    showMessage(tr("Test request to %1 queued; it shows in the delivery log below.").arg(webhook.url), false);
}

void CampaignsPage::replaySelected()
{
    const QModelIndex current = m_deliveryView->currentIndex();
    if (!current.isValid())
        return;
    const qint64 id = current.data(int(DeliveryLogModel::Role::DeliveryId)).toLongLong();
    m_writes->enqueue(0, [id](Database &database) {
        OutboxStore store(database);
        if (store.replay(id, QDateTime::currentMSecsSinceEpoch()) > 0)
            return QString();
        return store.lastError().isError() ? store.lastError().message
                                           : tr("Delivery %1 is no longer dead; nothing to replay.").arg(id);
    });
    showMessage(tr("Delivery %1 is queued again.").arg(id), false);
}

} // namespace funnel
