#include "awaitscope/analysis/CounterSeries.h"

#include <algorithm>
#include <utility>

namespace awaitscope {

namespace {

template <class Counts>
CounterSeries seriesOf(const Trace& trace, const TraceIndex& index, Counts counts) {
    std::vector<std::pair<TimeNs, int>> changes;
    for (std::size_t i = 0; i < index.lanes().size() && i < trace.tasks.size(); ++i) {
        if (trace.tasks[i].kind != TaskKind::Task)
            continue;
        for (const Span& span : index.lanes()[i].spans) {
            if (!counts(span) || span.end <= span.begin)
                continue;
            changes.emplace_back(span.begin, +1);
            changes.emplace_back(span.end, -1);
        }
    }
    // Decrements first at equal times: a span that ends at t does not overlap one that begins at t.
    std::sort(changes.begin(), changes.end());
    CounterSeries series;
    series.points.push_back({index.begin(), 0});
    std::int64_t value = 0;
    for (std::size_t i = 0; i < changes.size(); ++i) {
        value += changes[i].second;
        if (value > static_cast<std::int64_t>(series.peak)) {
            series.peak = static_cast<std::uint32_t>(value);
            series.peakAt = changes[i].first;
        }
        const bool lastAtThisTime = i + 1 == changes.size() || changes[i + 1].first != changes[i].first;
        if (!lastAtThisTime)
            continue;
        const auto current = static_cast<std::uint32_t>(std::max<std::int64_t>(0, value));
        if (series.points.back().time == changes[i].first)
            series.points.back().value = current;
        else if (series.points.back().value != current)
            series.points.push_back({changes[i].first, current});
    }
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
