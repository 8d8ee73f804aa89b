#pragma once

// Where each row of the timeline goes, vertically. The Loop lane and the two counter tracks
// are pinned at the top; task lanes follow in tree order (children under their parent,
// hidden under a collapsed one) and scroll. Pure: no painting, testable with numbers.
#include <awaitscope/analysis/DerivedTrace.h>

#include <vector>

namespace awaitscope::ui {

enum class RowKind : std::uint8_t { Loop, ReadyQueue, PendingTimers, Task };

struct LaneMetrics {
    int loopHeight = 34;
    int counterHeight = 28;
    int stateBarHeight = 22;
    int frameHeight = 16;
    int padding = 5;          // above the state bar and below the last frame level
    int markerStrip = 18;     // above the state bar of lanes with never-awaited ghosts
    int maxFrameLevels = 6;   // deeper frames are not drawn (the details panel still lists them)
};

struct LayoutRow {
    RowKind kind = RowKind::Task;
    TaskId task = kNoTask;
    int treeDepth = 0;        // indentation of the lane header
    int y = 0;                // pinned rows: from the plot top; task rows: in scrolled content
    int height = 0;
    int frameLevels = 0;      // flame-chart levels drawn under the state bar (depth 1..frameLevels)
    int markerStrip = 0;      // room for never-awaited ghosts above the state bar (0: none)
    bool pinned = false;
    bool hasChildren = false;
    bool collapsed = false;

    // Offsets from the row's top: the state bar, a flame-chart level (depth 1 is the first
    // nested call; depth 0 is the task itself) and the centre line of the ghost strip.
    int stateOffset(const LaneMetrics& m) const { return m.padding + markerStrip; }
    int frameOffset(const LaneMetrics& m, int depth) const { return stateOffset(m) + m.stateBarHeight + 2 + (depth - 1) * m.frameHeight; }
    int markerCentreOffset(const LaneMetrics& m) const { return m.padding + markerStrip / 2; }
    int stateTop(const LaneMetrics& m) const { return y + stateOffset(m); }
    int frameTop(const LaneMetrics& m, int depth) const { return y + frameOffset(m, depth); }
};

class TimelineLayout {
public:
    TimelineLayout() = default;
    // `collapsed[task]` hides that task's descendants; a shorter vector means "not collapsed".
    TimelineLayout(const DerivedTrace& model, const std::vector<bool>& collapsed, const LaneMetrics& metrics = {});

    const std::vector<LayoutRow>& rows() const { return rows_; }
    // Different for every layout ever built: caches of header pictures key on it.
    std::uint64_t serial() const { return serial_; }
    const LaneMetrics& metrics() const { return metrics_; }
    int pinnedHeight() const { return pinnedHeight_; }
    int contentHeight() const { return contentHeight_; }  // all task rows
    std::size_t firstTaskRow() const { return firstTaskRow_; }

    // The row drawn at `y`: pinned rows take y in [0, pinnedHeight); below that, y is
    // pinnedHeight + content y - scrollY. -1 when nothing is there.
    int rowAt(int y, int scrollY) const;
    // The row of `task`, or of its nearest ancestor that is shown (-1 if none).
    int rowOfTask(TaskId task) const;
    // Top of `row` on screen, relative to the plot top, for the given scroll offset.
    int screenTop(const LayoutRow& row, int scrollY) const { return row.pinned ? row.y : pinnedHeight_ + row.y - scrollY; }

private:
    std::vector<LayoutRow> rows_;
    std::vector<int> rowOfTask_;  // -1: hidden, resolved through parents in rowOfTask
    std::vector<TaskId> parents_;
    LaneMetrics metrics_;
    int pinnedHeight_ = 0;
    int contentHeight_ = 0;
    std::size_t firstTaskRow_ = 0;
    std::uint64_t serial_ = 0;
};

} // namespace awaitscope::ui
