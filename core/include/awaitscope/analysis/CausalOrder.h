#pragma once

// The order things happened in, for playback. Events are recorded per task, so at one instant
// (a virtual clock runs whole steps in zero time) the trace alone does not say which task's
// events came first. These functions rebuild that order the way asyncio runs it: a task step
// (resume .. suspend) runs whole, the tasks it wakes become ready during it, and the steps of
// one instant run in the order their tasks became ready (the loop's FIFO ready queue).
#include "awaitscope/trace/Trace.h"

#include <cstdint>
#include <vector>

namespace awaitscope {

// An event named by its task and its position in that task's event vector.
struct EventRef {
    TaskId task = kNoTask;
    std::uint32_t index = 0;
};

// Walks in time order jump between the tasks' vectors, a cache miss each time: they ask for
// an event some steps ahead, so that it is there when they come to it. Finding the event reads
// its task's record, itself a miss when there are many tasks: a walk over many asks for the
// record (prefetchTask) twice as far ahead as for the event.
inline void prefetchTask(const Trace& trace, EventRef ref) {
    const TaskRecord* record = trace.tasks.data() + ref.task;
    __builtin_prefetch(record);
    __builtin_prefetch(reinterpret_cast<const char*>(record + 1) - 1);  // a record may straddle two lines
}
inline void prefetchEvent(const Trace& trace, EventRef ref) {
    __builtin_prefetch(trace.tasks[ref.task].events.data() + ref.index);
}

// Instants with more events than this keep the plain (task, position) order: rebuilding a
// huge instant costs more than it teaches.
inline constexpr std::size_t kMaxCausalRun = 4096;

// Every event of a trace in an order (millions of them: kept in huge-page mappings).
using EventOrder = RecordVector<EventRef>;

// A stretch [begin, end) of `order` whose events share one time and come from several tasks.
struct TieRun {
    std::size_t begin = 0;
    std::size_t end = 0;
};

// Reorders each of `runs` (stretches of `order`, which is sorted by time) into causal order.
void orderTiesCausally(const Trace& trace, EventOrder& order, const std::vector<TieRun>& runs);

// For each output line, the index into `order` before which it was printed: after the events
// of its moment that led up to it, before the printing task's next suspend, finish, blocking
// call or frame exit at that moment, and before anything later.
std::vector<std::uint32_t> outputPositions(const Trace& trace, const EventOrder& order);

} // namespace awaitscope
