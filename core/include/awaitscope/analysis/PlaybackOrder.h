#pragma once

// Every event of every task, and every printed line, in the order they happened. Events of
// one instant follow the order the loop ran them (CausalOrder.h); a printed line goes inside
// the step that printed it. Playback steps through these items; the counters count in this
// order; the playhead's state is "the first k items have happened".
#include "awaitscope/analysis/CausalOrder.h"

#include <atomic>
#include <cstdint>
#include <vector>

namespace awaitscope {

// Item k of the playback: an event or an output line.
struct PlaybackItem {
    TimeNs time = 0;
    TaskId task = kNoTask;
    bool output = false;
    std::uint32_t index = 0;  // the event's position in its task, or the output line
};

class PlaybackOrder {
public:
    PlaybackOrder() = default;
    // `cancelled` may stop a long build early; the order is then incomplete (complete() false).
    explicit PlaybackOrder(const Trace& trace, const std::atomic<bool>* cancelled = nullptr);

    bool complete() const { return complete_; }
    // Every event in time order; events of one instant in the order the loop ran them.
    const EventOrder& events() const { return events_; }
    const TraceEvent& event(EventRef ref) const { return trace_->tasks[ref.task].events[ref.index]; }

    std::size_t length() const { return events_.size() + outputPositions_.size(); }
    PlaybackItem item(std::size_t k) const;
    // Items that happened at or before t.
    std::size_t countAtOrBefore(TimeNs t) const;
    // Output lines among the first `count` items.
    std::size_t outputsAmongFirst(std::size_t count) const;
    // The position of output line `line` among the items.
    std::size_t positionOfOutput(std::size_t line) const { return outputPositions_[line] + line; }

private:
    const Trace* trace_ = nullptr;
    EventOrder events_;
    std::vector<std::uint32_t> outputPositions_;  // per output line: the event it comes before
    bool complete_ = true;
};

} // namespace awaitscope
