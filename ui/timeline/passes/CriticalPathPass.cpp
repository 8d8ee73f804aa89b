// The critical path (analysis/CriticalPath.h), when shown: the lanes off the path washed out,
// each link outlined on the state bar of its task's row, and a connector where the path moves
// from one task to another, on the curve a wake-up arrow takes (the link is "this woke that").
#include "timeline/passes/PaintContext.h"

#include "timeline/ArrowGeometry.h"

#include <QPainterPath>

#include <algorithm>
#include <cmath>

namespace awaitscope::ui {

namespace {

// Rows that show a task of the path (a collapsed task's links sit on its shown ancestor's row).
std::vector<bool> rowsOnPath(const TimelineLayout& layout, const std::vector<CriticalSegment>& segments) {
    std::vector<bool> onPath(layout.rows().size(), false);
    TaskId last = kNoTask;
    for (const CriticalSegment& segment : segments) {
        if (segment.task == last)
            continue;
        last = segment.task;
        if (const int row = layout.rowOfTask(segment.task); row >= 0)
            onPath[static_cast<std::size_t>(row)] = true;
    }
    return onPath;
}

void washOutRowsOffPath(PaintContext& c, const std::vector<CriticalSegment>& segments) {
    const TimelineLayout& layout = c.layout;
    const std::vector<bool> onPath = rowsOnPath(layout, segments);
    const QRect tasks = c.geometry.taskPlot;
    const auto [first, last] = layout.visibleTaskRows(c.frame.scrollY, tasks.height());
    c.p.save();
    c.p.setClipRect(tasks);
    for (std::size_t i = first; i < last; ++i) {
        const LayoutRow& row = layout.rows()[i];
        if (!onPath[i] && (row.kind == RowKind::Task || row.kind == RowKind::Group))
            c.p.fillRect(QRect(tasks.left(), c.frame.rowTop(row), tasks.width(), row.height), c.style.offPath);
    }
    c.p.restore();
}

} // namespace

void paintCriticalPath(PaintContext& c) {
    const TimelineFrame& f = c.frame;
    if (!f.showCriticalPath)
        return;
    const std::vector<CriticalSegment>& segments = c.model.analysis().criticalPath.segments;
    if (segments.empty())
        return;
    washOutRowsOffPath(c, segments);

    QPainter& p = c.p;
    const TimeScale& scale = c.scale;
    const TimeRange view = scale.visible();
    // Links follow one another in time: the ones in view are a run. The link before the first
    // in view still has its connector into the view.
    auto first = std::partition_point(segments.begin(), segments.end(), [&](const CriticalSegment& s) { return s.end < view.begin; });
    if (first != segments.begin())
        --first;
    const auto last = std::partition_point(first, segments.end(), [&](const CriticalSegment& s) { return s.begin <= view.end; });

    p.save();
    p.setClipRect(c.geometry.taskPlot);
    // Links narrower than a pixel next to another of the same row merge into it: a path of
    // thousands of links costs about one rectangle per pixel column.
    std::optional<QRectF> pending;
    auto flush = [&] {
        if (pending)
            drawCriticalLink(p, c.style, *pending);
        pending.reset();
    };
    for (auto it = first; it != last; ++it) {
        const auto bar = stateBarOf(f, it->task, true);
        if (!bar)
            continue;
        const double x0 = scale.clampX(scale.timeToX(it->begin), 4);
        const double x1 = std::max(x0 + 1, scale.clampX(scale.timeToX(it->end), 4));
        if (pending && pending->top() == bar->top && x0 - pending->right() < 1.0) {
            pending->setRight(std::max(pending->right(), x1));
            continue;
        }
        flush();
        pending = QRectF(x0, bar->top, x1 - x0, bar->height);
    }
    flush();

    // Connectors, at most one per pixel column where the path changes task.
    p.setRenderHint(QPainter::Antialiasing, true);
    double lastX = -1e9;
    for (auto it = first; it != last && it + 1 != segments.end(); ++it) {
        const CriticalSegment& from = *it;
        const CriticalSegment& to = *(it + 1);
        if (from.task == to.task)
            continue;
        const auto y0 = stateBarOf(f, from.task, true);
        const auto y1 = stateBarOf(f, to.task, true);
        if (!y0 || !y1 || y0->top == y1->top)
            continue;
        const WakeArrow link{from.end, to.begin, from.task, to.task, to.kind};
        double bend = 0;
        const QPainterPath curve = arrowCurve(scale, link, y0->centre(), y1->centre(), &bend);
        const QPointF end = curve.currentPosition();
        if (std::abs(end.x() - lastX) < 1.0)
            continue;
        lastX = end.x();
        p.setPen(QPen(c.style.criticalPath, 2.4));
        p.setBrush(Qt::NoBrush);
        p.drawPath(curve);
        p.setPen(Qt::NoPen);
        p.setBrush(c.style.criticalPath);
        drawArrowHead(p, end, QPointF(end.x() - bend, end.y()), 8);
    }
    p.restore();
}

} // namespace awaitscope::ui
