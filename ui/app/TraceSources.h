#pragma once

// How the ui reaches file loading, saving and script running without depending on the io
// and script modules: std::function hooks that app/main.cpp fills in (CONTRACTS.md). Until
// those modules are merged, demoTraceSources() supplies the built-in C++ demo lessons and
// leaves `load` and `save` empty, which the window reports as "not available".
#include <awaitscope/trace/Trace.h>

#include <QString>

#include <atomic>
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace awaitscope::ui {

// Mirrors io's LoadProgress: progress reports from the worker thread, and a cancel flag.
struct LoadHooks {
    std::function<void(std::uint64_t done, std::uint64_t total)> onProgress;  // may be empty
    const std::atomic<bool>* cancelled = nullptr;
};

// A script's syntax or runtime error at its line (mirrors script's ScriptDiagnostic); the
// code panel marks it there.
struct ScriptProblem {
    int line = 0;
    int column = 0;
    std::string message;  // "SyntaxError: expected ':'"
};

// Mirrors io's LoadResult. A scenario that raised still has a trace: ok stays true, the
// error goes into `warnings` (and the trace's scriptErrors), so the run can be inspected.
struct LoadedTrace {
    bool ok = false;
    Trace trace;
    std::string error;                  // with a location: file:line:col, JSON path or byte offset
    std::vector<std::string> warnings;
    // runSource: the errors to mark in the editor. A script that raised has a trace (ok, and
    // its traceback in trace.scriptErrors) and its error here; one that could not be parsed
    // has no trace (ok false) and only this.
    std::vector<ScriptProblem> problems = {};
    // runSource: what the interpreter cannot run ("async generators", "the module 'httpx'"), when
    // that is why the script failed (script's unsupportedByInterpreter); then CPython may run it.
    std::string unsupported = {};
};

enum class SaveFormat { Native, NativeGzip, Chrome };

struct SavedTrace {
    bool ok = false;
    std::string error;
};

// Mirrors script's Scenario.
struct ScenarioInfo {
    std::string name;      // "blocking_sleep"
    std::string title;     // "Blocking the loop with time.sleep"
    std::string fileName;  // "blocking_sleep.py"
    std::string source;
    std::string lesson;
};

// A recorded trace shipped with the app (samples/traces), for File > Open Sample Trace.
struct SampleTrace {
    std::string title;  // "An AI agent's turn, as real code runs it"
    std::string path;
};

// A program run under CPython with the recorder (cpython's CPythonRunOptions, in the window's terms).
struct PythonRunRequest {
    std::string script;            // the program's file
    std::string workingDirectory;  // "": the app's
    bool virtualClock = true;      // else the wall clock
    double maxVirtualSeconds = 0;  // budgets (0: none): the program's clock, and real time
    double maxWallSeconds = 0;
    // Called on the worker thread as output arrives (stream 1: stdout, 2: stderr), and about
    // once a second with the real time since the start and the program's own clock (-1: unknown).
    std::function<void(int stream, std::string_view text)> onOutput;
    std::function<void(std::int64_t wallNs, std::int64_t programNs)> onProgress;
};

struct TraceSources {
    // io: loadTraceFile(path, {hooks.onProgress, hooks.cancelled}). Runs on a worker thread.
    std::function<LoadedTrace(const std::string& path, const LoadHooks& hooks)> load;
    // io: saveTraceFile(trace, path, format). Must be atomic (a failed save keeps the old file).
    std::function<SavedTrace(const Trace& trace, const std::string& path, SaveFormat format)> save;
    // script: builtinScenarios(), in lesson order.
    std::function<std::vector<ScenarioInfo>()> scenarios;
    // script: runScript(findScenario(name)->source, {fileName, ..., hooks.cancelled}). Worker thread.
    std::function<LoadedTrace(const std::string& name, const LoadHooks& hooks)> runScenario;
    // script: runScript(source, {fileName, ..., hooks.cancelled}), the learner's edited code.
    // Worker thread. Fill `problems` from ScriptRunResult::error; ok false when nothing ran.
    std::function<LoadedTrace(const std::string& source, const std::string& fileName, const LoadHooks& hooks)> runSource;
    std::vector<SampleTrace> sampleTraces;
    // cpython: runUnderCPython(...). Worker thread; hooks.cancelled ends the process. A program
    // stopped by a budget still has its trace (ok), and the reason among the warnings.
    std::function<LoadedTrace(const PythonRunRequest& request, const LoadHooks& hooks)> runPython;
    // cpython: why python3 (3.11+) with the recorder cannot run programs here, or "" when it can.
    // Starts python3 to ask, so call it off the UI thread.
    std::function<std::string()> pythonUnavailable;
};

// The built-in C++ demo lessons (ui/demo) as scenario hooks; no file loading or saving.
TraceSources demoTraceSources();

// "*.json.gz" -> NativeGzip, "*.chrome.json" -> Chrome, anything else -> Native (as io's formatForPath).
SaveFormat saveFormatForPath(const QString& path);

} // namespace awaitscope::ui
