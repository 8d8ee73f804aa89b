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
}

std::size_t RowDrawList::itemCount() const {
    std::size_t n = spans.size() + blocks.size() + markers.size() + counter.size();
    for (const auto& level : frames)
        n += level.size();
    return n;
}

namespace {

void buildCounterColumns(const CounterSeries& series, const TimeScale& scale, std::vector<CounterColumn>& out) {
    const auto& points = series.points();
    if (points.empty())
        return;
    // One column per pixel, merged with its neighbour when the value is the same.
    const int first = static_cast<int>(std::floor(scale.left()));
    const int last = static_cast<int>(std::ceil(scale.right()));
    for (int x = first; x < last; ++x) {
        const TimeNs t0 = scale.xToTime(x);
        const TimeNs t1 = std::max(t0 + 1, scale.xToTime(x + 1));
        if (t1 <= points.front().time)
            continue;
        const std::int32_t value = series.maximumIn(t0, t1);
        if (!out.empty() && out.back().value == value && out.back().x1 == static_cast<float>(x))
            out.back().x1 = static_cast<float>(x + 1);
        else
            out.push_back({static_cast<float>(x), static_cast<float>(x + 1), value});
    }
}

void buildMarkers(const TraceModel& model, const std::vector<std::uint32_t>& list, const TimeScale& scale,
                  double mergeDistance, std::vector<MarkerItem>& out) {
    const auto& all = model.trace().neverAwaited;
    const TimeNs slack = scale.durationOf(mergeDistance);
    const TimeRange view = scale.visible();
    auto it = std::partition_point(list.begin(), list.end(), [&](std::uint32_t i) { return all[i].created < view.begin - slack; });
    for (; it != list.end() && all[*it].created <= view.end + slack; ++it) {
        const double x = scale.timeToX(all[*it].created);
        if (!out.empty() && x - out.back().x < mergeDistance)
            ++out.back().count;
        else
            out.push_back({static_cast<float>(x), static_cast<std::uint32_t>(it - list.begin()), 1});
    }
}

} // namespace

void buildRowDrawList(const TraceModel& model, const LayoutRow& row, const TimeScale& scale, const DrawOptions& options,
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
        const auto& levels = model.frameLevels(row.task);
        out.frames.resize(static_cast<std::size_t>(row.frameLevels));
        for (int depth = 1; depth <= row.frameLevels && depth < static_cast<int>(levels.size()); ++depth)
            foldRecords(levels[static_cast<std::size_t>(depth)], scale, options.minItemWidth,
                        out.frames[static_cast<std::size_t>(depth - 1)]);
        buildMarkers(model, model.neverAwaitedBy(row.task), scale, options.markerMergeDistance, out.markers);
        break;
    }
    }
}

} // namespace awaitscope::ui
