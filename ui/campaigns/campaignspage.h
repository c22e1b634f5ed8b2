#pragma once

#include "core/campaigns/campaign.h"
#include "core/scheduler/campaignstore.h"
#include "core/storage/outboxendpoint.h"

#include <QThreadPool>
#include <QTimer>
#include <QWidget>

class QLabel;
class QListWidget;
class QPlainTextEdit;
class QPushButton;
class QTableView;

namespace funnel {

class CampaignListModel;
class DeliveryLogModel;
class LeadWriteQueue;

// The Campaigns tab: campaigns with their trigger and enrollment counts (enable / disable, refused
// with the reasons when a campaign cannot run), and the webhook delivery log with the request and
// response of the selected delivery, Replay for dead letters and the endpoints' health.
// Reads run on worker threads with their own connections; writes go through a LeadWriteQueue.
class CampaignsPage : public QWidget
{
    Q_OBJECT

public:
    explicit CampaignsPage(QWidget *parent = nullptr);
    ~CampaignsPage() override;

    void openDatabase(const QString &path);
    // Opens the editor on the selected campaign, or on a new one.
    void editSelectedCampaign();
    void newCampaign();
    // Stores an edited campaign (through the write queue); problems that keep it disabled are shown.
    void saveCampaign(const funnel::Campaign &campaign);
    // Sends one request outside any enrollment (the editor's Test Fire).
    void testFire(const funnel::WebhookStepSpec &webhook, const QByteArray &body, const QString &campaign);
    // Reads campaigns, endpoints and the log again (coalesced: many calls, one read).
    void refresh();

    CampaignListModel *campaignModel() const { return m_campaignModel; }
    DeliveryLogModel *deliveryModel() const { return m_deliveryModel; }
    QTableView *campaignView() const { return m_campaignView; }
    QTableView *deliveryView() const { return m_deliveryView; }
    QPushButton *enableButton() const { return m_enable; }
    QPushButton *editButton() const { return m_edit; }
    QPushButton *replayButton() const { return m_replay; }
    QLabel *messageLabel() const { return m_message; }
    QListWidget *activityList() const { return m_activity; }
    QPlainTextEdit *detailView() const { return m_detail; }
    LeadWriteQueue *writeQueue() const { return m_writes; }

Q_SIGNALS:
    void loaded(); // campaigns and the first page of the log are shown

private:
    void loadCampaigns();
    void setEnabled(bool enabled);
    void openEditor(const Campaign &campaign, bool isNew);
    void replaySelected();
    void updateButtons();
    void showEndpoints(const QList<OutboxEndpoint> &endpoints);
    void showActivity(const QList<CampaignActivity> &activity);
    void showMessage(const QString &text, bool problem);
    QString selectedCampaign() const;

    QString m_path;
    QThreadPool m_pool;
    QTimer m_refreshTimer;
    CampaignListModel *m_campaignModel = nullptr;
    DeliveryLogModel *m_deliveryModel = nullptr;
    LeadWriteQueue *m_writes = nullptr;
    QTableView *m_campaignView = nullptr;
    QTableView *m_deliveryView = nullptr;
    QPlainTextEdit *m_detail = nullptr;
    QLabel *m_message = nullptr;
    QLabel *m_endpoints = nullptr;
    QListWidget *m_activity = nullptr;
    QPushButton *m_enable = nullptr;
    QPushButton *m_disable = nullptr;
    QPushButton *m_edit = nullptr;
    QPushButton *m_new = nullptr;
    QPushButton *m_replay = nullptr;
    bool m_campaignsLoaded = false;
    bool m_logLoaded = false;
};

} // namespace funnel
