#include "awaitscope/analysis/PlaybackOrder.h"

#include <algorithm>
#include <climits>
#include <queue>

namespace awaitscope {

namespace {

bool stop(const std::atomic<bool>* cancelled) { return cancelled && cancelled->load(std::memory_order_relaxed); }

} // namespace

PlaybackOrder::PlaybackOrder(const Trace& trace, const std::atomic<bool>* cancelled) : trace_(&trace) {
    // A k-way merge of the per-task vectors (each already in time order).
    events_.reserve(trace.eventCount());
    struct Head {
        TimeNs time;
        TaskId task;
        std::uint32_t index;
    };
    auto later = [](const Head& a, const Head& b) { return a.time != b.time ? a.time > b.time : a.task > b.task; };
    // Instants with events of several tasks, noted while merging (the times are at hand here).
    std::vector<TieRun> ties;
    std::size_t runBegin = 0;
    TimeNs runTime = INT64_MIN;
    TaskId runTask = kNoTask;
    bool runMixed = false;
    auto note = [&](TimeNs time, TaskId task) {
        if (time != runTime) {
            if (runMixed)
                ties.push_back({runBegin, events_.size()});
            runBegin = events_.size();
            runTime = time;
            runTask = task;
            runMixed = false;
        } else {
            runMixed |= task != runTask;
        }
    };
    std::vector<Head> initial;
    initial.reserve(trace.tasks.size());
    for (std::size_t i = 0; i < trace.tasks.size(); ++i)
        if (!trace.tasks[i].events.empty())
            initial.push_back({trace.tasks[i].events.front().time, static_cast<TaskId>(i), 0});
    std::priority_queue<Head, std::vector<Head>, decltype(later)> heads(later, std::move(initial));
    while (!heads.empty()) {
        Head head = heads.top();
        heads.pop();
        const auto& events = trace.tasks[head.task].events;
        // Take the run of this task's events that come before the next task's head.
        const TimeNs limit = heads.empty() ? INT64_MAX : heads.top().time;
        std::uint32_t i = head.index;
        do {
            note(events[i].time, head.task);
            events_.push_back({head.task, i});
            ++i;
        } while (i < events.size() &&
                 (events[i].time < limit || (!heads.empty() && events[i].time == limit && head.task < heads.top().task)));
        if (i < events.size())
            heads.push({events[i].time, head.task, i});
        if ((events_.size() & 0xFFFFF) == 0 && stop(cancelled)) {
            complete_ = false;
            return;
        }
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
