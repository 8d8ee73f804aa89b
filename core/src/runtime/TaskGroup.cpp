#include "awaitscope/runtime/TaskGroup.h"

namespace awaitscope::detail {

void TaskGroupState::enter() {
    Loop& running = Loop::running();
    if (entered_)
        std::rethrow_exception(running.exceptionPolicy().runtimeError("TaskGroup has already been entered"));
    if (!running.currentTask())
        std::rethrow_exception(running.exceptionPolicy().runtimeError("TaskGroup cannot determine the parent task"));
    parentTask_ = running.currentTask();
    entered_ = true;
    if (Recorder* recorder = running.recorder())
        scope_ = recorder->scopeBegin(ScopeKind::TaskGroup, parentTask_->id(), where_, running.now());
}

void TaskGroupState::checkCanCreate() const {
    const ExceptionPolicy& policy = Loop::running().exceptionPolicy();
    if (!entered_)
        std::rethrow_exception(policy.runtimeError("TaskGroup has not been entered"));
    if (exiting_ && liveTasks_ == 0)
        std::rethrow_exception(policy.runtimeError("TaskGroup is finished"));
    if (aborting_)
        std::rethrow_exception(policy.runtimeError("TaskGroup is shutting down"));
}

void TaskGroupState::adopt(TaskState& task) {
    tasks_.emplace_back(&task);
    ++liveTasks_;
    addRef();  // the done-callback keeps the group alive
    task.addDoneCallback({&TaskGroupState::onTaskDone, this, CallbackKind::TaskGroupChild});
}

void TaskGroupState::abort() {
    aborting_ = true;
    for (const Ref<TaskState>& task : tasks_)
        if (!task->done())
            task->cancel();
}

void TaskGroupState::onTaskDone(void* self, void* future, bool run) {
    auto* group = static_cast<TaskGroupState*>(self);
    if (run)
        group->taskDone(*static_cast<TaskState*>(future));
    group->release();
}

void TaskGroupState::taskDone(TaskState& task) {
    --liveTasks_;
    if (onCompleted_ && liveTasks_ == 0 && !onCompleted_->done()) {
        onCompleted_->value.emplace();
        onCompleted_->markFinished();
    }
    if (task.cancelled())
        return;
    std::exception_ptr error = task.exception();
    if (!error)
        return;
    errors_.push_back(error);
    const ExceptionPolicy& policy = task.loop().exceptionPolicy();
    if (policy.isBaseError(error) && !baseError_)
        baseError_ = error;
    if (parentTask_->done())
        return;  // asyncio only logs this case
    if (!aborting_ && !parentCancelRequested_) {
        abort();
        parentCancelRequested_ = true;
        parentTask_->cancel();
    }
}

Op<void> TaskGroupState::exit(std::exception_ptr error) {
    Ref<TaskGroupState> keepAlive(this);
    Loop& running = loop();
    const ExceptionPolicy& policy = running.exceptionPolicy();
    exiting_ = true;
    if (error && policy.isBaseError(error) && !baseError_)
        baseError_ = error;
    const bool bodyCancelled = error && policy.isCancelled(error);
    std::exception_ptr propagateCancellation = bodyCancelled ? error : nullptr;
    if (parentCancelRequested_ && parentTask_->uncancel() == 0)
        propagateCancellation = nullptr;
    if (error && !aborting_)
        abort();

    while (liveTasks_ > 0) {
        if (!onCompleted_)
            onCompleted_ = new FutureValue<void>(running, WaitKind::TaskGroup);
        std::exception_ptr interrupted;
        try {
            co_await FutureAwaiter<void>{onCompleted_.get(), onCompleted_.get(), WaitKind::TaskGroup, "TaskGroup"};
        } catch (...) {
            interrupted = std::current_exception();
        }
        if (interrupted) {
            if (!policy.isCancelled(interrupted))
                std::rethrow_exception(interrupted);
            if (!aborting_) {
                propagateCancellation = interrupted;
                abort();
            }
        }
        onCompleted_.reset();
    }

    if (Recorder* recorder = running.recorder())
        recorder->scopeEnd(scope_, running.now());
    if (baseError_)
        std::rethrow_exception(baseError_);
    if (propagateCancellation && errors_.empty())
        std::rethrow_exception(propagateCancellation);
    if (error && !bodyCancelled)
        errors_.push_back(error);
    if (!errors_.empty()) {
        std::vector<std::exception_ptr> errors = std::move(errors_);
        errors_.clear();
        std::rethrow_exception(policy.exceptionGroup("unhandled errors in a TaskGroup", std::move(errors)));
    }
}

} // namespace awaitscope::detail
