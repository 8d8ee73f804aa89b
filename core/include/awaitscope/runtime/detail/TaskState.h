#pragma once

// asyncio.Task without the typed value: the step/wakeup machinery of tasks.py. A task owns
// its root coroutine frame and resumes whichever nested frame last suspended.
#include "awaitscope/trace/SourceLocation.h"
#include "awaitscope/runtime/detail/FutureState.h"
#include "awaitscope/trace/Recorder.h"

#include <coroutine>
#include <string>
#include <string_view>

namespace awaitscope::detail {

struct PromiseBase;

class TaskState : public FutureState {
public:
    TaskState(Loop& loop, std::coroutine_handle<> root, PromiseBase& rootPromise);
    ~TaskState() override;

    TaskId id() const { return id_; }
    TaskId taskId() const override { return id_; }
    // The given name, or asyncio's "Task-N", spelled out the first time it is asked for.
    const std::string& name() const;
    void setName(std::string name);
    // asyncio's repr: "<Task pending name='Task-2' coro=<worker() running at demo.py:6>>".
    std::string repr() const;
    TaskKind taskKind() const { return TaskKind::Task; }

    // Task.cancel(): cancels what the task awaits, or marks it to be cancelled at its next step.
    // Throws the policy's RecursionError when what it awaits awaits it back (a cycle).
    bool cancel(std::optional<std::string> message = std::nullopt) override;
    int cancelling() const { return numCancelsRequested_; }
    int uncancel() {
        if (numCancelsRequested_ > 0)
            --numCancelsRequested_;
        return numCancelsRequested_;
    }

    // Called by awaiters from inside a step, just before the coroutine suspends.
    void suspendOnFuture(std::coroutine_handle<> resumeAt, FutureState& future, WaitKind kind, std::string_view what,
                         TaskId target);
    void suspendYield(std::coroutine_handle<> resumeAt) {
        resumePoint_ = resumeAt;
        suspension_ = Suspension::Yield;
    }
    // Called by an awaiter's await_resume: the exception the step delivers at this await.
    void throwPendingIfAny() {
        if (pendingThrow_) [[unlikely]]
            std::rethrow_exception(std::exchange(pendingThrow_, nullptr));
    }

    // The location of the innermost visible frame's current await (for the recorder).
    SourceLocation location;

    // Registration with the loop (creation order list of pending tasks).
    TaskState* nextPending = nullptr;
    TaskState* previousPending = nullptr;

    static void stepThunk(void* self, void* arg, bool run);
    static void wakeupThunk(void* self, void* future, bool run);

    void start(TaskId id, std::string name, std::uint64_t number);
    // The loop goes away while this task is pending: destroy its frames and drop its callbacks.
    void abandon();
    // asyncio.run found it pending when main returned; recorded once however often asked.
    bool markPendingAtExit() { return !std::exchange(pendingAtExitRecorded_, true); }

protected:
    // Moves the root coroutine's result into the typed slot and destroys the frame.
    // Returns the coroutine's exception, if any.
    virtual std::exception_ptr harvestRoot() = 0;

private:
    friend class awaitscope::Loop;
    void step(std::exception_ptr error);
    void finishStep();
    void wakeup(FutureState& future);

    enum class Suspension : std::uint8_t { None, Future, Yield };
    class CancelInProgress;

    std::coroutine_handle<> root_;
    std::coroutine_handle<> resumePoint_;
    Ref<FutureState> futWaiter_;
    std::exception_ptr pendingThrow_;
    mutable std::string name_;
    std::uint64_t number_ = 0;
    TaskId id_ = kNoTask;
    int numCancelsRequested_ = 0;
    bool mustCancel_ = false;
    bool pendingAtExitRecorded_ = false;
    bool cancelling_ = false;  // cancel() is cancelling what this task awaits

    // What the last resume ended on (set by the awaiter, consumed by step()).
    Suspension suspension_ = Suspension::None;
    Ref<FutureState> awaited_;
    WaitKind awaitedKind_ = WaitKind::None;
    std::string_view awaitedWhat_;
    TaskId awaitedTarget_ = kNoTask;
};

} // namespace awaitscope::detail
