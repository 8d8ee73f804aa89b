#pragma once

// Chrome Trace Event JSON import (the array form and {"traceEvents": [...]}).
#include "JsonInput.h"

#include "awaitscope/io/TraceFile.h"

namespace awaitscope::detail {

// Reads the input into result.trace and result.warnings. On failure returns false with
// result.error set (without the file name).
bool readChromeTrace(JsonInput& input, LoadResult& result);

} // namespace awaitscope::detail
