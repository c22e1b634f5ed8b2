#include "ui/board/movereasondialog.h"

#include "ui/common/stagestyle.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace funnel {

MoveReasonDialog::MoveReasonDialog(Stage from, Stage to, const QString &what, QWidget *parent)
    : QDialog(parent), m_reason(new QComboBox(this)),
      m_buttons(new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this))
{
    const bool lost = to == Stage::Lost;
    setWindowTitle(lost ? tr("Mark as Lost") : tr("Back to Nurture"));
    auto *prompt = new QLabel(lost ? tr("Why is %1 lost?").arg(what)
                                   : tr("Why does %1 go back from %2 to %3?")
                                         .arg(what, StageStyle::label(from), StageStyle::label(to)),
                              this);
    prompt->setWordWrap(true);
    m_reason->setEditable(true);
    m_reason->setInsertPolicy(QComboBox::NoInsert);
    if (lost) {
        m_reason->addItems({tr("No budget"), tr("Went with a competitor"), tr("No response"), tr("Not a fit"),
                            tr("Bad timing")});
    } else {
        m_reason->addItems({tr("Not ready to buy yet"), tr("Needs more nurturing"), tr("Wrong contact")});
    }
    m_reason->setCurrentIndex(-1);
    m_reason->lineEdit()->setPlaceholderText(tr("Pick or type a reason"));
    m_buttons->button(QDialogButtonBox::Ok)->setText(lost ? tr("Mark Lost") : tr("Move to %1").arg(StageStyle::label(to)));
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(false);
    connect(m_reason, &QComboBox::currentTextChanged, this, [this](const QString &text) {
        m_buttons->button(QDialogButtonBox::Ok)->setEnabled(!text.trimmed().isEmpty());
    });
    connect(m_buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(prompt);
    layout->addWidget(m_reason);
    layout->addWidget(m_buttons);
    setMinimumWidth(380);
}

QString MoveReasonDialog::reason() const
{
    return m_reason->currentText().trimmed();
}

std::optional<QString> MoveReasonDialog::ask(QWidget *parent, Stage from, Stage to, const QString &what)
{
    MoveReasonDialog dialog(from, to, what, parent);
    if (dialog.exec() != QDialog::Accepted || dialog.reason().isEmpty())
        return std::nullopt;
    return dialog.reason();
}

} // namespace funnel
