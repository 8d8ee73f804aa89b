#include "awaitscope/runtime/Sleep.h"

namespace awaitscope {

namespace {

// futures._set_result_unless_cancelled
void setResultUnlessCancelled(void* self, void*, bool run) {
    auto* future = static_cast<detail::FutureValue<void>*>(self);
    if (run && !future->cancelled()) {
        future->value.emplace();
        future->markFinished();
    }
}

} // namespace

void SleepAwaiter::await_suspend(std::coroutine_handle<> handle) {
    detail::TaskState& task = detail::runningTask();
    if (delay_ <= 0) {
        task.suspendYield(handle);
        return;
    }
    Loop& loop = task.loop();
    future_ = new detail::FutureValue<void>(loop, WaitKind::Timer);
    timer_ = new detail::CancelToken;
    future_->addRef();  // held by the timer until it fires or is dropped
    timer_->addRef();
    loop.pushTimer(loop.now() + delay_,
                   {&setResultUnlessCancelled, future_.get(), future_.get(), timer_.get(), -1, true});
    task.suspendOnFuture(handle, *future_, WaitKind::Timer, "asyncio.sleep", kNoTask);
}

void SleepAwaiter::await_resume() {
    if (timer_)
        timer_->cancelled = true;  // sleep's `finally: h.cancel()`
    detail::runningTask().throwPendingIfAny();
    if (future_)
        if (std::exception_ptr error = future_->errorForResult())
            std::rethrow_exception(error);
}

} // namespace awaitscope
