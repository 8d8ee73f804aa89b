#pragma once

// Concurrency lost: tasks started together to run at the same time (one TaskGroup or gather,
// or create_task in a loop: the children one task made in one step) that did their waiting
// one after another. A task's waiting is what concurrency overlaps: its awaits on timers,
// other tasks, threads and I/O, and its own blocking calls (which should have been awaits).
// Waits on a lock, semaphore, condition, event or queue are the tasks waiting for each other,
// not work. A group lost its concurrency when at most some of its tasks were ever waiting at
// once and, first to last, their waiting took almost as long as all of it end to end (90%).
// The cause named is the blocking call that took most of their time, else the
// synchronisation await they spent most time in.
#include "awaitscope/analysis/FrozenStretches.h"

#include <vector>

namespace awaitscope {

struct ConcurrencyLoss {
    std::vector<TaskId> tasks;  // started together, in creation order
    TaskId parent = kNoTask;
    ScopeId scope = kNoScope;   // their TaskGroup or gather, when they had one
    TimeNs started = 0;         // when the first was created
    TimeNs begin = 0;           // their waiting, first to last
    TimeNs end = 0;
    std::uint32_t peakInFlight = 0;  // the most of them waiting at one moment
    TimeNs serial = 0;               // their waiting added up: what it took, one at a time
    TimeNs overlapped = 0;           // the longest one's: what it would have taken, overlapped
    // The cause: a blocking call (block valid), or an await they waited on each other in.
    BlockId block = kNoBlock;
    TaskId blocker = kNoTask;   // the task whose blocking call it was
    AwaitId await = 0;
    bool byAwait = false;
    SiteId site = kUnknownSite;  // the cause's line
};

// In the order the groups were started. Groups whose waiting took under `threshold` in all
// are left out (a few microseconds lost are not worth a word).
std::vector<ConcurrencyLoss> findConcurrencyLoss(const Trace& trace, const TraceIndex& index,
                                                 TimeNs threshold = kDefaultFrozenThreshold);

} // namespace awaitscope
