#pragma once

// The time ruler: tick spacing from the 1-2-5 series so labels sit at least a minimum
// distance apart, in units (ns, µs, ms, s) that suit the spacing. Deep zooms far from zero
// get an origin ("12.345 s") and ticks relative to it ("+200 µs"), so labels stay short.
#include "timeline/TimeScale.h"

#include <awaitscope/analysis/TimeFormat.h>

#include <QString>

#include <vector>

namespace awaitscope::ui {

struct RulerTicks {
    TimeNs step = 1;               // between neighbouring ticks
    TimeUnit unit = TimeUnit::Seconds;
    int decimals = 0;              // digits after the point in tick labels
    TimeNs origin = 0;             // labels are relative to this (0: absolute)
    std::vector<TimeNs> ticks;     // every tick time within the view, ascending

    QString label(TimeNs tick) const;  // "1.5 s", "+200 µs"
    QString originLabel() const;       // empty when origin is 0
};

// Ticks for the view of `scale`, at least `minSpacingPx` apart.
RulerTicks computeRulerTicks(const TimeScale& scale, double minSpacingPx = 90.0);

} // namespace awaitscope::ui
