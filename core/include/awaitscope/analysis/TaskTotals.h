#pragma once

// Where each task's time went (tokio-console's busy / idle / scheduled): running on the
// loop, suspended at an await, and ready but waiting for the loop to get to it.
#include "awaitscope/analysis/TraceIndex.h"

#include <vector>

namespace awaitscope {

struct TaskTotals {
    TimeNs running = 0;
    TimeNs awaiting = 0;
    TimeNs ready = 0;
    TimeNs lifetime = 0;  // creation to finish (or to the trace's end)
};

// One entry per task, by task id.
std::vector<TaskTotals> taskTotals(const TraceIndex& index);

} // namespace awaitscope
