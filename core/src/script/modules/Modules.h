#pragma once

// The builtins namespace and the importable modules (modules/Modules.def lists them).
#include "script/objects/Value.h"

#include <string>
#include <string_view>

namespace awaitscope::script {

class Interpreter;

using ModuleMaker = Value (*)(Interpreter&);

struct ModuleDef {
    const char* name;
    ModuleMaker make;
};

const ModuleDef* findModule(std::string_view name);
// ModuleNotFoundError for `name`, with a hint where a module is left out on purpose.
Value moduleNotFound(Interpreter& interp, const std::string& name);

// NotImplementedError "`what` is not supported by Awaitscope's interpreter yet (line N)": a
// library feature the interpreter lacks names itself and the script line that asked for it.
[[noreturn]] void notSupported(Interpreter& interp, const std::string& what);

Value makeBuiltins(Interpreter& interp);  // the builtins namespace, a dict (modules/Builtins.cpp)

#define MODULE(name, maker) Value maker(Interpreter& interp);
#include "script/modules/Modules.def"
#undef MODULE

} // namespace awaitscope::script
