#pragma once

// The program's own words, for labels and explanations that quote it: a site's line of code,
// and the call that made a never-awaited coroutine as it was written.
#include <awaitscope/trace/Trace.h>

#include <QString>

namespace awaitscope::ui {

// The line of `site` in the trace's source text, trimmed and without a trailing comment; empty
// when the trace holds no source for that file.
QString sourceLine(const Trace& trace, SiteId site);

// "get_weather('Pune')": the call on the line that made the coroutine, as written there, or
// "get_weather(...)" when the line is not a plain call (or the source is not in the trace).
QString writtenCall(const Trace& trace, const NeverAwaited& never);

} // namespace awaitscope::ui
