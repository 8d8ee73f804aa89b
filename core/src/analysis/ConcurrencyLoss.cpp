#include "awaitscope/analysis/ConcurrencyLoss.h"

#include "RadixSort.h"

#include <algorithm>
#include <limits>
#include <map>
#include <tuple>
#include <unordered_map>

namespace awaitscope {

namespace {

bool waitsOnOthers(WaitKind kind) {
    return kind == WaitKind::Lock || kind == WaitKind::Semaphore || kind == WaitKind::Condition ||
           kind == WaitKind::Event || kind == WaitKind::Queue;
}

struct Interval {
    TimeNs begin = 0;
    TimeNs end = 0;
};

// A task's waiting (ConcurrencyLoss.h), sorted and merged, into `waiting` (a buffer reused
// from task to task: a group may hold a million of them).
void waitingOf(const Trace& trace, const TaskLane& lane, std::vector<Interval>& waiting) {
    waiting.clear();
    for (const Span& span : lane.spans)
        if (span.state == SpanState::Awaiting && span.end > span.begin && span.kind != WaitKind::Yield &&
            !(span.ref < trace.awaits.size() && waitsOnOthers(trace.awaits[span.ref].kind)))
            waiting.push_back({span.begin, span.end});
    for (const BlockSpan& block : lane.blocks)
        if (block.end > block.begin)
            waiting.push_back({block.begin, block.end});
    std::sort(waiting.begin(), waiting.end(), [](const Interval& a, const Interval& b) { return a.begin < b.begin; });
    std::size_t kept = 0;  // merged in place
    for (const Interval& interval : waiting) {
        if (kept > 0 && interval.begin <= waiting[kept - 1].end)
            waiting[kept - 1].end = std::max(waiting[kept - 1].end, interval.end);
        else
            waiting[kept++] = interval;
    }
    waiting.resize(kept);
}

// Groups of tasks started together: one scope's, or one parent's children made in one step.
std::vector<std::vector<TaskId>> startedTogether(const Trace& trace, const TraceIndex& index) {
    std::map<std::tuple<ScopeId, TaskId, TimeNs>, std::vector<TaskId>> groups;
    for (const TaskRecord& task : trace.tasks) {
        if (task.kind != TaskKind::Task || task.parent >= index.lanes().size() || task.id >= index.lanes().size())
            continue;
        if (task.scope < trace.scopes.size()) {
            groups[{task.scope, kNoTask, 0}].push_back(task.id);
            continue;
        }
        const Span* step = index.spanAt(task.parent, task.created);
        const TimeNs stepBegin = step && step->state == SpanState::Running ? step->begin : task.created;
        groups[{kNoScope, task.parent, stepBegin}].push_back(task.id);
    }
    std::vector<std::vector<TaskId>> result;
    for (auto& [key, tasks] : groups)
        if (tasks.size() >= 2)
            result.push_back(std::move(tasks));
    return result;
}

// What kept them apart: the blocking call they spent most time in, else the await on each
// other they spent most time in.
void findCause(const Trace& trace, const TraceIndex& index, ConcurrencyLoss& loss) {
    std::unordered_map<BlockId, std::pair<TimeNs, TaskId>> blocks;
    std::unordered_map<AwaitId, TimeNs> awaits;
    for (TaskId task : loss.tasks) {
        const TaskLane& lane = index.lane(task);
        for (const BlockSpan& block : lane.blocks) {
            auto& [time, who] = blocks.try_emplace(block.block, 0, task).first->second;
            time += block.end - block.begin;
        }
        for (const Span& span : lane.spans)
            if (span.state == SpanState::Awaiting && span.ref < trace.awaits.size() && waitsOnOthers(trace.awaits[span.ref].kind))
                awaits[span.ref] += span.end - span.begin;
    }
    TimeNs most = 0;
    for (const auto& [block, entry] : blocks)
        if (entry.first > most || (entry.first == most && block < loss.block)) {
            most = entry.first;
            loss.block = block;
            loss.blocker = entry.second;
        }
    if (loss.block < trace.blocks.size()) {
        loss.site = trace.blocks[loss.block].site;
        return;
    }
    most = 0;
    for (const auto& [await, time] : awaits)
        if (time > most || (time == most && await < loss.await)) {
            most = time;
            loss.await = await;
            loss.byAwait = true;
        }
    if (loss.byAwait)
        loss.site = trace.awaits[loss.await].site;
}

} // namespace

std::vector<ConcurrencyLoss> findConcurrencyLoss(const Trace& trace, const TraceIndex& index, TimeNs threshold) {
    std::vector<ConcurrencyLoss> losses;
    std::vector<Interval> waiting;
    for (std::vector<TaskId>& tasks : startedTogether(trace, index)) {
        ConcurrencyLoss loss;
        // Where each task's waits begin and end, to count how many wait at once.
        RecordVector<TimeNs> begins;
        RecordVector<TimeNs> ends;
        loss.begin = std::numeric_limits<TimeNs>::max();
        loss.end = std::numeric_limits<TimeNs>::min();
        for (TaskId task : tasks) {
            TimeNs own = 0;
            waitingOf(trace, index.lane(task), waiting);
            for (const Interval& interval : waiting) {
                own += interval.end - interval.begin;
                begins.push_back(interval.begin);
                ends.push_back(interval.end);
                loss.begin = std::min(loss.begin, interval.begin);
                loss.end = std::max(loss.end, interval.end);
            }
            loss.serial += own;
            loss.overlapped = std::max(loss.overlapped, own);
        }
        if (loss.serial < threshold)
            continue;
        // One wait handing over to the next at an instant is no overlap (the sweep's rule).
        detail::sweepIntervals(begins, ends, [&](TimeNs, std::uint64_t inFlight) {
            loss.peakInFlight = std::max(loss.peakInFlight, static_cast<std::uint32_t>(inFlight));
        });
        if (loss.peakInFlight >= tasks.size() || (loss.end - loss.begin) * 10 < loss.serial * 9)
            continue;
        loss.tasks = std::move(tasks);
        const TaskRecord& first = trace.tasks[loss.tasks.front()];
        loss.parent = first.parent;
        loss.scope = first.scope;
        loss.started = first.created;
        findCause(trace, index, loss);
        losses.push_back(std::move(loss));
    }
    std::stable_sort(losses.begin(), losses.end(),
                     [](const ConcurrencyLoss& a, const ConcurrencyLoss& b) { return a.started < b.started; });
    return losses;
}

} // namespace awaitscope
