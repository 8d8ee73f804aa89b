#include "awaitscope/runtime/Blocking.h"

#include <thread>

namespace awaitscope {

namespace {

void hold(std::chrono::nanoseconds duration, BlockKind kind, std::string_view what, const SourceLocation& where) {
    if (Loop* loop = Loop::current()) {
        loop->block(duration.count(), kind, what, where);
        return;
    }
    // A worker thread of to_thread on the wall clock: no loop here, the time is simply spent.
    if (kind == BlockKind::Cpu) {
        const auto until = std::chrono::steady_clock::now() + duration;
        while (std::chrono::steady_clock::now() < until) {
        }
    } else {
        std::this_thread::sleep_for(duration);
    }
}

} // namespace

void blockingSleep(std::chrono::nanoseconds duration, SourceLocation where) {
    hold(duration, BlockKind::Sleep, "time.sleep", where);
}

void blockingCall(std::string_view what, std::chrono::nanoseconds duration, SourceLocation where) {
    hold(duration, BlockKind::Network, what, where);
}

void cpuWork(std::chrono::nanoseconds cost, std::string_view what, SourceLocation where) {
    hold(cost, BlockKind::Cpu, what, where);
}

} // namespace awaitscope
