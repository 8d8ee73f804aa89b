// The counter lanes: the ready queue and the pending timers as bars, the count written where
// there is room.
#include "timeline/passes/PaintContext.h"

#include <cmath>

namespace awaitscope::ui {

void paintCounterLane(PaintContext& c, const LayoutRow& row, int top, const RowDrawList& items) {
    QPainter& p = c.p;
    const TimelineStyle& st = c.style;
    const CounterSeries& series = row.kind == RowKind::ReadyQueue ? c.model.readyQueue() : c.model.pendingTimers();
    const QColor color = row.kind == RowKind::ReadyQueue ? st.ready : st.awaitingBorder;
    const double maximum = std::max<std::uint32_t>(1, series.peak);
    const int baseline = top + row.height - 4;
    const double height = row.height - 9;
    RectBatch bars;
    std::vector<PendingLabel> labels;
    for (const CounterColumn& column : items.counter) {
        if (column.value == 0)
            continue;
        const int h = std::max(2, static_cast<int>(std::lround(height * column.value / maximum)));
        const int x0 = static_cast<int>(column.x0);
        const QRect rect(x0, baseline - h, std::max(1, static_cast<int>(column.x1) - x0), h);
        bars.add(rect);
        // The count itself where there is room: "2" says more than a bar height.
        if (rect.width() >= 28)
            labels.push_back({QRect(rect.left(), top, rect.width(), row.height), QString::number(column.value), st.text, Qt::AlignCenter});
    }
    bars.fill(p, color);
    p.setFont(st.smallFont);
    for (const PendingLabel& l : labels)
        c.labels.draw(p, l.rect, l.text, l.color, l.align);
    p.setFont(st.font);
}

} // namespace awaitscope::ui
