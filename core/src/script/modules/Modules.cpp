#include "script/modules/Modules.h"

#include "script/vm/Interpreter.h"

namespace awaitscope::script {

namespace {

constexpr ModuleDef kModules[] = {
#define MODULE(name, maker) {name, maker},
#include "script/modules/Modules.def"
#undef MODULE
};

} // namespace

const ModuleDef* findModule(std::string_view name) {
    for (const ModuleDef& module : kModules)
        if (name == module.name)
            return &module;
    return nullptr;
}

Value moduleNotFound(Interpreter& interp, const std::string& name) {
    std::string message = "No module named '" + name + "'";
    if (name == "requests" || name == "httpx" || name == "aiohttp" || name == "openai")
        message += " (Awaitscope scripts use the standard library only: simulate a network call with a function that sleeps)";
    return interp.newException(interp.exc.moduleNotFoundError, message);
}

void notSupported(Interpreter& interp, const std::string& what) {
    interp.raise(interp.exc.notImplementedError, what + " is not supported by Awaitscope's interpreter yet (line " +
                                                     std::to_string(interp.currentLine()) + ")");
}

} // namespace awaitscope::script
