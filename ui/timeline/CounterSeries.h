#pragma once

// A step-function counter over time (ready-queue depth, pending timers) with a max-pyramid,
// so "the highest value inside this pixel column" costs O(log n) however long the trace is.
// These are computed here from TraceIndex until the analysis branch ships counter series;
// buildReadyQueueSeries and buildPendingTimerSeries are the only places to swap out then.
#include <awaitscope/analysis/TraceIndex.h>

#include <cstdint>
#include <vector>

namespace awaitscope::ui {

struct CounterPoint {
    TimeNs time = 0;
    std::int32_t value = 0;  // from `time` until the next point
};

class CounterSeries {
public:
    CounterSeries() = default;
    // Points must be sorted by time with distinct times; consecutive equal values are allowed.
    explicit CounterSeries(std::vector<CounterPoint> points);

    const std::vector<CounterPoint>& points() const { return points_; }
    std::int32_t maximum() const { return maximum_; }
    // The value in effect at t (0 before the first point).
    std::int32_t valueAt(TimeNs t) const;
    // The highest value in effect anywhere in [begin, end).
    std::int32_t maximumIn(TimeNs begin, TimeNs end) const;
    // The highest value among points [first, last), in O(log n) through the pyramid.
    std::int32_t maximumOfPoints(std::size_t first, std::size_t last) const;

private:

    std::vector<CounterPoint> points_;
    std::vector<std::vector<std::int32_t>> levels_;  // levels_[k][i]: max of points [i*2^(k+1), (i+1)*2^(k+1))
    std::int32_t maximum_ = 0;
};

// At one instant, whether increments count before decrements (a peak of 1 ns shows that
// things were there together) or after (one thing left as another came).
enum class SameInstant { IncrementsFirst, DecrementsFirst };

// Builds a series from +1/-1 steps: each (time, delta) pair changes the value at `time`.
CounterSeries seriesFromSteps(std::vector<std::pair<TimeNs, std::int32_t>> steps,
                              SameInstant order = SameInstant::IncrementsFirst);

// How many tasks are ready and waiting for the loop (the backlog a frozen loop builds up).
CounterSeries buildReadyQueueSeries(const Trace& trace, const TraceIndex& index);
// How many tasks sleep on a timer. A timer is counted from the await until its task is woken.
CounterSeries buildPendingTimerSeries(const Trace& trace, const TraceIndex& index);

} // namespace awaitscope::ui
