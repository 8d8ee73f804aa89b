#pragma once

// Task<T>: a lazy, move-only coroutine. Calling a coroutine function runs nothing; awaiting
// the Task runs it inline, as a nested frame of the current task; createTask schedules it as
// a new task (a new lane). Exceptions travel to the awaiter. Destroying a Task that never
// ran records a never-awaited coroutine.
#include "awaitscope/runtime/Loop.h"
#include "awaitscope/runtime/detail/Promise.h"

#include <coroutine>
#include <optional>
#include <string>
#include <type_traits>
#include <utility>

namespace awaitscope {

namespace detail {

template <class T, bool Visible>
struct Promise final : PromiseBase, PromiseResult<T> {
    explicit Promise(SourceLocation definition_ = SourceLocation::current()) : PromiseBase(definition_, Visible) {}
    BasicTask<T, Visible> get_return_object() noexcept;
};

// A future's result as T (nothing for void). Shared results are copied; move-only ones go
// to the first reader.
template <class T>
T resultOf(std::optional<Stored<T>>& value) {
    if constexpr (std::is_void_v<T>)
        return;
    else if constexpr (std::is_copy_constructible_v<T>)
        return *value;
    else
        return std::move(*value);
}

} // namespace detail

template <class T, bool Visible>
class [[nodiscard]] BasicTask {
public:
    using promise_type = detail::Promise<T, Visible>;
    using Handle = std::coroutine_handle<promise_type>;
    using value_type = T;

    BasicTask() = default;
    explicit BasicTask(Handle handle) : handle_(handle) {}
    BasicTask(BasicTask&& other) noexcept : handle_(std::exchange(other.handle_, nullptr)) {}
    BasicTask& operator=(BasicTask&& other) noexcept {
        if (this != &other) {
            destroy();
            handle_ = std::exchange(other.handle_, nullptr);
        }
        return *this;
    }
    BasicTask(const BasicTask&) = delete;
    BasicTask& operator=(const BasicTask&) = delete;
    ~BasicTask() { destroy(); }

    bool valid() const { return static_cast<bool>(handle_); }
    bool started() const { return handle_ && handle_.promise().started; }
    const char* name() const { return handle_ ? handle_.promise().name : ""; }

    // Names the coroutine and says where it was defined and created (the interpreter's scripts).
    BasicTask& describe(const char* name, const SourceLocation& definition, const SourceLocation& creation) {
        if (handle_) {
            promise_type& promise = handle_.promise();
            promise.name = name;
            promise.definition = definition;
            promise.creation = creation;
        }
        return *this;
    }

    struct Awaiter {
        Handle handle;
        bool await_ready() const noexcept { return false; }
        template <class ParentPromise>
        std::coroutine_handle<> await_suspend(std::coroutine_handle<ParentPromise> parent) {
            promise_type& promise = handle.promise();
            if (promise.started)
                throw RuntimeError("cannot reuse already awaited coroutine");
            promise.task = &detail::taskOf(parent);
            promise.started = true;
            promise.continuation = parent;
            return handle;
        }
        T await_resume() {
            promise_type& promise = handle.promise();
            if (promise.exception)
                std::rethrow_exception(promise.exception);
            if constexpr (!std::is_void_v<T>)
                return std::move(*promise.value);
        }
    };
    Awaiter operator co_await() && noexcept { return Awaiter{handle_}; }

    // Ownership of the frame moves to a task.
    Handle release() { return std::exchange(handle_, nullptr); }

private:
    void destroy() {
        if (handle_) {
            handle_.promise().dropped();
            std::exchange(handle_, nullptr).destroy();
        }
    }

    Handle handle_;
};

template <class T = void>
using Task = BasicTask<T, true>;

namespace detail {

// The runtime's own coroutines (Lock.acquire, TaskGroup.__aexit__, ...): not drawn as frames.
template <class T = void>
using Op = BasicTask<T, false>;

template <class T, bool Visible>
BasicTask<T, Visible> Promise<T, Visible>::get_return_object() noexcept {
    return BasicTask<T, Visible>(std::coroutine_handle<Promise>::from_promise(*this));
}

template <class T>
class TaskStateT final : public TaskState, public ValueSlot<T> {
public:
    using Handle = typename Task<T>::Handle;
    TaskStateT(Loop& loop, Handle handle) : TaskState(loop, handle, handle.promise()), handle_(handle) {}

private:
    std::exception_ptr harvestRoot() override {
        auto& promise = handle_.promise();
        std::exception_ptr error = promise.exception;
        if (!error)
            this->value = std::move(promise.value);
        handle_.destroy();
        handle_ = nullptr;
        return error;
    }
    Handle handle_;
};

// Awaiting any future: suspend unless done, then return its result or raise its exception.
template <class T>
struct FutureAwaiter {
    FutureState* state;
    ValueSlot<T>* slot;
    WaitKind kind;
    std::string_view what;
    TaskId target = kNoTask;

    TaskState* task = nullptr;  // set when it suspends

