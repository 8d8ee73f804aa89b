#pragma once

// Everything derived from one trace, built once (off the UI thread for big files) and then
// shared read-only by `--report`, the Chrome export and every view of the window: the index
// (state spans, frames, blocking calls, loop slices), the task tree and flame-chart levels,
// wake-up and creation arrows, the playback order (events of one instant in causal order,
// printed lines inside the step that printed them), the counters, the frozen stretches and
// every whole-run figure, and the groups of many tasks of one coroutine function. The
// playhead's state (PlayheadState.h) and the loop's insides (LoopInsides.h) are read from it.
#include "awaitscope/analysis/CoroutineGroups.h"
#include "awaitscope/analysis/PlaybackOrder.h"
#include "awaitscope/analysis/TaskTree.h"
#include "awaitscope/analysis/TimeRange.h"
#include "awaitscope/analysis/TraceAnalysis.h"

#include <atomic>
#include <memory>
#include <span>
#include <string>

namespace awaitscope {

struct DerivedTraceOptions {
    TimeNs frozenThreshold = kDefaultFrozenThreshold;
    // May stop a long build early; the result is then incomplete (complete() false) and must
    // be dropped.
    const std::atomic<bool>* cancelled = nullptr;
};

class DerivedTrace {
public:
    using Options = DerivedTraceOptions;
    explicit DerivedTrace(std::shared_ptr<const Trace> trace, const Options& options = {});
    // For a trace its caller keeps alive at least as long as this (the report's).
    explicit DerivedTrace(const Trace& trace, const Options& options = {});
    DerivedTrace(Trace&&, const Options& = {}) = delete;  // a temporary would die before this
    DerivedTrace(const DerivedTrace&) = delete;
    DerivedTrace& operator=(const DerivedTrace&) = delete;

    bool complete() const { return complete_; }
    const Trace& trace() const { return *trace_; }
    const std::shared_ptr<const Trace>& sharedTrace() const { return trace_; }
    const TraceIndex& index() const { return index_; }
    // The whole recorded time; never empty (a trace of one instant gets 1 µs).
    TimeRange range() const { return range_; }

    // The task tree.
    const TaskTree& tree() const { return tree_; }
    std::size_t taskCount() const { return trace_->tasks.size(); }
    std::span<const TaskId> rootTasks() const { return tree_.roots(); }
    std::span<const TaskId> children(TaskId task) const { return tree_.children(task); }
    TaskId parentOf(TaskId task) const { return tree_.parentOf(task); }
    std::span<const TaskId> scopeTasks(ScopeId scope) const { return tree_.scopeTasks(scope); }
    std::size_t frameLevelCount(TaskId task) const { return tree_.frameLevelCount(task); }
    std::span<const LevelFrame> frameLevel(TaskId task, std::size_t depth) const { return tree_.frameLevel(task, depth); }
    std::span<const std::uint32_t> neverAwaitedBy(TaskId task) const { return tree_.neverAwaitedBy(task); }
    std::span<const std::uint32_t> neverAwaitedOutsideTasks() const { return tree_.neverAwaitedOutsideTasks(); }
    const CoroutineGroups& groups() const { return groups_; }

    // Wake-ups and creations, sorted by cause time; longestArrow() bounds how far before a
    // view an arrow can start.
    const RecordVector<WakeArrow>& arrows() const { return arrows_.arrows; }
    TimeNs longestArrow() const { return arrows_.longest; }

    // Playback: events and printed lines in the order they happened (PlaybackOrder.h).
    const PlaybackOrder& playback() const { return playback_; }
    const EventOrder& eventsInTimeOrder() const { return playback_.events(); }
    const TraceEvent& event(EventRef ref) const { return playback_.event(ref); }
    std::size_t playbackLength() const { return playback_.length(); }
    PlaybackItem playbackItem(std::size_t k) const { return playback_.item(k); }
    std::size_t playbackCountAtOrBefore(TimeNs t) const { return playback_.countAtOrBefore(t); }
    std::size_t outputsAmongFirst(std::size_t count) const { return playback_.outputsAmongFirst(count); }
    std::size_t playbackPositionOfOutput(std::size_t line) const { return playback_.positionOfOutput(line); }

    // Whole-run figures, counters, frozen stretches, diagnostics.
    const TraceAnalysis& analysis() const { return analysis_; }
    const CounterSeries& readyQueue() const { return analysis_.readyQueue; }
    const CounterSeries& pendingTimers() const { return analysis_.timers; }
    const std::vector<FrozenStretch>& frozenStretches() const { return analysis_.frozen; }
    const std::vector<Diagnostic>& diagnostics() const { return analysis_.diagnostics; }
    TimeNs frozenThreshold() const { return frozenThreshold_; }

    // Names as the views print them (TimeFormat.h has the rest).
    std::string taskName(TaskId task) const { return trace_->taskName(task); }
    std::string coroutineName(TaskId task) const;
    std::string awaitDescription(AwaitId await) const;
    std::string awaitPhrase(AwaitId await) const;
    // The await site of the step that a ready/running span belongs to (the line to show).
    SiteId siteOfSpan(TaskId task, std::size_t spanIndex) const;
    bool isThread(TaskId task) const { return task < taskCount() && trace_->tasks[task].kind == TaskKind::Thread; }
    // The top level of a plain script, which never started an event loop.
    bool isMainProgram(TaskId task) const { return task < taskCount() && trace_->tasks[task].kind == TaskKind::Main; }

private:
    void build(const Options& options);

    std::shared_ptr<const Trace> trace_;
    TraceIndex index_;
    TimeRange range_;
    TaskTree tree_;
    WakeArrows arrows_;
    PlaybackOrder playback_;
    TraceAnalysis analysis_;
    CoroutineGroups groups_;
    TimeNs frozenThreshold_ = kDefaultFrozenThreshold;
    bool complete_ = false;
};

} // namespace awaitscope
