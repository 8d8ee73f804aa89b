#pragma once

// `awaitscope --run prog.py --engine python [--out trace.json]`: the program runs under real
// CPython with the recorder, on the virtual clock; its output streams to this process's
// stdout and stderr as it comes, the exit code is the program's, and --out keeps the trace
// (any format by its name). Budgets stop a program that never ends, keeping the trace.
#include "awaitscope/cli/ExitCodes.h"

#include <iosfwd>
#include <string>
#include <vector>

namespace awaitscope {

struct RunPythonOptions {
    std::string script;
    std::vector<std::string> arguments;
    std::string outPath;                          // "": the trace is not kept
    std::vector<std::string> recorderCandidates;  // where awaitscope_record.py may be, in order
    double maxVirtualSeconds = 7 * 24 * 3600;     // as the interpreter's budget
    double maxWallSeconds = 0;                    // 0: none
};

// Returns the program's exit code (128 + signal when a signal ended it), kExitError when it
// could not be run or its trace not saved; messages go to `err`.
int runPythonCommand(const RunPythonOptions& options, std::ostream& err);

} // namespace awaitscope
