#pragma once

#include "core/storage/ingestbatch.h"

#include <memory>
#include <vector>

namespace funnel::ingest {

// Batch objects keep their buffers' capacity from batch to batch.
class BatchPool
{
public:
    Batch *take()
    {
        if (m_spare.empty()) {
            m_all.push_back(std::make_unique<Batch>());
            m_spare.push_back(m_all.back().get());
        }
        Batch *batch = m_spare.back();
        m_spare.pop_back();
        batch->clear();
        return batch;
    }
    void give(Batch *batch)
    {
        if (batch)
            m_spare.push_back(batch);
    }

private:
    std::vector<std::unique_ptr<Batch>> m_all;
    std::vector<Batch *> m_spare;
};

} // namespace funnel::ingest
