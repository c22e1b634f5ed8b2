#pragma once

#include <QWidget>

class QLabel;
class QListView;

namespace funnel {

class StageSummaryModel;

// The manager's dashboard: the funnel at a glance.
class DashboardPage : public QWidget
{
    Q_OBJECT

public:
    explicit DashboardPage(QWidget *parent = nullptr);

    void openDatabase(const QString &path);
    void refresh();
    StageSummaryModel *stageSummary() const { return m_stageSummary; }

Q_SIGNALS:
    void loaded();
    void failed(const QString &message);

private:
    StageSummaryModel *m_stageSummary = nullptr;
    QListView *m_stageTiles = nullptr;
    QString m_databasePath;
};

} // namespace funnel
