#pragma once

#include <QtGlobal>

#include <algorithm>
#include <utility>
#include <variant>
#include <vector>

namespace funnel::ingest {

// eventId hashes in an open-addressing table (0 marks a free slot), each slot with a payload. Hashing
// instead of keeping the ids costs no allocation per event; a hash says "maybe", its payload or the
// database settles it.
template<typename Payload>
class EventIdHashes
{
public:
    // Calls `match(payload)` for each slot of `hash` until one returns true; whether one did.
    template<typename Match>
    bool find(size_t hash, Match &&match) const
    {
        if (m_slots.empty())
            return false;
        const size_t key = hash | 1;
        for (size_t i = key & (m_slots.size() - 1); m_slots[i].key != 0; i = (i + 1) & (m_slots.size() - 1)) {
            if (m_slots[i].key == key && match(m_slots[i].payload))
                return true;
        }
        return false;
    }
    bool contains(size_t hash) const
    {
        return find(hash, [](const Payload &) { return true; });
    }
    // A slot more, also for a hash that has one already (two ids may share a hash).
    void insert(size_t hash, Payload payload = {})
    {
        if (2 * (m_count + 1) > m_slots.size())
            grow();
        place(Slot{hash | 1, std::move(payload)});
    }
    void clear()
    {
        std::fill(m_slots.begin(), m_slots.end(), Slot{});
        m_count = 0;
    }

private:
    struct Slot {
        size_t key = 0;
        [[no_unique_address]] Payload payload{};
    };

    void place(Slot slot)
    {
        size_t i = slot.key & (m_slots.size() - 1);
        while (m_slots[i].key != 0)
            i = (i + 1) & (m_slots.size() - 1);
        m_slots[i] = std::move(slot);
        ++m_count;
    }
    void grow()
    {
        const size_t size = qMax<size_t>(1024, m_slots.size() * 2);
        std::vector<Slot> old = std::exchange(m_slots, std::vector<Slot>(size));
        m_count = 0;
        for (Slot &slot : old) {
            if (slot.key != 0)
                place(std::move(slot));
        }
    }

    std::vector<Slot> m_slots;
    size_t m_count = 0;
};

// The eventIds a run has stored, by hash only. While the events table holds only this run's rows,
// an id whose hash is not in here cannot be stored yet, and deciding so costs no query; a hit (a real
// repeat, or a rare collision) is settled by asking the database.
using SeenEventIds = EventIdHashes<std::monostate>;

// A batch's eventIds: a hash leads to the pending events that may carry it.
using BatchEventIds = EventIdHashes<qsizetype>;

constexpr size_t eventIdHashSeed = 0x9E3779B97F4A7C15ull;

} // namespace funnel::ingest
