#pragma once

// The range arithmetic behind zooming and panning: pure functions over TimeRange, shared by
// the ViewState and the timeline's coordinate maths, pinned down by table-driven tests.
#include <awaitscope/analysis/TimeRange.h>

#include <cstdint>

namespace awaitscope::ui {

// The nearest nanosecond to `value`, saturating at the int64 range (0 for NaN).
TimeNs saturatingRound(double value);

// The narrowest view: 2 µs across the plot, about a nanosecond a pixel on a wide screen.
// Narrower, pixels would be finer than the clock and could not map back to distinct times.
inline constexpr TimeNs kMinVisibleDuration = 2000;

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
