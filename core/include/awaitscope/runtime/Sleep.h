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
    void await_suspend(std::coroutine_handle<> handle);
    void await_resume();

private:
    TimeNs delay_;
    detail::Ref<detail::FutureValue<void>> future_;
    detail::Ref<detail::CancelToken> timer_;
};

inline SleepAwaiter sleep(std::chrono::nanoseconds delay) { return SleepAwaiter(delay.count()); }
inline SleepAwaiter sleepNs(TimeNs delay) { return SleepAwaiter(delay); }

} // namespace awaitscope
