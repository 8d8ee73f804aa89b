#pragma once

// Everything one picture of the timeline depends on. The widget, the PNG/SVG exports and
// `--render` all fill one of these and hand it to TimelinePainter, so the pictures agree pixel
// for pixel. Its geometry (TimelineGeometry.h) is computed once per size or layout change by
// whoever keeps the frame's parts, or on first use.
#include "model/Selection.h"
#include "model/TimeMark.h"
#include "timeline/DrawList.h"
#include "timeline/TimelineGeometry.h"
#include "timeline/TimelineLayout.h"
#include "timeline/TimelineStyle.h"

#include <QRect>
#include <QString>

#include <memory>
#include <optional>

namespace awaitscope::ui {

struct TimelineFrame {
    const DerivedTrace* model = nullptr;
    const TimelineLayout* layout = nullptr;
    const TimelineStyle* style = nullptr;
    QRect rect;                  // the whole timeline on the paint device
    TimeRange visible;
    int scrollY = 0;             // of the task rows (the pinned rows never scroll)
    Selection selection;
    std::optional<TimeNs> hoverTime;
    std::optional<TimeNs> playhead;
    std::optional<std::size_t> playheadStep;  // ViewState::playheadStep
    std::optional<TimeRange> measure;
    std::optional<TimeMark> mark;
    QString title;               // shown in the top-left corner
    bool showLegend = true;
    bool showCriticalPath = false;  // ViewState::showsCriticalPath
    int maxArrows = 400;         // beyond this, only the selected task's wake-ups are drawn
    DrawOptions drawOptions;
    // For `rect`, `style`, `showLegend`, `showCriticalPath` and the layout's pinned height; computed on first use
    // when not given.
    mutable std::shared_ptr<const TimelineGeometry> geometry;

    const TimelineGeometry& geo() const;
    int headerWidth() const { return geo().header.width(); }
    QRect rulerRect() const { return geo().ruler; }
    QRect cornerRect() const { return geo().corner; }
    QRect legendRect() const { return geo().legend; }
    QRect plotRect() const { return geo().plot; }
    QRect headerRect() const { return geo().header; }
    QRect pinnedPlotRect() const { return geo().pinnedPlot; }
    QRect taskPlotRect() const { return geo().taskPlot; }
    TimeScale scale() const { return TimeScale(visible, geo().plot.left(), geo().plot.width()); }
    // Screen top of a layout row.
    int rowTop(const LayoutRow& row) const;
    // The largest scroll offset that still fills the task area.
    int maxScrollY() const;
};

} // namespace awaitscope::ui
