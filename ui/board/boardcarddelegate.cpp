#include "ui/board/boardcarddelegate.h"

#include "core/domain/stage.h"
#include "ui/board/boardcolumnmodel.h"
#include "ui/common/stagestyle.h"

#include <QApplication>
#include <QDateTime>
#include <QPainter>
#include <QPainterPath>
#include <QRegularExpression>

#include <array>

namespace funnel {

using namespace Qt::StringLiterals;

namespace {

constexpr qint64 minuteMs = 60 * 1000;
constexpr qint64 hourMs = 60 * minuteMs;
constexpr qint64 dayMs = 24 * hourMs;

const QColor cardFill(0x23, 0x28, 0x32);
const QColor cardHover(0x29, 0x2f, 0x3a);
const QColor cardBorder(0x30, 0x37, 0x42);
const QColor textColor(0xe5, 0xe7, 0xeb);
const QColor mutedColor(0x9c, 0xa3, 0xaf);
const QColor staleColor(0xfb, 0x92, 0x3c);
const QColor newColor(0x38, 0xbd, 0xf8);

QString initials(const QString &owner)
{
    const QStringList parts = owner.split(QRegularExpression(u"[ ._-]+"_s), Qt::SkipEmptyParts);
    QString result;
    for (const QString &part : parts.mid(0, 2))
        result += part.at(0).toUpper();
    return result.isEmpty() ? u"?"_s : result;
}

// "ada.lovelace" -> "Ada Lovelace": owners are stored as user names.
QString displayOwner(const QString &owner)
{
    if (owner.contains(u' '))
        return owner;
    QStringList parts = owner.split(QRegularExpression(u"[._-]+"_s), Qt::SkipEmptyParts);
    for (QString &part : parts)
        part[0] = part.at(0).toUpper();
    return parts.join(u' ');
}

} // namespace

QString BoardCardDelegate::relativeTime(qint64 thenMs, qint64 nowMs)
{
    const qint64 age = qMax<qint64>(0, nowMs - thenMs);
    if (age < minuteMs)
        return tr("just now");
    if (age < hourMs)
        return tr("%1m ago").arg(age / minuteMs);
    if (age < dayMs)
        return tr("%1h ago").arg(age / hourMs);
    if (age < 60 * dayMs)
        return tr("%1d ago").arg(age / dayMs);
    if (age < 365 * dayMs)
        return tr("%1mo ago").arg(age / (30 * dayMs));
    return tr("%1y ago").arg(age / (365 * dayMs));
}

int BoardCardDelegate::daysBetween(qint64 fromMs, qint64 toMs)
{
    return int(qMax<qint64>(0, toMs - fromMs) / dayMs);
}

QColor BoardCardDelegate::scoreColor(int score)
{
    if (score < 0)
        return QColor(0xf8, 0x71, 0x71);
    if (score < 30)
        return QColor(0x94, 0xa3, 0xb8);
    if (score < 80)
        return QColor(0xfb, 0xbf, 0x24);
    return QColor(0x34, 0xd3, 0x99);
}

QColor BoardCardDelegate::ownerColor(const QString &owner)
{
    static constexpr std::array<QRgb, 8> palette{0x6366f1, 0x0ea5e9, 0x14b8a6, 0x22c55e,
                                                 0xeab308, 0xf97316, 0xec4899, 0xa855f7};
    return QColor(palette[qHash(owner) % palette.size()]);
}

QSize BoardCardDelegate::sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    Q_UNUSED(index);
    return QSize(option.rect.width() > 0 ? option.rect.width() : 220, cardHeight);
}

