#pragma once

// Chrome Trace Event JSON export, for Perfetto (ui.perfetto.dev) and chrome://tracing.
// One process ("asyncio loop"), one thread track per task named after it. A task's steps
// are complete slices ("X") with its coroutine frames and blocking calls nested inside; its
// awaits and its waits for the loop are async slices ("b"/"e"); wake-ups and creations are
// flow arrows bound to slices (bind_id with flow_out inside the waker's step, flow_in on the
// woken step); diagnostics are instant events ("i"); ready-queue depth and pending timers
// are counters ("C"). Arguments are under args.data. Times are microseconds with nanosecond
// decimals. The native tables travel in "metadata", so that loadTraceFile (TraceFile.h)
// gives back the exported trace exactly; docs/trace-format.md describes it all.
#include "awaitscope/io/ByteSink.h"
#include "awaitscope/trace/Trace.h"

#include <iosfwd>
#include <string>

namespace awaitscope {

bool writeChromeTrace(const Trace& trace, const ByteSink& sink);
bool writeChromeTrace(const Trace& trace, std::ostream& out);
std::string chromeTraceJson(const Trace& trace);

} // namespace awaitscope
