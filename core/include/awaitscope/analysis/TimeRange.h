#pragma once

// A half-open stretch of trace time [begin, end): what a view shows, what a selection spans.
#include "awaitscope/trace/Trace.h"

namespace awaitscope {

struct TimeRange {
    TimeNs begin = 0;
    TimeNs end = 0;
    TimeNs duration() const { return end - begin; }
    bool contains(TimeNs t) const { return t >= begin && t < end; }
    bool isEmpty() const { return end <= begin; }
    friend bool operator==(const TimeRange&, const TimeRange&) = default;
};

} // namespace awaitscope
