#pragma once

// asyncio.wait: suspends until the first future finishes, the first one fails, or all are
// done, or until the timeout passes (which raises nothing). A port of tasks.py's _wait: a
// done-callback on every future counts them down and resolves one waiter, so the waiting task
// wakes one loop iteration after the callback, as under CPython. The caller then splits the
// futures into done and pending by asking each.
#include "awaitscope/runtime/Task.h"

#include <chrono>
#include <optional>
#include <vector>

namespace awaitscope {

enum class ReturnWhen : std::uint8_t { FirstCompleted, FirstException, AllCompleted };

// `futures` must not be empty (asyncio raises ValueError before it gets here).
detail::Op<void> wait(std::vector<detail::Ref<detail::FutureState>> futures, ReturnWhen returnWhen,
                      std::optional<std::chrono::nanoseconds> timeout = std::nullopt);

} // namespace awaitscope
