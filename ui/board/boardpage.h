#pragma once

#include <QWidget>

namespace funnel {

// The pipeline board: one column per stage, where sales reps triage and move leads.
class BoardPage : public QWidget
{
    Q_OBJECT

public:
    explicit BoardPage(QWidget *parent = nullptr);

    void openDatabase(const QString &path);
    void refresh();

Q_SIGNALS:
    // The board has loaded and shown the data of the open database.
    void loaded();

private:
    QString m_databasePath;
};

} // namespace funnel
