#pragma once

// The chain of work and waiting that set the run's total time. Found by walking back from
// the task that finished last: its running and ready spans are on the path; where it awaited
// something, the path follows whatever woke it (the task that finished or set the event, or
// for a gather or task group the child that finished last), and a wait with no task behind
// it (a timer, a thread, an outside future) is itself on the path. At a task's creation the
// path continues in its creator.
#include "awaitscope/analysis/TraceIndex.h"

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
};

CriticalPath findCriticalPath(const Trace& trace, const TraceIndex& index);

} // namespace awaitscope
