#include "awaitscope/analysis/PlaybackOrder.h"

#include "RadixSort.h"

#include <algorithm>
#include <bit>

namespace awaitscope {

namespace {

bool stop(const std::atomic<bool>* cancelled) { return cancelled && cancelled->load(std::memory_order_relaxed); }

} // namespace

PlaybackOrder::PlaybackOrder(const Trace& trace, const std::atomic<bool>* cancelled) : trace_(&trace) {
    // Every event as (time, task), task by task, then a stable radix sort by time: events of
    // one instant stay in task order, and a task's own events in theirs (each task's vector
    // is in time order), so the k-th item of a task is its k-th event. Flat arrays, not a
    // merge of the task vectors through a heap, which missed the cache on every step.
    const std::size_t taskCount = trace.tasks.size();
    std::uint64_t lowest = ~std::uint64_t{0};
    std::uint64_t highest = 0;
    for (const TaskRecord& task : trace.tasks) {
        if (task.events.empty())
            continue;
        lowest = std::min(lowest, detail::timeKey(task.events.front().time));
        highest = std::max(highest, detail::timeKey(task.events.back().time));
    }
    const int taskBits = std::bit_width(taskCount);
    const int timeBits = lowest > highest ? 0 : std::bit_width(highest - lowest);
    std::vector<std::uint32_t> next(taskCount, 0);
    std::vector<TieRun> ties;  // instants with events of several tasks, for the causal order below
    std::size_t runBegin = 0;
    std::uint64_t runTime = 0;
    TaskId runTask = kNoTask;
    bool runMixed = false;
    auto sortAndTake = [&](auto& items, auto item, auto timeOf, auto taskOf) {
        items.reserve(trace.eventCount());
        for (std::size_t task = 0; task < taskCount; ++task)
            for (const TraceEvent& e : trace.tasks[task].events)
                items.push_back(item(detail::timeKey(e.time) - lowest, static_cast<TaskId>(task)));
        if (stop(cancelled))
            return false;
        detail::radixSortByKey(items, timeOf);
        if (stop(cancelled))
            return false;
        events_.reserve(items.size());
        for (const auto& it : items) {
            const std::uint64_t time = timeOf(it);
            const TaskId task = taskOf(it);
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
        }
        return true;
    };
    bool sorted;
    if (taskBits + timeBits <= 64) {  // (time << taskBits | task) in 8 bytes: half the memory to move
        std::vector<std::uint64_t> items;
        const std::uint64_t taskMask = (std::uint64_t{1} << taskBits) - 1;
        sorted = sortAndTake(
            items, [&](std::uint64_t time, TaskId task) { return taskBits == 64 ? std::uint64_t{task} : time << taskBits | task; },
            [&](std::uint64_t item) { return taskBits == 64 ? 0 : item >> taskBits; },
            [&](std::uint64_t item) { return static_cast<TaskId>(item & taskMask); });
    } else {  // times spread over centuries, or very many tasks
        struct Item {
            std::uint64_t time;
            TaskId task;
        };
        std::vector<Item> items;
        sorted = sortAndTake(
            items, [](std::uint64_t time, TaskId task) { return Item{time, task}; }, [](const Item& item) { return item.time; },
            [](const Item& item) { return item.task; });
    }
    if (!sorted) {
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
