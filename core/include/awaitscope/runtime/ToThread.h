#pragma once

// asyncio.to_thread: the work runs off the loop, so other tasks keep running while it does.
// On the virtual clock the work runs at once on a clock of its own (blocking calls inside it
// advance that clock, not the loop's) and its result arrives when that clock says it is done;
// like CPython's default executor, at most min(32, cores + 4) jobs run at a time (with the
// core count fixed, kAssumedCpuCount). On the
// wall clock it runs on a real thread. Either way the trace gets a thread lane for it.
#include "awaitscope/runtime/Task.h"

#include <functional>
#include <memory>
#include <string>
#include <thread>

namespace awaitscope {

namespace detail {

// Runs `work` as to_thread does and resolves `future` when it is done. `work` stores its
// result in the future's slot before returning; exceptions it throws become the future's.
void startThreadWork(FutureState& future, std::function<void()> work, std::string label, const SourceLocation& where);

// A job run at once on the virtual clock: its thread lane, when it ran, and how it failed.
struct VirtualThreadJob {
    TaskId lane = kNoTask;
    TimeNs start = 0;
    TimeNs end = 0;
    std::exception_ptr error;
};
// Runs `work` now, on a new thread lane named `label`, as `worker` would: from when the worker
// is free (or now, if later), on a clock of its own. The worker is then busy until it ends.
VirtualThreadJob runOnVirtualWorker(Loop& loop, ThreadWorker& worker, const std::function<void()>& work,
                                    std::string_view label, const SourceLocation& where);

} // namespace detail

template <class F>
detail::Op<std::invoke_result_t<F>> toThread(F function, std::string label = "to_thread",
                                             SourceLocation where = SourceLocation::current()) {
    using R = std::invoke_result_t<F>;
    Loop& loop = Loop::running();
    detail::Ref<detail::FutureValue<R>> future(new detail::FutureValue<R>(loop, WaitKind::Thread));
    detail::FutureValue<R>* raw = future.get();
    detail::startThreadWork(
        *future,
        [raw, function = std::move(function)]() mutable {
            if constexpr (std::is_void_v<R>) {
                function();
                raw->value.emplace();
            } else {
                raw->value.emplace(function());
            }
        },
        label, where);
    co_return co_await detail::FutureAwaiter<R>{future.get(), future.get(), WaitKind::Thread, "asyncio.to_thread"};
}

} // namespace awaitscope
