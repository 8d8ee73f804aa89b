#pragma once

// Paints a TimelineFrame by running the paint passes (passes/PaintContext.h) in order. Lanes
// are drawn from their draw lists (DrawList.h), optionally through a per-lane pixmap cache;
// scope brackets, frozen bands, arrows, the critical path, the selection, the headers, the ruler, the cursor and
// playhead and the legend are drawn on top every time (headers and legend from pictures that
// change only with the layout, the scroll offset, the selection or the width).
#include "timeline/DrawList.h"
#include "timeline/LabelCache.h"
#include "timeline/RowPixmapCache.h"
#include "timeline/TimelineFrame.h"

class QPainter;

namespace awaitscope::ui {

struct PaintContext;

class TimelinePainter {
public:
    // `cache` may be null (exports to SVG must stay vector graphics).
    void paint(QPainter& painter, const TimelineFrame& frame, RowPixmapCache* cache = nullptr);

    // Items drawn in the last paint (draw-list entries), for tests and the benchmark.
    std::size_t lastItemCount() const { return lastItemCount_; }

private:
    void paintLanes(PaintContext& c, RowPixmapCache* cache);
    void paintLane(PaintContext& c, const LayoutRow& row, int top, int rowIndex);

    RowDrawList scratch_;
    LabelCache labels_;
    std::size_t lastItemCount_ = 0;
};

} // namespace awaitscope::ui
