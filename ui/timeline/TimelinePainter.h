#pragma once

// Phase two of painting: draws a TimelineFrame. Lanes are drawn from their draw lists
// (DrawList.h), optionally through a per-lane pixmap cache; frozen bands, brackets, wake-up
// arrows, selection, measurement, playhead and hover are overlays drawn on top every time.
#include "timeline/LabelCache.h"
#include "timeline/RowPixmapCache.h"
#include "timeline/TimelineFrame.h"

class QPainter;

namespace awaitscope::ui {

class TimelinePainter {
public:
    // `cache` may be null (exports to SVG must stay vector graphics).
    void paint(QPainter& painter, const TimelineFrame& frame, RowPixmapCache* cache = nullptr);

    // Items drawn in the last paint (draw-list entries), for tests and the benchmark.
    std::size_t lastItemCount() const { return lastItemCount_; }

private:
    void paintRows(QPainter& p, const TimelineFrame& f, const TimeScale& scale, RowPixmapCache* cache);
    void paintRowContent(QPainter& p, const TimelineFrame& f, const TimeScale& scale, const LayoutRow& row, int top,
                         int rowIndex);
    void paintTaskRow(QPainter& p, const TimelineFrame& f, const TimeScale& scale, const LayoutRow& row, int top);
    void paintLoopRow(QPainter& p, const TimelineFrame& f, const TimeScale& scale, const LayoutRow& row, int top);
    void paintCounterRow(QPainter& p, const TimelineFrame& f, const LayoutRow& row, int top);
    void paintHeaders(QPainter& p, const TimelineFrame& f);
    void paintRuler(QPainter& p, const TimelineFrame& f, const TimeScale& scale);
    void paintBrackets(QPainter& p, const TimelineFrame& f, const TimeScale& scale);
    void paintFrozenBands(QPainter& p, const TimelineFrame& f, const TimeScale& scale);
    void paintArrows(QPainter& p, const TimelineFrame& f, const TimeScale& scale);
    void paintSelection(QPainter& p, const TimelineFrame& f, const TimeScale& scale);
    void paintCursorOverlays(QPainter& p, const TimelineFrame& f, const TimeScale& scale);
    void paintPlayhead(QPainter& p, const TimelineFrame& f, const TimeScale& scale);
    void paintLegend(QPainter& p, const TimelineFrame& f);
    QColor rowBackground(const TimelineFrame& f, const LayoutRow& row, int rowIndex) const;

    RowDrawList scratch_;
    LabelCache labels_;
    std::vector<TimeNs> frameTicks_;  // the ruler's ticks of the frame being painted (grid lines)
    std::size_t lastItemCount_ = 0;
};

// Shared shape helpers, also used by the legend so that it shows exactly what lanes show.
void drawGhostMarker(QPainter& p, const TimelineStyle& style, QPointF centre, double radius);
void drawEndMarker(QPainter& p, const TimelineStyle& style, TaskOutcome outcome, QPointF centre, double radius);
void drawArrowHead(QPainter& p, QPointF tip, QPointF from, double size);

} // namespace awaitscope::ui
