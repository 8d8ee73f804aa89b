#pragma once

// Everything worth a warning in a run, in one list that the text report and the UI share:
// frozen-loop stretches, coroutines never awaited, task exceptions never retrieved, tasks
// still pending at exit, script errors, and tasks started together that ran one at a time. Each comes with a one-line summary and a fix in
// plain words.
#include "awaitscope/analysis/ConcurrencyLoss.h"
#include "awaitscope/analysis/FrozenStretches.h"

#include <string>
#include <vector>

namespace awaitscope {

enum class DiagnosticKind : std::uint8_t { FrozenLoop, NeverAwaited, UnretrievedError, PendingAtExit, ScriptError, ConcurrencyLost };
const char* toString(DiagnosticKind kind);

struct Diagnostic {
    DiagnosticKind kind = DiagnosticKind::FrozenLoop;
    TimeNs time = 0;
    TimeNs end = 0;               // a frozen stretch's end; otherwise equal to time
    TaskId task = kNoTask;        // the culprit, the creator, the failed or pending task
    SiteId site = kUnknownSite;
    std::size_t source = 0;       // index into the list it came from (the stretches, trace.neverAwaited, ...)
    std::string summary;          // "loop frozen for 1.500 s by Task-3 (blocker): time.sleep at blocking.py:14"
    std::string detail;           // more lines: the tasks that ran late, a script's traceback
    std::string advice;           // "time.sleep blocks the loop: use await asyncio.sleep(...) or asyncio.to_thread"
    // The findings that make `awaitscope --report` exit with 3: the run did not do what its
    // author meant, whereas the other kinds are warnings about a run that did.
    bool failsReport() const {
        return kind == DiagnosticKind::FrozenLoop || kind == DiagnosticKind::NeverAwaited || kind == DiagnosticKind::ScriptError;
    }
};

// The line of a Python traceback that names the exception ("ValueError: bad input").
std::string_view tracebackLastLine(std::string_view traceback);

// In time order (stable for equal times: the order of the kinds above).
std::vector<Diagnostic> collectDiagnostics(const Trace& trace, const std::vector<FrozenStretch>& stretches,
                                           const std::vector<ConcurrencyLoss>& losses = {});

} // namespace awaitscope
