#include "model/ViewRange.h"

#include <algorithm>
#include <cmath>

namespace awaitscope::ui {

TimeNs saturatingRound(double value) {
    constexpr double kMax = 9.2e18;  // just inside int64
    if (!(value == value))
        return 0;
    return static_cast<TimeNs>(std::llround(std::clamp(value, -kMax, kMax)));
}

TimeRange zoomedAround(TimeRange range, TimeNs anchor, double factor, TimeNs minDuration, TimeNs maxDuration) {
    if (!(factor > 0))
        return range;
    const double duration = static_cast<double>(std::max<TimeNs>(1, range.duration()));
    const double fraction = (static_cast<double>(anchor) - static_cast<double>(range.begin)) / duration;
    const double wanted = std::clamp(duration / factor, static_cast<double>(minDuration), static_cast<double>(maxDuration));
    const TimeNs newDuration = saturatingRound(wanted);
    const TimeNs begin = anchor - saturatingRound(fraction * static_cast<double>(newDuration));
    return {begin, begin + newDuration};
}

TimeRange pannedBy(TimeRange range, TimeNs delta) { return {range.begin + delta, range.end + delta}; }

TimeRange constrainedTo(TimeRange range, TimeRange limits) {
    if (limits.isEmpty())
        return range;
    if (range.duration() >= limits.duration())
        return limits;
    if (range.begin < limits.begin)
        return pannedBy(range, limits.begin - range.begin);
    if (range.end > limits.end)
        return pannedBy(range, limits.end - range.end);
    return range;
}

TimeRange framing(TimeRange target, double margin, TimeNs minDuration) {
    const TimeNs duration = std::max<TimeNs>(0, target.duration());
    if (duration == 0) {
        const TimeNs half = minDuration / 2;
        return {target.begin - half, target.begin - half + minDuration};
    }
    const TimeNs pad = saturatingRound(static_cast<double>(duration) * margin);
    TimeRange framed{target.begin - pad, target.end + pad};
    if (framed.duration() < minDuration) {
        const TimeNs grow = (minDuration - framed.duration()) / 2;
        framed = {framed.begin - grow, framed.begin - grow + minDuration};
    }
    return framed;
}

TimeRange fitAllRange(TimeRange trace) {
    const TimeNs duration = std::max<TimeNs>(trace.duration(), 1000);
    return {trace.begin - duration / 50, trace.begin + duration + duration / 16};
}

} // namespace awaitscope::ui
