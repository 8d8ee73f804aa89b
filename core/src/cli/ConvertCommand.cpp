#include "awaitscope/cli/ConvertCommand.h"

#include "awaitscope/cli/TerminalText.h"
#include "awaitscope/io/TraceFile.h"

#include <ostream>

namespace awaitscope {

std::optional<TraceFormat> traceFormatNamed(std::string_view name) {
    if (name == "chrome")
        return TraceFormat::Chrome;
    if (name == "native")
        return TraceFormat::Native;
    if (name == "native-gz")
        return TraceFormat::NativeGzip;
    return std::nullopt;
}

int runConvertCommand(const std::string& input, const std::string& output, std::ostream& out, std::ostream& err,
                      std::optional<TraceFormat> requested) {
    LoadResult loaded = loadTraceFile(input);
    if (!loaded.ok) {
        err << "awaitscope: " << terminalSafe(loaded.error) << "\n";
        return kExitError;
    }
    for (const LoadWarning& warning : loaded.warnings)
        err << "awaitscope: warning: " << terminalSafe(toString(warning)) << "\n";
    const TraceFormat format = requested.value_or(formatForPath(output));
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
