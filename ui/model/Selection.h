#pragma once

// What the user picked: a task lane, one of its spans, frames, blocking calls or markers, a
// frozen stretch, an output line, an event, a diagnostic. Indices point into the
// DerivedTrace's vectors, so a Selection is small and cheap to pass around in signals.
#include <awaitscope/trace/Trace.h>

#include <cstdint>

namespace awaitscope::ui {

enum class SelectionKind : std::uint8_t {
    None,
    Task,             // task
    Span,             // task + index into TaskLane::spans
    Frame,            // task + index into TaskLane::frames
    Block,            // task + index into TaskLane::blocks
    LoopSlice,        // index into TraceIndex::loopSlices (task: who held the loop)
    NeverAwaited,     // index into Trace::neverAwaited (task: who created it)
    Frozen,           // index into DerivedTrace::frozenStretches (task: the culprit)
    Output,           // index into Trace::output (task: who printed)
    Event,            // task + index into TaskRecord::events
    UnretrievedError, // index into Trace::unretrievedErrors
    PendingAtExit,    // index into Trace::pendingAtExit
    ScriptError,      // index into Trace::scriptErrors
    Scope,            // index into Trace::scopes (task: the owner)
    Group,            // index into DerivedTrace::groups() (task: kNoTask)
};

struct Selection {
    SelectionKind kind = SelectionKind::None;
    TaskId task = kNoTask;
    std::uint32_t index = 0;

    bool isEmpty() const { return kind == SelectionKind::None; }
    friend bool operator==(const Selection&, const Selection&) = default;

    static Selection ofTask(TaskId task) { return {SelectionKind::Task, task, 0}; }
    static Selection of(SelectionKind kind, TaskId task, std::uint32_t index) { return {kind, task, index}; }
    static Selection ofGroup(std::uint32_t group) { return {SelectionKind::Group, kNoTask, group}; }
};

} // namespace awaitscope::ui
