#include "awaitscope/analysis/FrozenStretches.h"

#include <algorithm>

namespace awaitscope {

namespace {

// The line to blame when no blocking call was recorded: where the step ended (its next
// await), else where the task was created.
SiteId stepSite(const Trace& trace, const TaskLane& lane, const TaskRecord& task, TimeNs stepEnd) {
    for (const Span& span : lane.spans)
        if (span.state == SpanState::Awaiting && span.begin == stepEnd && span.ref < trace.awaits.size())
            return trace.awaits[span.ref].site;
    return task.createdAt;
}

} // namespace

std::vector<FrozenStretch> findFrozenStretches(const Trace& trace, const TraceIndex& index, TimeNs threshold) {
    std::vector<FrozenStretch> stretches;
    for (const LoopSlice& slice : index.loopSlices()) {
        if (slice.end - slice.begin < threshold || slice.task >= trace.tasks.size())
            continue;
        FrozenStretch stretch;
        stretch.begin = slice.begin;
        stretch.end = slice.end;
        stretch.culprit = slice.task;
        const TaskLane& lane = index.lane(slice.task);
        TimeNs longest = -1;
        for (const BlockSpan& block : lane.blocks) {
            if (block.begin < slice.begin || block.begin >= slice.end)
                continue;
            if (block.end - block.begin > longest) {
                longest = block.end - block.begin;
                stretch.block = block.block;
            }
        }
        stretch.site = stretch.block != kNoBlock && stretch.block < trace.blocks.size()
                           ? trace.blocks[stretch.block].site
                           : stepSite(trace, lane, trace.tasks[slice.task], slice.end);
        for (const TaskLane& other : index.lanes()) {
            if (&other == &lane)
                continue;  // the culprit is not its own victim
            for (const Span& span : other.spans) {
                if (span.state != SpanState::Ready || span.kind != WaitKind::Timer)
                    continue;
                if (span.begin >= slice.begin && span.begin < slice.end)
                    stretch.victims.push_back({static_cast<TaskId>(&other - index.lanes().data()), span.begin, span.end});
            }
        }
        std::sort(stretch.victims.begin(), stretch.victims.end(),
                  [](const FrozenVictim& a, const FrozenVictim& b) { return a.due < b.due; });
        stretches.push_back(std::move(stretch));
    }
    return stretches;
}

} // namespace awaitscope
