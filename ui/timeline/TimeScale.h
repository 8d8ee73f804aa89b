#pragma once

// Coordinate maths of the timeline: trace time (int64 ns) <-> horizontal pixels, and the
// range arithmetic behind zooming and panning. Pure values and functions, no Qt painting,
// so every rule here is pinned down by table-driven tests.
#include <awaitscope/analysis/TimeRange.h>

namespace awaitscope::ui {

// The narrowest view: 2 µs across the plot, about a nanosecond a pixel on a wide screen.
// Narrower, pixels would be finer than the clock and could not map back to distinct times.
inline constexpr TimeNs kMinVisibleDuration = 2000;

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

// Zooms by `factor` (above 1 zooms in) so that `anchor` stays at the same fraction of the view,
// hence under the same pixel. The new duration is clamped to [minDuration, maxDuration].
TimeRange zoomedAround(TimeRange range, TimeNs anchor, double factor, TimeNs minDuration = kMinVisibleDuration,
                       TimeNs maxDuration = INT64_MAX / 4);
// Moves the range by `delta` nanoseconds (positive: later), keeping its duration.
TimeRange pannedBy(TimeRange range, TimeNs delta);
// Keeps `range` inside `limits`: shifted back in when it sticks out, shrunk to `limits` when wider.
TimeRange constrainedTo(TimeRange range, TimeRange limits);
// The view that shows `target` with `margin` (a fraction of its duration) on each side;
// a zero-length target is centred in a view of `minDuration`.
TimeRange framing(TimeRange target, double margin = 0.05, TimeNs minDuration = 1000);
// "Fit all": the whole trace, with a little room on the left and more on the right, where
// the end-of-task markers and their notes go.
TimeRange fitAllRange(TimeRange trace);

} // namespace awaitscope::ui
