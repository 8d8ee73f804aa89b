#pragma once

// `awaitscope --convert IN OUT`: reads any trace format and writes the one OUT's name asks
// for (formatForPath: *.json.gz, *.chrome.json, else native JSON).
#include "awaitscope/cli/ExitCodes.h"

#include <iosfwd>
#include <string>

namespace awaitscope {

// Returns kExitClean, or kExitError with the reason on `err`. Import warnings go to `err` too.
int runConvertCommand(const std::string& input, const std::string& output, std::ostream& out, std::ostream& err);

} // namespace awaitscope
