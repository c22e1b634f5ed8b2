#include "ui/board/boardbanner.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QStyle>
#include <QTimer>
#include <QToolButton>

namespace funnel {

using namespace Qt::StringLiterals;

BoardBanner::BoardBanner(QWidget *parent)
    : QFrame(parent), m_icon(new QLabel(this)), m_text(new QLabel(this)), m_action(new QPushButton(this)),
      m_close(new QToolButton(this)), m_hideTimer(new QTimer(this))
{
    setObjectName(u"boardBanner"_s);
    setAccessibleName(tr("Board message"));
    m_text->setWordWrap(true);
    m_text->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_close->setIcon(style()->standardIcon(QStyle::SP_TitleBarCloseButton));
    m_close->setAutoRaise(true);
    m_close->setToolTip(tr("Dismiss"));
    m_action->setFlat(true);
    m_action->setCursor(Qt::PointingHandCursor);
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(12, 6, 6, 6);
    layout->setSpacing(10);
    layout->addWidget(m_icon);
    layout->addWidget(m_text, 1);
    layout->addWidget(m_action);
    layout->addWidget(m_close);
    m_hideTimer->setSingleShot(true);
    connect(m_hideTimer, &QTimer::timeout, this, &QWidget::hide);
    connect(m_close, &QToolButton::clicked, this, &QWidget::hide);
    connect(m_action, &QPushButton::clicked, this, [this] {
        hide();
        Q_EMIT actionTriggered();
    });
    hide();
}

QString BoardBanner::text() const
{
    return m_text->text();
}

void BoardBanner::showMessage(Kind kind, const QString &text, const QString &actionText)
{
    m_kind = kind;
    QString border;
    QString fill;
    QStyle::StandardPixmap icon = QStyle::SP_MessageBoxInformation;
    switch (kind) {
    case Kind::Info:
        border = u"#3b82f6"_s;
        fill = u"#172033"_s;
        break;
    case Kind::Refusal:
        border = u"#f59e0b"_s;
        fill = u"#2a2215"_s;
        icon = QStyle::SP_MessageBoxWarning;
        break;
    case Kind::Error:
        border = u"#ef4444"_s;
        fill = u"#2b1719"_s;
        icon = QStyle::SP_MessageBoxCritical;
        break;
    }
    setStyleSheet(u"QFrame#boardBanner { background: %1; border: 1px solid %2; border-left: 4px solid %2;"
                  " border-radius: 6px; } QFrame#boardBanner QLabel { color: #e5e7eb; }"
                  " QFrame#boardBanner QPushButton { color: %2; font-weight: bold; padding: 2px 10px; }"_s
                      .arg(fill, border));
    const int size = style()->pixelMetric(QStyle::PM_SmallIconSize);
    m_icon->setPixmap(style()->standardIcon(icon).pixmap(size, size));
    m_text->setText(text);
    m_action->setText(actionText);
    m_action->setVisible(!actionText.isEmpty());
    show();
    m_hideTimer->start(kind == Kind::Info ? 6000 : 12000);
}

} // namespace funnel
