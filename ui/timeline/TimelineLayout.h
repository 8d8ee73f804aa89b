#pragma once

// Where each row of the timeline goes, vertically. The Loop lane and the two counter tracks
// are pinned at the top; task lanes follow in tree order (children under their parent, hidden
// under a collapsed one) and scroll. Many siblings of one coroutine function (a group,
// CoroutineGroups.h) make one group row, which expands to their lanes. Laid out once per
// change of what is shown (a collapse, an expansion); painting and hit testing then find the
// visible rows by binary search, so a frame costs the rows on screen, not the rows in all.
// Pure: no painting, testable with numbers.
#include <awaitscope/analysis/DerivedTrace.h>

#include <utility>
#include <vector>

namespace awaitscope::ui {

enum class RowKind : std::uint8_t { Loop, ReadyQueue, PendingTimers, Task, Group };

struct LaneMetrics {
    int loopHeight = 34;
    int counterHeight = 28;
    int stateBarHeight = 22;
    int frameHeight = 16;
    int padding = 5;          // above the state bar and below the last frame level
    int markerStrip = 18;     // above the state bar of lanes with never-awaited ghosts
    int maxFrameLevels = 6;   // deeper frames are not drawn (the details panel still lists them)
    int groupBandHeight = 34; // a group row's stacked band of running / ready / awaiting
};

struct LayoutRow {
    RowKind kind = RowKind::Task;
    TaskId task = kNoTask;
    std::uint32_t group = kNoGroup;  // Group rows: into DerivedTrace::groups()
    int treeDepth = 0;        // indentation of the lane header
    int y = 0;                // pinned rows: from the plot top; task rows: in scrolled content
    int height = 0;
    int frameLevels = 0;      // flame-chart levels drawn under the state bar (depth 1..frameLevels)
    int markerStrip = 0;      // room for never-awaited ghosts above the state bar (0: none)
    bool pinned = false;
    bool hasChildren = false; // a task with child lanes, or a group (both open and close)
    bool collapsed = false;   // a task's children hidden, or a group not expanded

    // Offsets from the row's top: the state bar (a group's band), a flame-chart level (depth 1
    // is the first nested call; depth 0 is the task itself) and the centre line of the ghost strip.
    int stateOffset(const LaneMetrics& m) const { return m.padding + markerStrip; }
    int frameOffset(const LaneMetrics& m, int depth) const { return stateOffset(m) + m.stateBarHeight + 2 + (depth - 1) * m.frameHeight; }
    int markerCentreOffset(const LaneMetrics& m) const { return m.padding + markerStrip / 2; }
    int stateTop(const LaneMetrics& m) const { return y + stateOffset(m); }
    int frameTop(const LaneMetrics& m, int depth) const { return y + frameOffset(m, depth); }
};

class TimelineLayout {
public:
    TimelineLayout() = default;
    // `collapsed[task]` hides that task's descendants; `expandedGroups[g]` shows group g's
    // lanes instead of its group row. Shorter vectors mean "not collapsed", "not expanded".
    TimelineLayout(const DerivedTrace& model, const std::vector<bool>& collapsed, const std::vector<bool>& expandedGroups = {},
                   const LaneMetrics& metrics = {});

    const std::vector<LayoutRow>& rows() const { return rows_; }
    // Different for every layout ever built: caches of header pictures key on it.
    std::uint64_t serial() const { return serial_; }
    const LaneMetrics& metrics() const { return metrics_; }
    int pinnedHeight() const { return pinnedHeight_; }
    int contentHeight() const { return contentHeight_; }  // all task rows
    std::size_t firstTaskRow() const { return firstTaskRow_; }
    // A trace of an asyncio program: the loop, ready-queue and timers rows come first (pinned),
    // and lanes speak of tasks and awaits. Another tool's trace has lanes only.
    bool asyncioWords() const { return asyncioWords_; }
    // The task rows [first, last) that meet content y in [scrollY, scrollY + height).
    std::pair<std::size_t, std::size_t> visibleTaskRows(int scrollY, int height) const;

    // The row drawn at `y`: pinned rows take y in [0, pinnedHeight); below that, y is
    // pinnedHeight + content y - scrollY. -1 when nothing is there.
    int rowAt(int y, int scrollY) const;
    // The row of `task`, or of the nearest row that holds it (its group's, or a shown
    // ancestor's); -1 if none.
    int rowOfTask(TaskId task) const;
    // The row of group `group` (its header, open or closed), -1 when hidden under a collapsed task.
    int rowOfGroup(std::uint32_t group) const;
    // Content y of the first and past the last row showing a task of `scope`, or (0, 0) when
    // none is shown: a scope's bracket spans these.
    std::pair<int, int> scopeExtent(ScopeId scope) const;
    // Top of `row` on screen, relative to the plot top, for the given scroll offset.
    int screenTop(const LayoutRow& row, int scrollY) const { return row.pinned ? row.y : pinnedHeight_ + row.y - scrollY; }

private:
    std::vector<LayoutRow> rows_;
    std::vector<int> rowOfTask_;  // -1: hidden, resolved through parents in rowOfTask
    std::vector<int> rowOfGroup_;
    std::vector<TaskId> parents_;
    std::vector<std::pair<int, int>> scopeExtents_;
    LaneMetrics metrics_;
    int pinnedHeight_ = 0;
    int contentHeight_ = 0;
    std::size_t firstTaskRow_ = 0;
    bool asyncioWords_ = true;
    std::uint64_t serial_ = 0;
};

} // namespace awaitscope::ui
