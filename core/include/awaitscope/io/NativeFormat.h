#pragma once

// The native trace format: versioned JSON holding the whole Trace, its metadata and the
// scenario's source text. docs/trace-format.md describes it with an annotated example.
// Reading goes through loadTraceFile / loadTraceBytes (TraceFile.h), which detect the format.
#include "awaitscope/io/ByteSink.h"
#include "awaitscope/trace/Trace.h"

#include <iosfwd>
#include <string>

namespace awaitscope {

inline constexpr const char* kNativeFormatName = "awaitscope-trace";
inline constexpr int kNativeFormatVersion = 1;

// The output depends only on the trace, so writing what was read gives the same bytes.
// Strings that are not valid UTF-8 are written with U+FFFD in place of the bad bytes.
bool writeNativeTrace(const Trace& trace, const ByteSink& sink);
bool writeNativeTrace(const Trace& trace, std::ostream& out);
std::string nativeTraceJson(const Trace& trace);

} // namespace awaitscope
