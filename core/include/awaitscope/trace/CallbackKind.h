#pragma once

// What a callback in the loop's queues does. The runtime tags each callback when it queues
// one, and the loop records the tag with its queues (LoopQueueEntry), so that Loop Insides can
// name every entry ("asyncio.run: main() finished, so the loop stops") rather than call it
// "a callback". Kept apart from Trace.h so that the runtime's ready queue can carry it.
#include <cstdint>

namespace awaitscope {

enum class CallbackKind : std::uint8_t {
    Other,           // not named (a trace written before callbacks were tagged)
    TaskStep,        // runs the task's next step
    TaskWakeup,      // wakes the task: what it awaited is done
    TimerDue,        // a timer that ends the task's asyncio.sleep
    LoopStop,        // asyncio.run's: the main task finished, so the loop stops
    GatherChild,     // gather's bookkeeping: one of its awaitables finished
    TaskGroupChild,  // a TaskGroup's bookkeeping: one of its tasks finished
    WaitChild,       // asyncio.wait's or as_completed's: one awaitable finished
    ShieldLink,      // asyncio.shield's: the shielded or the outer future finished
    Timeout,         // a deadline: asyncio.timeout, wait_for, wait(timeout=...)
    ThreadResult,    // a worker thread's result arriving back on the loop
    Program,         // the program's own: loop.call_soon, call_later, call_at, add_done_callback
    AsyncGenClose,   // finishing an async generator that was dropped before its end
    RunCleanup,      // asyncio.run's cleanup: a task it cancelled at the end has finished
    StreamIo,        // a stream's connection: connected, or closed
};
inline constexpr int kCallbackKindCount = 15;

const char* toString(CallbackKind kind);

} // namespace awaitscope
