#include "awaitscope/cli/ConvertCommand.h"

#include "awaitscope/cli/TerminalText.h"
#include "awaitscope/io/TraceFile.h"

#include <ostream>

namespace awaitscope {

int runConvertCommand(const std::string& input, const std::string& output, std::ostream& out, std::ostream& err) {
    LoadResult loaded = loadTraceFile(input);
    if (!loaded.ok) {
        err << "awaitscope: " << terminalSafe(loaded.error) << "\n";
        return kExitError;
    }
    for (const LoadWarning& warning : loaded.warnings)
        err << "awaitscope: warning: " << terminalSafe(toString(warning)) << "\n";
    const TraceFormat format = formatForPath(output);
    const SaveResult saved = saveTraceFile(loaded.trace, output, format);
    if (!saved.ok) {
        err << "awaitscope: " << terminalSafe(saved.error) << "\n";
        return kExitError;
    }
    out << "converted " << input << " (" << loaded.trace.tasks.size() << " tasks, " << loaded.trace.eventCount()
        << " events) to " << output << " (" << toString(format) << ")\n";
    return kExitClean;
}

} // namespace awaitscope
