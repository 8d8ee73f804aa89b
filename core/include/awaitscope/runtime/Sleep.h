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
        suspend(detail::taskOf(handle), handle);
    }
    void await_resume();

    // The future a positive sleep waits on; it also carries its timer's cancel flag.
    struct SleepFuture final : detail::FutureState, detail::ValueSlot<void> {
        explicit SleepFuture(Loop& loop) : FutureState(loop, WaitKind::Timer) {}
        bool timerCancelled = false;
    };

private:
    void suspend(detail::TaskState& task, std::coroutine_handle<> handle);

    TimeNs delay_;
    detail::TaskState* task_ = nullptr;
    detail::Ref<SleepFuture> future_;
};

inline SleepAwaiter sleep(std::chrono::nanoseconds delay) { return SleepAwaiter(delay.count()); }
inline SleepAwaiter sleepNs(TimeNs delay) { return SleepAwaiter(delay); }

} // namespace awaitscope
