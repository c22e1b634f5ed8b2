#pragma once

#include <QFrame>

class QLabel;
class QPushButton;
class QTimer;
class QToolButton;

namespace funnel {

// A message strip over the board, where the rep is looking: why a move was refused, what a move did
// (with an Undo button), a failed load. Hides itself after a while; refusals stay a little longer.
class BoardBanner : public QFrame
{
    Q_OBJECT

public:
    enum class Kind { Info, Refusal, Error };

    explicit BoardBanner(QWidget *parent = nullptr);

    void showMessage(Kind kind, const QString &text, const QString &actionText = {});
    Kind kind() const { return m_kind; }
    QString text() const;

Q_SIGNALS:
    void actionTriggered();

private:
    Kind m_kind = Kind::Info;
    QLabel *m_icon = nullptr;
    QLabel *m_text = nullptr;
    QPushButton *m_action = nullptr;
    QToolButton *m_close = nullptr;
    QTimer *m_hideTimer = nullptr;
};

} // namespace funnel
