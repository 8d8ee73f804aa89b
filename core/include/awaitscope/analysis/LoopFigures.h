#pragma once

// Whole-run figures: how busy the loop was, how many tasks were alive at once, and how much
// the concurrency saved over doing the same work one piece after another.
#include "awaitscope/analysis/TraceIndex.h"

namespace awaitscope {

// busy: time some task held the loop (the union of its running slices); idle: the rest of
// [begin, end], when the loop waited for timers, threads or I/O.
struct LoopUsage {
    TimeNs begin = 0;
    TimeNs end = 0;
    TimeNs busy = 0;
    TimeNs idle = 0;
    TimeNs elapsed() const { return end - begin; }
};
LoopUsage loopUsage(const TraceIndex& index);

// The most asyncio tasks alive at the same moment (len(asyncio.all_tasks())): a task counts
// from its creation until it finishes. A task that finishes at t and one created at t do not
// overlap. to_thread lanes are not counted: the task awaiting them is.
struct PeakConcurrency {
    std::size_t tasks = 0;
    TimeNs at = 0;  // when the peak was first reached
};
PeakConcurrency peakConcurrency(const Trace& trace, const TraceIndex& index);

// The run's work done sequentially, over the elapsed time. The work is every task's running
// time plus its waits on timers, threads and other futures (the stand-ins for I/O); waits
// for other tasks, gathers, task groups, locks, events, queues and the loop are coordination,
// not work, and are left out.
struct SpeedUp {
    TimeNs sequential = 0;
    TimeNs elapsed = 0;
    double ratio() const { return elapsed > 0 ? static_cast<double>(sequential) / static_cast<double>(elapsed) : 1.0; }
};
SpeedUp speedUpOverSequential(const Trace& trace, const TraceIndex& index);

} // namespace awaitscope
