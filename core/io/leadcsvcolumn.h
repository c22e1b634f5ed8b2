#pragma once

#include <QLatin1StringView>
#include <QStringView>

#include <array>
#include <optional>

namespace funnel {

// The standard columns of a leads CSV file, in the order the writer puts them.
enum class LeadCsvColumn { Id, Email, Name, Company, Title, Source, Owner, Stage, Score, CreatedAt };

inline constexpr std::array<QLatin1StringView, 10> leadCsvColumnNames{
    QLatin1StringView("id"),     QLatin1StringView("email"), QLatin1StringView("name"),  QLatin1StringView("company"),
    QLatin1StringView("title"),  QLatin1StringView("source"), QLatin1StringView("owner"), QLatin1StringView("stage"),
    QLatin1StringView("score"),  QLatin1StringView("created_at"),
};

inline QLatin1StringView leadCsvColumnName(LeadCsvColumn column)
{
    return leadCsvColumnNames[static_cast<std::size_t>(column)];
}

// Header names match case-insensitively and ignore surrounding whitespace ("Email ", "EMAIL").
inline std::optional<LeadCsvColumn> leadCsvColumnFromName(QStringView name)
{
    const QStringView trimmed = name.trimmed();
    for (std::size_t i = 0; i < leadCsvColumnNames.size(); ++i) {
        if (trimmed.compare(leadCsvColumnNames[i], Qt::CaseInsensitive) == 0)
            return static_cast<LeadCsvColumn>(i);
    }
    return std::nullopt;
}

} // namespace funnel
