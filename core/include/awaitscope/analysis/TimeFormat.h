#pragma once

// Times, places and names as the report, the Chrome export and the window print them. The
// one place that decides how a duration or a moment reads: the ruler, the details, the
// report and the explanations all come through here.
#include "awaitscope/trace/Trace.h"

#include <string>

namespace awaitscope {

enum class TimeUnit { Nanoseconds, Microseconds, Milliseconds, Seconds };
TimeNs unitNanoseconds(TimeUnit unit);
const char* unitSuffix(TimeUnit unit);  // "ns", "µs", "ms", "s"
// `value` in `unit` with a fixed number of decimals: "0.2 s", "1.50 ms" (ruler ticks).
std::string formatInUnit(TimeNs value, TimeUnit unit, int decimals);

// A duration with three significant digits in the unit that suits it, without trailing
// zeros: "1.5 s", "2 s", "200 ms", "12.5 ms", "1.23 µs", "850 ns", "-3 ms".
std::string formatDuration(TimeNs duration);
// A moment in seconds, at least to the millisecond and as precise as it needs to be:
// "1.700 s", "0.000012345 s" (details, tables, the status bar).
std::string formatTimePoint(TimeNs time);
// A moment as a learner reads it, to the millisecond: "0.200 s" for 0.200001212 s (a script's
// statements cost microseconds, which are noise there), the same unit all down a column.
std::string formatMoment(TimeNs time);
// A moment to the precision a reader can tell apart, at least to the millisecond: "0.458 s" when
// `resolution` (say, what one pixel spans) is a millisecond, "0.458480 s" when it is a microsecond.
std::string formatMomentTo(TimeNs time, TimeNs resolution);
// A duration as a lesson says it: seconds from 0.1 s up ("0.5 s", not "500 ms"), else as
// formatDuration, rounded to what a person would say ("12 ms", "40 µs").
std::string plainDuration(TimeNs duration);

enum class SitePath { AsRecorded, FileName };
// "file.py:14" (the file as recorded, or only its name), "line 14" without a file, or ""
// for the unknown site.
std::string formatSite(const Trace& trace, SiteId site, SitePath path = SitePath::AsRecorded);
// "Task-3 (blocker)": the task's name (Trace::taskName) and, when it differs, its coroutine's.
// "task 7" when the task has no name, "(no task)" for kNoTask or an id out of range.
std::string taskLabel(const Trace& trace, TaskId task);
// The name of the coroutine function a task runs ("fetch"), or "".
std::string coroutineName(const Trace& trace, TaskId task);
// "asyncio.sleep", "task weather", "Lock.acquire": what an await waits for.
std::string awaitDescription(const Trace& trace, AwaitId await);
// "await asyncio.sleep": a task's waiting, as a label. In a trace another tool wrote (a browser's)
// a lane waits for nothing it can name: its gap between slices is just "idle".
std::string awaitPhrase(const Trace& trace, AwaitId await);
// "time.sleep", or the kind of call when the recorder named none ("network"): a blocking call.
std::string blockDescription(const Trace& trace, BlockId block);
// " at line 14" for a site with a line, else "": the end of a sentence about one line.
std::string atLine(const Trace& trace, SiteId site);

} // namespace awaitscope
