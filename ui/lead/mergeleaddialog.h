#pragma once

#include <QDialog>

class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QListView;
class QStandardItemModel;
class QTimer;

namespace funnel {

// Asks which lead to merge into the shown one: a search by email, name, company or id, run on a
// worker thread as the person types.
class MergeLeadDialog : public QDialog
{
    Q_OBJECT

public:
    MergeLeadDialog(const QString &databasePath, qint64 survivorId, const QString &survivorName,
                    QWidget *parent = nullptr);

    // The chosen duplicate; 0 while none is selected.
    qint64 selectedLeadId() const;
    void setSearchText(const QString &text);
    QStandardItemModel *resultsModel() const { return m_results; }

Q_SIGNALS:
    void searchFinished();

private:
    void search();
    void updateButtons();

    QString m_databasePath;
    qint64 m_survivorId = 0;
    quint64 m_generation = 0;
    QLineEdit *m_query = nullptr;
    QListView *m_list = nullptr;
    QStandardItemModel *m_results = nullptr;
    QLabel *m_hint = nullptr;
    QDialogButtonBox *m_buttons = nullptr;
    QTimer *m_debounce = nullptr;
};

} // namespace funnel
