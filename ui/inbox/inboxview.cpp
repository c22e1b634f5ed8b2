#include "ui/inbox/inboxview.h"

#include "ui/common/stagestyle.h"
#include "ui/inbox/inboxmodel.h"
#include "ui/inbox/sqlpromotionnotifier.h"

#include <QHeaderView>
#include <QLabel>
#include <QTreeView>
#include <QVBoxLayout>

namespace funnel {

using namespace Qt::StringLiterals;

InboxView::InboxView(QWidget *parent)
    : QWidget(parent), m_model(new InboxModel(this)), m_notifier(new SqlPromotionNotifier(this))
{
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(12, 12, 12, 12);
    layout->setSpacing(8);

    m_title = new QLabel(this);
    QFont titleFont = m_title->font();
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.25);
    titleFont.setWeight(QFont::DemiBold);
    m_title->setFont(titleFont);
    layout->addWidget(m_title);

    m_view = new QTreeView(this);
    m_view->setModel(m_model);
    m_view->setRootIsDecorated(false);
    m_view->setUniformRowHeights(true);
    m_view->setAlternatingRowColors(true);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_view->header()->setStretchLastSection(true);
    m_view->header()->setSectionResizeMode(QHeaderView::Interactive);
    m_view->header()->resizeSection(int(InboxModel::Column::Name), 200);
    m_view->header()->resizeSection(int(InboxModel::Column::Company), 180);
    m_view->header()->resizeSection(int(InboxModel::Column::Score), 60);
    m_view->header()->resizeSection(int(InboxModel::Column::Owner), 120);
    m_view->header()->resizeSection(int(InboxModel::Column::Promoted), 130);
    layout->addWidget(m_view, 1);

    m_empty = new QLabel(emptyText(), this);
    m_empty->setWordWrap(true);
    m_empty->setAlignment(Qt::AlignCenter);
    m_empty->setForegroundRole(QPalette::PlaceholderText);
    m_empty->hide();
    layout->addWidget(m_empty, 1);

    // activated covers both double-click and Enter (and single click where the style says so).
    connect(m_view, &QTreeView::activated, this, [this](const QModelIndex &index) {
        if (const qint64 id = m_model->leadIdAt(index.row()))
            Q_EMIT leadActivated(id);
    });
    connect(m_model, &InboxModel::loaded, this, [this] {
        updateHeader();
        Q_EMIT loaded();
    });
    connect(m_model, &InboxModel::failed, this, [this](const QString &message) {
        m_view->hide();
        m_empty->setText(tr("Could not load the new SQLs: %1").arg(message));
        m_empty->show();
        Q_EMIT loaded(); // settled: a screenshot shows the message instead of waiting forever
    });
    connect(m_model, &InboxModel::unseenCountChanged, this, [this](qint64 count) {
        updateHeader();
        Q_EMIT unseenCountChanged(int(count));
    });
    connect(m_notifier, &SqlPromotionNotifier::databaseChanged, this, &InboxView::refresh);
    connect(m_notifier, &SqlPromotionNotifier::promoted, this, &InboxView::refresh);
    updateHeader();
}

void InboxView::setDatabasePath(const QString &path, int watchIntervalMs)
{
    m_model->setDatabasePath(path);
    m_notifier->watch(path, watchIntervalMs);
    refresh();
}

void InboxView::refresh()
{
    m_model->reload();
}

QString InboxView::emptyText()
{
    return tr("No new SQLs. Leads that become sales-qualified show up here until someone opens them.");
}

int InboxView::unseenCount() const
{
    return int(m_model->unseenCount());
}

void InboxView::updateHeader()
{
    m_empty->setText(emptyText());
    const qint64 count = m_model->unseenCount();
    m_title->setText(tr("New SQLs") + (count ? u"  "_s + tr("(%1 unopened)").arg(count) : QString()));
    m_view->setVisible(count > 0 || m_model->rowCount() > 0);
    m_empty->setVisible(!m_view->isVisible());
}

} // namespace funnel
