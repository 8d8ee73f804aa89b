#pragma once

// Find: the places in a run that a few typed words point at, in time order.
//   "fetch", "weather", "Task-12"   tasks by name or by the coroutine function they run, and
//                                   printed lines that contain the words
//   "line 14", "14", "agent.py:14"  every task at that source line (an await, a blocking call,
//                                   a call, its creation) and the lines printed there
// Case does not matter. A trace of a million tasks is searched in well under a second.
#include "awaitscope/analysis/DerivedTrace.h"

#include <string_view>
#include <vector>

namespace awaitscope {

enum class SearchHitKind : std::uint8_t {
    TaskName,   // the task's name contains the words
    Coroutine,  // the coroutine function the task runs does
    Output,     // a printed line does (index: into Trace::output)
    Line,       // the task is at the line asked for (index: the event, into the task's events)
};
const char* toString(SearchHitKind kind);

struct SearchHit {
    TimeNs time = 0;
    TaskId task = kNoTask;
    SearchHitKind kind = SearchHitKind::TaskName;
    std::uint32_t index = 0;
};

// In time order (stable: a task's own hit before the lines it printed at that moment).
std::vector<SearchHit> searchTrace(const DerivedTrace& derived, std::string_view query);

} // namespace awaitscope
