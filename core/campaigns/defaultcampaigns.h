#pragma once

#include "core/campaigns/campaign.h"

#include <QList>

namespace funnel {

// The campaigns shipped with Funnelboard (DESIGN.md, "Default rules"). Their webhook targets are
// placeholders, so they ship disabled and cannot be enabled until the user sets real URLs.
class DefaultCampaigns
{
public:
    static QList<Campaign> all();
    static Campaign apiDeepDive();     // API_DEEP_DIVE_SEQUENCE, enrolled by DOWNLOADED_API_DOCS
    static Campaign cartRecovery();    // CART_RECOVERY_SEQUENCE, enrolled by ABANDONED_CHECKOUT
    static Campaign rateLimitHelp();   // RATE_LIMIT_HELP_SEQUENCE: 10 minutes after HIT_RATE_LIMIT
    static Campaign weeklyBestPractices(); // Mondays 09:00 for MQLs
};

} // namespace funnel
