#pragma once

// asyncio.Task without the typed value: the step/wakeup machinery of tasks.py. A task owns
// its root coroutine frame and resumes whichever nested frame last suspended.
#include "awaitscope/runtime/SourceLocation.h"
#include "awaitscope/runtime/detail/FutureState.h"

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
    const std::string& name() const { return name_; }
    void setName(std::string name);
    TaskKind taskKind() const { return TaskKind::Task; }

    // Task.cancel(): cancels what the task awaits, or marks it to be cancelled at its next step.
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
    void suspendYield(std::coroutine_handle<> resumeAt);
    // Called by an awaiter's await_resume: the exception the step delivers at this await.
    void throwPendingIfAny();

    // The location of the innermost visible frame's current await (for the recorder).
    SourceLocation location;

    // Registration with the loop (creation order list of pending tasks).
    TaskState* nextPending = nullptr;
    TaskState* previousPending = nullptr;

    static void stepThunk(void* self, void* arg, bool run);
    static void wakeupThunk(void* self, void* future, bool run);

    void start(TaskId id, std::string name);

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

    std::coroutine_handle<> root_;
    std::coroutine_handle<> resumePoint_;
    Ref<FutureState> futWaiter_;
    std::exception_ptr pendingThrow_;
    std::string name_;
    TaskId id_ = kNoTask;
    int numCancelsRequested_ = 0;
    bool mustCancel_ = false;

    // What the last resume ended on (set by the awaiter, consumed by step()).
    Suspension suspension_ = Suspension::None;
    Ref<FutureState> awaited_;
    WaitKind awaitedKind_ = WaitKind::None;
    std::string_view awaitedWhat_;
    TaskId awaitedTarget_ = kNoTask;
};

} // namespace awaitscope::detail
