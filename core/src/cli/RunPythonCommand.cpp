#include "awaitscope/cli/RunPythonCommand.h"

#include "awaitscope/cli/TerminalText.h"
#include "awaitscope/cpython/CPythonRun.h"
#include "awaitscope/io/TraceFile.h"

#include <cstdio>
#include <ostream>

namespace awaitscope {

int runPythonCommand(const RunPythonOptions& options, std::ostream& err) {
    CPythonRunOptions run;
    run.recorder = findRecorder(options.recorderCandidates);
    run.script = options.script;
    run.arguments = options.arguments;
    run.maxVirtualSeconds = options.maxVirtualSeconds;
    run.maxWallSeconds = options.maxWallSeconds;
    run.inheritStdin = true;
    // The recorder writes native JSON (gzip-compressed for *.json.gz); a Chrome trace is
    // converted from it once the program has ended.
    const bool convert = !options.outPath.empty() && formatForPath(options.outPath) == TraceFormat::Chrome;
    if (!convert)
        run.tracePath = options.outPath;
    run.onStdout = [](std::string_view bytes) {
        std::fwrite(bytes.data(), 1, bytes.size(), stdout);
        std::fflush(stdout);
    };
    run.onStderr = [](std::string_view bytes) {
        std::fwrite(bytes.data(), 1, bytes.size(), stderr);
        std::fflush(stderr);
    };
    const CPythonRunResult result = runUnderCPython(run);
    if (result.ending == CPythonEnding::NotStarted) {
        err << "awaitscope: cannot run " << options.script << " under Python: " << result.error << "\n";
        return kExitError;
    }
    // How a stopped program ended is on stderr already, in the recorder's words; a killed one
    // could not say.
    for (const LoadWarning& warning : result.trace.warnings)
        if (warning.what.find("did not run to its end") == std::string::npos ||
            result.trace.trace.metadata.ending.starts_with("ended abruptly"))
            err << "awaitscope: warning: " << terminalSafe(toString(warning)) << "\n";
    if (!options.outPath.empty()) {
        if (!result.trace.ok) {
            err << "awaitscope: " << result.error << "\n";
            return result.exitCode ? result.exitCode : kExitError;
        }
        if (convert) {
            const SaveResult saved = saveTraceFile(result.trace.trace, options.outPath, TraceFormat::Chrome);
            if (!saved.ok) {
                err << "awaitscope: cannot write " << options.outPath << ": " << saved.error << "\n";
                return result.exitCode ? result.exitCode : kExitError;
            }
        }
    }
    return result.exitCode;
}

} // namespace awaitscope
