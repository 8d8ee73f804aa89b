#include "awaitscope/analysis/CounterSeries.h"

#include <algorithm>

namespace awaitscope {

CounterSeries::CounterSeries(std::vector<CounterPoint> points) : points(std::move(points)) {
    std::vector<std::uint32_t> previous;
    previous.reserve(this->points.size());
    for (const CounterPoint& p : this->points) {
        previous.push_back(p.value);
        if (p.value > peak) {
            peak = p.value;
            peakAt = p.time;
        }
    }
    while (previous.size() > 1) {
        std::vector<std::uint32_t> level((previous.size() + 1) / 2);
        for (std::size_t i = 0; i < level.size(); ++i)
            level[i] = 2 * i + 1 < previous.size() ? std::max(previous[2 * i], previous[2 * i + 1]) : previous[2 * i];
        previous = level;
        levels_.push_back(std::move(level));
    }
}

std::uint32_t CounterSeries::valueAt(TimeNs t) const {
    const std::size_t at = lastIndex(points, t);
    return at == points.size() ? 0 : points[at].value;
}

std::uint32_t CounterSeries::maximumOfPoints(std::size_t first, std::size_t last) const {
    std::uint32_t best = 0;
    // Climb the pyramid: whole aligned blocks at each level, single points at the ragged ends.
    std::size_t lo = first, hi = last;
    int level = -1;  // -1: the points themselves
    auto valueAtLevel = [&](int k, std::size_t i) { return k < 0 ? points[i].value : levels_[static_cast<std::size_t>(k)][i]; };
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

std::uint32_t CounterSeries::maximumIn(TimeNs begin, TimeNs end) const {
    if (points.empty())
        return 0;
    std::uint32_t best = valueAt(begin);
    const std::size_t first = firstIndex(points, begin + 1);
    const std::size_t last = firstIndex(points, end);
    if (first < last)
        best = std::max(best, maximumOfPoints(first, last));
    return best;
}

namespace {

// Walks the events in playback order with `member(task, event, wasMember)` telling whether the
// task counts after the event, and records the count: at each instant its highest value (as a
// 1 ns point when it fell back within the instant), then the value the instant ends with.
template <class Member>
CounterSeries countInPlaybackOrder(const Trace& trace, const PlaybackOrder& order, Member member) {
    std::vector<std::uint8_t> in(trace.tasks.size(), 0);
    std::vector<CounterPoint> points;
    const TimeNs start = trace.startTime();
    points.push_back({start, 0});
    auto push = [&](TimeNs time, std::uint32_t value) {
        if (points.back().time >= time) {
            points.back().value = value;
            if (points.size() >= 2 && points[points.size() - 2].value == value)
                points.pop_back();
        } else if (points.back().value != value) {
            points.push_back({time, value});
        }
    };
    const std::vector<EventRef>& events = order.events();
    std::uint32_t count = 0;
    for (std::size_t i = 0; i < events.size();) {
        const TimeNs time = order.event(events[i]).time;
        // The highest value right after any change in this instant (what was there before the
        // first change was there before the instant too, and already has its point).
        std::uint32_t high = 0;
        bool changed = false;
        for (; i < events.size(); ++i) {
            const EventRef ref = events[i];
            const TraceEvent& event = trace.tasks[ref.task].events[ref.index];
            if (event.time != time)
                break;
            if (trace.tasks[ref.task].kind != TaskKind::Task)
                continue;
            const bool was = in[ref.task] != 0;
            const bool now = member(event, was);
            if (now != was) {
                in[ref.task] = now;
                count = now ? count + 1 : count - 1;
                high = std::max(high, count);
                changed = true;
            }
        }
        if (!changed)
            continue;
        if (high > count) {
            push(time, high);
            if (i == events.size() || order.event(events[i]).time > time + 1)
                push(time + 1, count);
        } else {
            push(time, count);
        }
    }
    return CounterSeries(std::move(points));
}

} // namespace

CounterSeries readyQueueDepth(const Trace& trace, const PlaybackOrder& order) {
    return countInPlaybackOrder(trace, order, [&](const TraceEvent& e, bool was) {
        switch (e.kind) {
        case EventKind::Ready: return true;
        case EventKind::Suspend:  // asyncio.sleep(0) puts the task straight back in the queue
            return e.ref < trace.awaits.size() && trace.awaits[e.ref].kind == WaitKind::Yield;
        case EventKind::Resume:
        case EventKind::Finish: return false;
        default: return was;
        }
    });
}

CounterSeries pendingTimers(const Trace& trace, const PlaybackOrder& order) {
    return countInPlaybackOrder(trace, order, [&](const TraceEvent& e, bool was) {
        switch (e.kind) {
        case EventKind::Suspend: return e.ref < trace.awaits.size() && trace.awaits[e.ref].kind == WaitKind::Timer;
        case EventKind::Ready:
        case EventKind::Resume:
        case EventKind::Finish: return false;
        default: return was;
        }
    });
}

} // namespace awaitscope
