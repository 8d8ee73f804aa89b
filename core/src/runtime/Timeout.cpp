#include "awaitscope/runtime/Timeout.h"

namespace awaitscope {

Timeout timeout(std::optional<std::chrono::nanoseconds> delay) {
    if (!delay)
        return Timeout(std::nullopt);
    return Timeout(Loop::running().now() + delay->count());
}

Timeout timeoutAt(std::optional<TimeNs> when) { return Timeout(when); }

namespace detail {

void TimeoutState::enter() {
    Loop& loop = Loop::running();
    if (state_ != State::Created)
        std::rethrow_exception(loop.exceptionPolicy().runtimeError("Timeout has already been entered"));
    if (!loop.currentTask())
        std::rethrow_exception(loop.exceptionPolicy().runtimeError("Timeout should be used inside a task"));
    state_ = State::Entered;
    task_ = loop.currentTask();
    cancelling_ = task_->cancelling();
    reschedule(when_);
}

void TimeoutState::reschedule(std::optional<TimeNs> when) {
    Loop& loop = Loop::running();
    if (state_ != State::Entered)
        std::rethrow_exception(loop.exceptionPolicy().runtimeError(
            state_ == State::Created ? "Timeout has not been entered" : "Cannot change state of a finished Timeout"));
    when_ = when;
    if (handle_)
        handle_->cancelled = true;
    handle_.reset();
    if (!when)
        return;
    Ref<TimeoutState> self(this);
    auto fire = [self] { self->onTimeout(); };
    handle_ = *when <= loop.now() ? loop.callSoon(fire, CallbackKind::Timeout) : loop.callAt(*when, fire, CallbackKind::Timeout);
}

void TimeoutState::onTimeout() {
    task_->cancel();
    state_ = State::Expiring;
    handle_.reset();
}

std::exception_ptr TimeoutState::exit(const std::exception_ptr& error) {
    if (handle_) {
        handle_->cancelled = true;
        handle_.reset();
    }
    if (state_ == State::Expiring) {
        state_ = State::Expired;
        const ExceptionPolicy& policy = task_->loop().exceptionPolicy();
        if (task_->uncancel() <= cancelling_ && error && policy.isCancelled(error))
            return policy.withCause(policy.timeout(), error);
    } else if (state_ == State::Entered) {
        state_ = State::Exited;
    }
    return nullptr;
}

void releaseWaiter(void* waiter, void*, bool run) {
    auto* future = static_cast<FutureValue<void>*>(waiter);
    if (run && !future->done()) {
        future->value.emplace();
        future->markFinished();
    }
    future->release();
}

Op<void> cancelAndWait(Ref<FutureState> future) {
    Loop& loop = Loop::running();
    Ref<FutureValue<void>> waiter(new FutureValue<void>(loop, WaitKind::Task, "asyncio.wait_for"));
    waiter->addRef();
    future->addDoneCallback({&releaseWaiter, waiter.get(), CallbackKind::WaitChild});
    std::exception_ptr interrupted;
    try {
        future->cancel();
        co_await FutureAwaiter<void>{waiter.get(), waiter.get(), WaitKind::Task, "asyncio.wait_for"};
    } catch (...) {
        interrupted = std::current_exception();
    }
    for (std::size_t n = future->removeDoneCallback(&releaseWaiter, waiter.get()); n > 0; --n)
        waiter->release();
    if (interrupted)
        std::rethrow_exception(interrupted);
}

} // namespace detail
} // namespace awaitscope
