#include "awaitscope/analysis/TaskTree.h"

#include "RadixSort.h"

#include <algorithm>

namespace awaitscope {

namespace {

// Offsets of a compressed list: counts[i] items for entry i become [offsets[i], offsets[i + 1]).
std::vector<std::uint32_t> offsetsOf(const std::vector<std::uint32_t>& counts) {
    std::vector<std::uint32_t> offsets(counts.size() + 1, 0);
    for (std::size_t i = 0; i < counts.size(); ++i)
        offsets[i + 1] = offsets[i] + counts[i];
    return offsets;
}

} // namespace

TaskTree::TaskTree(const Trace& trace, const TraceIndex& index) {
    const std::size_t taskCount = std::min(trace.tasks.size(), index.lanes().size());
    parents_.resize(taskCount, kNoTask);
    for (std::size_t i = 0; i < taskCount; ++i) {
        const TaskId parent = trace.tasks[i].parent;
        parents_[i] = parent < taskCount && parent != i ? parent : kNoTask;
    }

    // Scopes: the tasks of each, in creation order.
    std::vector<std::uint32_t> counts(trace.scopes.size(), 0);
    for (std::size_t i = 0; i < taskCount; ++i)
        if (trace.tasks[i].scope < trace.scopes.size())
            ++counts[trace.tasks[i].scope];
    scopeOffsets_ = offsetsOf(counts);
    scopeTasks_.resize(scopeOffsets_.back());
    {
        std::vector<std::uint32_t> fill(scopeOffsets_.begin(), scopeOffsets_.end() - 1);
        for (std::size_t i = 0; i < taskCount; ++i)
            if (trace.tasks[i].scope < trace.scopes.size())
                scopeTasks_[fill[trace.tasks[i].scope]++] = static_cast<TaskId>(i);
    }

    // Children. A child's sort key is the first task of its scope, so each TaskGroup or gather
    // keeps its tasks in adjacent rows (their bracket is then one vertical run).
    counts.assign(taskCount, 0);
    for (std::size_t i = 0; i < taskCount; ++i) {
        if (parents_[i] == kNoTask)
            roots_.push_back(static_cast<TaskId>(i));
        else
            ++counts[parents_[i]];
    }
    childOffsets_ = offsetsOf(counts);
    children_.resize(childOffsets_.back());
    {
        std::vector<std::uint32_t> fill(childOffsets_.begin(), childOffsets_.end() - 1);
        for (std::size_t i = 0; i < taskCount; ++i)
            if (parents_[i] != kNoTask)
                children_[fill[parents_[i]]++] = static_cast<TaskId>(i);
    }
    auto keyOf = [&](TaskId task) {
        const ScopeId scope = trace.tasks[task].scope;
        return scope < trace.scopes.size() && scopeOffsets_[scope] < scopeOffsets_[scope + 1]
                   ? std::min(task, scopeTasks_[scopeOffsets_[scope]])
                   : task;
    };
    for (std::size_t parent = 0; parent < taskCount; ++parent) {
        auto first = children_.begin() + childOffsets_[parent];
        auto last = children_.begin() + childOffsets_[parent + 1];
        if (std::any_of(first, last, [&](TaskId kid) { return keyOf(kid) != kid; }))
            std::stable_sort(first, last, [&](TaskId a, TaskId b) { return keyOf(a) < keyOf(b); });
    }

    // Flame-chart levels, lane by lane.
    taskLevels_.resize(taskCount + 1, 0);
    std::size_t frames = 0;
    for (std::size_t i = 0; i < taskCount; ++i) {
        const TaskLane& lane = index.lane(static_cast<TaskId>(i));
        taskLevels_[i + 1] = taskLevels_[i] + (lane.frames.empty() ? 0 : lane.maxDepth + 1);
        frames += lane.frames.size();
    }
    levelOffsets_.assign(taskLevels_.back() + 1, 0);
    levelFrames_.resize(frames);
    for (std::size_t i = 0; i < taskCount; ++i) {
        const TaskLane& lane = index.lane(static_cast<TaskId>(i));
        const std::uint32_t base = taskLevels_[i];
        for (const FrameSpan& frame : lane.frames)
            ++levelOffsets_[base + frame.depth + 1];
    }
    for (std::size_t k = 1; k < levelOffsets_.size(); ++k)
        levelOffsets_[k] += levelOffsets_[k - 1];
    {
        std::vector<std::uint32_t> fill(levelOffsets_.begin(), levelOffsets_.end() - 1);
        for (std::size_t i = 0; i < taskCount; ++i) {
            const TaskLane& lane = index.lane(static_cast<TaskId>(i));
            const std::uint32_t base = taskLevels_[i];
            // Frames are in order of entry: at each depth that is time order, and disjoint.
            for (std::size_t f = 0; f < lane.frames.size(); ++f) {
                const FrameSpan& frame = lane.frames[f];
                levelFrames_[fill[base + frame.depth]++] = {frame.begin, frame.end, static_cast<std::uint32_t>(f)};
            }
        }
    }

    // Never-awaited coroutines, by the task that dropped them, each list by creation time.
    counts.assign(taskCount, 0);
    for (const NeverAwaited& n : trace.neverAwaited)
        if (n.task < taskCount)
            ++counts[n.task];
    neverAwaitedOffsets_ = offsetsOf(counts);
    neverAwaited_.resize(neverAwaitedOffsets_.back());
    {
        std::vector<std::uint32_t> fill(neverAwaitedOffsets_.begin(), neverAwaitedOffsets_.end() - 1);
        for (std::uint32_t i = 0; i < trace.neverAwaited.size(); ++i) {
            const TaskId owner = trace.neverAwaited[i].task;
            if (owner < taskCount)
                neverAwaited_[fill[owner]++] = i;
            else
                neverAwaitedOutside_.push_back(i);
        }
    }
    auto byCreation = [&](std::uint32_t a, std::uint32_t b) { return trace.neverAwaited[a].created < trace.neverAwaited[b].created; };
    for (std::size_t i = 0; i < taskCount; ++i)
        std::stable_sort(neverAwaited_.begin() + neverAwaitedOffsets_[i], neverAwaited_.begin() + neverAwaitedOffsets_[i + 1], byCreation);
    std::stable_sort(neverAwaitedOutside_.begin(), neverAwaitedOutside_.end(), byCreation);
}

std::size_t TaskTree::frameLevelCount(TaskId task) const {
    return task + 1 < taskLevels_.size() ? taskLevels_[task + 1] - taskLevels_[task] : 0;
}

std::span<const LevelFrame> TaskTree::frameLevel(TaskId task, std::size_t depth) const {
    if (depth >= frameLevelCount(task))
        return {};
    const std::size_t k = taskLevels_[task] + depth;
    return std::span<const LevelFrame>(levelFrames_.data() + levelOffsets_[k], levelOffsets_[k + 1] - levelOffsets_[k]);
}

WakeArrows findWakeArrows(const Trace& trace, const TraceIndex& index, const TaskTree& tree) {
    WakeArrows result;
    const std::size_t taskCount = std::min(trace.tasks.size(), index.lanes().size());
    for (TaskId task = 0; task < taskCount; ++task) {
        for (const Span& span : index.lane(task).spans) {
            if (span.state != SpanState::Ready)
                continue;
            TaskId waker = span.ref;
            if (span.kind == WaitKind::Thread && waker >= taskCount) {
                // to_thread: the worker lane that finished at this moment is the waker.
                for (TaskId child : tree.children(task)) {
                    const TaskLane& worker = index.lane(child);
                    if (trace.tasks[child].kind == TaskKind::Thread && worker.finished && worker.end == span.begin)
                        waker = child;
                }
            }
            if (waker >= taskCount || waker == task)
                continue;
            result.arrows.push_back({span.begin, span.end, waker, task, span.kind});
            result.longest = std::max(result.longest, span.end - span.begin);
        }
    }
    detail::radixSortByKey(result.arrows, [](const WakeArrow& a) { return detail::timeKey(a.cause); });
    return result;
}

} // namespace awaitscope
