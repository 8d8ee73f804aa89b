#include "awaitscope/analysis/CounterSeries.h"

#include "RadixSort.h"

#include <algorithm>

namespace awaitscope {

namespace {

template <class Counts>
CounterSeries seriesOf(const Trace& trace, const TraceIndex& index, Counts counts) {
    std::vector<TimeNs> begins;
    std::vector<TimeNs> ends;
    for (std::size_t i = 0; i < index.lanes().size() && i < trace.tasks.size(); ++i) {
        if (trace.tasks[i].kind != TaskKind::Task)
            continue;
        for (const Span& span : index.lanes()[i].spans) {
            if (!counts(span) || span.end <= span.begin)
                continue;
            begins.push_back(span.begin);
            ends.push_back(span.end);
        }
    }
    CounterSeries series;
    series.points.push_back({index.begin(), 0});
    detail::sweepIntervals(begins, ends, [&](TimeNs time, std::uint64_t count) {
        const auto value = static_cast<std::uint32_t>(std::min<std::uint64_t>(count, 0xFFFFFFFFu));
        if (value > series.peak) {
            series.peak = value;
            series.peakAt = time;
        }
        if (series.points.back().time == time)
            series.points.back().value = value;
        else if (series.points.back().value != value)
            series.points.push_back({time, value});
    });
    // A change at the very start can leave two equal points: keep the series minimal.
    if (series.points.size() >= 2 && series.points[0].value == series.points[1].value)
        series.points.erase(series.points.begin() + 1);
    return series;
}

} // namespace

CounterSeries readyQueueDepth(const Trace& trace, const TraceIndex& index) {
    return seriesOf(trace, index, [](const Span& span) { return span.state == SpanState::Ready; });
}

CounterSeries pendingTimers(const Trace& trace, const TraceIndex& index) {
    return seriesOf(trace, index,
                    [](const Span& span) { return span.state == SpanState::Awaiting && span.kind == WaitKind::Timer; });
}

} // namespace awaitscope
