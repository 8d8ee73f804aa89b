// Arrows from cause to effect: who woke (or created) whom, from the moment it did to the
// moment the woken task ran; creations dashed and grey, wake-ups solid. Beyond maxArrows in view only the selected task's are drawn, and
// arrows into a closed group of lanes only when they are the selected task's.
#include "timeline/passes/PaintContext.h"

#include <QPainterPath>

#include <algorithm>

namespace awaitscope::ui {

namespace {

// The vertical centre of the state bar (or band) of the row that shows `task`.
std::optional<double> centreOf(const PaintContext& c, TaskId task, bool intoGroups) {
    const int index = c.layout.rowOfTask(task);
    if (index < 0)
        return std::nullopt;
    const LayoutRow& row = c.layout.rows()[static_cast<std::size_t>(index)];
    if (row.kind == RowKind::Group && !intoGroups)
        return std::nullopt;
    const LaneMetrics& m = c.layout.metrics();
    const int height = row.kind == RowKind::Group ? m.groupBandHeight : m.stateBarHeight;
    return c.frame.rowTop(row) + row.stateOffset(m) + height / 2.0;
}

void drawArrow(PaintContext& c, const WakeArrow& arrow, double y0, double y1, bool highlighted) {
    QPainter& p = c.p;
    const double x0 = c.scale.clampX(c.scale.timeToX(arrow.cause), 400);
    const double x1 = c.scale.clampX(c.scale.timeToX(arrow.effect), 400);
    // A task made at 0 s that first runs at 0.8 s was not woken at 0 s: a creation is drawn thin,
    // dashed and grey, apart from the solid arrows of wake-ups.
    const bool created = arrow.creation();
    const QColor color = highlighted ? c.style.selection : created ? c.style.creationArrow : c.style.arrow;
    const double dx = std::clamp((x1 - x0) * 0.5, 6.0, 60.0);
    QPainterPath path;
    path.moveTo(x0, y0);
    path.cubicTo(x0 + dx, y0, x1 - dx, y1, x1, y1);
    QPen pen(color, highlighted ? 1.8 : created ? 1.0 : 1.2);
    if (created)
        pen.setDashPattern({4, 3});
    p.setPen(pen);
    p.setBrush(Qt::NoBrush);
    p.drawPath(path);
    p.setPen(Qt::NoPen);
    p.setBrush(color);
    p.drawEllipse(QPointF(x0, y0), 2.2, 2.2);
    drawArrowHead(p, QPointF(x1, y1), QPointF(x1 - dx, y1), 7);
}

} // namespace

void paintArrows(PaintContext& c) {
    const TimelineFrame& f = c.frame;
    const auto& arrows = c.model.arrows();
    const TimeRange view = c.scale.visible();
    const auto first = std::partition_point(arrows.begin(), arrows.end(),
                                            [&](const WakeArrow& a) { return a.cause < view.begin - c.model.longestArrow(); });
    const auto last = std::partition_point(first, arrows.end(), [&](const WakeArrow& a) { return a.cause <= view.end; });
    std::size_t visible = 0;
    for (auto it = first; it != last && visible <= static_cast<std::size_t>(f.maxArrows); ++it)
        visible += it->effect >= view.begin;
    const bool onlySelected = visible > static_cast<std::size_t>(f.maxArrows);
    const TaskId selected = f.selection.task;
    if (onlySelected && selected == kNoTask)
        return;
    c.p.save();
    c.p.setClipRect(c.geometry.taskPlot);
    c.p.setRenderHint(QPainter::Antialiasing, true);
    for (auto it = first; it != last; ++it) {
        const WakeArrow& arrow = *it;
        if (arrow.effect < view.begin)
            continue;
        const bool highlighted = selected != kNoTask && (arrow.from == selected || arrow.to == selected);
        if (onlySelected && !highlighted)
            continue;
        const auto y0 = centreOf(c, arrow.from, highlighted);
        const auto y1 = centreOf(c, arrow.to, highlighted);
        if (!y0 || !y1 || *y0 == *y1)
            continue;
        drawArrow(c, arrow, *y0, *y1, highlighted);
    }
    c.p.restore();
}

} // namespace awaitscope::ui
