#include "timeline/TimelineFrame.h"

#include <algorithm>

namespace awaitscope::ui {

const TimelineGeometry& TimelineFrame::geo() const {
    if (!geometry) {
        const int pinned = layout ? layout->pinnedHeight() : 0;
        const bool asyncio = layout ? layout->asyncioWords() : true;
        geometry = std::make_shared<const TimelineGeometry>(style ? TimelineGeometry::compute(rect, *style, showLegend, pinned, asyncio, showCriticalPath)
                                                                  : TimelineGeometry::compute(rect, TimelineStyle::light(), false, pinned));
    }
    return *geometry;
}

int TimelineFrame::rowTop(const LayoutRow& row) const {
    return geo().plot.top() + (layout ? layout->screenTop(row, scrollY) : row.y);
}

int TimelineFrame::maxScrollY() const {
    if (!layout)
        return 0;
    return std::max(0, layout->contentHeight() - geo().taskPlot.height());
}

} // namespace awaitscope::ui
