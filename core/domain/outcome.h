#pragma once

#include "core/domain/effect.h"
#include "core/domain/leadstate.h"

#include <QList>

namespace funnel {

struct Outcome {
    LeadState next;
    QList<Effect> effects;
    int points = 0; // points the event itself contributed (after its cap), decay excluded

    template<typename T>
    QList<T> effectsOf() const
    {
        QList<T> found;
        for (const Effect &effect : effects) {
            if (const T *typed = std::get_if<T>(&effect))
                found.append(*typed);
        }
        return found;
    }
};

} // namespace funnel
