#pragma once

// Where the parts of a timeline picture go: the corner, the ruler, the lane headers, the plot
// (pinned rows and scrolling task rows) and the legend, with the legend's entries placed.
// Computed once per size, style or layout change (the widget keeps it; an export computes it
// once): measuring the legend's words is text shaping, far too slow to repeat per row or frame.
#include "timeline/Legend.h"
#include "timeline/TimelineStyle.h"

#include <QRect>

#include <vector>

namespace awaitscope::ui {

struct TimelineGeometry {
    QRect rect;        // the whole timeline on the paint device
    QRect corner;      // above the lane headers
    QRect ruler;       // right of the corner, at the top
    QRect legend;      // at the bottom (empty without a legend)
    QRect plot;        // the lanes, right of the headers
    QRect header;      // the lane headers, left of the plot
    QRect pinnedPlot;  // Loop lane and counters
    QRect taskPlot;    // scrolling task lanes
    std::vector<LegendPlacement> legendPlacements;

    static TimelineGeometry compute(const QRect& rect, const TimelineStyle& style, bool showLegend, int pinnedHeight,
                                    bool asyncioWords = true, bool criticalPath = false);
};

} // namespace awaitscope::ui
