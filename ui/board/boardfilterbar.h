#pragma once

#include "core/storage/boardsort.h"
#include "core/storage/leadfilter.h"

#include <QWidget>

class QComboBox;
class QLineEdit;
class QSpinBox;
class QTimer;
class QToolButton;

namespace funnel {

// The board's filter bar: text search, owner, source, score range, "my leads", "stale", sort order,
// and a chip for a dashboard drill-down (cohort, reached stage) that one click clears. Emits
// filterChanged() once per change; typing is debounced.
class BoardFilterBar : public QWidget
{
    Q_OBJECT

public:
    static constexpr int typingDelayMs = 200;

    explicit BoardFilterBar(QWidget *parent = nullptr);

    LeadFilter filter() const;
    void setFilter(const LeadFilter &filter);
    BoardSort sort() const;
    void setSort(BoardSort sort);

    void setOwners(const QStringList &owners);
    void setSources(const QStringList &sources);
    // The owner name that "My leads" stands for.
    void setMyName(const QString &name);
    QString myName() const { return m_myName; }

    QLineEdit *searchField() const { return m_search; }

Q_SIGNALS:
    void filterChanged();
    void sortChanged();
    void rotSettingsRequested();

private:
    void emitChanged();
    void updateDrillDown();
    static void setChoices(QComboBox *combo, const QString &anyText, const QStringList &values);

    QLineEdit *m_search = nullptr;
    QComboBox *m_owner = nullptr;
    QComboBox *m_source = nullptr;
    QSpinBox *m_minScore = nullptr;
    QSpinBox *m_maxScore = nullptr;
    QToolButton *m_mine = nullptr;
    QToolButton *m_stale = nullptr;
    QComboBox *m_sort = nullptr;
    QToolButton *m_drillDown = nullptr;
    QToolButton *m_clear = nullptr;
    QToolButton *m_rot = nullptr;
    QTimer *m_typing = nullptr;
    QString m_myName;
    LeadFilter m_cohort; // only createdFromMs, createdToMs, reachedStage
    bool m_updating = false;
};

} // namespace funnel
