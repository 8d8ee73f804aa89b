#pragma once

// Times and places as the report and the UI print them.
#include "awaitscope/trace/Trace.h"

#include <string>

namespace awaitscope {

// "1.500 s", "12.5 ms", "850 us", "40 ns"; negative durations get a minus sign.
std::string formatDuration(TimeNs duration);
// "file.py:14", "file.py" or "" for the unknown site.
std::string formatSite(const Trace& trace, SiteId site);
// "Task-3 (blocker)": the task's name (Trace::taskName) and, when it differs, its coroutine's.
// "task 7" when the task has no name, "(no task)" for kNoTask or an id out of range.
std::string taskLabel(const Trace& trace, TaskId task);

} // namespace awaitscope
