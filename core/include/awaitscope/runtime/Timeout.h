#pragma once

// asyncio.timeout (3.11 timeouts.py) and asyncio.wait_for (3.11 tasks.py). When time runs
// out the inner work is cancelled, its finally blocks run, and TimeoutError comes out.
#include "awaitscope/runtime/Task.h"

#include <chrono>
#include <optional>

namespace awaitscope {

namespace detail {

class TimeoutState : public RefCounted {
public:
    enum class State : std::uint8_t { Created, Entered, Expiring, Expired, Exited };

    explicit TimeoutState(std::optional<TimeNs> when) : when_(when) {}
    void enter();
    // __aexit__: returns the exception to raise instead (TimeoutError), or null.
    std::exception_ptr exit(const std::exception_ptr& error);
    void reschedule(std::optional<TimeNs> when);
    bool expired() const { return state_ == State::Expiring || state_ == State::Expired; }
    std::optional<TimeNs> when() const { return when_; }
    State state() const { return state_; }

private:
    void onTimeout();

    State state_ = State::Created;
    std::optional<TimeNs> when_;
    Ref<TaskState> task_;
    int cancelling_ = 0;
    Ref<CancelToken> handle_;
};

} // namespace detail

class Timeout {
public:
    explicit Timeout(std::optional<TimeNs> when) : state_(new detail::TimeoutState(when)) {}
    void enter() { state_->enter(); }
    std::exception_ptr exit(const std::exception_ptr& error) { return state_->exit(error); }
    void reschedule(std::optional<TimeNs> when) { state_->reschedule(when); }
    bool expired() const { return state_->expired(); }
    std::optional<TimeNs> when() const { return state_->when(); }

private:
    detail::Ref<detail::TimeoutState> state_;
};

// asyncio.timeout(delay): the deadline is now + delay. No delay: never.
Timeout timeout(std::optional<std::chrono::nanoseconds> delay);
Timeout timeoutAt(std::optional<TimeNs> when);

// `async with asyncio.timeout(delay): co_await body`.
template <class T>
Task<T> withTimeout(std::optional<std::chrono::nanoseconds> delay, Task<T> body) {
    Timeout scope = timeout(delay);
    scope.enter();
    std::exception_ptr error;
    std::optional<detail::Stored<T>> result;
    try {
        if constexpr (std::is_void_v<T>) {
            co_await std::move(body);
            result.emplace();
        } else {
            result.emplace(co_await std::move(body));
        }
    } catch (...) {
        error = std::current_exception();
    }
    if (std::exception_ptr replacement = scope.exit(error))
        std::rethrow_exception(replacement);
    if (error)
        std::rethrow_exception(error);
    if constexpr (!std::is_void_v<T>)
        co_return std::move(*result);
}

namespace detail {

// functools.partial(_release_waiter, waiter), as a done-callback or timer callback.
void releaseWaiter(void* waiter, void* future, bool run);
// tasks._cancel_and_wait
Op<void> cancelAndWait(Ref<FutureState> future);

// wait_for on a future (a task is one): `target` names the task it is, for the trace.
template <class T>
Op<T> waitForFuture(Future<T> task, TaskId target, std::optional<TimeNs> timeoutNs) {
    Loop& loop = Loop::running();
    const ExceptionPolicy& policy = loop.exceptionPolicy();
    if (!timeoutNs)
        co_return co_await task;
    if (*timeoutNs <= 0) {
        if (task.done())
            co_return task.result();
        co_await cancelAndWait(Ref<FutureState>(task.state()));
        std::exception_ptr error = task.state()->errorForResult();
        if (error && policy.isCancelled(error))
            std::rethrow_exception(policy.withCause(policy.timeout(), error));
        co_return task.result();
    }
    Ref<FutureValue<void>> waiter(new FutureValue<void>(loop, WaitKind::Task, "asyncio.wait_for"));
    waiter->addRef();  // held by the timer
    Ref<CancelToken> timeoutHandle(new CancelToken);
    timeoutHandle->addRef();
    loop.pushTimer(loop.now() + *timeoutNs,
                   {&releaseWaiter, waiter.get(), nullptr, &timeoutHandle->cancelled, timeoutHandle.get(),
                    CallbackKind::Timeout});
    waiter->addRef();  // held by the done-callback
    task.state()->addDoneCallback({&releaseWaiter, waiter.get(), CallbackKind::WaitChild});
    auto removeCallback = [&] {
        for (std::size_t n = task.state()->removeDoneCallback(&releaseWaiter, waiter.get()); n > 0; --n)
            waiter->release();
    };

    std::exception_ptr interrupted;
    try {
        co_await FutureAwaiter<void>{waiter.get(), waiter.get(), WaitKind::Task, "asyncio.wait_for", target};
    } catch (...) {
        interrupted = std::current_exception();
    }
    timeoutHandle->cancelled = true;  // wait_for's finally
    if (interrupted) {
        if (!policy.isCancelled(interrupted))
            std::rethrow_exception(interrupted);
        if (task.done())
            co_return task.result();
        removeCallback();
        co_await cancelAndWait(Ref<FutureState>(task.state()));
        std::rethrow_exception(interrupted);
    }
    if (task.done())
        co_return task.result();
    removeCallback();
    co_await cancelAndWait(Ref<FutureState>(task.state()));
    std::exception_ptr error = task.state()->errorForResult();
    if (error && policy.isCancelled(error))
        std::rethrow_exception(policy.withCause(policy.timeout(), error));
    co_return task.result();
}

} // namespace detail

// asyncio.wait_for(coroutine, timeout): with a timeout the coroutine runs as its own task;
// without one (3.11) it is simply awaited, inline.
template <class T>
detail::Op<T> waitFor(Task<T> coroutine, std::optional<std::chrono::nanoseconds> timeoutAfter,
                      SourceLocation where = SourceLocation::current()) {
    if (!timeoutAfter)
        co_return co_await std::move(coroutine);
    const TimeNs timeoutNs = timeoutAfter->count();
    ScopeId scope = kNoScope;
    Loop& loop = Loop::running();
    if (Recorder* recorder = loop.recorder())
        scope = recorder->scopeBegin(ScopeKind::WaitFor, loop.currentTaskId(), where, loop.now());
    TaskHandle<T> task = createTask(std::move(coroutine), TaskOptions{{}, scope}, where);
    co_return co_await detail::waitForFuture(Future<T>(task.state(), task.state()), task.id(), timeoutNs);
}
template <class T>
detail::Op<T> waitFor(TaskHandle<T> task, std::optional<std::chrono::nanoseconds> timeoutAfter) {
    std::optional<TimeNs> timeoutNs;
    if (timeoutAfter)
        timeoutNs = timeoutAfter->count();
    return detail::waitForFuture(Future<T>(task.state(), task.state()), task.id(), timeoutNs);
}
template <class T>
detail::Op<T> waitFor(Future<T> future, std::optional<std::chrono::nanoseconds> timeoutAfter) {
    std::optional<TimeNs> timeoutNs;
    if (timeoutAfter)
        timeoutNs = timeoutAfter->count();
    const TaskId target = future.state()->taskId();
    return detail::waitForFuture(std::move(future), target, timeoutNs);
}

} // namespace awaitscope
