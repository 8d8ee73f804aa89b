#include "timeline/TimelineGeometry.h"

#include <algorithm>

namespace awaitscope::ui {

TimelineGeometry TimelineGeometry::compute(const QRect& rect, const TimelineStyle& style, bool showLegend, int pinnedHeight,
                                           bool asyncioWords, bool criticalPath) {
    TimelineGeometry g;
    g.rect = rect;
    const int headerWidth = std::min(style.headerWidth, style.headerWidthChosen ? rect.width() * 3 / 5 : rect.width() / 3);
    g.corner = QRect(rect.left(), rect.top(), headerWidth, style.rulerHeight);
    g.ruler = QRect(g.corner.right() + 1, rect.top(), rect.right() - g.corner.right(), g.corner.height());
    int legendHeight = 0;
    if (showLegend) {
        g.legendPlacements = placeLegend(style.smallFont, rect.width(), asyncioWords, criticalPath);
        legendHeight = legendHeightOf(g.legendPlacements);
    }
    g.legend = QRect(rect.left(), rect.bottom() + 1 - legendHeight, rect.width(), legendHeight);
    g.plot = QRect(QPoint(g.ruler.left(), g.ruler.bottom() + 1), QPoint(rect.right(), g.legend.top() - 1));
    g.header = QRect(QPoint(rect.left(), g.plot.top()), QPoint(g.plot.left() - 1, g.plot.bottom()));
    g.pinnedPlot = QRect(g.plot.left(), g.plot.top(), g.plot.width(), std::clamp(pinnedHeight, 0, std::max(0, g.plot.height())));
    g.taskPlot = QRect(QPoint(g.plot.left(), g.pinnedPlot.bottom() + 1), g.plot.bottomRight());
    return g;
}

} // namespace awaitscope::ui
