// Frozen bands: each frozen stretch crosses every lane as a translucent red band, so the tasks
// it held up (ready, waiting for the loop) are seen under it.
#include "timeline/passes/PaintContext.h"

#include <algorithm>

namespace awaitscope::ui {

void paintFrozenBands(PaintContext& c) {
    QPainter& p = c.p;
    const TimelineStyle& st = c.style;
    const TimeScale& scale = c.scale;
    const QRect plot = c.geometry.plot;
    const TimeRange view = scale.visible();
    const auto& stretches = c.model.frozenStretches();
    // Sorted by begin: the first that may reach into the view, found by binary search.
    auto it = std::partition_point(stretches.begin(), stretches.end(), [&](const FrozenStretch& s) { return s.end <= view.begin; });
    p.save();
    p.setClipRect(plot);
    for (; it != stretches.end() && it->begin < view.end; ++it) {
        if (it->end <= view.begin)
            continue;
        const double x0 = scale.clampX(scale.timeToX(it->begin));
        const double x1 = std::max(x0 + 1, scale.clampX(scale.timeToX(it->end)));
        p.fillRect(QRectF(x0, plot.top(), x1 - x0, plot.height()), st.frozenBand);
        p.setPen(QPen(st.frozen, 1.0));
        p.drawLine(QPointF(x0, plot.top()), QPointF(x0, plot.bottom()));
        p.drawLine(QPointF(x1, plot.top()), QPointF(x1, plot.bottom()));
    }
    p.restore();
}

} // namespace awaitscope::ui
