#pragma once

// Runs a script of the Python subset on the recording runtime: the script's own output, its
// errors with Python-style tracebacks, and the trace of every task, await and blocking call.
// Safe to call from a worker thread; runs share nothing, and `cancelled` stops a run.
#include "awaitscope/trace/Trace.h"

#include <atomic>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

namespace awaitscope {

struct ScriptRunOptions {
    std::string fileName = "<script>";                 // shown in tracebacks and recorded sites
    std::function<void(std::string_view)> onStdout;   // streamed output (may be empty)
    std::function<void(std::string_view)> onStderr;
    const std::atomic<bool>* cancelled = nullptr;      // stop a run from another thread
    // Budgets (0: the defaults, see docs/scenario-language.md). One task step running more
    // operations than maxOperationsPerStep is "the loop never yielded: frozen forever".
    std::uint64_t maxOperationsPerStep = 0;
    std::uint64_t maxOperations = 0;
    std::int64_t maxMemoryBytes = 0;  // objects, tasks and recorded events (0: 512 MB)
    double maxWallSeconds = 0;        // real time the run may take (0: no limit)
    // Called on the run's thread when maxWallSeconds of real time have passed, with the real
    // time so far: the further seconds to allow (0: stop with "ran out of its wall-time
    // budget"). May wait for a person's answer; the virtual clock does not move meanwhile.
    std::function<double(double elapsedSeconds)> onWallBudgetSpent;
    // Record the loop's ready queue and timer heap as each iteration begins (Trace::loopQueues),
    // so that lesson playback can show the loop's insides exactly.
    bool recordLoopQueues = false;
};

struct ScriptDiagnostic {
    int line = 0;
    int column = 0;
    std::string message;  // e.g. "SyntaxError: expected ':'"
};

struct ScriptRunResult {
    bool ok = false;             // false when the script raised or could not be parsed
    int exitCode = 0;            // as `python3 script.py` would exit
    Trace trace;                 // metadata.sourceText / sourceFile / title filled in
    std::string stdoutText;
    std::string stderrText;
    std::optional<ScriptDiagnostic> error;  // the syntax or runtime error, with its line
};

ScriptRunResult runScript(std::string_view source, const ScriptRunOptions& options = {});

} // namespace awaitscope
