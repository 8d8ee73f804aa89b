#pragma once

// The timeline is painted in passes, one file each, every pass a free function over this small
// context (after Qt Creator's timeline render passes). TimelinePainter runs them in order:
// lanes (task, group, loop and counter rows, each from its draw list and cached per lane),
// then the overlays drawn over every lane: scope brackets, frozen bands, arrows, the critical
// path, the selection, the lane headers, the ruler, cursor / measure / playhead, and the legend.
#include "model/QtText.h"
#include "timeline/DrawList.h"
#include "timeline/LabelCache.h"
#include "timeline/RulerTicks.h"
#include "timeline/TimelineFrame.h"

#include <QBrush>
#include <QPainter>
#include <QStringList>

#include <vector>

namespace awaitscope::ui {

struct PaintContext {
    QPainter& p;
    const TimelineFrame& frame;
    const DerivedTrace& model;
    const TimelineLayout& layout;
    const TimelineStyle& style;
    const TimelineGeometry& geometry;
    const TimeScale& scale;
    LabelCache& labels;
    const RulerTicks& ruler;  // its ticks are the lanes' grid lines too
};

// ---- Lanes: each paints one row whose top is at `top` (the row's own pixmap, or the picture).
void paintTaskLane(PaintContext& c, const LayoutRow& row, int top, const RowDrawList& items);
void paintGroupLane(PaintContext& c, const LayoutRow& row, int top, const RowDrawList& items);
void paintLoopLane(PaintContext& c, const LayoutRow& row, int top, const RowDrawList& items);
void paintCounterLane(PaintContext& c, const LayoutRow& row, int top, const RowDrawList& items);

// ---- Overlays, in the order they are drawn.
void paintScopeBrackets(PaintContext& c);
void paintFrozenBands(PaintContext& c);
void paintArrows(PaintContext& c);
void paintCriticalPath(PaintContext& c);
void paintSelection(PaintContext& c);
void paintHeaders(PaintContext& c);
void paintRuler(PaintContext& c);
// `text` word-wrapped into as many lines as `box` holds, the last one elided if it does not all fit.
QStringList linesThatFit(const QFont& font, const QString& text, QSize box);
void paintCursorAndPlayhead(PaintContext& c);
void paintLegend(PaintContext& c);

// ---- Shared by the passes.
// Integer rectangles take the raster engine's fast fill path; every item gets a pixel at least.
QRect itemRect(const DrawItem& item, int top, int height);
// The background a row's pixmap starts from (alternating for task rows).
QColor rowBackground(const TimelineStyle& style, const LayoutRow& row, int rowIndex);

// Rectangles of one colour, drawn with one call: a row of a few hundred spans then costs a
// handful of QPainter calls instead of hundreds.
struct RectBatch {
    std::vector<QRect> rects;
    void add(const QRect& r) { rects.push_back(r); }
    void fill(QPainter& p, const QBrush& brush, bool keep = false);
};

// A label to draw once the shapes under it are drawn.
struct PendingLabel {
    QRect rect;
    QString text;
    QColor color;
    Qt::Alignment align;
};

// Shapes the legend shows exactly as the lanes do.
void drawGhostMarker(QPainter& p, const TimelineStyle& style, QPointF centre, double radius);
void drawEndMarker(QPainter& p, const TimelineStyle& style, TaskOutcome outcome, QPointF centre, double radius);
void drawArrowHead(QPainter& p, QPointF tip, QPointF from, double size);
// A link of the critical path on a state bar: ringed, and filled with the path's colour.
void drawCriticalLink(QPainter& p, const TimelineStyle& style, const QRectF& bar);

} // namespace awaitscope::ui
