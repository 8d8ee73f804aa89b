#pragma once

// The names Awaitscope's Chrome export writes and its importer reads back: one place, so
// that the two cannot drift. docs/trace-format.md describes the export.
//
// The export is read back without loss. Its "metadata" member holds the native document
// (strings, sites, awaits, frames, tasks, output, diagnostics) with only the events that no
// slice carries; every other event is a boundary of a complete slice ("X") on its task's
// track, and args.data numbers it (its index among the task's events), so that events at
// one instant keep their order.
#include <string_view>

namespace awaitscope::detail::chrome_export {

// "metadata": {"awaitscope-trace": {native document}}
inline constexpr std::string_view kTablesKey = "awaitscope-trace";

// Categories of the slices on a task's track.
inline constexpr std::string_view kStepCategory = "step";       // Resume .. Suspend / Finish
inline constexpr std::string_view kFrameCategory = "coroutine"; // FrameEnter .. FrameExit
inline constexpr std::string_view kBlockCategory = "blocking";  // BlockBegin .. BlockEnd
inline constexpr std::string_view kWakeCategory = "wakeup";     // where a flow arrow starts

// The critical path (analysis/CriticalPath.h): a track of its own after the task tracks, one
// slice per link. For the eye only: an import recomputes the path from the tasks, so the track
// never becomes a task.
inline constexpr std::string_view kCriticalPathTrack = "critical path";
inline constexpr std::string_view kCriticalPathCategory = "critical_path";

// args.data members. Event numbers: the event that opens the slice, the one that closes it.
inline constexpr std::string_view kSeq = "seq";
inline constexpr std::string_view kEndSeq = "end_seq";
// A step: what ended it (Suspend: an await id; Finish: an outcome and its error text), the
// Ready that led to it, and the task's root coroutine frame when it spans the whole step.
inline constexpr std::string_view kAwait = "await";
inline constexpr std::string_view kOutcome = "outcome";
inline constexpr std::string_view kError = "error";
inline constexpr std::string_view kReadySeq = "ready_seq";
inline constexpr std::string_view kReadyAt = "ready_at";  // microseconds, as "ts"
inline constexpr std::string_view kWoken = "woken";       // a wait kind: what woke the task
inline constexpr std::string_view kWaker = "waker";       // a task id
inline constexpr std::string_view kFrameSeq = "frame_seq";
inline constexpr std::string_view kFrameEndSeq = "frame_end_seq";
// A frame slice, or a step carrying its root frame; a blocking call.
inline constexpr std::string_view kFrame = "frame";
inline constexpr std::string_view kBlock = "block";

} // namespace awaitscope::detail::chrome_export
