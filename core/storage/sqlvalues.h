#pragma once

#include <QMetaType>
#include <QString>
#include <QVariant>

namespace funnel {

// How Qt SQL binds text: a null QString becomes SQL NULL, an empty one ''. These say which is meant.

// For NOT NULL text columns: never NULL, an empty string instead.
inline QString notNull(const QString &text)
{
    return text.isNull() ? QString(QLatin1StringView("")) : text;
}

// For nullable text columns: empty text is stored as NULL (e.g. a lead without an email).
inline QVariant nullIfEmpty(const QString &text)
{
    return text.isEmpty() ? QVariant(QMetaType::fromType<QString>()) : QVariant(text);
}

} // namespace funnel
