#pragma once

// What every coroutine frame of the runtime carries: its continuation, its task, its name
// and where it is. Visible frames (Task<T>) are recorded as nested frames and set the
// task's current location at each co_await; hidden ones (the runtime's own helpers, such as
// Lock.acquire) are not, so a suspension inside them is reported at the user's await.
#include "awaitscope/trace/SourceLocation.h"
#include "awaitscope/runtime/detail/TaskState.h"

#include <coroutine>
#include <exception>
#include <type_traits>
#include <utility>

namespace awaitscope {

class Loop;

// co_await at(where, x): await x, reporting `where` as the location (the interpreter uses
// this to attribute awaits to script lines).
template <class A>
struct Located {
    A awaitable;
    SourceLocation where;
};
template <class A>
Located<A> at(const SourceLocation& where, A&& awaitable) {
    return Located<A>{std::forward<A>(awaitable), where};
}

namespace detail {

// The task that is running now; awaiting needs one. Throws RuntimeError outside a task.
TaskState& runningTask();

struct PromiseBase {
    // Coroutine frames come from the pool (see Pool.h).
    static void* operator new(std::size_t size) { return poolAllocate(size); }
    static void operator delete(void* block, std::size_t size) noexcept { poolFree(block, size); }

    PromiseBase(const SourceLocation& definition_, bool visible_);
    ~PromiseBase();
    PromiseBase(const PromiseBase&) = delete;
    PromiseBase& operator=(const PromiseBase&) = delete;

    std::coroutine_handle<> continuation;
    TaskState* task = nullptr;
    Loop* loop = nullptr;              // the loop running when the coroutine was created
    const char* name = "";             // the coroutine's name
    SourceLocation definition;         // where the coroutine function is
    SourceLocation creation;           // where the coroutine object was made (scripts set it)
    TimeNs createdAt = 0;
    TaskId createdBy = kNoTask;
    std::exception_ptr exception;
    FrameId frame = 0;
    bool visible = true;
    bool started = false;              // awaited or scheduled: never "never awaited"
    bool frameEntered = false;
    bool frameKnown = false;           // `frame` was already interned (a task's root frame)

    void enterFrame();
    void exitFrame();
    // The coroutine object is destroyed: if it never ran, record it as never awaited.
    void dropped();

    template <class A>
    A&& await_transform(A&& awaitable, SourceLocation where = SourceLocation::current()) {
        if (visible && task)
            task->location = where;
        return std::forward<A>(awaitable);
    }
    template <class A>
    A&& await_transform(Located<A>&& located) {
        if (visible && task)
            task->location = located.where;
        return std::forward<A>(located.awaitable);
    }

    struct InitialAwaiter {
        PromiseBase* promise;
        bool await_ready() const noexcept { return false; }
        void await_suspend(std::coroutine_handle<>) const noexcept {}
        void await_resume() const {
            // A task cancelled before its first step never runs its body (coro.throw on a new coroutine).
            if (promise->task)
                promise->task->throwPendingIfAny();
            promise->enterFrame();
        }
    };
    struct FinalAwaiter {
        bool await_ready() const noexcept { return false; }
        template <class P>
        std::coroutine_handle<> await_suspend(std::coroutine_handle<P> handle) const noexcept {
            PromiseBase& promise = handle.promise();
            promise.exitFrame();
            return promise.continuation ? promise.continuation : std::noop_coroutine();
        }
        void await_resume() const noexcept {}
    };

    InitialAwaiter initial_suspend() noexcept { return {this}; }
    FinalAwaiter final_suspend() noexcept { return {}; }
    void unhandled_exception() noexcept { exception = std::current_exception(); }
};

// The task a suspending coroutine belongs to: straight from its promise when it is one of
// ours (no thread-local lookup on the hot path), else the running task.
template <class P>
TaskState& taskOf(std::coroutine_handle<P> handle) {
    if constexpr (std::is_base_of_v<PromiseBase, P>) {
        if (TaskState* task = handle.promise().task)
            return *task;
    }
    return runningTask();
}

template <class T>
struct PromiseResult {
    std::optional<T> value;
    template <class U = T>
    void return_value(U&& result) {
        value.emplace(std::forward<U>(result));
    }
};
template <>
struct PromiseResult<void> {
    std::optional<std::monostate> value;
    void return_void() { value.emplace(); }
};

} // namespace detail
} // namespace awaitscope
