#include "awaitscope/analysis/PlaybackOrder.h"

#include "RadixSort.h"

#include <algorithm>

namespace awaitscope {

namespace {

bool stop(const std::atomic<bool>* cancelled) { return cancelled && cancelled->load(std::memory_order_relaxed); }

} // namespace

PlaybackOrder::PlaybackOrder(const Trace& trace, const std::atomic<bool>* cancelled) : trace_(&trace) {
    // Each task's events are in time order: merged, events of one instant stay in task order.
    std::vector<std::uint32_t> next(trace.tasks.size(), 0);
    std::vector<TieRun> ties;  // instants with events of several tasks, for the causal order below
    std::size_t runBegin = 0;
    std::uint64_t runTime = 0;
    TaskId runTask = kNoTask;
    bool runMixed = false;
    events_.reserve(trace.eventCount());
    const bool merged = detail::mergeByTime(
        trace.tasks.size(), trace.eventCount(),
        [&](std::size_t task, auto emit) {
            for (const TraceEvent& e : trace.tasks[task].events)
                emit(e.time);
        },
        [&](std::size_t task, auto emit) {
            if (const auto& events = trace.tasks[task].events; !events.empty()) {
                emit(events.front().time);
                emit(events.back().time);
            }
        },
        [&](TaskId task, std::uint64_t time) {
            if (events_.empty() || time != runTime) {
                if (runMixed)
                    ties.push_back({runBegin, events_.size()});
                runBegin = events_.size();
                runTime = time;
                runTask = task;
                runMixed = false;
            } else {
                runMixed |= task != runTask;
            }
            events_.push_back({task, next[task]++});
        },
        [&] { return stop(cancelled); });
    if (!merged) {
        complete_ = false;
        return;
    }
    if (runMixed)
        ties.push_back({runBegin, events_.size()});
    orderTiesCausally(trace, events_, ties);
    if (stop(cancelled)) {
        complete_ = false;
        return;
    }
    outputPositions_ = outputPositions(trace, events_);
}

PlaybackItem PlaybackOrder::item(std::size_t k) const {
    const std::size_t outputsBefore = outputsAmongFirst(k);
    if (outputsBefore < outputPositions_.size() && outputPositions_[outputsBefore] + outputsBefore == k) {
        const OutputLine& line = trace_->output[outputsBefore];
        return {line.time, line.task, true, static_cast<std::uint32_t>(outputsBefore)};
    }
    const EventRef ref = events_[k - outputsBefore];
    return {event(ref).time, ref.task, false, ref.index};
}

std::size_t PlaybackOrder::outputsAmongFirst(std::size_t count) const {
    // Output i sits at merged position outputPositions_[i] + i, which strictly increases with i.
    std::size_t low = 0, high = outputPositions_.size();
    while (low < high) {
        const std::size_t mid = (low + high) / 2;
        if (outputPositions_[mid] + mid < count)
            low = mid + 1;
        else
            high = mid;
    }
    return low;
}

std::size_t PlaybackOrder::countAtOrBefore(TimeNs t) const {
    if (!trace_)
        return 0;
    const auto events = std::partition_point(events_.begin(), events_.end(), [&](const EventRef& r) { return event(r).time <= t; });
    const auto& output = trace_->output;
    const auto lines = std::partition_point(output.begin(), output.end(), [&](const OutputLine& l) { return l.time <= t; });
    return static_cast<std::size_t>(events - events_.begin()) + static_cast<std::size_t>(lines - output.begin());
}

} // namespace awaitscope
