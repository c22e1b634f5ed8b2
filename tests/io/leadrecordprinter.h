#pragma once

#include "core/io/leadrecord.h"

#include <QTest>

namespace funnel {

// Lets QCOMPARE print both sides when two records differ (found by argument-dependent lookup).
inline char *toString(const LeadRecord &record)
{
    QStringList parts{
        u"line=" + QString::number(record.line),
        u"id=" + record.externalId,
        u"email=" + record.email,
        u"name=" + record.name,
        u"company=" + record.company,
        u"title=" + record.title,
        u"source=" + record.source,
        u"owner=" + record.owner,
        u"stage=" + (record.stage ? stageName(*record.stage) : QStringLiteral("-")),
        u"score=" + (record.score ? QString::number(*record.score) : QStringLiteral("-")),
        u"createdAtMs=" + (record.createdAtMs ? QString::number(*record.createdAtMs) : QStringLiteral("-")),
    };
    for (const auto &[name, value] : record.attributes)
        parts.append(u'+' + name + u'=' + value);
    const QString text = u'{' + parts.join(u"; ") + u'}';
    return QTest::toString(text);
}

} // namespace funnel
