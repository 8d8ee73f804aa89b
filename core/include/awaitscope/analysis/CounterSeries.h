#pragma once

// Counters over time for the timeline and the Chrome export, derived from the task states
// (the runtime does not record its queues directly):
// - ready-queue depth: asyncio tasks in the Ready state (woken, not yet run by the loop);
// - pending timers: asyncio tasks suspended at an await whose kind is "timer" (asyncio.sleep
//   with a delay). Deadlines of wait_for / timeout are not in the trace and not counted.
// Only states that last count: under the virtual clock a task woken and run at the same
// instant was never visibly queued, and the order of things within one instant is not
// recorded across tasks, so counting instants would overstate the depth.
#include "awaitscope/analysis/TraceIndex.h"

#include <cstdint>
#include <vector>

namespace awaitscope {

struct CounterPoint {
    TimeNs time = 0;
    std::uint32_t value = 0;  // holds from `time` until the next point
};

struct CounterSeries {
    std::vector<CounterPoint> points;  // one per distinct time at which the value changed
    std::uint32_t peak = 0;  // the largest value, and when it was first reached
    TimeNs peakAt = 0;
};

CounterSeries readyQueueDepth(const Trace& trace, const TraceIndex& index);
CounterSeries pendingTimers(const Trace& trace, const TraceIndex& index);

} // namespace awaitscope
