#include "awaitscope/analysis/TimeBreakdown.h"

#include "awaitscope/analysis/TimeFormat.h"

#include <algorithm>
#include <tuple>
#include <unordered_map>

namespace awaitscope {

namespace {

// A stretch of a task's life held by another task's freeze.
struct HeldInterval {
    TimeNs begin = 0;
    TimeNs end = 0;
    const FrozenStretch* stretch = nullptr;
};

// When a freeze's victim fell due: (stretch index, due), sorted by stretch.
using VictimDues = std::vector<std::pair<std::size_t, TimeNs>>;

VictimDues victimDues(const std::vector<FrozenStretch>& frozen, TaskId task, std::size_t first, std::size_t last) {
    VictimDues dues;
    for (std::size_t k = first; k < last; ++k)
        for (const FrozenVictim& victim : frozen[k].victims)
            if (victim.task == task)
                dues.emplace_back(k, victim.due);
    return dues;
}

// The freezes [first, last) that overlap a lifetime (the stretches are sorted and disjoint).
std::pair<std::size_t, std::size_t> freezesDuring(const std::vector<FrozenStretch>& frozen, const TaskLane& lane) {
    const auto first = std::partition_point(frozen.begin(), frozen.end(),
                                            [&](const FrozenStretch& s) { return s.end <= lane.begin; });
    const auto last = std::partition_point(first, frozen.end(), [&](const FrozenStretch& s) { return s.begin < lane.end; });
    return {static_cast<std::size_t>(first - frozen.begin()), static_cast<std::size_t>(last - frozen.begin())};
}

// Inside one freeze (a step of another task), a task is held from the moment it could have
// run: when it was ready, or when its timer or thread fell due; until the freeze ends. It
// cannot run before the freeze ends, so each freeze holds it for one interval at most.
std::vector<HeldInterval> heldIntervals(const TaskLane& lane, TaskId task, const std::vector<FrozenStretch>& frozen,
                                        const VictimDues& dues) {
    std::vector<HeldInterval> held;
    const auto [first, last] = freezesDuring(frozen, lane);
    auto span = lane.spans.begin();
    auto due = dues.begin();
    for (std::size_t k = first; k < last; ++k) {
        const FrozenStretch& stretch = frozen[k];
        while (due != dues.end() && due->first < k)
            ++due;
        if (stretch.culprit == task)
            continue;
        TimeNs from = stretch.end;
        while (span != lane.spans.end() && span->end <= stretch.begin)
            ++span;
        for (auto s = span; s != lane.spans.end() && s->begin < stretch.end; ++s)
            if (s->state == SpanState::Ready)
                from = std::min(from, std::max(s->begin, stretch.begin));
        for (auto d = due; d != dues.end() && d->first == k; ++d)
            from = std::min(from, std::max(d->second, stretch.begin));
        const TimeNs to = std::min(stretch.end, lane.end);
        if (from < to)
            held.push_back({from, to, &stretch});
    }
    return held;
}

TimeUse awaitUse(const Trace& trace, AwaitId await) {
    const WaitKind kind = await < trace.awaits.size() ? trace.awaits[await].kind : WaitKind::None;
    switch (kind) {
    case WaitKind::Timer: return TimeUse::Sleeping;
    case WaitKind::Task:
    case WaitKind::Gather:
    case WaitKind::TaskGroup:
    case WaitKind::Wait:
    case WaitKind::Shield: return TimeUse::AwaitingTask;
    case WaitKind::Thread: return TimeUse::AwaitingThread;
    case WaitKind::Stream: return TimeUse::AwaitingIo;
    default: return TimeUse::AwaitingOther;
    }
}

// Collects shares, one per use and cause.
class Shares {
public:
    void add(TimeShare share) {
        if (share.duration <= 0)
            return;
        for (TimeShare& known : shares_)
            if (known.use == share.use && known.task == share.task && known.block == share.block &&
                known.site == share.site && known.await == share.await) {
                known.duration += share.duration;
                known.behind = std::max(known.behind, share.behind);
                return;
            }
        shares_.push_back(share);
    }
    std::vector<TimeShare> largestFirst() && {
        std::stable_sort(shares_.begin(), shares_.end(),
                         [](const TimeShare& a, const TimeShare& b) { return a.duration > b.duration; });
        return std::move(shares_);
    }

private:
    std::vector<TimeShare> shares_;
};

// Running time, less the blocking calls the task made itself.
void addRunning(const TaskLane& lane, TimeNs begin, TimeNs end, Shares& shares) {
    TimeNs blocked = 0;
    for (const BlockSpan& block : lane.blocks) {
        const TimeNs from = std::max(block.begin, begin), to = std::min(block.end, end);
        if (from >= to)
            continue;
        blocked += to - from;
        TimeShare share{TimeUse::Blocking, to - from};
        share.block = block.block;
        shares.add(share);
    }
    shares.add({TimeUse::Running, end - begin - blocked});
}

// Queued time: who held the loop meanwhile, and how many others were ready with it.
struct QueuedTime {
    TimeNs duration = 0;
    std::uint32_t behind = 0;
    std::unordered_map<TaskId, TimeNs> byTask;

