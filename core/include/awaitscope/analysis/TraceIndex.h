#pragma once

// What the timeline draws and the analysis reads, derived once from a Trace's events:
// per task, the state spans (ready / running / awaiting), the nested coroutine frames and
// the blocking calls; for the loop, which task held it when. Every vector is sorted by
// `begin`.
#include "awaitscope/trace/Trace.h"

#include <cstdint>
#include <span>
#include <vector>

namespace awaitscope {

enum class SpanState : std::uint8_t {
    Ready,     // runnable, waiting for the loop (the cost of a frozen loop)
    Running,   // holds the loop
    Awaiting,  // suspended at an await
};

struct Span {
    TimeNs begin = 0;
    TimeNs end = 0;
    SpanState state = SpanState::Ready;
    WaitKind kind = WaitKind::None;  // Awaiting: what it awaits; Ready: what woke it
    std::uint16_t reserved = 0;
    std::uint32_t ref = 0;           // Awaiting: AwaitId; Ready: the waker TaskId (or kNoTask)
    TimeNs duration() const { return end - begin; }
};
static_assert(sizeof(Span) == 24);

struct FrameSpan {
    TimeNs begin = 0;
    TimeNs end = 0;
    FrameId frame = 0;
    std::uint32_t depth = 0;  // 0 is the task's root coroutine
};

struct BlockSpan {
    TimeNs begin = 0;
    TimeNs end = 0;
    BlockId block = 0;
    TaskId task = kNoTask;
};

// Who held the loop: one slice per running span of any task.
struct LoopSlice {
    TimeNs begin = 0;
    TimeNs end = 0;
    TaskId task = kNoTask;
};

struct TaskLane {
    std::span<const Span> spans;  // a stretch of the index's one array of all spans
    std::vector<FrameSpan> frames;
    std::vector<BlockSpan> blocks;
    TimeNs begin = 0;                          // creation
    TimeNs end = 0;                            // finish (or the trace end if never finished)
    bool finished = false;
    TaskOutcome outcome = TaskOutcome::Done;   // valid when finished
    StringId error = 0;                        // exception repr for Failed
    std::uint32_t maxDepth = 0;
};

class TraceIndex {
public:
    TraceIndex() = default;
    explicit TraceIndex(const Trace& trace);
    // The lanes point into spans_: moving keeps its block, a copy would not.
    TraceIndex(TraceIndex&&) = default;
    TraceIndex& operator=(TraceIndex&&) = default;
    TraceIndex(const TraceIndex&) = delete;
    TraceIndex& operator=(const TraceIndex&) = delete;

    const std::vector<TaskLane>& lanes() const { return lanes_; }
    const TaskLane& lane(TaskId task) const { return lanes_[task]; }
    const RecordVector<LoopSlice>& loopSlices() const { return loopSlices_; }
    TimeNs begin() const { return begin_; }
    TimeNs end() const { return end_; }

    // The span of `task` covering time t, or null.
    const Span* spanAt(TaskId task, TimeNs t) const;

private:
    std::vector<TaskLane> lanes_;
    RecordVector<Span> spans_;  // every lane's, lane after lane: one block, not one per task
    RecordVector<LoopSlice> loopSlices_;
    TimeNs begin_ = 0;
    TimeNs end_ = 0;
};

} // namespace awaitscope
