#pragma once

// The run as it stood at the playhead: each task's state and line, the task holding the loop
// and the line it is at, and how many lines were printed. Built from the DerivedTrace's playback
// order (events and printed lines merged as they happened), so stepping inside one instant
// of a virtual clock shows the steps one by one. Pure: the timeline overlay, the code panel,
// the output panel and the loop's-insides panel all ask it, so they agree.
#include "awaitscope/analysis/DerivedTrace.h"

#include <optional>
#include <utility>
#include <vector>

namespace awaitscope {

enum class TaskPhase : std::uint8_t {
    NotCreated,  // created later
    Ready,       // in the ready queue: runnable, waiting for the loop
    Running,     // holds the loop (or, for a thread lane, works on its thread)
    Blocking,    // holds the loop inside a blocking call (time.sleep, a CPU-heavy stretch)
    Awaiting,    // suspended at an await
    Done,
    Failed,
    Cancelled,
};
const char* toString(TaskPhase phase);

struct TaskMoment {
    TaskPhase phase = TaskPhase::NotCreated;
    AwaitId await = 0xFFFFFFFFu;  // Awaiting / Ready: the await it is suspended at (if known)
    SiteId line = kUnknownSite;   // Running: the line it is at; Awaiting / Ready: its await line
    TimeNs since = 0;             // when it entered this phase
};

class PlayheadState {
public:
    // `step`: items applied (ViewState::playheadStep); empty: everything up to `time`.
    PlayheadState(const DerivedTrace& model, TimeNs time, std::optional<std::size_t> step = std::nullopt);

    TimeNs time() const { return time_; }
    std::size_t applied() const { return applied_; }
    // The item that happened last (the one stepping just went over), if any.
    std::optional<PlaybackItem> lastItem() const;

    TaskMoment task(TaskId task) const;
    // The task holding the loop at the playhead (kNoTask: the loop is idle between steps).
    TaskId holder() const { return holder_; }
    // The line the holder is at: what its last event or printed line was.
    SiteId holderLine() const { return holderLine_; }
    // Lines printed so far.
    std::size_t printedCount() const { return printed_; }

private:
    // The last event of `task` that has happened (events index), or nothing.
    std::optional<std::uint32_t> lastEvent(TaskId task) const;
    SiteId siteOfItem(const PlaybackItem& item) const;
    SiteId lastAwaitSite(TaskId task, std::uint32_t before) const;

    const DerivedTrace& model_;
    TimeNs time_ = 0;
    std::size_t applied_ = 0;
    std::size_t printed_ = 0;
    std::vector<std::pair<TaskId, std::uint32_t>> atInstant_;  // last event applied at time_, per task
    TaskId holder_ = kNoTask;
    SiteId holderLine_ = kUnknownSite;
};

} // namespace awaitscope
