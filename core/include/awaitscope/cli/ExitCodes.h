#pragma once

// Exit codes of the command-line modes, so CI scripts can tell findings from failures.
namespace awaitscope {

inline constexpr int kExitClean = 0;       // done; --report: the trace is clean; --diff: the runs tell the same story
inline constexpr int kExitError = 1;       // a file could not be read or written
inline constexpr int kExitUsage = 2;       // bad command line
inline constexpr int kExitFindings = 3;    // --report: the loop froze, a coroutine was never awaited or the script raised
inline constexpr int kExitRunsDiffer = 4;  // --diff: the two runs tell different stories

} // namespace awaitscope
