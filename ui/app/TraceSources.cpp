#include "app/TraceSources.h"

namespace awaitscope::ui {

TraceSources coreTraceSources() {
    TraceSources sources;
    sources.load = [](const std::string& path, const LoadProgress& progress) {
        LoadResult result = loadTraceFile(path, progress);
        if (result.ok)  // a recorded program's code, when the trace does not carry it
            attachSourceBeside(result.trace, path);
        return result;
    };
    sources.save = [](const Trace& trace, const std::string& path, TraceFormat format) {
        return saveTraceFile(trace, path, format);
    };
    sources.scenarios = [] { return builtinScenarios(); };
    sources.runScenario = [](const std::string& name, const LoadProgress& progress) {
        const Scenario* scenario = findScenario(name);
        if (!scenario) {
            ScriptRunResult result;
            result.error = ScriptDiagnostic{0, 0, "no built-in scenario named '" + name + "'"};
            return result;
        }
        ScriptRunOptions options;
        options.fileName = scenario->fileName;
        options.cancelled = progress.cancelled;
        options.recordLoopQueues = true;  // playback shows the loop's insides exactly
        ScriptRunResult result = runScript(scenario->source, options);
        result.trace.metadata.scenario = scenario->name;
        return result;
    };
    sources.runSource = [](const std::string& source, const std::string& fileName, const LoadProgress& progress,
                           const WallBudget& budget) {
        ScriptRunOptions options;
        options.fileName = fileName;
        options.cancelled = progress.cancelled;
        options.maxWallSeconds = budget.seconds;
        options.onWallBudgetSpent = budget.onSpent;
        options.recordLoopQueues = true;
        return runScript(source, options);
    };
    return sources;
}

} // namespace awaitscope::ui
