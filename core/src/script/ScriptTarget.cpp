#include "awaitscope/script/ScriptTarget.h"

#include "awaitscope/script/Scenarios.h"

#include <filesystem>
#include <fstream>
#include <sstream>

namespace awaitscope {

ScriptTargetRun runScriptTarget(const std::string& target, const ScriptRunOptions& givenOptions) {
    ScriptTargetRun run;
    ScriptRunOptions options = givenOptions;
    std::string source;
    const Scenario* scenario = nullptr;
    std::error_code error;
    if (std::filesystem::is_regular_file(target, error)) {
        std::ifstream file(target, std::ios::binary);
        std::ostringstream text;
        text << file.rdbuf();
        if (!file || file.bad()) {
            run.message = target + ": cannot read the script";
            return run;
        }
        source = text.str();
        options.fileName = target;
    } else if ((scenario = findScenario(target))) {
        source = scenario->source;
        options.fileName = scenario->fileName;
    } else {
        run.message = target + ": no such file, script or built-in lesson (see --list-scenarios)";
        return run;
    }
    run.found = true;
    run.result = runScript(source, options);
    if (scenario)
        run.result.trace.metadata.scenario = scenario->name;
    // A script that never started (a syntax error) recorded no task: there is no run to show.
    run.ran = !run.result.trace.tasks.empty() || run.result.ok;
    if (!run.result.ok) {
        if (run.result.error)
            run.message = options.fileName + ":" + std::to_string(run.result.error->line) +
                          (run.result.error->column > 0 ? ":" + std::to_string(run.result.error->column) : std::string()) +
                          ": " + run.result.error->message;
        else
            run.message = options.fileName + ": the script failed (exit code " + std::to_string(run.result.exitCode) + ")";
    }
    return run;
}

} // namespace awaitscope
