#pragma once

// How the window reaches file loading, saving and script running: std::function hooks over
// core's own io and script types, so that tests can put a slow, failing or recorded source in
// their place. coreTraceSources() fills them with core's loadTraceFile, saveTraceFile and
// runScript; the app adds running programs under CPython (core's runUnderCPython), which needs
// the recorder it finds.
#include <awaitscope/io/TraceFile.h>
#include <awaitscope/script/Scenarios.h>
#include <awaitscope/script/ScriptRunner.h>

#include <QString>

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace awaitscope::ui {

// A recorded trace shipped with the app (samples/traces), for File > Open Sample Trace.
struct SampleTrace {
    std::string title;  // "An AI agent's turn, as real code runs it"
    std::string path;
};

// How much real time a run from the window may take before it asks whether to go on,
// and who answers (WallBudgetPrompt): ScriptRunOptions' maxWallSeconds and onWallBudgetSpent.
struct WallBudget {
    double seconds = 0;  // 0: no limit
    std::function<double(double elapsedSeconds)> onSpent;
};

// A program run under CPython with the recorder (cpython's CPythonRunOptions, in the window's terms).
struct PythonRunRequest {
    std::string script;            // the program's file
    std::string workingDirectory;  // "": the app's
    bool virtualClock = true;      // else the wall clock
    double maxVirtualSeconds = 0;  // budgets (0: none): the program's clock, and real time
    WallBudget wallBudget;
    // Called on the worker thread as output arrives (stream 1: stdout, 2: stderr), and about
    // once a second with the real time since the start and the program's own clock (-1: unknown).
    std::function<void(int stream, std::string_view text)> onOutput;
    std::function<void(std::int64_t wallNs, std::int64_t programNs)> onProgress;
};

struct TraceSources {
    // Runs on a worker thread; the progress reports and the cancel flag are the job's.
    std::function<LoadResult(const std::string& path, const LoadProgress& progress)> load;
    // Must be atomic (a failed save keeps the old file). Runs on the UI thread.
    std::function<SaveResult(const Trace& trace, const std::string& path, TraceFormat format)> save;
    // The built-in lessons, in lesson order.
    std::function<std::vector<Scenario>()> scenarios;
    // Worker thread. A lesson that raised still has a trace to inspect (ok false, error set).
    std::function<ScriptRunResult(const std::string& name, const LoadProgress& progress)> runScenario;
    // The learner's edited code. Worker thread.
    std::function<ScriptRunResult(const std::string& source, const std::string& fileName, const LoadProgress& progress,
                                  const WallBudget& budget)>
        runSource;
    std::vector<SampleTrace> sampleTraces;
    // The program under CPython with the recorder. Worker thread; the cancel flag ends the
    // process. A program stopped by a budget, killed or failing still has its trace (ok), and
    // why it ended among the warnings.
    std::function<LoadResult(const PythonRunRequest& request, const LoadProgress& progress)> runPython;
    // Why python3 (3.11+) with the recorder cannot run programs here, or "" when it can.
    // Starts python3 to ask, so call it off the UI thread.
    std::function<std::string()> pythonUnavailable;
};

// Core's io and script behind the hooks; lessons run with their loop queues recorded, so that
// playback shows the loop's insides exactly. No sample traces and no CPython runs (the app
// finds the traces and the recorder).
TraceSources coreTraceSources();

// The format a path asks for (as core's formatForPath).
inline TraceFormat saveFormatForPath(const QString& path) { return formatForPath(path.toStdString()); }

} // namespace awaitscope::ui
