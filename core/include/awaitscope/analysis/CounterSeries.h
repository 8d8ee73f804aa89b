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

#include <algorithm>
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
    // The first point at or after `from` with a time after t (strictly: at or after t), for
    // walks left to right: the search gallops on from `from` through every 64th point's time,
    // a compact array that stays in the cache, and ends within one stretch of 64 points.
    std::size_t firstAfter(TimeNs t, std::size_t from) const { return firstFailing(from, [t](TimeNs time) { return time <= t; }); }
    std::size_t firstAtOrAfter(TimeNs t, std::size_t from) const { return firstFailing(from, [t](TimeNs time) { return time < t; }); }

private:
    static constexpr std::size_t kSampleEvery = 64;
    template <class Before>
    std::size_t firstFailing(std::size_t from, Before before) const;
    RecordVector<TimeNs> samples_;  // samples_[k]: points[k * kSampleEvery].time

    std::vector<RecordVector<std::uint32_t>> levels_;  // levels_[k][i]: max of points [i*2^(k+1), (i+1)*2^(k+1))
};

template <class Before>
std::size_t CounterSeries::firstFailing(std::size_t from, Before before) const {
    if (from >= points.size() || !before(points[from].time))
        return std::min(from, points.size());
    // points[from] comes before: the answer lies after it. Gallop over the samples past it.
    std::size_t lo = from / kSampleEvery;  // samples_[lo] comes before (it is at or before `from`)
    std::size_t step = 1;
    while (lo + step < samples_.size() && before(samples_[lo + step])) {
        lo += step;
        step *= 2;
    }
    const std::size_t hiSample = std::min(samples_.size(), lo + step);
    lo = static_cast<std::size_t>(std::partition_point(samples_.begin() + static_cast<std::ptrdiff_t>(lo), samples_.begin() + static_cast<std::ptrdiff_t>(hiSample), before) -
                                  samples_.begin());
    // Samples [.., lo) come before, sample lo does not: the answer is in the stretch before it.
    const std::size_t first = std::max(from + 1, (lo - 1) * kSampleEvery + 1);
    const std::size_t last = std::min(points.size(), lo * kSampleEvery);
    return static_cast<std::size_t>(std::partition_point(points.begin() + static_cast<std::ptrdiff_t>(first), points.begin() + static_cast<std::ptrdiff_t>(last),
                                                         [&](const CounterPoint& p) { return before(p.time); }) -
                                    points.begin());
}

struct LoopCounters {
    CounterSeries readyQueue;
    CounterSeries timers;
};
// Both at once (one walk over the events); each alone below.
LoopCounters loopCounters(const Trace& trace, const PlaybackOrder& order);
CounterSeries readyQueueDepth(const Trace& trace, const PlaybackOrder& order);
CounterSeries pendingTimers(const Trace& trace, const PlaybackOrder& order);

} // namespace awaitscope
