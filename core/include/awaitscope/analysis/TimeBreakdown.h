#pragma once

// Why a task finished when it did: its lifetime, from creation to its end, split by what it
// was doing and, for every moment it was not running, what held it. The shares:
// - running: its own steps on the loop; blocking: the part of them spent inside a blocking
//   call of its own (time.sleep, a blocking HTTP call), which froze every other task too;
// - queued: ready, the loop busy with other tasks' steps (none of them frozen);
// - held: ready, or its timer or thread due, while another task froze the loop (a step of at
//   least the frozen-loop threshold): named by that task and its blocking call;
// - sleeping: its own asyncio.sleep; awaiting a task (a task, gather, TaskGroup, wait,
//   shield); a thread (to_thread); I/O (a stream); anything else (a lock, an event, a queue,
//   a future).
// The shares of one task sum to its lifetime exactly. Like CriticalPath, built from the
// index's spans and the frozen stretches, so it reads a trace from any recorder.
#include "awaitscope/analysis/CounterSeries.h"
#include "awaitscope/analysis/FrozenStretches.h"

#include <string>
#include <vector>

namespace awaitscope {

enum class TimeUse : std::uint8_t {
    Running,
    Blocking,
    Queued,
    Held,
    Sleeping,
    AwaitingTask,
    AwaitingThread,
    AwaitingIo,
    AwaitingOther,
};

struct TimeShare {
    TimeUse use = TimeUse::Running;
    TimeNs duration = 0;
    // Held: the task that froze the loop. Queued: the task that held the loop longest
    // meanwhile. AwaitingTask: the awaited task, where the await names one.
    TaskId task = kNoTask;
    BlockId block = kNoBlock;   // Blocking, Held: the blocking call (kNoBlock: a long step)
    SiteId site = kUnknownSite; // Blocking, Held: the call's or step's line; awaits: the await's line
    AwaitId await = 0;          // the awaits: which one (valid when use is one of them)
    std::uint32_t behind = 0;   // Queued: the most other tasks ready at one moment meanwhile
};

struct TimeBreakdown {
    TaskId task = kNoTask;
    TimeNs lifetime = 0;
    std::vector<TimeShare> shares;  // largest first; one per use and cause
    TimeNs total(TimeUse use) const;
};

// `frozen` and `readyQueue` are the TraceAnalysis' (DerivedTrace::analysis()).
TimeBreakdown timeBreakdown(const Trace& trace, const TraceIndex& index, const std::vector<FrozenStretch>& frozen,
                            const CounterSeries& readyQueue, TaskId task);

// How long each task was held by a frozen loop, by task id (the report ranks them with it).
std::vector<TimeNs> heldTimes(const TraceIndex& index, const std::vector<FrozenStretch>& frozen);

// "0.9 s held by Task-2 (blocker)'s time.sleep(1.5) at line 14", "1.2 s its own sleep at line 9".
std::string describeTimeShare(const Trace& trace, const TimeShare& share);
// "Task-3 took 2.3 s: 1.2 s its own sleep at line 9, 0.9 s held by Task-2's time.sleep at
// line 14, 0.2 s queued behind 40 ready tasks": the `parts` largest shares, then the rest in one.
std::string describeTimeBreakdown(const Trace& trace, const TimeBreakdown& breakdown, std::size_t parts = 3);
const char* toString(TimeUse use);  // "running", "held by a frozen loop", ...

} // namespace awaitscope
