#pragma once

// The words at the left of a lane: its title and the line under it. The same words the
// report prints for the loop's counters ("waiting to run · max 12" is its ready-queue peak).
#include "timeline/TimelineLayout.h"

#include <QString>

namespace awaitscope::ui {

struct LaneHeader {
    QString title;
    QString subtitle;
};

LaneHeader laneHeader(const DerivedTrace& model, const LayoutRow& row);

// The words on a wait in `task`'s lane: "await asyncio.sleep" when the task's own coroutine
// awaits, "get_weather() awaits asyncio.sleep" when a coroutine it called did, so that the lane
// reads main → get_weather → asyncio.sleep rather than as if main awaited the sleep itself.
QString waitLabel(const DerivedTrace& model, TaskId task, const Span& span);

} // namespace awaitscope::ui
