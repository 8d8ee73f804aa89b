#pragma once

// Exit codes of the command-line modes, so CI scripts can tell findings from failures.
namespace awaitscope {

inline constexpr int kExitClean = 0;     // done; for --report: the trace is clean
inline constexpr int kExitError = 1;     // a file could not be read or written
inline constexpr int kExitUsage = 2;     // bad command line
inline constexpr int kExitFindings = 3;  // --report: the loop froze or a coroutine was never awaited

} // namespace awaitscope
