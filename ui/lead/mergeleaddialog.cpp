#include "ui/lead/mergeleaddialog.h"

#include "core/storage/database.h"
#include "core/storage/leaddetailsquery.h"
#include "ui/common/stagestyle.h"

#include <QDialogButtonBox>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QPushButton>
#include <QStandardItemModel>
#include <QTimer>
#include <QVBoxLayout>
#include "ui/lead/futurecallback.h"

#include <QtConcurrent/QtConcurrentRun>

namespace funnel {

namespace {

constexpr int leadIdRole = Qt::UserRole + 1;

struct SearchResult {
    std::optional<QList<LeadMatch>> matches;
    QString error;
};

} // namespace

MergeLeadDialog::MergeLeadDialog(const QString &databasePath, qint64 survivorId, const QString &survivorName,
                                 QWidget *parent)
    : QDialog(parent), m_databasePath(databasePath), m_survivorId(survivorId)
{
    setWindowTitle(tr("Merge Leads"));
    auto *layout = new QVBoxLayout(this);
    auto *intro = new QLabel(tr("Find the duplicate of <b>%1</b>. Its events, history, notes and campaigns move to "
                                "this lead, blank fields are filled from it, the score is recomputed, and the "
                                "duplicate is deleted. You can undo the merge.")
                                 .arg(survivorName.toHtmlEscaped()),
                             this);
    intro->setWordWrap(true);
    layout->addWidget(intro);

    m_query = new QLineEdit(this);
    m_query->setPlaceholderText(tr("Email, name, company or lead id"));
    m_query->setClearButtonEnabled(true);
    layout->addWidget(m_query);

    m_results = new QStandardItemModel(this);
    m_list = new QListView(this);
    m_list->setModel(m_results);
    m_list->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_list->setUniformItemSizes(true);
    m_list->setSpacing(2);
    layout->addWidget(m_list, 1);

    m_hint = new QLabel(this);
    m_hint->setForegroundRole(QPalette::PlaceholderText);
    layout->addWidget(m_hint);

    m_buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    m_buttons->button(QDialogButtonBox::Ok)->setText(tr("Merge"));
    layout->addWidget(m_buttons);

    m_debounce = new QTimer(this);
    m_debounce->setSingleShot(true);
    m_debounce->setInterval(200);
    connect(m_debounce, &QTimer::timeout, this, &MergeLeadDialog::search);
    connect(m_query, &QLineEdit::textChanged, m_debounce, qOverload<>(&QTimer::start));
    connect(m_buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_list->selectionModel(), &QItemSelectionModel::selectionChanged, this, &MergeLeadDialog::updateButtons);
    connect(m_list, &QListView::doubleClicked, this, [this] {
        if (selectedLeadId())
            accept();
    });
    resize(480, 420);
    updateButtons();
}

qint64 MergeLeadDialog::selectedLeadId() const
{
    const QModelIndex current = m_list->selectionModel()->currentIndex();
    return current.isValid() && m_list->selectionModel()->isSelected(current) ? current.data(leadIdRole).toLongLong() : 0;
}

void MergeLeadDialog::setSearchText(const QString &text)
{
    m_query->setText(text);
    m_debounce->stop();
    search();
}

void MergeLeadDialog::updateButtons()
{
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(selectedLeadId() != 0);
}

void MergeLeadDialog::search()
{
    const quint64 generation = ++m_generation;
    onFinished(this, QtConcurrent::run([path = m_databasePath, text = m_query->text(), exclude = m_survivorId] {
        SearchResult result;
        Database database;
        if (!database.open(path)) {
            result.error = database.lastError().message;
            return result;
        }
        LeadDetailsQuery query(database);
        result.matches = query.search(text, 50, exclude);
        if (!result.matches)
            result.error = query.lastError().message;
        return result;
    }), [this, generation](const SearchResult &result) {
        if (generation != m_generation)
            return;
        m_results->clear();
        if (!result.matches) {
            m_hint->setText(result.error);
        } else {
            for (const LeadMatch &match : *result.matches) {
                const QString name = match.name.isEmpty() ? tr("(no name)") : match.name;
                auto *item = new QStandardItem(tr("%1 · %2\n#%3 %4 · %5 · score %6")
                                                   .arg(name, match.email.isEmpty() ? tr("no email") : match.email)
                                                   .arg(match.id)
                                                   .arg(match.company, StageStyle::label(match.stage))
                                                   .arg(match.score));
                item->setData(match.id, leadIdRole);
                item->setData(StageStyle::color(match.stage), Qt::DecorationRole);
                m_results->appendRow(item);
            }
            m_hint->setText(m_query->text().trimmed().isEmpty() ? QString()
                            : result.matches->isEmpty()          ? tr("No other lead matches.")
                                                                 : tr("%n lead(s) found", nullptr, int(result.matches->size())));
            if (m_results->rowCount() > 0)
                m_list->setCurrentIndex(m_results->index(0, 0));
        }
        updateButtons();
        Q_EMIT searchFinished();
    });
}

} // namespace funnel
