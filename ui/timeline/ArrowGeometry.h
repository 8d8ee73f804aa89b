#pragma once

// Where the cause-to-effect arrows run on a frame (who woke or created whom): the arrows drawn
// for a view, and the curve of each (the critical path's connectors take the same curves). The painter draws these curves and hit-testing follows
// them, so hovering an arrow finds exactly what is drawn.
#include "timeline/TimelineFrame.h"

#include <QPainterPath>

#include <optional>
#include <span>

namespace awaitscope::ui {

// Where the state bar of the row that shows `task` lies (its group's band when the task is in a
// closed group and `intoGroups`); nothing when no row on the frame shows it.
struct BarExtent {
    double top = 0, height = 0;
    double centre() const { return top + height / 2.0; }
};
std::optional<BarExtent> stateBarOf(const TimelineFrame& frame, TaskId task, bool intoGroups);

struct ArrowsInView {
    std::span<const WakeArrow> arrows;  // those that may meet the view, by cause time
    bool onlySelected = false;          // too many in view: only the selected task's are drawn
};
ArrowsInView arrowsInView(const TimelineFrame& frame);

// Whether `arrow` is drawn, highlighted, and between which heights (the centres of the state
// bars, or of a group's band when highlighted). Nothing when it is not drawn.
struct ArrowPlacement {
    double y0 = 0, y1 = 0;
    bool highlighted = false;
};
std::optional<ArrowPlacement> placeArrow(const TimelineFrame& frame, const ArrowsInView& view, const WakeArrow& arrow);

// The arrow's curve, from the cause's dot to the effect's head; `bend` is how far the curve
// leaves each end horizontally (where the head's direction comes from).
QPainterPath arrowCurve(const TimeScale& scale, const WakeArrow& arrow, double y0, double y1, double* bend = nullptr);

// "heartbeat woke Task-1 (main)": what a hovered arrow says, then when.
QString arrowTitle(const DerivedTrace& model, const WakeArrow& arrow);
QString arrowWhen(const WakeArrow& arrow);

} // namespace awaitscope::ui
