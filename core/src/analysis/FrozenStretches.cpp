#include "awaitscope/analysis/FrozenStretches.h"

#include "RadixSort.h"

#include <algorithm>

namespace awaitscope {

namespace {

// The line to blame when no blocking call was recorded: where the step ended (its next
// await), else where the task was created.
SiteId stepSite(const Trace& trace, const TaskLane& lane, const TaskRecord& task, TimeNs stepEnd) {
    auto first = std::lower_bound(lane.spans.begin(), lane.spans.end(), stepEnd,
                                  [](const Span& s, TimeNs t) { return s.begin < t; });
    for (auto span = first; span != lane.spans.end() && span->begin == stepEnd; ++span)
        if (span->state == SpanState::Awaiting && span->ref < trace.awaits.size())
            return trace.awaits[span->ref].site;
    return task.createdAt;
}

// A timer that fell due or a thread that finished, and when its task ran.
struct Wakeup {
    TimeNs due = 0;
    TimeNs resumed = 0;
    TaskId task = kNoTask;
    WaitKind cause = WaitKind::Timer;
};

} // namespace

LateVictims lateVictims(const FrozenStretch& stretch, std::size_t named) {
    LateVictims result;
    for (const FrozenVictim& victim : stretch.victims)
        if (victim.task != stretch.culprit && victim.lateBy() > 0)
            result.named.push_back(victim);
    if (result.named.size() <= named + 2)
        return result;  // in the order they ran: naming them all costs no more than counting
    std::stable_sort(result.named.begin(), result.named.end(),
                     [](const FrozenVictim& a, const FrozenVictim& b) { return a.lateBy() > b.lateBy(); });
    result.more = result.named.size() - named;
    result.moreUpTo = result.named[named].lateBy();
    result.named.resize(named);
    return result;
}

std::vector<FrozenStretch> findFrozenStretches(const Trace& trace, const TraceIndex& index, TimeNs threshold) {
    std::vector<FrozenStretch> stretches;
    const RecordVector<LoopSlice>& slices = index.loopSlices();
    if (std::none_of(slices.begin(), slices.end(),
                     [&](const LoopSlice& s) { return s.end - s.begin >= threshold; }))
        return stretches;

    // Every wake-up with a time of its own (a timer's deadline, the end of work on a thread),
    // sorted by that time, so each stretch finds its victims by binary search.
    RecordVector<Wakeup> wakeups;
    for (std::size_t task = 0; task < index.lanes().size(); ++task)
        for (const Span& span : index.lanes()[task].spans)
            if (span.state == SpanState::Ready && (span.kind == WaitKind::Timer || span.kind == WaitKind::Thread))
                wakeups.push_back({span.begin, span.end, static_cast<TaskId>(task), span.kind});
    // Stable, so equal due times stay in task order.
    detail::radixSortByKey(wakeups, [](const Wakeup& w) { return detail::timeKey(w.due); });

    for (const LoopSlice& slice : slices) {
        if (slice.end - slice.begin < threshold || slice.task >= trace.tasks.size() ||
            slice.task >= index.lanes().size())
            continue;
        FrozenStretch stretch;
        stretch.begin = slice.begin;
        stretch.end = slice.end;
        stretch.culprit = slice.task;
        const TaskLane& lane = index.lane(slice.task);
        TimeNs longest = -1;
        auto block = std::lower_bound(lane.blocks.begin(), lane.blocks.end(), slice.begin,
                                      [](const BlockSpan& b, TimeNs t) { return b.begin < t; });
        for (; block != lane.blocks.end() && block->begin < slice.end; ++block) {
            if (block->end - block->begin > longest) {
                longest = block->end - block->begin;
                stretch.block = block->block;
            }
        }
        stretch.site = stretch.block != kNoBlock && stretch.block < trace.blocks.size()
                           ? trace.blocks[stretch.block].site
                           : stepSite(trace, lane, trace.tasks[slice.task], slice.end);
        // Victims: other tasks whose timer fell due, or whose thread finished, while the culprit
        // held the loop. The culprit's own wake-up (due exactly at the stretch's start) is what
        // began the step.
        auto wakeup = std::lower_bound(wakeups.begin(), wakeups.end(), slice.begin,
                                       [](const Wakeup& w, TimeNs t) { return w.due < t; });
        for (; wakeup != wakeups.end() && wakeup->due < slice.end; ++wakeup)
            if (wakeup->task != slice.task)
                stretch.victims.push_back({wakeup->task, wakeup->due, wakeup->resumed, wakeup->cause});
        stretches.push_back(std::move(stretch));
    }
    return stretches;
}

} // namespace awaitscope
