// Group lanes: many tasks of one coroutine function as one stacked band, how many of them run
// (bottom), wait for the loop (middle) and await (top) at each moment, scaled to the most that
// were alive at once; the frozen stretches its tasks caused as red marks along the top, and its
// diagnostics as markers.
#include "timeline/passes/PaintContext.h"

#include <algorithm>
#include <cmath>

namespace awaitscope::ui {

void paintGroupLane(PaintContext& c, const LayoutRow& row, int top, const RowDrawList& items) {
    if (row.group >= c.model.groups().groups().size())
        return;
    QPainter& p = c.p;
    const TimelineStyle& st = c.style;
    const CoroutineGroup& group = c.model.groups().groups()[row.group];
    const LaneMetrics& m = c.layout.metrics();
    const int bandTop = top + row.stateOffset(m);
    const int bandHeight = m.groupBandHeight;
    const int baseline = bandTop + bandHeight;
    const double most = std::max<std::uint32_t>(1, group.activity.peakAlive());

    RectBatch running, ready, awaiting;
    for (const GroupColumn& column : items.group) {
        const int x0 = static_cast<int>(std::floor(column.x0));
        const int width = std::max(1, static_cast<int>(std::lround(column.x1)) - x0);
        // Heights of the three stacked counts; anything present gets a pixel.
        auto pixels = [&](double count) {
            return count <= 0 ? 0 : std::max(1, static_cast<int>(std::lround(count / most * bandHeight)));
        };
        int y = baseline;
        const int r = pixels(column.running), q = pixels(column.ready), a = pixels(column.awaiting);
        if (r > 0)
            running.add(QRect(x0, y - r, width, r));
        y -= r;
        if (q > 0)
            ready.add(QRect(x0, std::max(bandTop, y - q), width, std::min(q, y - bandTop)));
        y -= q;
        if (a > 0 && y > bandTop)
            awaiting.add(QRect(x0, std::max(bandTop, y - a), width, std::min(a, y - bandTop)));
    }
    awaiting.fill(p, st.awaiting);
    ready.fill(p, st.ready);
    running.fill(p, st.running);
    p.fillRect(QRect(static_cast<int>(c.scale.left()), baseline, static_cast<int>(std::ceil(c.scale.width())), 1), st.awaitingBorder);

    // The frozen stretches its own tasks caused, along the top of the band.
    const TimeRange view = c.scale.visible();
    const auto& stretches = c.model.frozenStretches();
    for (std::uint32_t index : group.frozen) {
        const FrozenStretch& stretch = stretches[index];
        if (stretch.end <= view.begin || stretch.begin >= view.end)
            continue;
        const double x0 = c.scale.clampX(c.scale.timeToX(stretch.begin));
        const double x1 = std::max(x0 + 2, c.scale.clampX(c.scale.timeToX(stretch.end)));
        p.fillRect(QRectF(x0, bandTop - 3, x1 - x0, 4), st.frozen);
    }

    // Its diagnostics (never-awaited coroutines, failures nobody saw, tasks left pending):
    // small markers above the band, merged when close, with the count.
    p.setFont(st.smallFont);
    for (const MarkerItem& marker : items.markers) {
        const double x = marker.x;
        QPolygonF triangle;
        triangle << QPointF(x - 4, top + 1) << QPointF(x + 4, top + 1) << QPointF(x, top + 7);
        p.setPen(Qt::NoPen);
        p.setBrush(st.ghost);
        p.drawPolygon(triangle);
        if (marker.count > 1)
            c.labels.draw(p, QRectF(x + 5, top - 2, 60, 12), QString::number(marker.count), st.ghostText, Qt::AlignLeft);
    }
    p.setFont(st.font);
}

} // namespace awaitscope::ui
