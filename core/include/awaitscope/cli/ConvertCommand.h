#pragma once

// `awaitscope --convert IN OUT [--to FORMAT]`: reads any trace format and writes FORMAT, or
// without --to the one OUT's name suggests (formatForPath: *.json.gz, *chrome.json, else
// native JSON).
#include "awaitscope/cli/ExitCodes.h"
#include "awaitscope/io/TraceFile.h"

#include <iosfwd>
#include <optional>
#include <string>
#include <string_view>

namespace awaitscope {

// The names --to takes: "chrome", "native", "native-gz"; nullopt for anything else.
std::optional<TraceFormat> traceFormatNamed(std::string_view name);
inline constexpr const char* kTraceFormatNames = "chrome, native, native-gz";

// Returns kExitClean, or kExitError with the reason on `err`. Import warnings go to `err` too.
int runConvertCommand(const std::string& input, const std::string& output, std::ostream& out, std::ostream& err,
                      std::optional<TraceFormat> format = {});

} // namespace awaitscope
