#include "awaitscope/analysis/TraceIndex.h"

#include "RadixSort.h"

#include <algorithm>

namespace awaitscope {

namespace {

bool opensSpan(EventKind kind) { return kind == EventKind::Ready || kind == EventKind::Resume || kind == EventKind::Suspend; }

// Appends the task's spans to `spans`; the lane's view of them is set once all lanes are in.
void buildLane(const Trace& trace, const TaskRecord& task, TimeNs traceEnd, TaskLane& lane, RecordVector<Span>& spans) {
    lane.begin = task.created;
    lane.end = traceEnd;
    struct Open {
        bool active = false;
        TimeNs begin = 0;
        SpanState state = SpanState::Ready;
        WaitKind kind = WaitKind::None;
        std::uint32_t ref = 0;
    } open;
    auto close = [&](TimeNs at) {
        if (open.active)
            spans.push_back({open.begin, std::max(open.begin, at), open.state, open.kind, 0, open.ref});
        open.active = false;
    };
    auto start = [&](TimeNs at, SpanState state, WaitKind kind, std::uint32_t ref) {
        close(at);
        open = {true, at, state, kind, ref};
    };
    std::vector<std::size_t> frameStack;  // indices into lane.frames
    std::vector<std::size_t> blockStack;
    for (const TraceEvent& event : task.events) {
        switch (event.kind) {
        case EventKind::Ready: start(event.time, SpanState::Ready, static_cast<WaitKind>(event.detail), event.ref); break;
        case EventKind::Resume: start(event.time, SpanState::Running, WaitKind::None, 0); break;
        case EventKind::Suspend: {
            const WaitKind kind = event.ref < trace.awaits.size() ? trace.awaits[event.ref].kind : WaitKind::None;
            // asyncio.sleep(0) puts the task straight back in the ready queue (no Ready event follows).
            if (kind == WaitKind::Yield)
                start(event.time, SpanState::Ready, WaitKind::Yield, task.id);
            else
                start(event.time, SpanState::Awaiting, kind, event.ref);
            break;
        }
        case EventKind::Finish:
            close(event.time);
            lane.finished = true;
            lane.outcome = static_cast<TaskOutcome>(event.detail);
            lane.error = event.ref;
            lane.end = event.time;
            break;
        case EventKind::FrameEnter:
            frameStack.push_back(lane.frames.size());
            lane.frames.push_back({event.time, event.time, event.ref, static_cast<std::uint32_t>(frameStack.size() - 1)});
            lane.maxDepth = std::max<std::uint32_t>(lane.maxDepth, static_cast<std::uint32_t>(frameStack.size() - 1));
            break;
        case EventKind::FrameExit:
            if (!frameStack.empty()) {
                lane.frames[frameStack.back()].end = event.time;
                frameStack.pop_back();
            }
            break;
        case EventKind::BlockBegin:
            blockStack.push_back(lane.blocks.size());
            lane.blocks.push_back({event.time, event.time, event.ref, task.id});
            break;
        case EventKind::BlockEnd:
            if (!blockStack.empty()) {
                lane.blocks[blockStack.back()].end = event.time;
                blockStack.pop_back();
            }
            break;
        }
    }
    const TimeNs laneEnd = lane.finished ? lane.end : traceEnd;
    close(laneEnd);
    for (std::size_t index : frameStack)
        lane.frames[index].end = laneEnd;
    for (std::size_t index : blockStack)
        lane.blocks[index].end = laneEnd;
}

} // namespace

TraceIndex::TraceIndex(const Trace& trace) : begin_(trace.startTime()), end_(trace.endTime()) {
    // Lanes are indexed by position: a loaded trace guarantees tasks[i].id == i, and a
    // hand-built one with other ids must not index out of range.
    lanes_.resize(trace.tasks.size());
    std::size_t states = 0;
    for (const TaskRecord& task : trace.tasks)
        for (const TraceEvent& event : task.events)
            states += opensSpan(event.kind);
    spans_.reserve(states);  // every span is opened by one of these events
    std::vector<std::size_t> firsts(trace.tasks.size() + 1, 0);
    for (std::size_t i = 0; i < trace.tasks.size(); ++i) {
        firsts[i] = spans_.size();
        buildLane(trace, trace.tasks[i], end_, lanes_[i], spans_);
    }
    firsts.back() = spans_.size();
    std::size_t running = 0;
    for (std::size_t i = 0; i < trace.tasks.size(); ++i) {
        lanes_[i].spans = std::span<const Span>(spans_.data() + firsts[i], firsts[i + 1] - firsts[i]);
        if (trace.tasks[i].kind == TaskKind::Task)
            for (const Span& span : lanes_[i].spans)
                running += span.state == SpanState::Running;
    }
    // Steps on the loop in time order: each lane's are, so they are merged.
    loopSlices_.reserve(running);
    std::vector<std::uint32_t> next(lanes_.size(), 0);  // per lane: where to look for its next step
    auto onLoop = [&](std::size_t task) { return trace.tasks[task].kind == TaskKind::Task; };  // thread lanes run off it
    detail::mergeByTime(
        lanes_.size(), running,
        [&](std::size_t task, auto emit) {
            if (onLoop(task))
                for (const Span& span : lanes_[task].spans)
                    if (span.state == SpanState::Running)
                        emit(span.begin);
        },
        [&](std::size_t task, auto emit) {  // spans are in order of begin: the first and last bound the running ones
            if (const std::span<const Span> spans = lanes_[task].spans; onLoop(task) && !spans.empty()) {
                emit(spans.front().begin);
                emit(spans.back().begin);
            }
        },
        [&](TaskId task, std::uint64_t) {
            const std::span<const Span> spans = lanes_[task].spans;
            std::uint32_t& k = next[task];
            while (spans[k].state != SpanState::Running)
                ++k;
            loopSlices_.push_back({spans[k].begin, spans[k].end, task});
            ++k;
        },
        [] { return false; });
}

const Span* TraceIndex::spanAt(TaskId task, TimeNs t) const {
    if (task >= lanes_.size())
        return nullptr;
    const std::span<const Span> spans = lanes_[task].spans;
    auto after = std::upper_bound(spans.begin(), spans.end(), t, [](TimeNs value, const Span& s) { return value < s.begin; });
    if (after == spans.begin())
        return nullptr;
    const Span& span = *(after - 1);
    return t < span.end || (t == span.begin && span.begin == span.end) ? &span : nullptr;
}

} // namespace awaitscope
