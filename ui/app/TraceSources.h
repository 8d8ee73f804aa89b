#pragma once

// How the window reaches file loading, saving and script running: std::function hooks over
// core's own io and script types, so that tests can put a slow, failing or recorded source in
// their place. coreTraceSources() fills them with core's loadTraceFile, saveTraceFile and
// runScript (what the app uses).
#include <awaitscope/io/TraceFile.h>
#include <awaitscope/script/Scenarios.h>
#include <awaitscope/script/ScriptRunner.h>

#include <QString>

#include <functional>
#include <string>
#include <vector>

namespace awaitscope::ui {

// A recorded trace shipped with the app (samples/traces), for File > Open Sample Trace.
struct SampleTrace {
    std::string title;  // "An AI agent's turn, as real code runs it"
    std::string path;
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
    std::function<ScriptRunResult(const std::string& source, const std::string& fileName, const LoadProgress& progress)>
        runSource;
    std::vector<SampleTrace> sampleTraces;
};

// Core's io and script behind the hooks; lessons run with their loop queues recorded, so that
// playback shows the loop's insides exactly. No sample traces (the app finds those).
TraceSources coreTraceSources();

// The format a path asks for (as core's formatForPath).
inline TraceFormat saveFormatForPath(const QString& path) { return formatForPath(path.toStdString()); }

} // namespace awaitscope::ui
