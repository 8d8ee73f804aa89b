#pragma once

// Counters over time for the report, the Chrome export and the window, derived from the tasks'
// events (the runtime does not record its queues directly):
// - ready-queue depth: asyncio tasks that are ready (woken, or back from asyncio.sleep(0))
//   and not yet run by the loop;
// - pending timers: asyncio tasks suspended at an await whose kind is "timer" (asyncio.sleep
//   with a delay). Deadlines of wait_for / timeout are not in the trace and not counted.
// One rule for what happens inside one instant: the events count in the order the loop ran
// them (PlaybackOrder). On a virtual clock a task is woken and run in the same nanosecond; the
// queue did hold it then, together with whatever else was ready, and a depth that rises and
// falls back inside one instant is kept as a point 1 ns long (a spike the timeline can show).
// A timer that fires as another is armed in the same instant was never pending together with
// it, because the loop moves due timers first.
#include "awaitscope/analysis/PlaybackOrder.h"

#include <cstdint>
#include <vector>

namespace awaitscope {

struct CounterPoint {
    TimeNs time = 0;
    std::uint32_t value = 0;  // holds from `time` until the next point
};

// A step function with a max-pyramid, so "the highest value inside this pixel column" costs
// O(log n) however long the trace is.
struct CounterSeries {
    CounterSeries() = default;
    // Points sorted by time with distinct times; consecutive equal values are allowed.
    explicit CounterSeries(RecordVector<CounterPoint> points);

    RecordVector<CounterPoint> points;  // one per distinct time at which the value changed
    std::uint32_t peak = 0;            // the largest value, and when it was first reached
    TimeNs peakAt = 0;

    // The value in effect at t (0 before the first point).
    std::uint32_t valueAt(TimeNs t) const;
    // The highest value in effect anywhere in [begin, end).
    std::uint32_t maximumIn(TimeNs begin, TimeNs end) const;
    // The highest value among points [first, last), in O(log n) through the pyramid.
    std::uint32_t maximumOfPoints(std::size_t first, std::size_t last) const;

private:
    std::vector<RecordVector<std::uint32_t>> levels_;  // levels_[k][i]: max of points [i*2^(k+1), (i+1)*2^(k+1))
};

struct LoopCounters {
    CounterSeries readyQueue;
    CounterSeries timers;
};
// Both at once (one walk over the events); each alone below.
LoopCounters loopCounters(const Trace& trace, const PlaybackOrder& order);
CounterSeries readyQueueDepth(const Trace& trace, const PlaybackOrder& order);
CounterSeries pendingTimers(const Trace& trace, const PlaybackOrder& order);

} // namespace awaitscope
