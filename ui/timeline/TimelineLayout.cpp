#include "timeline/TimelineLayout.h"

#include <algorithm>
#include <atomic>

namespace awaitscope::ui {

TimelineLayout::TimelineLayout(const DerivedTrace& model, const std::vector<bool>& collapsed,
                               const std::vector<bool>& expandedGroups, const LaneMetrics& metrics)
    : metrics_(metrics) {
    static std::atomic<std::uint64_t> serials{0};
    serial_ = ++serials;
    int y = 0;
    auto pin = [&](RowKind kind, int height) {
        LayoutRow row;
        row.kind = kind;
        row.y = y;
        row.height = height;
        row.pinned = true;
        rows_.push_back(row);
        y += height;
    };
    // Another tool's trace (a browser's) has no event loop, ready queue or timers to show.
    asyncioWords_ = model.trace().metadata.fromAsyncio();
    // A plain script has no loop to draw: its one lane is the whole story.
    if (asyncioWords_ && model.trace().hasEventLoop()) {
        pin(RowKind::Loop, metrics.loopHeight);
        pin(RowKind::ReadyQueue, metrics.counterHeight);
        pin(RowKind::PendingTimers, metrics.counterHeight);
    }
    pinnedHeight_ = y;
    firstTaskRow_ = rows_.size();

    const std::size_t taskCount = model.taskCount();
    const CoroutineGroups& groups = model.groups();
    rowOfTask_.assign(taskCount, -1);
    rowOfGroup_.assign(groups.groups().size(), -1);
    parents_.resize(taskCount);
    for (TaskId task = 0; task < taskCount; ++task)
        parents_[task] = model.parentOf(task);
    auto isExpanded = [&](std::uint32_t group) { return group < expandedGroups.size() && expandedGroups[group]; };

    // Depth-first, iteratively: deep chains of tasks must not overflow the stack. A task of a
    // group stands for the whole group where the group's first task would be.
    struct Pending {
        TaskId task;
        std::uint32_t group;  // a group row (task is then kNoTask)
        int depth;
    };
    std::vector<Pending> stack;
    std::vector<std::uint8_t> groupPlaced(groups.groups().size(), 0);
    auto pushSiblings = [&](std::span<const TaskId> siblings, int depth) {
        // Pushed in reverse, so they pop in order; each group once, at its first task's place.
        std::vector<Pending> ordered;
        ordered.reserve(siblings.size());
        for (TaskId task : siblings) {
            const std::uint32_t group = groups.groupOf(task);
            if (group == kNoGroup) {
                ordered.push_back({task, kNoGroup, depth});
            } else if (!groupPlaced[group]) {
                groupPlaced[group] = 1;
                ordered.push_back({kNoTask, group, depth});
            }
        }
        for (auto it = ordered.rbegin(); it != ordered.rend(); ++it)
            stack.push_back(*it);
    };
    pushSiblings(model.rootTasks(), 0);
    int contentY = 0;
    while (!stack.empty()) {
        const Pending next = stack.back();
        stack.pop_back();
        LayoutRow row;
        row.treeDepth = next.depth;
        row.y = contentY;
        if (next.group != kNoGroup) {
            const CoroutineGroup& group = groups.groups()[next.group];
            row.kind = RowKind::Group;
            row.group = next.group;
            row.hasChildren = true;
            row.collapsed = !isExpanded(next.group);
            row.height = metrics.padding * 2 + metrics.groupBandHeight;
            rowOfGroup_[next.group] = static_cast<int>(rows_.size());
            for (TaskId task : group.tasks)
                rowOfTask_[task] = static_cast<int>(rows_.size());
            rows_.push_back(row);
            contentY += row.height;
            if (!row.collapsed) {
                for (auto it = group.tasks.rbegin(); it != group.tasks.rend(); ++it)
                    stack.push_back({*it, kNoGroup, next.depth + 1});
            }
            continue;
        }
        const auto kids = model.children(next.task);
        row.kind = RowKind::Task;
        row.task = next.task;
        row.hasChildren = !kids.empty();
        row.collapsed = next.task < collapsed.size() && collapsed[next.task];
        const int depth = static_cast<int>(model.frameLevelCount(next.task)) - 1;
        row.frameLevels = std::clamp(depth, 0, metrics.maxFrameLevels);
        row.markerStrip = model.neverAwaitedBy(next.task).empty() ? 0 : metrics.markerStrip;
        row.height = metrics.padding * 2 + row.markerStrip + metrics.stateBarHeight +
                     (row.frameLevels > 0 ? 2 + row.frameLevels * metrics.frameHeight : 0);
        rowOfTask_[next.task] = static_cast<int>(rows_.size());
        rows_.push_back(row);
        contentY += row.height;
        if (!row.collapsed)
            pushSiblings(kids, next.depth + 1);
    }
    contentHeight_ = contentY;

    // Each scope's bracket: the rows its tasks are shown in (a group row stands for its tasks).
    const Trace& trace = model.trace();
    scopeExtents_.assign(trace.scopes.size(), {0, 0});
    for (ScopeId scope = 0; scope < trace.scopes.size(); ++scope) {
        int top = INT32_MAX, bottom = INT32_MIN;
        int lastRow = -1;
        for (TaskId task : model.scopeTasks(scope)) {
            const int index = rowOfTask_[task];
            if (index < 0 || index == lastRow)
                continue;  // hidden under a collapsed parent, or its group's row was counted
            lastRow = index;
            const LayoutRow& r = rows_[static_cast<std::size_t>(index)];
            top = std::min(top, r.y);
            bottom = std::max(bottom, r.y + r.height);
        }
        if (top < bottom)
            scopeExtents_[scope] = {top, bottom};
    }
}

std::pair<std::size_t, std::size_t> TimelineLayout::visibleTaskRows(int scrollY, int height) const {
    const auto begin = rows_.begin() + static_cast<std::ptrdiff_t>(firstTaskRow_);
    const auto first = std::upper_bound(begin, rows_.end(), scrollY, [](int y, const LayoutRow& row) { return y < row.y + row.height; });
    const auto last = std::lower_bound(first, rows_.end(), scrollY + height, [](const LayoutRow& row, int y) { return row.y < y; });
    return {static_cast<std::size_t>(first - rows_.begin()), static_cast<std::size_t>(last - rows_.begin())};
}

int TimelineLayout::rowAt(int y, int scrollY) const {
    if (y < 0)
        return -1;
    if (y < pinnedHeight_) {
        for (std::size_t i = 0; i < firstTaskRow_; ++i)
            if (y >= rows_[i].y && y < rows_[i].y + rows_[i].height)
                return static_cast<int>(i);
        return -1;
    }
    const int contentY = y - pinnedHeight_ + scrollY;
    auto first = rows_.begin() + static_cast<std::ptrdiff_t>(firstTaskRow_);
    auto after = std::upper_bound(first, rows_.end(), contentY, [](int value, const LayoutRow& row) { return value < row.y; });
    if (after == first)
        return -1;
    const LayoutRow& row = *(after - 1);
    return contentY < row.y + row.height ? static_cast<int>(after - 1 - rows_.begin()) : -1;
}

int TimelineLayout::rowOfTask(TaskId task) const {
    for (std::size_t guard = 0; task < rowOfTask_.size() && guard <= rowOfTask_.size(); ++guard) {
        if (rowOfTask_[task] >= 0)
            return rowOfTask_[task];
        task = parents_[task];
    }
    return -1;
}

int TimelineLayout::rowOfGroup(std::uint32_t group) const { return group < rowOfGroup_.size() ? rowOfGroup_[group] : -1; }

std::pair<int, int> TimelineLayout::scopeExtent(ScopeId scope) const {
    return scope < scopeExtents_.size() ? scopeExtents_[scope] : std::pair<int, int>{0, 0};
}

} // namespace awaitscope::ui
