#pragma once

// Pictures of a timeline without a window: PNG and SVG exports, `awaitscope --render`, and the
// tests that look at pixels. Uses the same TimelinePainter as the widget.
#include "model/Selection.h"
#include "timeline/TimelineStyle.h"

#include <awaitscope/analysis/DerivedTrace.h>

#include <QImage>
#include <QSize>
#include <QString>

#include <optional>
#include <vector>

namespace awaitscope::ui {

struct RenderOptions {
    QSize size{1600, 900};
    std::optional<TimeRange> visible;  // empty: the whole trace with a small margin
    bool dark = false;
    QString title;                     // empty: the trace's title
    Selection selection;
    int scrollY = 0;
    qreal devicePixelRatio = 1.0;
    std::vector<bool> collapsedTasks;  // as TimelineLayout takes them (the window's, for its exports)
    std::vector<bool> expandedGroups;
    bool criticalPath = false;         // highlight the critical path (View > Critical Path)
};

class TimelineLayout;
struct TimelineFrame;
struct TimelineStyle;

// The frame a render paints, for code that needs its geometry (where the band or a lane is).
TimelineFrame renderFrame(const DerivedTrace& model, const RenderOptions& options, const TimelineLayout& layout,
                          const TimelineStyle& style);
// The visible range `--render` and the exports use when none is given.
TimeRange defaultVisibleRange(const DerivedTrace& model);
QImage renderTimelineImage(const DerivedTrace& model, const RenderOptions& options);
// Writes an SVG (vector shapes and text, no bitmaps); false with `error` set when it cannot.
bool writeTimelineSvg(const DerivedTrace& model, const RenderOptions& options, const QString& path, QString* error);
// Writes a PNG; false with `error` set when it cannot.
bool writeTimelinePng(const DerivedTrace& model, const RenderOptions& options, const QString& path, QString* error);

} // namespace awaitscope::ui
