#pragma once

#include "core/domain/stage.h"

#include <QDialog>

#include <optional>

class QComboBox;
class QDialogButtonBox;

namespace funnel {

// Asks why a lead is lost or sent back to nurture, with the usual reasons to pick from and free text.
class MoveReasonDialog : public QDialog
{
    Q_OBJECT

public:
    MoveReasonDialog(Stage from, Stage to, const QString &what, QWidget *parent = nullptr);

    QString reason() const;

    // The reason, or nullopt when the rep cancelled.
    static std::optional<QString> ask(QWidget *parent, Stage from, Stage to, const QString &what);

private:
    QComboBox *m_reason = nullptr;
    QDialogButtonBox *m_buttons = nullptr;
};

} // namespace funnel
