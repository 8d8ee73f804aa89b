#pragma once

// The event loop's insides at the playhead: the ready queue in run order, the timer heap with
// deadlines, the task holding the loop, and who awaits whom. Exact when the run recorded its
// queues (Trace::loopQueues: the queues as each iteration began); otherwise an approximation
// rebuilt from the tasks' states, and labelled as one.
#include "awaitscope/analysis/PlayheadState.h"

#include <string>
#include <vector>

namespace awaitscope {

struct QueuedCallback {
    TaskId task = kNoTask;  // the task it runs, wakes or reports on (LoopQueueEntry::task)
    TimeNs due = 0;         // timers, and a timer that fell due while a step held the loop: the deadline
    CallbackKind what = CallbackKind::Other;  // recorded queues; approximated ones: steps and sleeps
    friend bool operator==(const QueuedCallback&, const QueuedCallback&) = default;
};

// One task waiting on others (or on a lock, event, queue...).
struct AwaitEdge {
    TaskId waiter = kNoTask;
    WaitKind kind = WaitKind::None;
    std::string what;              // "TaskGroup", "task weather", "Lock.acquire"
    std::vector<TaskId> targets;   // the tasks it waits for (empty: a primitive)
    SiteId line = kUnknownSite;
};

struct LoopInsides {
    bool recorded = false;          // from Trace::loopQueues (exact), else approximated
    std::uint32_t iteration = 0;    // recorded: the loop iteration shown
    TimeNs iterationTime = 0;       // recorded: when that iteration began
    std::vector<QueuedCallback> ready;   // in the order the loop will run them
    std::vector<QueuedCallback> timers;  // by deadline
    TaskId holder = kNoTask;
    SiteId holderLine = kUnknownSite;
    bool holderBlocking = false;
    std::vector<AwaitEdge> waits;
};

// Caps what the panel lists of a busy program; the counts say how many there are.
inline constexpr std::size_t kMaxInsidesRows = 200;

LoopInsides loopInsidesAt(const DerivedTrace& model, const PlayheadState& state);

// The recorded entries of the last loop iteration that began at or before `time`:
// [first, last) into Trace::loopQueues (empty when none was recorded by then).
std::pair<std::size_t, std::size_t> recordedIterationAt(const Trace& trace, TimeNs time);

} // namespace awaitscope
