#pragma once

// The worker threads of a pool on the virtual clock, chosen for each job as
// concurrent.futures.ThreadPoolExecutor chooses them: an idle worker if there is one (the one
// idle longest), else a new worker while there are fewer than the maximum, else the job queues
// for the worker that frees first. asyncio's default executor (to_thread) is such a pool.
#include "awaitscope/trace/Trace.h"

#include <cstdint>
#include <deque>
#include <string>
#include <vector>

namespace awaitscope {

// The os.cpu_count() every run assumes, so that default pool sizes (and so timings) are the
// same on every machine: a default pool has min(32, kAssumedCpuCount + 4) workers, as CPython's.
inline constexpr int kAssumedCpuCount = 2;
inline constexpr int kDefaultMaxWorkers = kAssumedCpuCount + 4 < 32 ? kAssumedCpuCount + 4 : 32;

struct ThreadWorker {
    std::string name;          // "ThreadPoolExecutor-0_1", "asyncio_0"
    std::uint64_t ident = 0;   // threading.get_ident() inside it
    TimeNs freeAt = 0;         // when its current job ends
};

// Where a job submitted at `now` runs: an index into `freeAt`, or freeAt.size() for a new worker.
std::size_t chooseWorker(const std::vector<TimeNs>& freeAt, std::size_t maxWorkers, TimeNs now);

// threading.get_ident() of the main thread, and of the n-th thread a run starts (n from 1):
// fixed, so that a run prints the same idents every time; spaced as pthread stacks are.
std::uint64_t threadIdent(std::uint64_t n);

class ThreadPool {
public:
    ThreadPool(std::size_t maxWorkers, std::string namePrefix) : maxWorkers_(maxWorkers), prefix_(std::move(namePrefix)) {}

    // The worker for a job submitted at `now`; a new one gets the ident `newIdent()` returns.
    template <class NewIdent>
    ThreadWorker& workerFor(TimeNs now, NewIdent newIdent) {
        std::vector<TimeNs> freeAt;
        freeAt.reserve(workers_.size());
        for (const ThreadWorker& worker : workers_)
            freeAt.push_back(worker.freeAt);
        const std::size_t index = chooseWorker(freeAt, maxWorkers_, now);
        if (index == workers_.size())
            workers_.push_back({prefix_ + "_" + std::to_string(index), newIdent(), now});
        return workers_[index];
    }
    const std::deque<ThreadWorker>& workers() const { return workers_; }

private:
    std::size_t maxWorkers_;
    std::string prefix_;
    std::deque<ThreadWorker> workers_;  // a deque: a running job's worker stays put while its job adds workers
};

} // namespace awaitscope