    bool await_ready() const noexcept { return state->done(); }
    template <class Promise>
    void await_suspend(std::coroutine_handle<Promise> handle) {
        task = &taskOf(handle);
        task->suspendOnFuture(handle, *state, kind, what, target);
    }
    T await_resume() {
        if (task)
            task->throwPendingIfAny();
        if (std::exception_ptr error = state->errorForResult())
            std::rethrow_exception(error);
        return resultOf<T>(slot->value);
    }
};

} // namespace detail

// asyncio.Future: a result that someone will set. It can also stand for any future of
// the runtime that yields a T (a gather, a task).
template <class T = void>
class Future {
public:
    Future() = default;
    Future(detail::FutureState* state, detail::ValueSlot<T>* slot) : state_(state), slot_(slot) {}
    explicit Future(detail::FutureValue<T>* state) : state_(state), slot_(state) {}

    bool valid() const { return static_cast<bool>(state_); }
    bool done() const { return state_->done(); }
    bool cancelled() const { return state_->cancelled(); }
    bool cancel(std::optional<std::string> message = std::nullopt) { return state_->cancel(std::move(message)); }
    template <class U = detail::Stored<T>>
    void setResult(U&& value) {
        if (state_->done())
            std::rethrow_exception(state_->loop().exceptionPolicy().invalidState("invalid state"));
        slot_->value.emplace(std::forward<U>(value));
        state_->markFinished();
    }
    void setResult()
        requires std::is_void_v<T>
    {
        setResult(std::monostate{});
    }
    void setException(std::exception_ptr error) { state_->setException(std::move(error)); }
    T result() const {
        if (std::exception_ptr error = state_->errorForResult())
            std::rethrow_exception(error);
        return detail::resultOf<T>(slot_->value);
    }
    std::exception_ptr exception() const { return state_->exception(); }
    detail::FutureState* state() const { return state_.get(); }

    detail::FutureAwaiter<T> operator co_await() const { return {state_.get(), slot_, state_->kind(), state_->label()}; }

private:
    detail::Ref<detail::FutureState> state_;
    detail::ValueSlot<T>* slot_ = nullptr;
};

template <class T = void>
Future<T> createFuture(WaitKind kind = WaitKind::Future, std::string_view label = {}) {
    return Future<T>(new detail::FutureValue<T>(Loop::running(), kind, label));
}

// The handle of a scheduled task (what asyncio.create_task returns).
template <class T = void>
class TaskHandle {
public:
    using value_type = T;
    TaskHandle() = default;
    explicit TaskHandle(detail::TaskStateT<T>* state) : state_(state) {}

    bool valid() const { return static_cast<bool>(state_); }
    TaskId id() const { return state_->id(); }
    const std::string& name() const { return state_->name(); }
    void setName(std::string name) { state_->setName(std::move(name)); }
    bool done() const { return state_->done(); }
    bool cancelled() const { return state_->cancelled(); }
    bool cancel(std::optional<std::string> message = std::nullopt) { return state_->cancel(std::move(message)); }
    int cancelling() const { return state_->cancelling(); }
    int uncancel() { return state_->uncancel(); }
    T result() const {
        if (std::exception_ptr error = state_->errorForResult())
            std::rethrow_exception(error);
        return detail::resultOf<T>(state_->value);
    }
    std::exception_ptr exception() const { return state_->exception(); }
    detail::TaskStateT<T>* state() const { return state_.get(); }

    detail::FutureAwaiter<T> operator co_await() const {
        return {state_.get(), state_.get(), WaitKind::Task, state_->name(), state_->id()};
    }

private:
    detail::Ref<detail::TaskStateT<T>> state_;
};

struct TaskOptions {
    std::string name;           // empty: "Task-N" as asyncio names them
    ScopeId scope = kNoScope;   // the TaskGroup or gather it belongs to
};

// asyncio.create_task: schedules the coroutine as a new task on the running loop.
template <class T>
TaskHandle<T> createTask(Task<T> coroutine, TaskOptions options = {},
                         SourceLocation where = SourceLocation::current()) {
    Loop& loop = Loop::running();
    if (!coroutine.valid() || coroutine.started())
        throw RuntimeError("a coroutine was expected that has not been awaited yet");
    auto handle = coroutine.release();
    auto* state = new detail::TaskStateT<T>(loop, handle);
    TaskHandle<T> task(state);
    loop.startTask(*state, std::move(options.name), handle.promise(), where, options.scope);
    return task;
}

template <class T>
TaskHandle<T> createTask(Task<T> coroutine, std::string name, SourceLocation where = SourceLocation::current()) {
    return createTask(std::move(coroutine), TaskOptions{std::move(name)}, where);
}

// The task running now (asyncio.current_task()), or null outside a task.
inline detail::TaskState* currentTask() {
    Loop* loop = Loop::current();
    return loop ? loop->currentTask() : nullptr;
}

template <class T>
T Loop::run(BasicTask<T, true> main, SourceLocation where) {
    RunScope scope(*this);
    TaskHandle<T> task = createTask(std::move(main), TaskOptions{}, where);
    try {
        runUntilComplete(*task.state());
    } catch (...) {
        recordPendingAtExit();
        throw;
    }
    shutdown();
    return task.result();
}

} // namespace awaitscope
