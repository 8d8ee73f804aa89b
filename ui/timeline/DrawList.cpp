#include "timeline/DrawList.h"

#include <cmath>

namespace awaitscope::ui {

void RowDrawList::clear() {
    spans.clear();
    blocks.clear();
    for (auto& level : frames)
        level.clear();
    markers.clear();
    counter.clear();
    group.clear();
}

std::size_t RowDrawList::itemCount() const {
    std::size_t n = spans.size() + blocks.size() + markers.size() + counter.size() + group.size();
    for (const auto& level : frames)
        n += level.size();
    return n;
}

namespace {

void buildCounterColumns(const CounterSeries& series, const TimeScale& scale, std::vector<CounterColumn>& out) {
    const auto& points = series.points;
    if (points.empty())
        return;
    // One column per pixel, merged with its neighbour when the value is the same. A column's
    // value is the highest in effect inside it: the value at its start, or any point within.
    const int first = static_cast<int>(std::floor(scale.left()));
    const int last = static_cast<int>(std::ceil(scale.right()));
    std::size_t next = 0;  // the first point after the current column's start
    for (int x = first; x < last; ++x) {
        const TimeNs t0 = scale.xToTime(x);
        const TimeNs t1 = std::max(t0 + 1, scale.xToTime(x + 1));
        if (t1 <= points.front().time)
            continue;
        next = series.firstAfter(t0, next);
        const std::size_t end = series.firstAtOrAfter(t1, next);
        std::uint32_t value = next > 0 ? points[next - 1].value : 0;
        if (end - next <= 16) {
            for (std::size_t i = next; i < end; ++i)
                value = std::max(value, points[i].value);
        } else {
            value = std::max(value, series.maximumOfPoints(next, end));
        }
        next = end;
        if (!out.empty() && out.back().value == value && out.back().x1 == static_cast<float>(x))
            out.back().x1 = static_cast<float>(x + 1);
        else
            out.push_back({static_cast<float>(x), static_cast<float>(x + 1), value});
    }
}

// Markers at the times of `list` (sorted by time through `timeOf`), merged when closer than
// `mergeDistance` pixels.
template <class TimeOf>
void buildMarkers(std::span<const std::uint32_t> list, TimeOf timeOf, const TimeScale& scale, double mergeDistance,
                  std::vector<MarkerItem>& out) {
    const TimeNs slack = scale.durationOf(mergeDistance);
    const TimeRange view = scale.visible();
    auto it = std::partition_point(list.begin(), list.end(), [&](std::uint32_t i) { return timeOf(i) < view.begin - slack; });
    for (; it != list.end() && timeOf(*it) <= view.end + slack; ++it) {
        const double x = scale.timeToX(timeOf(*it));
        if (!out.empty() && x - out.back().x < mergeDistance)
            ++out.back().count;
        else
            out.push_back({static_cast<float>(x), static_cast<std::uint32_t>(it - list.begin()), 1});
    }
}

// One column per pixel of the group's lifetime, merged with its neighbour when it is the same.
void buildGroupColumns(const CoroutineGroup& group, const TimeScale& scale, std::vector<GroupColumn>& out) {
    const int first = static_cast<int>(std::floor(std::max(scale.left(), scale.clampX(scale.timeToX(group.range.begin)))));
    const int last = static_cast<int>(std::ceil(std::min(scale.right(), scale.clampX(scale.timeToX(group.range.end)))));
    GroupActivity::Sweep sweep(group.activity);
    for (int x = first; x < last; ++x) {
        const TimeNs t0 = scale.xToTime(x);
        const TimeNs t1 = std::max(t0 + 1, scale.xToTime(x + 1));
        const GroupActivity::Average a = sweep.averageIn(t0, t1);
        const GroupColumn column{static_cast<float>(x), static_cast<float>(x + 1), static_cast<float>(a.running),
                                 static_cast<float>(a.ready), static_cast<float>(a.awaiting)};
        if (!out.empty() && out.back().x1 == column.x0 && out.back().running == column.running && out.back().ready == column.ready &&
            out.back().awaiting == column.awaiting)
            out.back().x1 = column.x1;
        else
            out.push_back(column);
    }
}

} // namespace

void buildRowDrawList(const DerivedTrace& model, const LayoutRow& row, const TimeScale& scale, const DrawOptions& options,
                      RowDrawList& out) {
    out.clear();
    switch (row.kind) {
    case RowKind::Loop:
        foldRecords(model.index().loopSlices(), scale, options.minItemWidth, out.spans);
        break;
    case RowKind::ReadyQueue:
        buildCounterColumns(model.readyQueue(), scale, out.counter);
        break;
    case RowKind::PendingTimers:
        buildCounterColumns(model.pendingTimers(), scale, out.counter);
        break;
    case RowKind::Task: {
        if (row.task >= model.taskCount())
            break;
        const TaskLane& lane = model.index().lane(row.task);
        foldRecords(lane.spans, scale, options.minItemWidth, out.spans);
        foldRecords(lane.blocks, scale, options.minItemWidth, out.blocks);
        out.frames.resize(static_cast<std::size_t>(row.frameLevels));
        const int levels = static_cast<int>(model.frameLevelCount(row.task));
        for (int depth = 1; depth <= row.frameLevels && depth < levels; ++depth)
            foldRecords(model.frameLevel(row.task, static_cast<std::size_t>(depth)), scale, options.minItemWidth,
                        out.frames[static_cast<std::size_t>(depth - 1)]);
        const auto& neverAwaited = model.trace().neverAwaited;
        buildMarkers(model.neverAwaitedBy(row.task), [&](std::uint32_t i) { return neverAwaited[i].created; }, scale,
                     options.markerMergeDistance, out.markers);
        break;
    }
    case RowKind::Group: {
        if (row.group >= model.groups().groups().size())
            break;
        const CoroutineGroup& group = model.groups().groups()[row.group];
        buildGroupColumns(group, scale, out.group);
        const auto& diagnostics = model.diagnostics();
        buildMarkers(group.diagnostics, [&](std::uint32_t i) { return diagnostics[i].time; }, scale, options.markerMergeDistance,
                     out.markers);
        break;
    }
    }
}

} // namespace awaitscope::ui
