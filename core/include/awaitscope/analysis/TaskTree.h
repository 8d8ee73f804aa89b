#pragma once

// The tasks as a tree, and what hangs off each lane: children under the task that created
// them (a TaskGroup's or gather's tasks kept adjacent), the tasks of each scope, the lane's
// flame-chart levels and the never-awaited coroutines each task dropped. Flat arrays (one
// allocation each, not one per task), so a trace of a million tasks builds it in milliseconds.
#include "awaitscope/analysis/TraceIndex.h"

#include <span>
#include <vector>

namespace awaitscope {

// One coroutine frame on one flame-chart level of a lane.
struct LevelFrame {
    TimeNs begin = 0;
    TimeNs end = 0;
    std::uint32_t frameIndex = 0;  // into TaskLane::frames
};

class TaskTree {
public:
    TaskTree() = default;
    TaskTree(const Trace& trace, const TraceIndex& index);

    std::span<const TaskId> roots() const { return roots_; }
    // Children in creation order, with each TaskGroup's / gather's tasks kept together.
    std::span<const TaskId> children(TaskId task) const { return slice(children_, childOffsets_, task); }
    TaskId parentOf(TaskId task) const { return task < parents_.size() ? parents_[task] : kNoTask; }
    // The tasks created inside each TaskGroup / gather (indexed like Trace::scopes).
    std::span<const TaskId> scopeTasks(ScopeId scope) const { return slice(scopeTasks_, scopeOffsets_, scope); }
    // Flame-chart levels of a lane: level d holds the frames at depth d, sorted and disjoint.
    std::size_t frameLevelCount(TaskId task) const;
    std::span<const LevelFrame> frameLevel(TaskId task, std::size_t depth) const;
    // Indices into Trace::neverAwaited of the coroutines each task dropped, by creation time.
    std::span<const std::uint32_t> neverAwaitedBy(TaskId task) const { return slice(neverAwaited_, neverAwaitedOffsets_, task); }
    // Never-awaited coroutines created outside any task.
    std::span<const std::uint32_t> neverAwaitedOutsideTasks() const { return neverAwaitedOutside_; }

private:
    template <class T>
    static std::span<const T> slice(const std::vector<T>& items, const std::vector<std::uint32_t>& offsets, std::size_t i) {
        if (i + 1 >= offsets.size())
            return {};
        return std::span<const T>(items.data() + offsets[i], offsets[i + 1] - offsets[i]);
    }

    std::vector<TaskId> roots_;
    std::vector<TaskId> parents_;
    std::vector<TaskId> children_;
    std::vector<std::uint32_t> childOffsets_;
    std::vector<TaskId> scopeTasks_;
    std::vector<std::uint32_t> scopeOffsets_;
    std::vector<LevelFrame> levelFrames_;
    std::vector<std::uint32_t> levelOffsets_;  // per (task, depth): into levelFrames_
    std::vector<std::uint32_t> taskLevels_;    // per task: its first entry in levelOffsets_
    std::vector<std::uint32_t> neverAwaited_;
    std::vector<std::uint32_t> neverAwaitedOffsets_;
    std::vector<std::uint32_t> neverAwaitedOutside_;
};

// A wake-up or a creation: something the `from` task did at `cause` made `to` runnable (its
// creation when kind is Start); it ran at `effect`.
struct WakeArrow {
    TimeNs cause = 0;
    TimeNs effect = 0;
    TaskId from = kNoTask;
    TaskId to = kNoTask;
    WaitKind kind = WaitKind::None;
    bool creation() const { return kind == WaitKind::Start; }
};

struct WakeArrows {
    RecordVector<WakeArrow> arrows;  // sorted by cause time
    TimeNs longest = 0;             // bounds how far before a view an arrow can start
};
WakeArrows findWakeArrows(const Trace& trace, const TraceIndex& index, const TaskTree& tree);

} // namespace awaitscope
