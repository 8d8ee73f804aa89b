#include "awaitscope/analysis/CounterSeries.h"

#include <algorithm>
#include <utility>

namespace awaitscope {

CounterSeries::CounterSeries(RecordVector<CounterPoint> points) : points(std::move(points)) {
    RecordVector<std::uint32_t> previous;
    previous.reserve(this->points.size());
    samples_.reserve(this->points.size() / kSampleEvery + 1);
    for (std::size_t i = 0; i < this->points.size(); i += kSampleEvery)
        samples_.push_back(this->points[i].time);
    for (const CounterPoint& p : this->points) {
        previous.push_back(p.value);
        if (p.value > peak) {
            peak = p.value;
            peakAt = p.time;
        }
    }
    while (previous.size() > 1) {
        RecordVector<std::uint32_t> level((previous.size() + 1) / 2);
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

// One counter of the walk below: whether each task counts, and the points so far. At each
// instant it keeps its highest value (as a 1 ns point when it fell back within the instant),
// then the value the instant ends with.
class Counting {
public:
    Counting(std::size_t tasks, TimeNs start) : in_(tasks, 0) { points_.push_back({start, 0}); }

    bool has(TaskId task) const { return in_[task] != 0; }
    void beginInstant() {
        high_ = 0;
        changed_ = false;
    }
    void set(TaskId task, bool now) {
        if (now == has(task))
            return;
        in_[task] = now;
        count_ = now ? count_ + 1 : count_ - 1;
        // The highest value right after any change in this instant (what was there before the
        // first change was there before the instant too, and already has its point).
        high_ = std::max(high_, count_);
        changed_ = true;
    }
    void endInstant(TimeNs time, bool nextIsLater) {
        if (!changed_)
            return;
        if (high_ > count_) {
            push(time, high_);
            if (nextIsLater)
                push(time + 1, count_);
        } else {
            push(time, count_);
        }
    }
    CounterSeries series() && { return CounterSeries(std::move(points_)); }

private:
    void push(TimeNs time, std::uint32_t value) {
        if (points_.back().time >= time) {
            points_.back().value = value;
            if (points_.size() >= 2 && points_[points_.size() - 2].value == value)
                points_.pop_back();
        } else if (points_.back().value != value) {
            points_.push_back({time, value});
        }
    }

    std::vector<std::uint8_t> in_;
    RecordVector<CounterPoint> points_;
    std::uint32_t count_ = 0;
    std::uint32_t high_ = 0;
    bool changed_ = false;
};

bool isAwait(const Trace& trace, const TraceEvent& e, WaitKind kind) {
    return e.ref < trace.awaits.size() && trace.awaits[e.ref].kind == kind;
}

bool inReadyQueue(const Trace& trace, const TraceEvent& e, bool was) {
    switch (e.kind) {
    case EventKind::Ready: return true;
    case EventKind::Suspend: return isAwait(trace, e, WaitKind::Yield);  // asyncio.sleep(0): straight back in the queue
    case EventKind::Resume:
    case EventKind::Finish: return false;
    default: return was;
    }
}

bool onATimer(const Trace& trace, const TraceEvent& e, bool was) {
    switch (e.kind) {
    case EventKind::Suspend: return isAwait(trace, e, WaitKind::Timer);
    case EventKind::Ready:
    case EventKind::Resume:
    case EventKind::Finish: return false;
    default: return was;
    }
}

} // namespace

LoopCounters loopCounters(const Trace& trace, const PlaybackOrder& order) {
    constexpr std::size_t kPrefetchAhead = 16;
    // Both counters in one walk over the events in playback order: each event is looked up in
    // its task once, not once per counter.
    Counting ready(trace.tasks.size(), trace.startTime());
    Counting timers(trace.tasks.size(), trace.startTime());
    const EventOrder& events = order.events();
    for (std::size_t i = 0; i < events.size();) {
        const TimeNs time = order.event(events[i]).time;
        ready.beginInstant();
        timers.beginInstant();
        for (; i < events.size(); ++i) {
            if (i + 2 * kPrefetchAhead < events.size())
                prefetchTask(trace, events[i + 2 * kPrefetchAhead]);
            if (i + kPrefetchAhead < events.size())
                prefetchEvent(trace, events[i + kPrefetchAhead]);
            const EventRef ref = events[i];
            const TraceEvent& event = trace.tasks[ref.task].events[ref.index];
            if (event.time != time)
                break;
            if (trace.tasks[ref.task].kind != TaskKind::Task)
                continue;
            ready.set(ref.task, inReadyQueue(trace, event, ready.has(ref.task)));
            timers.set(ref.task, onATimer(trace, event, timers.has(ref.task)));
        }
        const bool nextIsLater = i == events.size() || order.event(events[i]).time > time + 1;
        ready.endInstant(time, nextIsLater);
        timers.endInstant(time, nextIsLater);
    }
    return {std::move(ready).series(), std::move(timers).series()};
}

CounterSeries readyQueueDepth(const Trace& trace, const PlaybackOrder& order) { return loopCounters(trace, order).readyQueue; }

CounterSeries pendingTimers(const Trace& trace, const PlaybackOrder& order) { return loopCounters(trace, order).timers; }

} // namespace awaitscope