void BoardCardDelegate::paint(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    using Role = BoardColumnModel::Role;
    painter->save();
    painter->setRenderHint(QPainter::Antialiasing);

    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    const Stage stage = Stage(index.data(int(Role::Stage)).toInt());
    const bool selected = option.state & QStyle::State_Selected;
    const bool hovered = option.state & QStyle::State_MouseOver;
    const bool stale = index.data(int(Role::Stale)).toBool();
    const bool unseen = index.data(int(Role::Unseen)).toBool();

    const QRectF card = QRectF(option.rect).adjusted(6, 4, -6, -4);
    QPainterPath shape;
    shape.addRoundedRect(card, 8, 8);
    painter->fillPath(shape, hovered || selected ? cardHover : cardFill);
    painter->setPen(QPen(selected ? option.palette.color(QPalette::Highlight) : cardBorder, selected ? 2.0 : 1.0));
    painter->drawPath(shape);
    // The stage's colour as a thin edge on the left, clipped to the card's rounded shape.
    painter->save();
    painter->setClipPath(shape);
    painter->fillRect(QRectF(card.left(), card.top(), 4, card.height()), StageStyle::color(stage));
    painter->restore();

    const QRectF content = card.adjusted(14, 9, -10, -9);
    QFont nameFont = option.font;
    nameFont.setBold(true);
    nameFont.setPointSizeF(option.font.pointSizeF() * 1.05);
    QFont smallFont = option.font;
    smallFont.setPointSizeF(option.font.pointSizeF() * 0.9);
    const QFontMetricsF nameMetrics(nameFont);
    const QFontMetricsF smallMetrics(smallFont);

    // Score badge, top right.
    const int score = index.data(int(Role::Score)).toInt();
    const QString scoreText = QString::number(score);
    const qreal badgeWidth = qMax<qreal>(30, smallMetrics.horizontalAdvance(scoreText) + 14);
    const QRectF badge(content.right() - badgeWidth, content.top(), badgeWidth, 18);
    const QColor badgeColor = scoreColor(score);
    QPainterPath badgeShape;
    badgeShape.addRoundedRect(badge, 9, 9);
    QColor badgeFill = badgeColor;
    badgeFill.setAlphaF(0.18);
    painter->fillPath(badgeShape, badgeFill);
    painter->setPen(badgeColor);
    QFont badgeFont = smallFont;
    badgeFont.setBold(true);
    painter->setFont(badgeFont);
    painter->drawText(badge, Qt::AlignCenter, scoreText);

    // Name, with the "new" marker of an unopened SQL before the badge.
    qreal nameRight = badge.left() - 6;
    if (unseen) {
        const QString newText = tr("NEW");
        const qreal width = smallMetrics.horizontalAdvance(newText) + 10;
        const QRectF pill(nameRight - width, content.top() + 1, width, 16);
        QPainterPath pillShape;
        pillShape.addRoundedRect(pill, 8, 8);
        painter->fillPath(pillShape, newColor);
        painter->setPen(QColor(0x0b, 0x12, 0x20));
        QFont pillFont = smallFont;
        pillFont.setBold(true);
        pillFont.setPointSizeF(smallFont.pointSizeF() * 0.85);
        painter->setFont(pillFont);
        painter->drawText(pill, Qt::AlignCenter, newText);
        nameRight = pill.left() - 6;
    }
    painter->setFont(nameFont);
    painter->setPen(textColor);
    const QRectF nameRect(content.left(), content.top(), nameRight - content.left(), 18);
    painter->drawText(nameRect, Qt::AlignLeft | Qt::AlignVCenter,
                      nameMetrics.elidedText(index.data(int(Role::Name)).toString(), Qt::ElideRight, nameRect.width()));

    // Company.
    painter->setFont(option.font);
    painter->setPen(mutedColor);
    const QRectF companyRect(content.left(), content.top() + 21, content.width(), 17);
    const QString company = index.data(int(Role::Company)).toString();
    painter->drawText(companyRect, Qt::AlignLeft | Qt::AlignVCenter,
                      QFontMetricsF(option.font).elidedText(company.isEmpty() ? tr("No company") : company,
                                                            Qt::ElideRight, companyRect.width()));

    // Bottom line: owner avatar and name on the left, time in stage and last activity on the right.
    const qreal lineTop = content.bottom() - 18;
    const QString owner = index.data(int(Role::Owner)).toString();
    const QRectF avatar(content.left(), lineTop, 18, 18);
    painter->setPen(Qt::NoPen);
    painter->setBrush(owner.isEmpty() ? cardBorder : ownerColor(owner));
    painter->drawEllipse(avatar);
    QFont avatarFont = smallFont;
    avatarFont.setBold(true);
    avatarFont.setPointSizeF(smallFont.pointSizeF() * 0.8);
    painter->setFont(avatarFont);
    painter->setPen(Qt::white);
    painter->drawText(avatar, Qt::AlignCenter, owner.isEmpty() ? u"–"_s : initials(owner));

    const qint64 entered = index.data(int(Role::StageEnteredAt)).toLongLong();
    const int days = daysBetween(entered, now);
    const QVariant lastActivity = index.data(int(Role::LastActivityAt));
    const QString inStage = tr("%1d in stage").arg(days);
    const QString activity = u"  ·  "_s + (lastActivity.isValid() ? relativeTime(lastActivity.toLongLong(), now) : tr("no activity"));
    QFont inStageFont = smallFont;
    inStageFont.setBold(stale);
    const qreal inStageWidth = QFontMetricsF(inStageFont).horizontalAdvance(inStage);
    const qreal activityWidth = smallMetrics.horizontalAdvance(activity);
    const QRectF activityRect(content.right() - activityWidth, lineTop, activityWidth, 18);
    const QRectF inStageRect(activityRect.left() - inStageWidth, lineTop, inStageWidth, 18);
    painter->setFont(inStageFont);
    painter->setPen(stale ? staleColor : mutedColor);
    painter->drawText(inStageRect, Qt::AlignLeft | Qt::AlignVCenter, inStage);
    painter->setFont(smallFont);
    painter->setPen(mutedColor);
    painter->drawText(activityRect, Qt::AlignLeft | Qt::AlignVCenter, activity);

    // The owner's first name: the avatar's initials and the tooltip carry the rest.
    const QRectF ownerRect(avatar.right() + 6, lineTop, inStageRect.left() - avatar.right() - 12, 18);
    const QString ownerName = owner.isEmpty() ? tr("Unassigned") : displayOwner(owner).section(u' ', 0, 0);
    painter->drawText(ownerRect, Qt::AlignLeft | Qt::AlignVCenter,
                      smallMetrics.elidedText(ownerName, Qt::ElideRight, ownerRect.width()));
    if (stale) {
        // A small flag in the corner: the lead is rotting in its stage.
        painter->setPen(Qt::NoPen);
        painter->setBrush(staleColor);
        QPolygonF corner;
        corner << QPointF(card.right() - 14, card.bottom()) << card.bottomRight() << QPointF(card.right(), card.bottom() - 14);
        painter->save();
        painter->setClipPath(shape);
        painter->drawPolygon(corner);
        painter->restore();
    }
    painter->restore();
}

} // namespace funnel
