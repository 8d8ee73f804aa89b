#pragma once

// `awaitscope --diff A B`: what changed between two runs (RunDiff.h) as a short text report.
// Each side is a trace file (any format, as --report reads it), a Python script or a built-in
// lesson's name (run on the interpreter, as --run runs it: the caller hands the running in,
// since the interpreter is no layer cli may include). Functions over streams, so tests call
// them directly.
#include "awaitscope/analysis/FrozenStretches.h"
#include "awaitscope/analysis/RunDiff.h"
#include "awaitscope/cli/ExitCodes.h"

#include <functional>
#include <iosfwd>
#include <optional>
#include <string>
#include <string_view>

namespace awaitscope {

struct DiffOptions {
    TimeNs frozenThreshold = kDefaultFrozenThreshold;
    RunDiffOptions diff;
    std::size_t maxRows = 20;  // per list (tasks of one run only, timing, freezes); the rest are counted
};

// Writes the report of the two runs, `nameA` and `nameB` heading it. Returns kExitClean when
// they tell the same story, else kExitRunsDiffer.
int writeDiff(const DerivedTrace& a, const DerivedTrace& b, std::string_view nameA, std::string_view nameB,
              std::ostream& out, const DiffOptions& options = {});

// Runs a script (.py) or a built-in lesson's name: its trace, or nothing with the located
// error written to `err` (warnings too, for a run that raised and is diffed as far as it went).
using RunDiffSide = std::function<std::optional<Trace>(const std::string& target, std::ostream& err)>;

// Loads or runs both sides and writes their diff to `out`. A side that cannot be read, or a
// script that cannot be parsed, is an error with its location on `err` (kExitError); a script
// that raised is diffed as far as it ran, with a warning.
int runDiffCommand(const std::string& a, const std::string& b, std::ostream& out, std::ostream& err,
                   const RunDiffSide& runSide, const DiffOptions& options = {});

} // namespace awaitscope
