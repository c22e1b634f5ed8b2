#include "ui/board/boardrotdialog.h"

#include "ui/common/stagestyle.h"

#include <QAbstractButton>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QSpinBox>
#include <QVBoxLayout>

namespace funnel {

BoardRotDialog::BoardRotDialog(const BoardRotSettings::Days &days, QWidget *parent) : QDialog(parent)
{
    setWindowTitle(tr("Days to Rot"));
    auto *intro = new QLabel(tr("A lead that stays in a stage longer than this is flagged as stale on the board."), this);
    intro->setWordWrap(true);
    auto *form = new QFormLayout;
    for (Stage stage : allStages) {
        auto *box = new QSpinBox(this);
        box->setRange(0, 3650);
        box->setSuffix(tr(" days"));
        box->setSpecialValueText(tr("never"));
        box->setValue(days[size_t(stage)]);
        m_boxes[size_t(stage)] = box;
        form->addRow(StageStyle::label(stage), box);
    }
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel | QDialogButtonBox::RestoreDefaults, this);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(buttons, &QDialogButtonBox::clicked, this, [this, buttons](QAbstractButton *button) {
        if (buttons->buttonRole(button) != QDialogButtonBox::ResetRole)
            return;
        for (Stage stage : allStages)
            m_boxes[size_t(stage)]->setValue(BoardRotSettings::defaultDays(stage));
    });
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(intro);
    layout->addLayout(form);
    layout->addWidget(buttons);
}

BoardRotSettings::Days BoardRotDialog::days() const
{
    BoardRotSettings::Days days{};
    for (Stage stage : allStages)
        days[size_t(stage)] = m_boxes[size_t(stage)]->value();
    return days;
}

} // namespace funnel
