#include "timeline/TimelineLayout.h"

#include <algorithm>
#include <atomic>

namespace awaitscope::ui {

TimelineLayout::TimelineLayout(const DerivedTrace& model, const std::vector<bool>& collapsed, const LaneMetrics& metrics)
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
    pin(RowKind::Loop, metrics.loopHeight);
    pin(RowKind::ReadyQueue, metrics.counterHeight);
    pin(RowKind::PendingTimers, metrics.counterHeight);
    pinnedHeight_ = y;
    firstTaskRow_ = rows_.size();

    const std::size_t taskCount = model.taskCount();
    rowOfTask_.assign(taskCount, -1);
    parents_.resize(taskCount);
    for (TaskId task = 0; task < taskCount; ++task)
        parents_[task] = model.parentOf(task);

    // Depth-first, iteratively: deep chains of tasks must not overflow the stack.
    struct Pending {
        TaskId task;
        int depth;
    };
    std::vector<Pending> stack;
    for (auto it = model.rootTasks().rbegin(); it != model.rootTasks().rend(); ++it)
        stack.push_back({*it, 0});
    int contentY = 0;
    while (!stack.empty()) {
        const Pending next = stack.back();
        stack.pop_back();
        const auto kids = model.children(next.task);
        LayoutRow row;
        row.kind = RowKind::Task;
        row.task = next.task;
        row.treeDepth = next.depth;
        row.y = contentY;
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
            for (auto it = kids.rbegin(); it != kids.rend(); ++it)
                stack.push_back({*it, next.depth + 1});
    }
    contentHeight_ = contentY;
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

} // namespace awaitscope::ui
