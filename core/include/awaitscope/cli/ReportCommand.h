#pragma once

// `awaitscope --report FILE`: the diagnostics and key figures of a trace as plain text, for
// people and for CI. Functions over streams, so tests call them directly.
#include "awaitscope/analysis/FrozenStretches.h"
#include "awaitscope/cli/ExitCodes.h"

#include <iosfwd>
#include <string>
#include <string_view>

namespace awaitscope {

struct ReportOptions {
    TimeNs frozenThreshold = kDefaultFrozenThreshold;
    std::size_t maxTaskRows = 20;      // the task table lists the busiest tasks first
    std::size_t maxDiagnostics = 50;   // in time order; the rest are counted by kind
    std::size_t maxHeldRows = 5;       // the tasks a frozen loop held longest, with where their time went
};

// Writes the report of `trace`; `name` heads it. Returns kExitFindings when the loop froze,
// a coroutine was never awaited or the script raised, else kExitClean.
int writeReport(const Trace& trace, std::string_view name, std::ostream& out, const ReportOptions& options = {});

// Loads `path` (any format) and writes its report to `out`; load errors and warnings go to `err`.
int runReportCommand(const std::string& path, std::ostream& out, std::ostream& err, const ReportOptions& options = {});

} // namespace awaitscope
