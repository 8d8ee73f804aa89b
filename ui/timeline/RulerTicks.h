#pragma once

// The time ruler: tick spacing from the 1-2-5 series so labels sit at least a minimum
// distance apart, in units (ns, µs, ms, s) that suit the spacing. Deep zooms far from zero
// get an origin ("12.345 s") and ticks relative to it ("+200 µs"), so labels stay short.
#include "timeline/TimeScale.h"

#include <QString>

#include <vector>

namespace awaitscope::ui {

enum class TimeUnit { Nanoseconds, Microseconds, Milliseconds, Seconds };

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

// A duration with three significant digits in the unit that suits it: "1.50 s", "200 ms", "850 ns".
QString formatDuration(TimeNs duration);
// A moment in seconds, at least to the millisecond and as precise as it needs to be:
// "1.500 s", "0.000012345 s" (status bar, details, tables).
QString formatTimePoint(TimeNs time);
// A moment as a learner reads it, to the millisecond: "0.200 s" for 0.200001212 s (a script's
// statements cost microseconds, which are noise there), the same unit all down a column.
// Output, playback and the loop's insides; the exact nanoseconds stay in details and tables.
QString formatMoment(TimeNs time);

TimeNs unitNanoseconds(TimeUnit unit);
const char* unitSuffix(TimeUnit unit);

} // namespace awaitscope::ui
