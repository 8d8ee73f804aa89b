#include "awaitscope/runtime/detail/FutureState.h"

#include "awaitscope/runtime/Loop.h"
#include "awaitscope/runtime/detail/TaskState.h"

#include <algorithm>

namespace awaitscope::detail {

LiveCounts& liveCounts() {
    thread_local LiveCounts counts;
    return counts;
}

namespace {

std::string_view defaultLabel(WaitKind kind) {
    switch (kind) {
    case WaitKind::Timer: return "asyncio.sleep";
    case WaitKind::Gather: return "asyncio.gather";
    case WaitKind::TaskGroup: return "TaskGroup";
    case WaitKind::Event: return "Event.wait";
    case WaitKind::Lock: return "Lock.acquire";
    case WaitKind::Semaphore: return "Semaphore.acquire";
    case WaitKind::Queue: return "Queue";
    case WaitKind::Thread: return "asyncio.to_thread";
    case WaitKind::Condition: return "Condition.wait";
    case WaitKind::Wait: return "asyncio.wait";
    case WaitKind::Shield: return "asyncio.shield";
    case WaitKind::Stream: return "StreamReader.read";
    default: return "future";
    }
}

} // namespace

FutureState::FutureState(Loop& loop, WaitKind kind, std::string_view label)
    : loop_(&loop), label_(label.empty() ? defaultLabel(kind) : label), kind_(kind) {
    ++liveCounts().futures;
}

FutureState::~FutureState() {
    if (logTraceback_)
        loop_->reportUnretrieved(*this);
    // A future nobody holds any more can never finish: whatever its callbacks hold (a script
    // callback and the future object it is called with) would otherwise outlive it.
    dropCallbacks();
    --liveCounts().futures;
}

bool FutureState::cancel(std::optional<std::string> message) { return cancelFuture(std::move(message)); }

bool FutureState::cancelFuture(std::optional<std::string> message) {
    logTraceback_ = false;
    if (status_ != Status::Pending)
        return false;
    status_ = Status::Cancelled;
    cancelMessage_ = std::move(message);
    scheduleCallbacks();
    return true;
}

void FutureState::markFinished() {
    if (status_ != Status::Pending)
        std::rethrow_exception(loop_->exceptionPolicy().invalidState("invalid state"));
    status_ = Status::Finished;
    scheduleCallbacks();
}

void FutureState::setException(std::exception_ptr error) {
    if (status_ != Status::Pending)
        std::rethrow_exception(loop_->exceptionPolicy().invalidState("invalid state"));
    exception_ = std::move(error);
    status_ = Status::Finished;
    scheduleCallbacks();
    logTraceback_ = true;
}

std::exception_ptr FutureState::makeCancelledError() {
    if (cancelledException_)
        return std::exchange(cancelledException_, nullptr);
    return loop_->exceptionPolicy().cancelled(cancelMessage_);
}

std::exception_ptr FutureState::errorForResult() {
    switch (status_) {
    case Status::Pending: return loop_->exceptionPolicy().invalidState("Result is not set.");
    case Status::Cancelled: return makeCancelledError();
    case Status::Finished: logTraceback_ = false; return exception_;
    }
    return nullptr;
}

std::exception_ptr FutureState::exception() {
    if (status_ == Status::Cancelled)
        std::rethrow_exception(makeCancelledError());
    if (status_ == Status::Pending)
        std::rethrow_exception(loop_->exceptionPolicy().invalidState("Exception is not set."));
    logTraceback_ = false;
    return exception_;
}

void FutureState::addDoneCallback(DoneCallback callback) {
    if (done())
        loop_->scheduleDoneCallback(*this, callback);
    else
        callbacks_.push_back(callback);
}

void FutureState::dropCallbacks() {
    std::vector<DoneCallback> callbacks;
    callbacks.swap(callbacks_);
    for (const DoneCallback& callback : callbacks)
        callback.fn(callback.self, this, false);
}

TaskId FutureState::waitingTask() const {
    for (const DoneCallback& callback : callbacks_)
        if (callback.fn == &TaskState::wakeupThunk)
            return static_cast<const TaskState*>(callback.self)->id();
    return kNoTask;
}

std::size_t FutureState::removeDoneCallback(DoneCallback::Fn fn, void* self) {
    const auto before = callbacks_.size();
    std::erase_if(callbacks_, [&](const DoneCallback& c) { return c.fn == fn && c.self == self; });
    return before - callbacks_.size();
}

std::vector<DoneCallback> FutureState::takeDoneCallbacks(const std::function<bool(const DoneCallback&)>& match) {
    std::vector<DoneCallback> taken;
    std::erase_if(callbacks_, [&](const DoneCallback& c) {
        if (!match(c))
            return false;
        taken.push_back(c);
        return true;
    });
    return taken;
}

void FutureState::scheduleCallbacks() {
    if (callbacks_.empty())
        return;
    std::vector<DoneCallback> callbacks;
    callbacks.swap(callbacks_);
    for (const DoneCallback& callback : callbacks)
        loop_->scheduleDoneCallback(*this, callback);
}

} // namespace awaitscope::detail
