#include "timeline/CounterSeries.h"

#include <algorithm>

namespace awaitscope::ui {

CounterSeries::CounterSeries(std::vector<CounterPoint> points) : points_(std::move(points)) {
    std::vector<std::int32_t> previous;
    previous.reserve(points_.size());
    for (const CounterPoint& p : points_) {
        previous.push_back(p.value);
        maximum_ = std::max(maximum_, p.value);
    }
    while (previous.size() > 1) {
        std::vector<std::int32_t> level((previous.size() + 1) / 2);
        for (std::size_t i = 0; i < level.size(); ++i)
            level[i] = 2 * i + 1 < previous.size() ? std::max(previous[2 * i], previous[2 * i + 1]) : previous[2 * i];
        previous = level;
        levels_.push_back(std::move(level));
    }
}

std::int32_t CounterSeries::valueAt(TimeNs t) const {
    const std::size_t at = lastIndex(points_, t);
    return at == points_.size() ? 0 : points_[at].value;
}

std::int32_t CounterSeries::maximumOfPoints(std::size_t first, std::size_t last) const {
    std::int32_t best = INT32_MIN;
    // Climb the pyramid: whole aligned blocks at each level, single points at the ragged ends.
    std::size_t lo = first, hi = last;
    int level = -1;  // -1: the points themselves
    auto valueAtLevel = [&](int k, std::size_t i) { return k < 0 ? points_[i].value : levels_[static_cast<std::size_t>(k)][i]; };
    while (lo < hi) {
        if (lo & 1u)
            best = std::max(best, valueAtLevel(level, lo++));
        if (hi & 1u)
            best = std::max(best, valueAtLevel(level, --hi));
        lo >>= 1;
        hi >>= 1;
        ++level;  // the top level has one element, so lo == hi once it is passed
    }
    return best;
}

std::int32_t CounterSeries::maximumIn(TimeNs begin, TimeNs end) const {
    if (points_.empty())
        return 0;
    std::int32_t best = valueAt(begin);
    const std::size_t first = firstIndex(points_, begin + 1);
    const std::size_t last = firstIndex(points_, end);
    if (first < last)
        best = std::max(best, maximumOfPoints(first, last));
    return best;
}

CounterSeries seriesFromSteps(std::vector<std::pair<TimeNs, std::int32_t>> steps, SameInstant order) {
    // On a virtual clock a task can be made ready and run in the same nanosecond, and the
    // queue did hold it at that moment: counted increments-first, such a peak lasts 1 ns,
    // which still shows as a one-pixel spike at any zoom.
    const bool incrementsFirst = order == SameInstant::IncrementsFirst;
    std::sort(steps.begin(), steps.end(), [incrementsFirst](const auto& a, const auto& b) {
        if (a.first != b.first)
            return a.first < b.first;
        return incrementsFirst ? a.second > b.second : a.second < b.second;
    });
    std::vector<CounterPoint> points;
    std::int32_t value = 0;
    auto push = [&](TimeNs time, std::int32_t v) {
        if (points.empty() || points.back().value != v)
            points.push_back({time, v});
    };
    for (std::size_t i = 0; i < steps.size();) {
        const TimeNs time = steps[i].first;
        std::int32_t peak = value;
        for (; i < steps.size() && steps[i].first == time; ++i) {
            value += steps[i].second;
            if (incrementsFirst)
                peak = std::max(peak, value);
        }
        if (!incrementsFirst || peak == value) {
            push(time, value);
            continue;
        }
        push(time, peak);
        if (i == steps.size() || steps[i].first > time + 1)
            push(time + 1, value);
    }
    points.shrink_to_fit();
    return CounterSeries(std::move(points));
}

CounterSeries buildReadyQueueSeries(const Trace& trace, const TraceIndex& index) {
    std::vector<std::pair<TimeNs, std::int32_t>> steps;
    for (const TaskRecord& task : trace.tasks) {
        if (task.kind != TaskKind::Task || task.id >= index.lanes().size())
            continue;  // thread lanes never wait for the loop
        for (const Span& span : index.lane(task.id).spans)
            if (span.state == SpanState::Ready) {
                steps.emplace_back(span.begin, 1);
                steps.emplace_back(span.end, -1);
            }
    }
    return seriesFromSteps(std::move(steps));
}

CounterSeries buildPendingTimerSeries(const Trace& trace, const TraceIndex& index) {
    std::vector<std::pair<TimeNs, std::int32_t>> steps;
    for (const TaskRecord& task : trace.tasks) {
        if (task.id >= index.lanes().size())
            continue;
        for (const Span& span : index.lane(task.id).spans)
            if (span.state == SpanState::Awaiting && span.kind == WaitKind::Timer) {
                steps.emplace_back(span.begin, 1);
                steps.emplace_back(span.end, -1);
            }
    }
    // A timer that fires as another is armed was never pending together with it.
    return seriesFromSteps(std::move(steps), SameInstant::DecrementsFirst);
}

} // namespace awaitscope::ui
