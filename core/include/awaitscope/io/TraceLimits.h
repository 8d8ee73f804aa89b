#pragma once

// The largest inputs a trace loader accepts. Every reader checks these before it allocates,
// so a hostile or broken file costs at most a bounded amount of memory and time.
// docs/trace-format.md lists them for users.
#include <cstdint>

namespace awaitscope {

// A trace file, or the data a .json.gz inflates to.
inline constexpr std::uint64_t kMaxTraceFileBytes = 4ull << 30;  // 4 GiB
// Nesting of JSON arrays and objects (the native format needs 5; Chrome "args" may nest deeper).
inline constexpr int kMaxJsonDepth = 64;
// One JSON string or number: the scenario source text is the longest string a trace holds.
inline constexpr std::uint64_t kMaxStringBytes = 16ull << 20;  // 16 MiB
// Events summed over all tasks (16 bytes each in memory, so 1.6 GB at the limit).
inline constexpr std::uint64_t kMaxEvents = 100'000'000;
// Tasks (lanes), and interned strings.
inline constexpr std::uint64_t kMaxTasks = 4'000'000;
inline constexpr std::uint64_t kMaxStrings = 16'000'000;
// Rows of each other table: sites, awaits, frames, blocks, scopes, output lines, diagnostics.
inline constexpr std::uint64_t kMaxTableRows = 16'000'000;
// Times are nanoseconds from the start of the run, 0 .. 2^62 (146 years), so that the
// difference of any two times fits in a signed 64-bit integer.
// A program source read from beside a trace (attachSourceBeside).
inline constexpr std::uint64_t kMaxSourceBytes = 4ull << 20;  // 4 MiB
inline constexpr std::int64_t kMaxTimeNs = std::int64_t{1} << 62;

} // namespace awaitscope
