#include "awaitscope/runtime/Sleep.h"

namespace awaitscope {

namespace {

// futures._set_result_unless_cancelled
void setResultUnlessCancelled(void* self, void*, bool run) {
    auto* future = static_cast<SleepAwaiter::SleepFuture*>(self);
    if (run && !future->cancelled()) {
        future->value.emplace();
        future->markFinished();
    }
}

} // namespace

void SleepAwaiter::armTimer(detail::TaskState& task, std::coroutine_handle<> handle) {
    Loop& loop = task.loop();
    future_ = new SleepFuture(loop);
    future_->addRef();  // held by the timer until it fires or is dropped
    loop.pushTimer(loop.now() + delay_,
                   {&setResultUnlessCancelled, future_.get(), nullptr, &future_->timerCancelled, future_.get(),
                    CallbackKind::TimerDue});
    task.suspendOnFuture(handle, *future_, WaitKind::Timer, "asyncio.sleep", kNoTask);
}

void SleepAwaiter::finishTimedWait() {
    future_->timerCancelled = true;  // sleep's `finally: h.cancel()`
    task_->throwPendingIfAny();
    if (std::exception_ptr error = future_->errorForResult())
        std::rethrow_exception(error);
}

} // namespace awaitscope
