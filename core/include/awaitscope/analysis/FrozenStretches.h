#pragma once

// A frozen loop: one task step that held the loop for at least the threshold without
// yielding (CPython's loop.slow_callback_duration in debug mode, 100 ms by default).
#include "awaitscope/analysis/TraceIndex.h"

#include <vector>

namespace awaitscope {

inline constexpr TimeNs kDefaultFrozenThreshold = 100'000'000;
inline constexpr BlockId kNoBlock = 0xFFFFFFFFu;

// A task whose timer fell due, or whose work on a thread ended, while the loop was frozen,
// and when it finally ran.
struct FrozenVictim {
    TaskId task = kNoTask;
    TimeNs due = 0;
    TimeNs resumed = 0;
    WaitKind cause = WaitKind::Timer;  // Timer, or Thread: what made it due
    TimeNs lateBy() const { return resumed - due; }
};

struct FrozenStretch {
    TimeNs begin = 0;
    TimeNs end = 0;
    TaskId culprit = kNoTask;
    SiteId site = kUnknownSite;  // the blocking call's line, or the step's await line
    BlockId block = kNoBlock;    // the longest blocking call inside the step, if any
    std::vector<FrozenVictim> victims;
    TimeNs duration() const { return end - begin; }
};

// Who a freeze made late, worst first, for words that must stay short: the `named` latest
// tasks (all of them when only a couple more would follow), and how many more there were.
// The culprit's own wake-up is no victim: only real lateness counts.
struct LateVictims {
    std::vector<FrozenVictim> named;
    std::size_t more = 0;
    TimeNs moreUpTo = 0;  // the longest delay among the ones not named
};
LateVictims lateVictims(const FrozenStretch& stretch, std::size_t named);

std::vector<FrozenStretch> findFrozenStretches(const Trace& trace, const TraceIndex& index,
                                               TimeNs threshold = kDefaultFrozenThreshold);

} // namespace awaitscope
