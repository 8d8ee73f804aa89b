#pragma once

// print(): writes a line to stdout and records it in the trace with its task, time and line,
// so the output panel can link every printed line to its moment.
#include "awaitscope/trace/SourceLocation.h"

#include <string_view>

namespace awaitscope {

void print(std::string_view line, SourceLocation where = SourceLocation::current());

} // namespace awaitscope
