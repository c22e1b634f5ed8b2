#include "ui/board/boardfilterbar.h"

#include "ui/common/stagestyle.h"

#include <QComboBox>
#include <QDateTime>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QSpinBox>
#include <QStyle>
#include <QTimer>
#include <QToolButton>

namespace funnel {

using namespace Qt::StringLiterals;

namespace {

constexpr int scoreFloor = -1000; // the spin boxes' "any" value
constexpr int scoreCeiling = 10000;

QToolButton *toggle(const QString &text, const QString &tip, QWidget *parent)
{
    auto *button = new QToolButton(parent);
    button->setText(text);
    button->setToolTip(tip);
    button->setCheckable(true);
    button->setToolButtonStyle(Qt::ToolButtonTextOnly);
    return button;
}

} // namespace

BoardFilterBar::BoardFilterBar(QWidget *parent)
    : QWidget(parent), m_search(new QLineEdit(this)), m_owner(new QComboBox(this)), m_source(new QComboBox(this)),
      m_minScore(new QSpinBox(this)), m_maxScore(new QSpinBox(this)), m_sort(new QComboBox(this)),
      m_drillDown(new QToolButton(this)), m_clear(new QToolButton(this)), m_rot(new QToolButton(this)),
      m_typing(new QTimer(this))
{
    m_search->setPlaceholderText(tr("Search name, email or company"));
    m_search->setClearButtonEnabled(true);
    m_search->addAction(style()->standardIcon(QStyle::SP_FileDialogContentsView), QLineEdit::LeadingPosition);
    m_search->setMinimumWidth(220);
    m_search->setAccessibleName(tr("Search leads"));

    setChoices(m_owner, tr("Any owner"), {});
    setChoices(m_source, tr("Any source"), {});
    m_owner->setAccessibleName(tr("Owner"));
    m_source->setAccessibleName(tr("Source"));
    m_owner->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    m_source->setSizeAdjustPolicy(QComboBox::AdjustToContents);

    for (QSpinBox *box : {m_minScore, m_maxScore}) {
        box->setRange(scoreFloor, scoreCeiling);
        box->setValue(scoreFloor);
        box->setAccelerated(true);
        box->setSingleStep(5);
        box->setMinimumWidth(70);
    }
    m_minScore->setSpecialValueText(tr("min"));
    m_maxScore->setSpecialValueText(tr("max"));
    m_minScore->setToolTip(tr("Lowest score shown"));
    m_maxScore->setToolTip(tr("Highest score shown"));

    m_mine = toggle(tr("My leads"), tr("Only leads you own"), this);
    m_stale = toggle(tr("Stale"), tr("Only leads in their stage longer than its days to rot"), this);

    m_sort->addItem(tr("Score"), int(BoardSort::Score));
    m_sort->addItem(tr("Last activity"), int(BoardSort::LastActivity));
    m_sort->addItem(tr("Days in stage"), int(BoardSort::DaysInStage));
    m_sort->setToolTip(tr("Order of the cards in every column"));

    m_drillDown->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    m_drillDown->setIcon(style()->standardIcon(QStyle::SP_DialogCloseButton));
    m_drillDown->setLayoutDirection(Qt::RightToLeft);
    m_drillDown->setToolTip(tr("Filter from the dashboard; click to remove it"));
    m_drillDown->hide();

    m_clear->setText(tr("Clear"));
    m_clear->setToolTip(tr("Remove every filter"));
    m_rot->setIcon(style()->standardIcon(QStyle::SP_FileDialogDetailedView));
    m_rot->setText(tr("Days to rot…"));
    m_rot->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    m_rot->setToolTip(tr("When a lead counts as stale in each stage"));

    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(8, 6, 8, 6);
    layout->setSpacing(8);
    layout->addWidget(m_search, 2);
    layout->addWidget(m_owner);
    layout->addWidget(m_source);
    auto *scoreLabel = new QLabel(tr("Score"), this);
    scoreLabel->setBuddy(m_minScore);
    layout->addWidget(scoreLabel);
    layout->addWidget(m_minScore);
    layout->addWidget(new QLabel(u"–"_s, this));
    layout->addWidget(m_maxScore);
    layout->addWidget(m_mine);
    layout->addWidget(m_stale);
    layout->addWidget(m_drillDown);
    layout->addWidget(m_clear);
    layout->addStretch(1);
    auto *sortLabel = new QLabel(tr("Sort by"), this);
    sortLabel->setBuddy(m_sort);
    layout->addWidget(sortLabel);
    layout->addWidget(m_sort);
    layout->addWidget(m_rot);

    m_typing->setSingleShot(true);
    m_typing->setInterval(typingDelayMs);
    connect(m_typing, &QTimer::timeout, this, &BoardFilterBar::emitChanged);
    connect(m_search, &QLineEdit::textChanged, this, [this] {
        if (!m_updating)
            m_typing->start();
    });
    connect(m_search, &QLineEdit::returnPressed, this, [this] {
        if (m_typing->isActive()) {
            m_typing->stop();
            emitChanged();
        }
    });
    for (QComboBox *combo : {m_owner, m_source})
        connect(combo, &QComboBox::currentIndexChanged, this, &BoardFilterBar::emitChanged);
    for (QSpinBox *box : {m_minScore, m_maxScore})
        connect(box, &QSpinBox::valueChanged, this, &BoardFilterBar::emitChanged);
    connect(m_mine, &QToolButton::toggled, this, [this](bool on) {
        m_owner->setEnabled(!on);
        emitChanged();
    });
    connect(m_stale, &QToolButton::toggled, this, &BoardFilterBar::emitChanged);
    connect(m_sort, &QComboBox::currentIndexChanged, this, [this] {
        if (!m_updating)
            Q_EMIT sortChanged();
    });
    connect(m_drillDown, &QToolButton::clicked, this, [this] {
        m_cohort = {};
        updateDrillDown();
        emitChanged();
    });
    connect(m_clear, &QToolButton::clicked, this, [this] {
        setFilter({});
        Q_EMIT filterChanged();
    });
    connect(m_rot, &QToolButton::clicked, this, &BoardFilterBar::rotSettingsRequested);
}

void BoardFilterBar::setChoices(QComboBox *combo, const QString &anyText, const QStringList &values)
{
    const QString current = combo->currentData().toString();
    const QSignalBlocker blocker(combo);
    combo->clear();
    combo->addItem(anyText, QString());
    for (const QString &value : values)
        combo->addItem(value, value);
    const int index = combo->findData(current);
    if (index >= 0) {
        combo->setCurrentIndex(index);
    } else if (!current.isEmpty()) {
        // A filter value the database does not (yet) have is still the filter in force.
        combo->addItem(current, current);
        combo->setCurrentIndex(combo->count() - 1);
    }
}

void BoardFilterBar::setOwners(const QStringList &owners)
{
    setChoices(m_owner, tr("Any owner"), owners);
}

void BoardFilterBar::setSources(const QStringList &sources)
{
    setChoices(m_source, tr("Any source"), sources);
}

void BoardFilterBar::setMyName(const QString &name)
{
    m_myName = name;
    m_mine->setToolTip(tr("Only leads owned by %1").arg(name));
}

LeadFilter BoardFilterBar::filter() const
{
    LeadFilter filter = m_cohort;
    filter.text = m_search->text().trimmed();
    filter.owner = m_mine->isChecked() ? m_myName : m_owner->currentData().toString();
    filter.source = m_source->currentData().toString();
    if (m_minScore->value() != scoreFloor)
        filter.minScore = m_minScore->value();
    if (m_maxScore->value() != scoreFloor)
        filter.maxScore = m_maxScore->value();
    filter.staleOnly = m_stale->isChecked();
    return filter;
}

void BoardFilterBar::setFilter(const LeadFilter &filter)
{
    m_updating = true;
    m_typing->stop();
    m_search->setText(filter.text);
    const bool mine = !filter.owner.isEmpty() && filter.owner == m_myName;
    {
        const QSignalBlocker blockMine(m_mine);
        m_mine->setChecked(mine);
        m_owner->setEnabled(!mine);
    }
    auto select = [](QComboBox *combo, const QString &value) {
        const QSignalBlocker blocker(combo);
        int index = combo->findData(value);
        if (index < 0) {
            combo->addItem(value, value);
            index = combo->count() - 1;
        }
        combo->setCurrentIndex(index);
    };
    select(m_owner, mine ? QString() : filter.owner);
    select(m_source, filter.source);
    for (auto [box, value] : {std::pair{m_minScore, filter.minScore}, std::pair{m_maxScore, filter.maxScore}}) {
        const QSignalBlocker blocker(box);
        box->setValue(value.value_or(scoreFloor));
    }
    {
        const QSignalBlocker blocker(m_stale);
        m_stale->setChecked(filter.staleOnly);
    }
    m_cohort = {};
    m_cohort.createdFromMs = filter.createdFromMs;
    m_cohort.createdToMs = filter.createdToMs;
    m_cohort.reachedStage = filter.reachedStage;
    updateDrillDown();
    m_updating = false;
}

BoardSort BoardFilterBar::sort() const
{
    return BoardSort(m_sort->currentData().toInt());
}

void BoardFilterBar::setSort(BoardSort sort)
{
    m_updating = true;
    m_sort->setCurrentIndex(qMax(0, m_sort->findData(int(sort))));
    m_updating = false;
}

void BoardFilterBar::updateDrillDown()
{
    QStringList parts;
    const QLocale locale;
    auto date = [&locale](qint64 ms) {
        return locale.toString(QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC).date(), QLocale::ShortFormat);
    };
    if (m_cohort.createdFromMs && m_cohort.createdToMs)
        parts << tr("created %1 – %2").arg(date(*m_cohort.createdFromMs), date(*m_cohort.createdToMs - 1));
    else if (m_cohort.createdFromMs)
        parts << tr("created from %1").arg(date(*m_cohort.createdFromMs));
    else if (m_cohort.createdToMs)
        parts << tr("created before %1").arg(date(*m_cohort.createdToMs));
    if (m_cohort.reachedStage)
        parts << tr("reached %1").arg(StageStyle::label(*m_cohort.reachedStage));
    m_drillDown->setText(parts.join(u", "_s));
    m_drillDown->setVisible(!parts.isEmpty());
}

void BoardFilterBar::emitChanged()
{
    if (!m_updating)
        Q_EMIT filterChanged();
}

} // namespace funnel
