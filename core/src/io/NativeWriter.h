#pragma once

// The native writer with a choice of events: the Chrome export embeds the trace's tables in
// its metadata, with only the events its slices cannot carry.
#include "awaitscope/io/ByteSink.h"
#include "awaitscope/trace/Trace.h"

#include <cstddef>
#include <functional>

namespace awaitscope::detail {

// keepEvent(task, index): whether tasks[task].events[index] is written.
using EventFilter = std::function<bool(TaskId task, std::size_t index)>;

bool writeNativeTrace(const Trace& trace, const ByteSink& sink, const EventFilter& keepEvent);

} // namespace awaitscope::detail
