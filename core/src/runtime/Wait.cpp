#include "awaitscope/runtime/Wait.h"

namespace awaitscope {

namespace {

struct WaitState final : detail::RefCounted {
    ReturnWhen returnWhen = ReturnWhen::AllCompleted;
    std::size_t counter = 0;
    detail::Ref<detail::FutureValue<void>> waiter;
    detail::Ref<detail::CancelToken> timeoutHandle;

    void resolve() {
        if (timeoutHandle)
            timeoutHandle->cancelled = true;
        if (!waiter->done()) {
            waiter->value.emplace();
            waiter->markFinished();
        }
    }

    // _on_completion: each registration holds a reference, dropped when it runs or is removed.
    static void onCompletion(void* self, void* future, bool run) {
        detail::Ref<WaitState> state(static_cast<WaitState*>(self));
        state->release();
        if (!run)
            return;
        auto& f = *static_cast<detail::FutureState*>(future);
        --state->counter;
        bool finished = state->counter == 0 || state->returnWhen == ReturnWhen::FirstCompleted;
        if (!finished && state->returnWhen == ReturnWhen::FirstException && !f.cancelled()) {
            f.markRetrieved();  // f.exception() in asyncio marks it retrieved
            finished = static_cast<bool>(f.storedException());
        }
        if (finished)
            state->resolve();
    }
};

} // namespace

detail::Op<void> wait(std::vector<detail::Ref<detail::FutureState>> futures, ReturnWhen returnWhen,
                      std::optional<std::chrono::nanoseconds> timeout) {
    Loop& loop = Loop::running();
    detail::Ref<WaitState> state(new WaitState);
    state->returnWhen = returnWhen;
    state->counter = futures.size();
    state->waiter = detail::Ref<detail::FutureValue<void>>(new detail::FutureValue<void>(loop, WaitKind::Wait));
    if (timeout) {
        detail::Ref<WaitState> keep = state;
        state->timeoutHandle = loop.callLater(timeout->count(), [keep] { keep->resolve(); }, CallbackKind::Timeout);
    }
    for (const auto& future : futures) {
        state->addRef();
        future->addDoneCallback({&WaitState::onCompletion, state.get(), CallbackKind::WaitChild});
    }
    std::exception_ptr error;
    try {
        co_await detail::FutureAwaiter<void>{state->waiter.get(), state->waiter.get(), WaitKind::Wait, "asyncio.wait"};
    } catch (...) {
        error = std::current_exception();
    }
    if (state->timeoutHandle)
        state->timeoutHandle->cancelled = true;
    for (const auto& future : futures)
        for (std::size_t n = future->removeDoneCallback(&WaitState::onCompletion, state.get()); n > 0; --n)
            state->release();
    if (error)
        std::rethrow_exception(error);
}

} // namespace awaitscope
