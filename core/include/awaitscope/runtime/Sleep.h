#pragma once

// asyncio.sleep: sleep(0) yields exactly once (back of the ready queue); a positive delay
// arms a timer that resolves a future, and the timer is cancelled however the wait ends.
#include "awaitscope/runtime/Task.h"

#include <chrono>

namespace awaitscope {

class [[nodiscard]] SleepAwaiter {
public:
    explicit SleepAwaiter(TimeNs delay) : delay_(delay) {}

    bool await_ready() const noexcept { return false; }
    template <class Promise>
    void await_suspend(std::coroutine_handle<Promise> handle) {
        detail::TaskState& task = detail::taskOf(handle);
        task_ = &task;
        if (delay_ <= 0)
            task.suspendYield(handle);  // sleep(0): one trip through the ready queue, no timer
        else
            armTimer(task, handle);
    }
    void await_resume() {
        if (future_)
            finishTimedWait();
        else if (task_)
            task_->throwPendingIfAny();
    }

    // The future a positive sleep waits on; it also carries its timer's cancel flag.
    struct SleepFuture final : detail::FutureState, detail::ValueSlot<void> {
        explicit SleepFuture(Loop& loop) : FutureState(loop, WaitKind::Timer) {}
        bool timerCancelled = false;
    };

private:
    void armTimer(detail::TaskState& task, std::coroutine_handle<> handle);
    void finishTimedWait();

    TimeNs delay_;
    detail::TaskState* task_ = nullptr;
    detail::Ref<SleepFuture> future_;
};

inline SleepAwaiter sleep(std::chrono::nanoseconds delay) { return SleepAwaiter(delay.count()); }
inline SleepAwaiter sleepNs(TimeNs delay) { return SleepAwaiter(delay); }

} // namespace awaitscope
