#pragma once

// Coordinate maths of the timeline: trace time (int64 ns) <-> horizontal pixels (the range
// arithmetic behind zooming and panning is in model/ViewRange.h). Pure values, no Qt
// painting, so every rule here is pinned down by table-driven tests.
#include "model/ViewRange.h"

namespace awaitscope::ui {

// Maps trace time onto the pixels [left, left + width) of one plot area.
class TimeScale {
public:
    TimeScale() = default;
    // An empty or inverted range is widened to kMinVisibleDuration; a width below 1 px counts as 1.
    TimeScale(TimeRange visible, double left, double width);

    // Unclamped: times far outside the view map far outside the plot (callers clamp with clampX).
    double timeToX(TimeNs t) const { return left_ + static_cast<double>(t - visible_.begin) / nsPerPixel_; }
    // Nearest nanosecond; saturates at the int64 range instead of overflowing.
    TimeNs xToTime(double x) const;
    // Nanoseconds covered by a horizontal distance of `pixels`.
    TimeNs durationOf(double pixels) const;

    double nsPerPixel() const { return nsPerPixel_; }
    const TimeRange& visible() const { return visible_; }
    double left() const { return left_; }
    double width() const { return width_; }
    double right() const { return left_ + width_; }
    // Clamps x into [left - margin, right + margin]: painting engines misbehave with huge coordinates.
    double clampX(double x, double margin = 2.0) const;

private:
    TimeRange visible_{0, kMinVisibleDuration};
    double left_ = 0;
    double width_ = 1;
    double nsPerPixel_ = kMinVisibleDuration;
};

} // namespace awaitscope::ui
