#pragma once

// Everything one picture of the timeline depends on, and the geometry derived from it. The
// widget, the PNG/SVG exports and `--render` all fill one of these and hand it to
// TimelinePainter, so the pictures agree pixel for pixel.
#include "model/Selection.h"
#include "timeline/DrawList.h"
#include "timeline/TimelineLayout.h"
#include "timeline/TimelineStyle.h"

#include <QRect>
#include <QString>

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
    QString title;               // shown in the top-left corner
    bool showLegend = true;
    int maxArrows = 400;         // beyond this, only the selected task's wake-ups are drawn
    DrawOptions drawOptions;

    int headerWidth() const;
    QRect rulerRect() const;     // right of the corner, at the top
    QRect cornerRect() const;    // above the lane headers
    QRect legendRect() const;    // at the bottom (empty without a legend)
    QRect plotRect() const;      // the lanes, right of the headers
    QRect headerRect() const;    // the lane headers, left of the plot
    QRect pinnedPlotRect() const;  // Loop lane and counters
    QRect taskPlotRect() const;    // scrolling task lanes
    TimeScale scale() const { return TimeScale(visible, plotRect().left(), plotRect().width()); }
    // Screen top of a layout row.
    int rowTop(const LayoutRow& row) const;
    // The largest scroll offset that still fills the task area.
    int maxScrollY() const;
};

} // namespace awaitscope::ui
