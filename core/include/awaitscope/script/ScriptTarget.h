#pragma once

// What `--run` and `--diff` accept as a program: a script file, else a built-in lesson's name.
// Run on the interpreter with the program's output kept (not streamed), for commands whose own
// output is something else (`--diff` prints the difference, not the runs).
#include "awaitscope/script/ScriptRunner.h"

#include <string>

namespace awaitscope {

struct ScriptTargetRun {
    bool found = false;    // a readable script or a lesson of that name
    bool ran = false;      // it ran (maybe raising): `trace` holds what it did
    ScriptRunResult result;
    // Why it did not run, or how it ended when it raised, with a location:
    // "bad.py:3:16: SyntaxError: ...", "x: no such script or built-in lesson".
    std::string message;
};

ScriptTargetRun runScriptTarget(const std::string& target, const ScriptRunOptions& options = {});

} // namespace awaitscope
