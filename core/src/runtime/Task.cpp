#include "awaitscope/runtime/Task.h"

namespace awaitscope::detail {

TaskState& runningTask() {
    Loop& loop = Loop::running();
    if (!loop.currentTask())
        throw RuntimeError("await outside of a running task");
    return *loop.currentTask();
}

} // namespace awaitscope::detail
