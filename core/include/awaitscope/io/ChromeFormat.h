#pragma once

// Chrome Trace Event JSON export, for Perfetto (ui.perfetto.dev) and chrome://tracing.
// One process ("asyncio loop"), one thread track per task named after it. A task's steps
// are complete slices ("X") stacked by coroutine frame, with blocking calls nested inside;
// its awaits and its waits for the loop are async slices ("b"/"e"); wake-ups are flow arrows
// ("s"/"f") from the waker's step to the woken step; diagnostics are instant events ("i");
// ready-queue depth and pending timers are counters ("C"). Times are microseconds with
// nanosecond decimals. Import goes through loadTraceFile (TraceFile.h).
#include "awaitscope/io/ByteSink.h"
#include "awaitscope/trace/Trace.h"

#include <iosfwd>
#include <string>

namespace awaitscope {

bool writeChromeTrace(const Trace& trace, const ByteSink& sink);
bool writeChromeTrace(const Trace& trace, std::ostream& out);
std::string chromeTraceJson(const Trace& trace);

} // namespace awaitscope
