#include "awaitscope/runtime/ThreadPool.h"

namespace awaitscope {

std::size_t chooseWorker(const std::vector<TimeNs>& freeAt, std::size_t maxWorkers, TimeNs now) {
    // CPython starts a new thread only when no worker is idle (its idle semaphore); a queued
    // job goes to whichever worker takes it off the queue first, the one free first.
    std::size_t best = freeAt.size();
    for (std::size_t i = 0; i < freeAt.size(); ++i)
        if (best == freeAt.size() || freeAt[i] < freeAt[best])
            best = i;
    if (best < freeAt.size() && freeAt[best] <= now)
        return best;
    if (freeAt.size() < maxWorkers)
        return freeAt.size();
    return best;
}

std::uint64_t threadIdent(std::uint64_t n) {
    constexpr std::uint64_t kMainThread = 0x7ff7b5ac5740;   // a typical Linux pthread_self()
    constexpr std::uint64_t kFirstThread = 0x7ff7b4ac4640;  // threads' stacks lie below main's
    constexpr std::uint64_t kStackSpacing = 0x801000;       // an 8 MiB stack and its guard page
    return n == 0 ? kMainThread : kFirstThread - (n - 1) * kStackSpacing;
}

} // namespace awaitscope
