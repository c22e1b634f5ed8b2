#include "ui/lead/leaddetailspanel.h"

#include "core/storage/database.h"
#include "core/storage/leaddetailsquery.h"
#include "core/storage/notestore.h"
#include "ui/common/stagestyle.h"
#include "ui/lead/editleadcommand.h"
#include "ui/lead/leadtimelinemodel.h"
#include "ui/lead/leadwritequeue.h"
#include "ui/lead/mergeleadscommand.h"
#include "ui/lead/mergeleaddialog.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QFormLayout>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QStandardItemModel>
#include <QTabWidget>
#include <QTreeView>
#include <QUndoStack>
#include <QVBoxLayout>
#include "ui/lead/futurecallback.h"

#include <QtConcurrent/QtConcurrentRun>

namespace funnel {

using namespace Qt::StringLiterals;

struct LeadDetailsPanel::LoadResult {
    quint64 generation = 0;
    std::optional<LeadDetails> details;
    QList<Note> notes;
    QString error;
};

namespace {

QString when(qint64 ms)
{
    return QLocale().toString(QDateTime::fromMSecsSinceEpoch(ms).toLocalTime(), QLocale::ShortFormat);
}

QString signedPoints(qint64 points)
{
    return points > 0 ? u"+%1"_s.arg(points) : QString::number(points);
}

QStandardItem *cell(const QString &text, Qt::Alignment alignment = Qt::AlignLeft | Qt::AlignVCenter)
{
    auto *item = new QStandardItem(text);
    item->setEditable(false);
    item->setTextAlignment(alignment);
    return item;
}

QTreeView *makeTable(QStandardItemModel *model, QWidget *parent)
{
    auto *view = new QTreeView(parent);
    view->setModel(model);
    view->setRootIsDecorated(false);
    view->setUniformRowHeights(true);
    view->setAlternatingRowColors(true);
    view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    view->setSelectionBehavior(QAbstractItemView::SelectRows);
    view->header()->setStretchLastSection(true);
    return view;
}

QString contributionLabel(const ScoreContribution &line)
{
    switch (line.kind) {
    case ScoreContribution::Kind::Event: return line.rule;
    case ScoreContribution::Kind::Capped:
        return QCoreApplication::translate("LeadDetailsPanel", "%1 (capped)").arg(line.rule);
    case ScoreContribution::Kind::Decay: return QCoreApplication::translate("LeadDetailsPanel", "Decay after inactivity");
    case ScoreContribution::Kind::Import: return QCoreApplication::translate("LeadDetailsPanel", "Score set by import");
    case ScoreContribution::Kind::Manual: return QCoreApplication::translate("LeadDetailsPanel", "Manual adjustment");
    case ScoreContribution::Kind::Adjustment: return line.rule;
    }
    return line.rule;
}

QString stageBadgeStyle(Stage stage)
{
    // Dark text on the stage colour: every StageStyle colour is light enough for it.
    return u"QLabel { background: %1; color: #111318; border-radius: 9px; padding: 2px 10px; font-weight: 600; }"_s
        .arg(StageStyle::color(stage).name());
}

} // namespace

LeadDetailsPanel::LeadDetailsPanel(QWidget *parent)
    : QWidget(parent)
    , m_actor(qEnvironmentVariable("USER"))
    , m_ownStack(new QUndoStack(this))
    , m_queue(new LeadWriteQueue(this))
    , m_timeline(new LeadTimelineModel(this))
    , m_scoreModel(new QStandardItemModel(this))
    , m_historyModel(new QStandardItemModel(this))
    , m_notesModel(new QStandardItemModel(this))
{
    m_undoStack = m_ownStack;
    auto *outer = new QVBoxLayout(this);
    outer->setContentsMargins(12, 12, 12, 12);
    m_placeholder = new QLabel(tr("Select a lead to see its details."), this);
    m_placeholder->setAlignment(Qt::AlignCenter);
    m_placeholder->setForegroundRole(QPalette::PlaceholderText);
    outer->addWidget(m_placeholder);

    m_content = new QWidget(this);
    outer->addWidget(m_content, 1);
    auto *layout = new QVBoxLayout(m_content);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(10);

    // Header: who, where in the funnel, how hot.
    auto *header = new QHBoxLayout;
    header->setSpacing(10);
    m_nameLabel = new QLabel(m_content);
    QFont big = m_nameLabel->font();
    big.setPointSizeF(big.pointSizeF() * 1.5);
    big.setWeight(QFont::DemiBold);
    m_nameLabel->setFont(big);
    m_nameLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_stageBadge = new QLabel(m_content);
    m_scoreBadge = new QLabel(m_content);
    m_scoreBadge->setStyleSheet(u"QLabel { border: 1px solid palette(mid); border-radius: 9px; padding: 2px 10px; font-weight: 600; }"_s);
    m_mergeButton = new QPushButton(tr("Merge with…"), m_content);
    m_mergeButton->setToolTip(tr("Merge a duplicate of this person into this lead"));
    header->addWidget(m_nameLabel, 1);
    header->addWidget(m_stageBadge);
    header->addWidget(m_scoreBadge);
    header->addWidget(m_mergeButton);
    layout->addLayout(header);

    m_subtitle = new QLabel(m_content);
    m_subtitle->setForegroundRole(QPalette::PlaceholderText);
    m_subtitle->setTextInteractionFlags(Qt::TextSelectableByMouse);
    layout->addWidget(m_subtitle);

    m_error = new QLabel(m_content);
    m_error->setWordWrap(true);
    m_error->setForegroundRole(QPalette::BrightText);
    m_error->hide();
    layout->addWidget(m_error);

    // Editable fields in two columns.
    auto *fields = new QGridLayout;
    fields->setHorizontalSpacing(10);
    fields->setVerticalSpacing(6);
    auto addField = [&](int row, int column, const QString &label, QLineEdit *&edit) {
        edit = new QLineEdit(m_content);
        auto *caption = new QLabel(label, m_content);
        caption->setBuddy(edit);
        fields->addWidget(caption, row, column * 2, Qt::AlignRight);
        fields->addWidget(edit, row, column * 2 + 1);
        connect(edit, &QLineEdit::textEdited, this, &LeadDetailsPanel::updateEditButtons);
        connect(edit, &QLineEdit::returnPressed, this, [this] {
            if (m_saveButton->isEnabled())
                applyEdit(editedFields());
        });
    };
    addField(0, 0, tr("&Name"), m_nameEdit);
    addField(0, 1, tr("&Company"), m_companyEdit);
    addField(1, 0, tr("&Title"), m_titleEdit);
    addField(1, 1, tr("&Owner"), m_ownerEdit);
    addField(2, 0, tr("&Source"), m_sourceEdit);
    fields->setColumnStretch(1, 1);
    fields->setColumnStretch(3, 1);
    auto *editButtons = new QHBoxLayout;
    editButtons->addStretch(1);
    m_revertButton = new QPushButton(tr("Revert"), m_content);
    m_saveButton = new QPushButton(tr("Save"), m_content);
    m_saveButton->setDefault(true);
    editButtons->addWidget(m_revertButton);
    editButtons->addWidget(m_saveButton);
    fields->addLayout(editButtons, 2, 2, 1, 2);
    layout->addLayout(fields);

    m_tabs = new QTabWidget(m_content);
    m_tabs->setDocumentMode(true);

    auto *scorePage = new QWidget(m_tabs);
    auto *scoreLayout = new QVBoxLayout(scorePage);
    scoreLayout->setContentsMargins(0, 6, 0, 0);
    m_scoreView = makeTable(m_scoreModel, scorePage);
    m_scoreSum = new QLabel(scorePage);
    m_scoreSum->setContentsMargins(4, 2, 4, 2);
    scoreLayout->addWidget(m_scoreView, 1);
    scoreLayout->addWidget(m_scoreSum);
    m_tabs->addTab(scorePage, tr("Score"));

    m_timelineView = new QTreeView(m_tabs);
    m_timelineView->setModel(m_timeline);
    m_timelineView->setRootIsDecorated(false);
    m_timelineView->setUniformRowHeights(true);
    m_timelineView->setAlternatingRowColors(true);
    m_timelineView->header()->setStretchLastSection(true);
    m_tabs->addTab(m_timelineView, tr("Timeline"));

    m_historyView = makeTable(m_historyModel, m_tabs);
    m_tabs->addTab(m_historyView, tr("Stage history"));

    auto *notesPage = new QWidget(m_tabs);
    auto *notesLayout = new QVBoxLayout(notesPage);
    notesLayout->setContentsMargins(0, 6, 0, 0);
    m_notesView = makeTable(m_notesModel, notesPage);
    m_notesView->setWordWrap(true);
    m_notesView->setUniformRowHeights(false);
    m_noteEdit = new QPlainTextEdit(notesPage);
    m_noteEdit->setPlaceholderText(tr("Write a note…"));
    m_noteEdit->setMaximumHeight(72);
    m_addNoteButton = new QPushButton(tr("Add Note"), notesPage);
    auto *noteRow = new QHBoxLayout;
    noteRow->addWidget(m_noteEdit, 1);
    noteRow->addWidget(m_addNoteButton, 0, Qt::AlignBottom);
    notesLayout->addWidget(m_notesView, 1);
    notesLayout->addLayout(noteRow);
    m_tabs->addTab(notesPage, tr("Notes"));
    layout->addWidget(m_tabs, 1);

    m_content->hide();

    connect(m_saveButton, &QPushButton::clicked, this, [this] { applyEdit(editedFields()); });
    connect(m_revertButton, &QPushButton::clicked, this, [this] {
        m_nameEdit->setText(m_fields.name);
        m_companyEdit->setText(m_fields.company);
        m_titleEdit->setText(m_fields.title);
        m_ownerEdit->setText(m_fields.owner);
        m_sourceEdit->setText(m_fields.source);
        updateEditButtons();
    });
    connect(m_mergeButton, &QPushButton::clicked, this, &LeadDetailsPanel::chooseMerge);
    connect(m_addNoteButton, &QPushButton::clicked, this, [this] { addNote(m_noteEdit->toPlainText()); });
    connect(m_noteEdit, &QPlainTextEdit::textChanged, this,
            [this] { m_addNoteButton->setEnabled(!m_noteEdit->toPlainText().trimmed().isEmpty()); });
    m_addNoteButton->setEnabled(false);

    connect(m_queue, &LeadWriteQueue::committed, this, [this](qint64 leadId) {
        Q_EMIT leadChanged(leadId);
        if (m_queue->pending() == 0)
            reload();
    });
    connect(m_queue, &LeadWriteQueue::failed, this, [this](qint64, const QString &message) {
        showError(message);
        if (m_queue->pending() == 0)
            reload();
    });
    connect(m_timeline, &LeadTimelineModel::failed, this, &LeadDetailsPanel::showError);
    updateEditButtons();
}

LeadDetailsPanel::~LeadDetailsPanel()
{
    m_queue->waitForDone();
}

void LeadDetailsPanel::setDatabasePath(const QString &path)
{
    m_databasePath = path;
    m_queue->setDatabasePath(path);
    m_timeline->setDatabasePath(path);
}

void LeadDetailsPanel::setUndoStack(QUndoStack *stack)
{
    m_undoStack = stack ? stack : m_ownStack;
}

QUndoStack *LeadDetailsPanel::undoStack() const
{
    return m_undoStack ? m_undoStack.data() : m_ownStack;
}

void LeadDetailsPanel::showLead(qint64 leadId)
{
    m_leadId = leadId;
    m_error->hide();
    startLoad();
}

void LeadDetailsPanel::reload()
{
    if (m_leadId)
        startLoad();
}

void LeadDetailsPanel::startLoad()
{
    const quint64 generation = ++m_generation;
    onFinished(this, QtConcurrent::run([path = m_databasePath, leadId = m_leadId, generation] {
        LoadResult result;
        result.generation = generation;
        Database database;
        if (!database.open(path)) {
            result.error = database.lastError().message;
            return result;
        }
        LeadDetailsQuery query(database);
        // Opening a lead is what "seen" means: it leaves the new-SQL inbox.
        if (!query.markSeen(leadId, QDateTime::currentMSecsSinceEpoch())) {
            result.error = query.lastError().message;
            return result;
        }
        result.details = query.load(leadId, database.activeRules());
        if (!result.details) {
            result.error = query.lastError().isError()
                ? query.lastError().message
                : QCoreApplication::translate("LeadDetailsPanel", "Lead %1 no longer exists.").arg(leadId);
            return result;
        }
        NoteStore notes(database);
        result.notes = notes.list(leadId).value_or(QList<Note>());
        return result;
    }), [this](const LoadResult &result) { finishLoad(result); });
}

void LeadDetailsPanel::finishLoad(const LoadResult &result)
{
    if (result.generation != m_generation)
        return; // another lead was asked for meanwhile
    if (!result.details) {
        m_details = {};
        m_content->hide();
        m_placeholder->setText(result.error);
        m_placeholder->show();
        Q_EMIT failed(result.error);
        return;
    }
    m_details = *result.details;
    m_fields = {m_details.name, m_details.company, m_details.title, m_details.owner, m_details.source};
    showDetails();
    showNotes(result.notes);
    m_timeline->setLead(m_details.id);
    m_placeholder->hide();
    m_content->show();
    Q_EMIT loaded();
}

void LeadDetailsPanel::showDetails()
{
    const LeadDetails &d = m_details;
    m_nameLabel->setText(d.name.isEmpty() ? (d.email.isEmpty() ? tr("Lead %1").arg(d.id) : d.email) : d.name);
    m_stageBadge->setText(StageStyle::label(d.stage));
    m_stageBadge->setStyleSheet(stageBadgeStyle(d.stage));
    m_stageBadge->setToolTip(StageStyle::description(d.stage));
    m_scoreBadge->setText(tr("Score %1").arg(d.score));
    QStringList facts;
    if (!d.email.isEmpty())
        facts.append(d.email);
    facts.append(tr("#%1").arg(d.id));
    facts.append(tr("in %1 since %2").arg(StageStyle::label(d.stage), when(d.stageEnteredAtMs)));
    facts.append(tr("%n event(s)", nullptr, int(d.eventCount)));
    m_subtitle->setText(facts.join(u"  ·  "_s));

    for (auto [edit, text] : {std::pair{m_nameEdit, d.name}, std::pair{m_companyEdit, d.company},
                              std::pair{m_titleEdit, d.title}, std::pair{m_ownerEdit, d.owner},
                              std::pair{m_sourceEdit, d.source}})
        edit->setText(text);
    updateEditButtons();

    m_scoreModel->clear();
    m_scoreModel->setHorizontalHeaderLabels({tr("When"), tr("Contribution"), tr("Points"), tr("Rules")});
    for (const ScoreContribution &line : d.contributions) {
        QStandardItem *points = cell(line.kind == ScoreContribution::Kind::Capped ? tr("0 (capped)") : signedPoints(line.points),
                                     Qt::AlignRight | Qt::AlignVCenter);
        if (line.kind == ScoreContribution::Kind::Capped)
            points->setForeground(palette().color(QPalette::PlaceholderText));
        // The rules version that gave these points: a future-only change leaves older lines under
        // the older version.
        QStandardItem *version = cell(line.rulesVersion > 0 ? tr("v%1").arg(line.rulesVersion) : tr("—"));
        version->setToolTip(line.rulesVersion > 0 ? tr("Scored under rules v%1").arg(line.rulesVersion)
                                                  : tr("Not scored by rules"));
        m_scoreModel->appendRow({cell(when(line.atMs)), cell(contributionLabel(line)), points, version});
    }
    m_scoreView->header()->setSectionResizeMode(0, QHeaderView::ResizeToContents);
    m_scoreView->header()->setSectionResizeMode(2, QHeaderView::ResizeToContents);
    m_scoreView->header()->setSectionResizeMode(3, QHeaderView::ResizeToContents);
    m_scoreView->header()->setStretchLastSection(false);
    m_scoreView->header()->setSectionResizeMode(1, QHeaderView::Stretch);
    m_scoreSum->setText(scoreSummary());
    m_scoreSum->setForegroundRole(d.contributionTotal() == d.score ? QPalette::WindowText : QPalette::BrightText);

    m_historyModel->clear();
    m_historyModel->setHorizontalHeaderLabels({tr("When"), tr("From"), tr("To"), tr("Cause"), tr("Reason"), tr("By")});
    for (const StageHistoryEntry &entry : d.history) {
        QStandardItem *to = cell(StageStyle::label(entry.to));
        to->setForeground(StageStyle::color(entry.to));
        QStandardItem *from = cell(entry.from ? StageStyle::label(*entry.from) : tr("—"));
        if (entry.from)
            from->setForeground(StageStyle::color(*entry.from));
        m_historyModel->appendRow({cell(when(entry.atMs)), from, to, cell(entry.cause), cell(entry.reason), cell(entry.actor)});
    }
    // The reason is the part worth reading: it takes the width the short columns leave.
    m_historyView->header()->setStretchLastSection(false);
    for (int column : {0, 1, 2, 3, 5})
        m_historyView->header()->setSectionResizeMode(column, QHeaderView::ResizeToContents);
    m_historyView->header()->setSectionResizeMode(4, QHeaderView::Stretch);
    m_timelineView->header()->setSectionResizeMode(0, QHeaderView::ResizeToContents);
    m_timelineView->header()->setSectionResizeMode(1, QHeaderView::ResizeToContents);
    m_timelineView->header()->setSectionResizeMode(2, QHeaderView::ResizeToContents);
}

QString LeadDetailsPanel::scoreSummary() const
{
    const qint64 total = m_details.contributionTotal();
    const QString sum = tr("Sum of %n contribution(s): %1", nullptr, int(m_details.contributions.size())).arg(total);
    if (total == m_details.score)
        return tr("%1  =  stored score %2").arg(sum).arg(m_details.score);
    return tr("%1  ≠  stored score %2 (something changed the score outside the ledger)").arg(sum).arg(m_details.score);
}

void LeadDetailsPanel::showNotes(const QList<Note> &notes)
{
    m_notesModel->clear();
    m_notesModel->setHorizontalHeaderLabels({tr("When"), tr("By"), tr("Note")});
    for (const Note &note : notes)
        m_notesModel->appendRow({cell(when(note.atMs), Qt::AlignLeft | Qt::AlignTop), cell(note.author, Qt::AlignLeft | Qt::AlignTop),
                                 cell(note.body, Qt::AlignLeft | Qt::AlignTop)});
    m_notesView->header()->setSectionResizeMode(0, QHeaderView::ResizeToContents);
    m_notesView->header()->setSectionResizeMode(1, QHeaderView::ResizeToContents);
    m_tabs->setTabText(3, notes.isEmpty() ? tr("Notes") : tr("Notes (%1)").arg(notes.size()));
}

LeadFields LeadDetailsPanel::editedFields() const
{
    return {m_nameEdit->text().trimmed(), m_companyEdit->text().trimmed(), m_titleEdit->text().trimmed(),
            m_ownerEdit->text().trimmed(), m_sourceEdit->text().trimmed()};
}

void LeadDetailsPanel::updateEditButtons()
{
    const bool changed = m_leadId != 0 && editedFields() != m_fields;
    m_saveButton->setEnabled(changed);
    m_revertButton->setEnabled(changed);
}

void LeadDetailsPanel::applyEdit(const LeadFields &fields)
{
    if (!m_leadId || fields == m_fields)
        return;
    m_error->hide();
    undoStack()->push(new EditLeadCommand(*m_queue, m_leadId, m_fields, fields));
    m_fields = fields; // until the reload confirms it: a second Save does not push the same edit again
    updateEditButtons();
}

void LeadDetailsPanel::addNote(const QString &text)
{
    if (!m_leadId || text.trimmed().isEmpty())
        return;
    m_queue->enqueue(m_leadId, [leadId = m_leadId, text, actor = m_actor](Database &database) {
        NoteStore notes(database);
        return notes.add(leadId, text, actor, QDateTime::currentMSecsSinceEpoch()) ? QString() : notes.lastError().message;
    });
    m_noteEdit->clear();
}

void LeadDetailsPanel::mergeWith(qint64 duplicateId)
{
    if (!m_leadId || duplicateId == m_leadId || duplicateId == 0)
        return;
    m_error->hide();
    undoStack()->push(new MergeLeadsCommand(*m_queue, m_leadId, duplicateId, m_actor));
}

void LeadDetailsPanel::chooseMerge()
{
    if (!m_leadId)
        return;
    MergeLeadDialog dialog(m_databasePath, m_leadId, m_nameLabel->text(), this);
    // The likeliest duplicate shares the email's mailbox or the name: start there.
    const QString email = m_details.email;
    dialog.setSearchText(email.isEmpty() ? m_details.name : email.section(u'@', 0, 0));
    if (dialog.exec() == QDialog::Accepted && dialog.selectedLeadId())
        mergeWith(dialog.selectedLeadId());
}

void LeadDetailsPanel::showError(const QString &message)
{
    m_error->setText(message);
    m_error->setVisible(!message.isEmpty());
    Q_EMIT failed(message);
}

} // namespace funnel
