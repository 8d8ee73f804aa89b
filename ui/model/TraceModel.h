#pragma once

// Everything the UI derives from one trace, built once (off the UI thread for big files)
// and then shared read-only by the timeline and every panel: the TraceIndex lanes, frozen
// stretches, the task tree, flame-chart levels, wake-up arrows, counter series and the
// time order of all events. Knows nothing of painting (STYLE.md rule 4).
#include "timeline/CounterSeries.h"
#include "timeline/TimeScale.h"

#include <awaitscope/analysis/FrozenStretches.h>
#include <awaitscope/analysis/TraceIndex.h>

#include <atomic>
#include <memory>
#include <string>
#include <vector>

namespace awaitscope::ui {

// One coroutine frame on one flame-chart level of a lane.
struct LevelFrame {
    TimeNs begin = 0;
    TimeNs end = 0;
    std::uint32_t frameIndex = 0;  // into TaskLane::frames
};

// A wake-up: something the `from` task did at `cause` made `to` runnable; it ran at `effect`.
struct WakeArrow {
    TimeNs cause = 0;
    TimeNs effect = 0;
    TaskId from = kNoTask;
    TaskId to = kNoTask;
    WaitKind kind = WaitKind::None;
};

// An event named by its task and its position in that task's event vector.
struct EventRef {
    TaskId task = kNoTask;
    std::uint32_t index = 0;
};

class TraceModel {
public:
    // `cancelled` may stop a long build early; the model is then incomplete and must be dropped.
    explicit TraceModel(std::shared_ptr<const Trace> trace, TimeNs frozenThreshold = kDefaultFrozenThreshold,
                        const std::atomic<bool>* cancelled = nullptr);

    const Trace& trace() const { return *trace_; }
    const std::shared_ptr<const Trace>& sharedTrace() const { return trace_; }
    const TraceIndex& index() const { return index_; }
    const std::vector<FrozenStretch>& frozenStretches() const { return frozen_; }
    // The whole recorded time; never empty (a trace of one instant gets 1 µs).
    TimeRange range() const { return range_; }

    std::size_t taskCount() const { return trace_->tasks.size(); }
    const std::vector<TaskId>& rootTasks() const { return roots_; }
    // Children in creation order, with each TaskGroup's / gather's tasks kept together.
    const std::vector<TaskId>& children(TaskId task) const { return children_[task]; }
    TaskId parentOf(TaskId task) const;
    // Flame-chart levels of a lane: levels[d] holds the frames at depth d, sorted and disjoint.
    const std::vector<std::vector<LevelFrame>>& frameLevels(TaskId task) const { return frameLevels_[task]; }
    // The tasks created inside each TaskGroup / gather (indexed like trace().scopes).
    const std::vector<TaskId>& scopeTasks(ScopeId scope) const { return scopeTasks_[scope]; }
    // Indices into trace().neverAwaited of the coroutines each task dropped, by creation time.
    const std::vector<std::uint32_t>& neverAwaitedBy(TaskId task) const { return neverAwaitedByTask_[task]; }
    // Never-awaited coroutines created outside any task.
    const std::vector<std::uint32_t>& neverAwaitedOutsideTasks() const { return neverAwaitedOutside_; }

    // Sorted by cause time; `longestArrow` bounds how far before a view an arrow can start.
    const std::vector<WakeArrow>& arrows() const { return arrows_; }
    TimeNs longestArrow() const { return longestArrow_; }

    const CounterSeries& readyQueue() const { return readyQueue_; }
    const CounterSeries& pendingTimers() const { return pendingTimers_; }

    // Every event of every task in time order; events of one instant in the order the loop ran
    // them (CausalOrder.h).
    const std::vector<EventRef>& eventsInTimeOrder() const { return eventOrder_; }
    const TraceEvent& event(EventRef ref) const { return trace_->tasks[ref.task].events[ref.index]; }

    // Playback steps through the events and the printed lines merged in the order they
    // happened: item k is an event or an output line. A playhead "after k items" says exactly
    // how much of one instant has happened.
    struct PlaybackItem {
        TimeNs time = 0;
        TaskId task = kNoTask;
        bool output = false;
        std::uint32_t index = 0;  // the event's position in its task, or the output line
    };
    std::size_t playbackLength() const { return eventOrder_.size() + outputPositions_.size(); }
    PlaybackItem playbackItem(std::size_t k) const;
    // Items that happened at or before t.
    std::size_t playbackCountAtOrBefore(TimeNs t) const;
    // Output lines among the first `count` items.
    std::size_t outputsAmongFirst(std::size_t count) const;
    std::size_t playbackPositionOfOutput(std::size_t line) const { return outputPositions_[line] + line; }

    // "weather · call_llm()" or "Task-2 · fetch()"; thread lanes read "thread · download".
    std::string taskLabel(TaskId task) const;
    std::string taskName(TaskId task) const;
    std::string coroutineName(TaskId task) const;
    // "asyncio.sleep", "Task weather", "Lock.acquire": what an awaiting span waits for.
    std::string awaitDescription(AwaitId await) const;
    // The await site of the step that a ready/running span belongs to (the line to show).
    SiteId siteOfSpan(TaskId task, std::size_t spanIndex) const;
    bool cancelledEarly() const { return cancelledEarly_; }

private:
    std::shared_ptr<const Trace> trace_;
    TraceIndex index_;
    std::vector<FrozenStretch> frozen_;
    TimeRange range_;
    std::vector<TaskId> roots_;
    std::vector<std::vector<TaskId>> children_;
    std::vector<std::vector<std::vector<LevelFrame>>> frameLevels_;
    std::vector<std::vector<TaskId>> scopeTasks_;
    std::vector<std::vector<std::uint32_t>> neverAwaitedByTask_;
    std::vector<std::uint32_t> neverAwaitedOutside_;
    std::vector<WakeArrow> arrows_;
    TimeNs longestArrow_ = 0;
    CounterSeries readyQueue_;
    CounterSeries pendingTimers_;
    std::vector<EventRef> eventOrder_;
    std::vector<std::uint32_t> outputPositions_;  // per output line: the event it comes before
    bool cancelledEarly_ = false;
};

} // namespace awaitscope::ui
