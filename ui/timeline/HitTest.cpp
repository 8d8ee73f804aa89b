#include "timeline/HitTest.h"

#include "timeline/ArrowGeometry.h"

#include <QPainterPathStroker>

namespace awaitscope::ui {

namespace {

Selection hitTaskRow(const TimelineFrame& f, const LayoutRow& row, QPoint point, TimeNs t, TimeNs tolerance, double tolerancePx) {
    const DerivedTrace& model = *f.model;
    const LaneMetrics& m = f.layout->metrics();
    const TimeScale scale = f.scale();
    const TaskLane& lane = model.index().lane(row.task);
    const int top = f.rowTop(row);
    const int barTop = top + row.stateOffset(m);
    const int barBottom = barTop + m.stateBarHeight;

    // Never-awaited ghosts, in their strip above the state bar.
    if (row.markerStrip > 0 && point.y() >= top && point.y() < barTop) {
        const auto ghosts = model.neverAwaitedBy(row.task);
        const auto& all = model.trace().neverAwaited;
        const double reach = row.markerStrip * 0.5 + tolerancePx;
        const auto first = std::partition_point(ghosts.begin(), ghosts.end(),
                                                [&](std::uint32_t i) { return scale.timeToX(all[i].created) < point.x() - reach; });
        if (first != ghosts.end() && std::abs(scale.timeToX(all[*first].created) - point.x()) <= reach)
            return Selection::of(SelectionKind::NeverAwaited, row.task, *first);
        return Selection::ofTask(row.task);
    }
    if (point.y() >= barTop && point.y() < barBottom) {
        if (auto block = findRecordNear(lane.blocks, t, tolerance))
            return Selection::of(SelectionKind::Block, row.task, static_cast<std::uint32_t>(*block));
        if (auto span = findRecordNear(lane.spans, t, tolerance))
            return Selection::of(SelectionKind::Span, row.task, static_cast<std::uint32_t>(*span));
        return Selection::ofTask(row.task);
    }
    const int levels = static_cast<int>(model.frameLevelCount(row.task));
    for (int depth = 1; depth <= row.frameLevels && depth < levels; ++depth) {
        const int levelTop = top + row.frameOffset(m, depth);
        if (point.y() >= levelTop && point.y() < levelTop + m.frameHeight) {
            const auto level = model.frameLevel(row.task, static_cast<std::size_t>(depth));
            if (auto frame = findRecordNear(level, t, tolerance))
                return Selection::of(SelectionKind::Frame, row.task, level[*frame].frameIndex);
        }
    }
    return Selection::ofTask(row.task);
}

// The arrow drawn nearest the point, within the tolerance: the curve widened into a stroke.
std::optional<std::size_t> hitArrow(const TimelineFrame& f, QPoint point, double tolerancePx) {
    const ArrowsInView view = arrowsInView(f);
    if (view.onlySelected && f.selection.task == kNoTask)
        return std::nullopt;
    const TimeScale scale = f.scale();
    QPainterPathStroker stroker;
    stroker.setWidth(2 * tolerancePx + 1);
    for (const WakeArrow& arrow : view.arrows) {
        const auto place = placeArrow(f, view, arrow);
        if (!place || point.y() < std::min(place->y0, place->y1) - tolerancePx || point.y() > std::max(place->y0, place->y1) + tolerancePx)
            continue;
        const QPainterPath curve = arrowCurve(scale, arrow, place->y0, place->y1);
        if (!curve.controlPointRect().adjusted(-tolerancePx, -tolerancePx, tolerancePx, tolerancePx).contains(point))
            continue;
        if (stroker.createStroke(curve).contains(QPointF(point)))
            return static_cast<std::size_t>(&arrow - f.model->arrows().data());
    }
    return std::nullopt;
}

} // namespace

Hit hitTest(const TimelineFrame& f, QPoint point, double tolerancePx) {
    Hit hit;
    if (!f.model || !f.layout || !f.rect.contains(point))
        return hit;
    const QRect plot = f.plotRect();
    const TimeScale scale = f.scale();
    if (f.legendRect().contains(point)) {
        hit.area = HitArea::Legend;
        return hit;
    }
    if (f.rulerRect().contains(point)) {
        hit.area = HitArea::Ruler;
        hit.time = scale.xToTime(point.x());
        return hit;
    }
    if (point.y() < plot.top() || point.y() > plot.bottom())
        return hit;
    hit.row = f.layout->rowAt(point.y() - plot.top(), f.scrollY);
    const LayoutRow* row = hit.row >= 0 ? &f.layout->rows()[static_cast<std::size_t>(hit.row)] : nullptr;
    // Task rows are clipped below the pinned rows: a point there cannot hit a scrolled-away row.
    if (row && !row->pinned && point.y() < f.taskPlotRect().top())
        row = nullptr, hit.row = -1;

    if (point.x() < plot.left()) {
        hit.area = HitArea::Header;
        if (row && (row->kind == RowKind::Task || row->kind == RowKind::Group)) {
            hit.selection = row->kind == RowKind::Group ? Selection::ofGroup(row->group) : Selection::ofTask(row->task);
            const int toggleLeft = f.rect.left() + 6 + row->treeDepth * 14 - 3;
            if (row->hasChildren && point.x() >= toggleLeft && point.x() < toggleLeft + 17)
                hit.area = HitArea::CollapseToggle;
        }
        return hit;
    }
    hit.area = HitArea::Plot;
    const TimeNs t = scale.xToTime(point.x());
    hit.time = t;
    if (point.y() >= f.taskPlotRect().top())
        hit.arrow = hitArrow(f, point, tolerancePx);
    if (!row)
        return hit;
    const TimeNs tolerance = std::max<TimeNs>(1, scale.durationOf(tolerancePx));
    switch (row->kind) {
    case RowKind::Loop: {
        const auto& stretches = f.model->frozenStretches();
        for (std::size_t i = 0; i < stretches.size(); ++i)
            if (t >= stretches[i].begin - tolerance && t <= stretches[i].end + tolerance) {
                hit.selection = Selection::of(SelectionKind::Frozen, stretches[i].culprit, static_cast<std::uint32_t>(i));
                return hit;
            }
        const auto& slices = f.model->index().loopSlices();
        if (auto slice = findRecordNear(slices, t, tolerance))
            hit.selection = Selection::of(SelectionKind::LoopSlice, slices[*slice].task, static_cast<std::uint32_t>(*slice));
        break;
    }
    case RowKind::ReadyQueue:
    case RowKind::PendingTimers:
        break;
    case RowKind::Task:
        hit.selection = hitTaskRow(f, *row, point, t, tolerance, tolerancePx);
        if (f.showCriticalPath) {
            const int barTop = f.rowTop(*row) + row->stateOffset(f.layout->metrics());
            if (point.y() >= barTop && point.y() < barTop + f.layout->metrics().stateBarHeight)
                hit.criticalLink = f.model->analysis().criticalPath.linkOf(row->task, t - tolerance, t + tolerance);
        }
        break;
    case RowKind::Group:
        hit.selection = Selection::ofGroup(row->group);
        break;
    }
    return hit;
}

} // namespace awaitscope::ui
