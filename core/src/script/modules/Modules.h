#pragma once

// The builtins namespace and the importable modules (modules/Modules.def lists them).
#include "script/objects/Value.h"
#include "script/vm/CostClass.h"

#include <cstdint>
#include <string>
#include <string_view>

namespace awaitscope::script {

class Interpreter;
struct ClassObject;

using ModuleMaker = Value (*)(Interpreter&);

struct ModuleDef {
    const char* name;
    ModuleMaker make;  // null: a library module written in Python (modules/python/<name>.py)
    CostClass costClass = CostClass::InPython;  // a library module's: what its code costs
};

const ModuleDef* findModule(std::string_view name);
// Line `line` of the library module written in Python whose file is `file` ("functools.py").
std::string libraryLineText(std::string_view file, std::uint32_t line);
// Compiles and runs the library module `name` written in Python, in `module`'s namespace.
void runLibraryModule(Interpreter& interp, const std::string& name, const Value& module);
// ModuleNotFoundError for `name`, with a hint where a module is left out on purpose.
Value moduleNotFound(Interpreter& interp, const std::string& name);

// NotImplementedError "`what` is not supported by Awaitscope's interpreter yet (line N)": a
// library feature the interpreter lacks names itself and the script line that asked for it.
[[noreturn]] void notSupported(Interpreter& interp, const std::string& what);

Value makeBuiltins(Interpreter& interp);  // the builtins namespace, a dict (modules/Builtins.cpp)
// The int or str an enum member stands for (IntEnum, StrEnum, IntFlag, an Enum mixed with str
// or int), which json writes in its place; empty for any other value (modules/Enum.cpp).
Value enumMemberValue(Interpreter& interp, const Value& value);
// str or int for an enum class whose members are such values (StrEnum, class Role(str, Enum)).
ClassObject* enumValueType(Interpreter& interp, ClassObject* cls);

#define MODULE(name, maker) Value maker(Interpreter& interp);
#define LIBRARY_MODULE(name, costClass)
#include "script/modules/Modules.def"
#undef LIBRARY_MODULE
#undef MODULE

} // namespace awaitscope::script
