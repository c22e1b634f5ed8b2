#include "ui/dashboard/dashboardpage.h"

#include "ui/dashboard/stagesummarymodel.h"
#include "ui/dashboard/stagetiledelegate.h"

#include <QListView>
#include <QVBoxLayout>

namespace funnel {

DashboardPage::DashboardPage(QWidget *parent)
    : QWidget(parent), m_stageSummary(new StageSummaryModel(this))
{
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(12, 12, 12, 12);
    m_stageTiles = new QListView(this);
    m_stageTiles->setModel(m_stageSummary);
    m_stageTiles->setItemDelegate(new StageTileDelegate(m_stageTiles));
    m_stageTiles->setFlow(QListView::LeftToRight);
    m_stageTiles->setWrapping(true);
    m_stageTiles->setResizeMode(QListView::Adjust);
    m_stageTiles->setUniformItemSizes(true);
    m_stageTiles->setFrameShape(QFrame::NoFrame);
    m_stageTiles->setSelectionMode(QAbstractItemView::SingleSelection);
    m_stageTiles->viewport()->setAutoFillBackground(false);
    m_stageTiles->setAccessibleName(tr("Leads per stage"));
    layout->addWidget(m_stageTiles, 1);

    connect(m_stageSummary, &StageSummaryModel::loaded, this, &DashboardPage::loaded);
    connect(m_stageSummary, &StageSummaryModel::failed, this, &DashboardPage::failed);
}

void DashboardPage::openDatabase(const QString &path)
{
    m_databasePath = path;
    refresh();
}

void DashboardPage::refresh()
{
    if (!m_databasePath.isEmpty())
        m_stageSummary->reload(m_databasePath);
}

} // namespace funnel
