#pragma once

// The chain of work and waiting that set the run's total time. Found by walking back from
// the task that finished last: its running and ready spans are on the path; where it awaited
// something, the path follows whatever woke it (the task that finished or set the event, or
// for a gather or task group the child that finished last), and a wait with no task behind
// it (a timer, a thread, an outside future) is itself on the path. At a task's creation the
// path continues in its creator.
#include "awaitscope/analysis/FrozenStretches.h"
#include "awaitscope/analysis/TraceIndex.h"

#include <optional>
#include <string>
#include <vector>

namespace awaitscope {

struct CriticalSegment {
    TimeNs begin = 0;
    TimeNs end = 0;
    TaskId task = kNoTask;
    SpanState state = SpanState::Running;
    WaitKind kind = WaitKind::None;  // Awaiting: what was awaited; Ready: what woke the task
    TimeNs duration() const { return end - begin; }
};

struct CriticalPath {
    std::vector<CriticalSegment> segments;  // in time order, zero-length segments left out
    TimeNs total(SpanState state) const;
    TimeNs total() const;
    // The link of `task` that meets [begin, end] (a hovered pixel, a selected span): the one
    // holding the middle of the range, else the first; nothing when the path is elsewhere then.
    std::optional<std::size_t> linkOf(TaskId task, TimeNs begin, TimeNs end) const;
};

CriticalPath findCriticalPath(const Trace& trace, const TraceIndex& index);

// The path in a few sentences for a person: "The run took 2.7 s; the chain of work and waiting
// that set it (2.7 s) runs through Task-1 (main) → Task-3 (web_search).", then its longest link
// and what shortening it buys:
// "Its longest link is Task-3 (web_search)'s await asyncio.sleep at line 23 (0.9 s): each
// second taken off it takes up to a second off the run, until another chain is the longest."
// A link spent waiting for a frozen loop (`frozen`: the analysis' stretches) names the freeze.
std::vector<std::string> describeCriticalPath(const Trace& trace, const TraceIndex& index, const CriticalPath& path,
                                              const std::vector<FrozenStretch>& frozen);

// One link of the path as a clause, for a hover, a step of a walk along it or an exported slice:
// "Task-1 (main) runs", "Task-2 (heartbeat) waits for the loop",
// "Task-3 (web_search) awaits asyncio.sleep at line 23".
std::string describeCriticalSegment(const Trace& trace, const TraceIndex& index, const CriticalSegment& segment);

} // namespace awaitscope
