#pragma once

#include "core/domain/stage.h"
#include "core/storage/boardquery.h"

#include <QWidget>

namespace funnel {

// The head of a board column: the stage's colour and name, the exact number of leads under the
// filter and their score sum and average (all from SQL), dimmed while a new count is on its way.
class BoardColumnHeader : public QWidget
{
    Q_OBJECT

public:
    explicit BoardColumnHeader(Stage stage, QWidget *parent = nullptr);

    void setTotals(const BoardQuery::Totals &totals);
    void setLoading(bool loading);
    void setRotDays(int days);

    QString countText() const;
    QString scoreText() const;

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

protected:
    void paintEvent(QPaintEvent *event) override;

private:
    Stage m_stage;
    BoardQuery::Totals m_totals;
    bool m_hasTotals = false;
    bool m_loading = true;
    int m_rotDays = 0;
};

} // namespace funnel
