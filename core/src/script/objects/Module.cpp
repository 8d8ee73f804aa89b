// module: a namespace of names, made by the modules of modules/ when a script imports them.
#include "script/objects/Types.h"
#include "script/vm/Interpreter.h"

namespace awaitscope::script {

Value newModule(Interpreter& interp, const char* name) {
    auto* module = interp.heap().make<ModuleObject>();
    Value value(module);
    module->name = interp.intern(name);
    module->dict = interp.newDict();
    interp.dictSetStr(module->dict.as<DictObject>(), "__name__", module->name);
    return value;
}

void addValue(Interpreter& interp, const Value& module, const char* name, Value value) {
    interp.dictSetStr(module.as<ModuleObject>()->dict.as<DictObject>(), name, std::move(value));
}

void addFunction(Interpreter& interp, const Value& module, const char* name, NativeFn fn) {
    addValue(interp, module, name, interp.newNative(fn, name));
}

namespace {

DictObject* namespaceOf(const Value& module) { return module.as<ModuleObject>()->dict.as<DictObject>(); }

bool moduleGetAttr(Interpreter& interp, const Value& object, const Value& name, Value& out) {
    if (Value* found = namespaceOf(object)->table.lookup(name, name.as<StrObject>()->hash())) {
        out = *found;
        return true;
    }
    if (name.as<StrObject>()->text == "__name__") {
        out = object.as<ModuleObject>()->name;
        return true;
    }
    // A module's own __getattr__ (PEP 562) answers for names it does not hold: typing makes
    // NamedTuple only when a script asks for it.
    static constexpr std::string_view kHook = "__getattr__";
    if (name.as<StrObject>()->text != kHook)
        if (Value* hook = namespaceOf(object)->table.lookup(interp.intern(kHook), interp.intern(kHook).as<StrObject>()->hash())) {
            try {
                out = interp.call(*hook, {name});
            } catch (const ScriptError& e) {
                if (interp.isInstance(e.exception, interp.exc.attributeError))
                    return false;
                throw;
            }
            return true;
        }
    return false;
}

bool moduleSetAttr(Interpreter& interp, const Value& object, const Value& name, Value value) {
    interp.dictSet(namespaceOf(object), name, std::move(value));
    return true;
}

bool moduleDeleteAttr(Interpreter& interp, const Value& object, const Value& name) {
    return !namespaceOf(object)->table.remove(name, interp.hash(name)).empty();
}

std::string moduleRepr(Interpreter&, const Value& value) {
    return "<module '" + value.as<ModuleObject>()->name.as<StrObject>()->text + "' (built-in)>";
}

constexpr TypeSlots kModuleSlots{
    .repr = moduleRepr, .getAttr = moduleGetAttr, .setAttr = moduleSetAttr, .deleteAttr = moduleDeleteAttr};

} // namespace

void installModuleType(Interpreter& interp) {
    interp.types.moduleType = interp.makeClass("module", {interp.types.object}, BuiltinType::Module, kModuleSlots);
}

} // namespace awaitscope::script
