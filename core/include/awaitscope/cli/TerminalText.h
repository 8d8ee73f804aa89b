#pragma once

// Text from a trace on its way to a terminal. A trace is data from anywhere: a task name may
// hold an escape sequence that moves the cursor, recolours or retitles the terminal, or
// rewrites the lines before it. What the command line prints from a trace goes through here.
#include <string>
#include <string_view>

namespace awaitscope {

// `text` with every control character except newline and tab written as an escape: C0 and DEL
// as "\x1B", C1 and the bidirectional overrides as "\u202E", and bytes that are not UTF-8 as
// "\xFF". Printable UTF-8 passes unchanged.
std::string terminalSafe(std::string_view text);

} // namespace awaitscope