    void add(const TraceIndex& index, const CounterSeries& readyQueue, TaskId task, TimeNs begin, TimeNs end) {
        if (begin >= end)
            return;
        duration += end - begin;
        const std::uint32_t ready = readyQueue.maximumIn(begin, end);
        behind = std::max(behind, ready > 0 ? ready - 1 : 0);
        const auto& slices = index.loopSlices();
        auto it = std::upper_bound(slices.begin(), slices.end(), begin,
                                   [](TimeNs t, const LoopSlice& slice) { return t < slice.begin; });
        if (it != slices.begin())
            --it;
        for (; it != slices.end() && it->begin < end; ++it) {
            const TimeNs from = std::max(it->begin, begin), to = std::min(it->end, end);
            if (from < to && it->task != task)
                byTask[it->task] += to - from;
        }
    }
    TimeShare share() const {
        TimeShare s{TimeUse::Queued, duration};
        s.behind = behind;
        TimeNs longest = 0;
        for (const auto& [who, time] : byTask)
            if (time > longest || (time == longest && who < s.task)) {
                longest = time;
                s.task = who;
            }
        return s;
    }
};

std::string blockText(const Trace& trace, BlockId block) {
    return blockDescription(trace, block) + (block < trace.blocks.size() ? atLine(trace, trace.blocks[block].site) : std::string());
}

} // namespace

TimeNs TimeBreakdown::total(TimeUse use) const {
    TimeNs sum = 0;
    for (const TimeShare& share : shares)
        if (share.use == use)
            sum += share.duration;
    return sum;
}

TimeBreakdown timeBreakdown(const Trace& trace, const TraceIndex& index, const std::vector<FrozenStretch>& frozen,
                            const CounterSeries& readyQueue, TaskId task) {
    TimeBreakdown result;
    result.task = task;
    if (task >= index.lanes().size())
        return result;
    const TaskLane& lane = index.lane(task);
    result.lifetime = lane.end > lane.begin ? lane.end - lane.begin : 0;
    const auto [first, last] = freezesDuring(frozen, lane);
    const std::vector<HeldInterval> held = heldIntervals(lane, task, frozen, victimDues(frozen, task, first, last));
    Shares shares;
    QueuedTime queued;
    // Each span, clipped to the lifetime, less what a freeze held of it.
    auto next = held.begin();
    TimeNs covered = 0;
    for (const Span& span : lane.spans) {
        TimeNs at = std::max(span.begin, lane.begin);
        const TimeNs spanEnd = std::min(span.end, lane.end);
        while (at < spanEnd) {
            while (next != held.end() && next->end <= at)
                ++next;
            const bool inHeld = next != held.end() && next->begin <= at;
            const TimeNs to = inHeld ? std::min(next->end, spanEnd)
                                     : std::min(spanEnd, next != held.end() ? next->begin : spanEnd);
            covered += to - at;
            if (inHeld) {
                TimeShare share{TimeUse::Held, to - at};
                share.task = next->stretch->culprit;
                share.block = next->stretch->block;
                share.site = next->stretch->block < trace.blocks.size() ? kUnknownSite : next->stretch->site;
                shares.add(share);
            } else if (span.state == SpanState::Running) {
                addRunning(lane, at, to, shares);
            } else if (span.state == SpanState::Ready) {
                queued.add(index, readyQueue, task, at, to);
            } else {
                TimeShare share{awaitUse(trace, span.ref), to - at};
                share.await = span.ref;
                share.site = span.ref < trace.awaits.size() ? trace.awaits[span.ref].site : kUnknownSite;
                if (share.use == TimeUse::AwaitingTask && span.ref < trace.awaits.size())
                    share.task = trace.awaits[span.ref].target;
                shares.add(share);
            }
            at = to;
        }
    }
    shares.add(queued.share());
    // What no span covers (a task recorded only in part) counts as waiting on something unknown,
    // so that the shares always make up the lifetime.
    if (covered < result.lifetime)
        shares.add({TimeUse::AwaitingOther, result.lifetime - covered});
    result.shares = std::move(shares).largestFirst();
    return result;
}

std::vector<TimeNs> heldTimes(const TraceIndex& index, const std::vector<FrozenStretch>& frozen) {
    // Every victim once, grouped by task, rather than every freeze's victims for every task.
    std::vector<std::tuple<TaskId, std::size_t, TimeNs>> victims;
    for (std::size_t k = 0; k < frozen.size(); ++k)
        for (const FrozenVictim& victim : frozen[k].victims)
            victims.emplace_back(victim.task, k, victim.due);
    std::sort(victims.begin(), victims.end());
    std::vector<TimeNs> held(index.lanes().size(), 0);
    auto next = victims.begin();
    VictimDues dues;
    for (std::size_t task = 0; task < held.size(); ++task) {
        dues.clear();
        for (; next != victims.end() && std::get<0>(*next) <= task; ++next)
            if (std::get<0>(*next) == task)
                dues.emplace_back(std::get<1>(*next), std::get<2>(*next));
        for (const HeldInterval& interval : heldIntervals(index.lanes()[task], static_cast<TaskId>(task), frozen, dues))
            held[task] += interval.end - interval.begin;
    }
    return held;
}

const char* toString(TimeUse use) {
    switch (use) {
    case TimeUse::Running: return "running";
    case TimeUse::Blocking: return "blocking the loop itself";
    case TimeUse::Queued: return "queued for the loop";
    case TimeUse::Held: return "held by a frozen loop";
    case TimeUse::Sleeping: return "its own sleep";
    case TimeUse::AwaitingTask: return "awaiting other tasks";
    case TimeUse::AwaitingThread: return "awaiting a thread";
    case TimeUse::AwaitingIo: return "awaiting I/O";
    case TimeUse::AwaitingOther: return "awaiting something else";
    }
    return "?";
}

std::string describeTimeShare(const Trace& trace, const TimeShare& share) {
    std::string text = plainDuration(share.duration) + " ";
    switch (share.use) {
    case TimeUse::Running: return text + "running";
    case TimeUse::Blocking: return text + "blocking the loop itself in " + blockText(trace, share.block);
    case TimeUse::Queued:
        if (share.behind > 0)
            return text + "queued behind " + std::to_string(share.behind) + " ready " + (share.behind == 1 ? "task" : "tasks");
        if (share.task != kNoTask)
            return text + "queued while " + taskLabel(trace, share.task) + " ran";
        return text + "queued for the loop";
    case TimeUse::Held:
        return text + "held by " + taskLabel(trace, share.task) + "'s " +
               (share.block < trace.blocks.size() ? blockText(trace, share.block) : "long step" + atLine(trace, share.site));
    case TimeUse::Sleeping: return text + "its own sleep" + atLine(trace, share.site);
    case TimeUse::AwaitingTask:
    case TimeUse::AwaitingThread:
    case TimeUse::AwaitingIo:
    case TimeUse::AwaitingOther:
        if (share.await >= trace.awaits.size())
            return text + "waiting";
        return text + "awaiting " + awaitDescription(trace, share.await) + atLine(trace, share.site);
    }
    return text;
}

std::string describeTimeBreakdown(const Trace& trace, const TimeBreakdown& breakdown, std::size_t parts) {
    std::string text = taskLabel(trace, breakdown.task) + " took " + plainDuration(breakdown.lifetime);
    if (breakdown.shares.empty())
        return text;
    // The largest shares by name; the crumbs (under 1% of the lifetime: a few microseconds of
    // running, a nanosecond in the queue) together, by what they were.
    std::size_t shown = 0;
    while (shown < breakdown.shares.size() && shown < parts &&
           (shown == 0 || breakdown.shares[shown].duration * 100 >= breakdown.lifetime))
        ++shown;
    text += ": ";
    for (std::size_t i = 0; i < shown; ++i)
        text += (i ? ", " : "") + describeTimeShare(trace, breakdown.shares[i]);
    if (shown == breakdown.shares.size())
        return text;
    TimeNs rest = 0;
    std::vector<TimeUse> uses;
    for (std::size_t i = shown; i < breakdown.shares.size(); ++i) {
        rest += breakdown.shares[i].duration;
        if (std::find(uses.begin(), uses.end(), breakdown.shares[i].use) == uses.end())
            uses.push_back(breakdown.shares[i].use);
    }
    text += ", and " + plainDuration(rest) + " ";
    for (std::size_t i = 0; i < uses.size(); ++i)
        text += std::string(i == 0 ? "" : i + 1 == uses.size() ? " and " : ", ") + toString(uses[i]);
    return text;
}

} // namespace awaitscope
