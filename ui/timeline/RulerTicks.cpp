#include "timeline/RulerTicks.h"

#include "model/QtText.h"

#include <cmath>
#include <cstdlib>

namespace awaitscope::ui {

namespace {

// The smallest of 1, 2, 5 x 10^k that is at least `minimum`.
TimeNs niceStep(double minimum) {
    TimeNs magnitude = 1;
    while (true) {
        for (TimeNs mantissa : {1, 2, 5})
            if (static_cast<double>(mantissa * magnitude) >= minimum)
                return mantissa * magnitude;
        if (magnitude > INT64_MAX / 100)
            return magnitude * 10;
        magnitude *= 10;
    }
}

TimeNs floorTo(TimeNs value, TimeNs step) {
    TimeNs q = value / step;
    if (value % step != 0 && value < 0)
        --q;
    return q * step;
}

} // namespace

RulerTicks computeRulerTicks(const TimeScale& scale, double minSpacingPx) {
    RulerTicks ruler;
    ruler.step = niceStep(std::max(1.0, minSpacingPx * scale.nsPerPixel()));
    // A step of a tenth of a unit or more reads best in that unit: 0.2 s, 50 ms, 500 µs.
    if (ruler.step >= 100'000'000)
        ruler.unit = TimeUnit::Seconds;
    else if (ruler.step >= 100'000)
        ruler.unit = TimeUnit::Milliseconds;
    else if (ruler.step >= 100)
        ruler.unit = TimeUnit::Microseconds;
    else
        ruler.unit = TimeUnit::Nanoseconds;
    const TimeNs unitNs = unitNanoseconds(ruler.unit);
    ruler.decimals = 0;
    for (TimeNs s = ruler.step; s < unitNs && s % unitNs != 0; s *= 10)
        ++ruler.decimals;

    const TimeRange& visible = scale.visible();
    // Labels of five digits or more before the point get an origin, unless already in seconds.
    const TimeNs largest = std::max(std::llabs(visible.begin), std::llabs(visible.end));
    if (ruler.unit != TimeUnit::Seconds && largest / unitNs >= 10'000) {
        const TimeNs originStep = unitNs * 1000;
        ruler.origin = floorTo(visible.begin, originStep);
    }
    for (TimeNs t = floorTo(visible.begin, ruler.step); t <= visible.end; t += ruler.step) {
        if (t >= visible.begin)
            ruler.ticks.push_back(t);
        if (ruler.ticks.size() > 10'000)
            break;  // guards against a degenerate scale
    }
    return ruler;
}

QString RulerTicks::label(TimeNs tick) const {
    if (origin == 0)
        return qs(formatInUnit(tick, unit, decimals));
    return QStringLiteral("+") + qs(formatInUnit(tick - origin, unit, decimals));
}

QString RulerTicks::originLabel() const { return origin == 0 ? QString() : qs(formatTimePoint(origin)); }

} // namespace awaitscope::ui
