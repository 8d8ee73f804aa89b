#pragma once

// asyncio.TaskGroup (3.11): tasks created in the group belong to it; leaving the block waits
// for all of them. The first failure cancels the siblings and the body, and every failure
// comes out together in an exception group. A port of taskgroups.py.
//
// C++ has no `async with`, so either call enter(), then co_await exit(error) yourself, or
// let withTaskGroup run a body between the two:
//     co_await withTaskGroup([&](TaskGroup& group) -> Task<> {
//         group.createTask(fetch("a"));
//         group.createTask(fetch("b"));
//         co_return;
//     });
#include "awaitscope/runtime/Task.h"

#include <vector>

namespace awaitscope {

namespace detail {

class TaskGroupState : public RefCounted {
public:
    explicit TaskGroupState(const SourceLocation& where) : where_(where) {}

    void enter();
    Op<void> exit(std::exception_ptr error);
    void adopt(TaskState& task);
    void checkCanCreate() const;
    ScopeId scope() const { return scope_; }
    std::size_t liveTasks() const { return liveTasks_; }

private:
    static void onTaskDone(void* self, void* future, bool run);
    void taskDone(TaskState& task);
    void abort();
    Loop& loop() const { return parentTask_->loop(); }

    SourceLocation where_;
    bool entered_ = false;
    bool exiting_ = false;
    bool aborting_ = false;
    bool parentCancelRequested_ = false;
    Ref<TaskState> parentTask_;
    std::vector<Ref<TaskState>> tasks_;  // creation order; done ones are skipped
    std::size_t liveTasks_ = 0;
    std::vector<std::exception_ptr> errors_;
    std::exception_ptr baseError_;
    Ref<FutureValue<void>> onCompleted_;
    ScopeId scope_ = kNoScope;
};

} // namespace detail

class TaskGroup {
public:
    explicit TaskGroup(SourceLocation where = SourceLocation::current()) : state_(new detail::TaskGroupState(where)) {}

    // __aenter__: the running task becomes the group's parent.
    void enter() { state_->enter(); }
    // __aexit__: waits for every task; raises the group's errors. `error` is what the body raised.
    detail::Op<void> exit(std::exception_ptr error = nullptr) { return state_->exit(std::move(error)); }

    template <class T>
    TaskHandle<T> createTask(Task<T> coroutine, std::string name = {}, SourceLocation where = SourceLocation::current()) {
        state_->checkCanCreate();
        TaskHandle<T> task = awaitscope::createTask(std::move(coroutine), TaskOptions{std::move(name), state_->scope()}, where);
        state_->adopt(*task.state());
        return task;
    }

    ScopeId scope() const { return state_->scope(); }

private:
    detail::Ref<detail::TaskGroupState> state_;
};

// `async with TaskGroup() as group: body(group)`.
template <class Body>
Task<void> withTaskGroup(Body body, SourceLocation where = SourceLocation::current()) {
    TaskGroup group(where);
    group.enter();
    std::exception_ptr error;
    try {
        co_await body(group);
    } catch (...) {
        error = std::current_exception();
    }
    co_await group.exit(error);
}

} // namespace awaitscope
