#pragma once

// Whether a script's error means "the interpreter cannot run this" (a construct or module
// Awaitscope leaves out) rather than a fault in the script: then the same program may still
// run under CPython, and the window offers that.
#include <string>
#include <string_view>

namespace awaitscope {

// What the interpreter cannot run, in words ("async generators", "the module 'httpx'"), or ""
// when `message` (a ScriptDiagnostic message) is an ordinary Python error.
std::string unsupportedByInterpreter(std::string_view message);

} // namespace awaitscope
