// Callables: function (a script's def or lambda), builtin_function_or_method (a native, bound
// to its receiver once looked up on a value), method (a function bound to an instance), cell
// (a closure variable); and the staticmethod, classmethod and property wrappers.
#include "script/modules/Modules.h"
#include "script/objects/Types.h"
#include "script/vm/Interpreter.h"

#include <cstring>

namespace awaitscope::script {

namespace {
Value callMethodDescriptor(Interpreter& interp, CallArgs& args);
}

Value methodDescriptor(Interpreter& interp, const Value& method, ClassObject* owner) {
    return interp.newNative(callMethodDescriptor, method.as<NativeObject>()->name, {},
                            interp.newTuple({method, Value(owner)}));
}

Value newDescriptor(Interpreter& interp, const char* kind, Value callable, Value setter) {
    return interp.newNative(nullptr, kind, std::move(setter), std::move(callable));
}

Value makeProperty(Interpreter& interp, const char* name, NativeFn getter) {
    return newDescriptor(interp, "property", interp.newNative(getter, name));
}

namespace {

// A builtin method taken from its class: the native reads its first argument as its own kind
// of object, so the receiver is checked first, as CPython's method descriptors check it.
Value callMethodDescriptor(Interpreter& interp, CallArgs& args) {
    const auto& parts = args.native->data.as<TupleObject>()->items;
    const Value& method = parts[0];
    auto* owner = parts[1].as<ClassObject>();
    const char* name = method.as<NativeObject>()->name;
    if (args.count < 1)
        interp.typeError("unbound method " + owner->nameText() + "." + name + "() needs an argument");
    std::vector<Value> all(args.args, args.args + args.count);
    all.insert(all.end(), args.kwValues, args.kwValues + args.kwCount());
    if (!interp.isInstance(all[0], owner)) {
        // class Role(str, Enum): CPython's member is a str; here it stands for its value.
        const Value stands = enumMemberValue(interp, all[0]);
        if (stands.empty() || !interp.isInstance(stands, owner))
            interp.typeError(std::string("descriptor '") + name + "' for '" + owner->nameText() +
                             "' objects doesn't apply to a '" + interp.typeName(all[0]) + "' object");
        all[0] = stands;
    }
    return interp.call(method, all.data(), args.count, args.kwNames);
}

bool isMethodDescriptor(const NativeObject* native) { return native->fn == callMethodDescriptor; }

// ---- function

bool functionGetAttr(Interpreter& interp, const Value& object, const Value& name, Value& out) {
    auto* function = object.as<FunctionObject>();
    const std::string& key = name.as<StrObject>()->text;
    // Assigned attributes first: functools.wraps sets __name__, __qualname__ and __doc__.
    if (!function->dict.empty())
        if (Value* found = function->dict.as<DictObject>()->table.lookup(name, name.as<StrObject>()->hash())) {
            out = *found;
            return true;
        }
    if (key == "__name__") {
        out = interp.intern(function->code->name);
        return true;
    }
    if (key == "__qualname__") {
        out = interp.intern(function->code->qualname);
        return true;
    }
    if (key == "__doc__") {
        out = function->code->doc.empty() ? Value::none() : function->code->doc;
        return true;
    }
    if (key == "__module__") {
        Value moduleName;
        if (function->globals.is(Kind::Dict))
            moduleName = interp.dictGetStr(function->globals.as<DictObject>(), "__name__");
        out = moduleName.empty() ? interp.intern("__main__") : moduleName;
        return true;
    }
    if (key == "__dict__") {
        if (function->dict.empty())
            function->dict = interp.newDict();
        out = function->dict;
        return true;
    }
    if (key == "__defaults__") {
        out = function->defaults.empty() ? Value::none() : interp.newTuple(function->defaults);
        return true;
    }
    if (key == "__annotations__") {
        // Made on first use, as CPython does for a def without annotations.
        out = interp.newDict();
        interp.setAttr(object, name, out);
        return true;
    }
    return false;
}

bool functionSetAttr(Interpreter& interp, const Value& object, const Value& name, Value value) {
    auto* function = object.as<FunctionObject>();
    if (function->dict.empty())
        function->dict = interp.newDict();
    interp.dictSet(function->dict.as<DictObject>(), name, std::move(value));
    return true;
}

std::string functionRepr(Interpreter& interp, const Value& value) {
    auto* function = value.as<FunctionObject>();
    std::string qualname = function->code->qualname;
    if (!function->dict.empty()) {
        const Value assigned = interp.dictGetStr(function->dict.as<DictObject>(), "__qualname__");
        if (assigned.is(Kind::Str))
            qualname = assigned.as<StrObject>()->text;
    }
    return "<function " + qualname + " at " + pointerText(value.object()) + ">";
}

// ---- builtin_function_or_method

bool nativeGetAttr(Interpreter& interp, const Value& object, const Value& name, Value& out) {
    const std::string& key = name.as<StrObject>()->text;
    if (key == "__name__" || key == "__qualname__") {
        out = interp.intern(object.as<NativeObject>()->name);
        return true;
    }
    return interp.typeAttribute(object, name, out);
}

std::string nativeRepr(Interpreter& interp, const Value& value) {
    auto* native = value.as<NativeObject>();
    if (!native->fn && native->data.empty() &&
        (std::strcmp(native->name, "Ellipsis") == 0 || std::strcmp(native->name, "NotImplemented") == 0))
        return native->name;
    if (isMethodDescriptor(native))
        return std::string("<method '") + native->name + "' of '" +
               native->data.as<TupleObject>()->items[1].as<ClassObject>()->nameText() + "' objects>";
    if (!native->self.empty())
        return std::string("<built-in method ") + native->name + " of " + interp.typeName(native->self) + " object at " +
               pointerText(native->self.isObject() ? native->self.object() : nullptr) + ">";
    return std::string("<built-in function ") + native->name + ">";
}

// @name.setter on a property: a new property with the setter.
Value propertySetter(Interpreter& interp, CallArgs& args) {
    if (args.count != 2)
        interp.typeError("setter() takes exactly one argument");
    auto* property = args[0].as<NativeObject>();
    return newDescriptor(interp, "property", property->data, args[1]);
}

// ---- method

bool methodGetAttr(Interpreter& interp, const Value& object, const Value& name, Value& out) {
    auto* method = object.as<BoundMethodObject>();
    const std::string& key = name.as<StrObject>()->text;
    if (key == "__self__") {
        out = method->self;
        return true;
    }
    if (key == "__func__") {
        out = method->function;
        return true;
    }
    if (key == "__name__" || key == "__qualname__")
        return interp.findAttr(method->function, name, out);
    return interp.typeAttribute(object, name, out);
}

std::string methodRepr(Interpreter& interp, const Value& value) {
    auto* method = value.as<BoundMethodObject>();
    std::string name = "?";
    if (method->function.is(Kind::Function))
        name = method->function.as<FunctionObject>()->code->qualname;
    return "<bound method " + name + " of " + interp.repr(method->self) + ">";
}

// ---- cell

std::string cellRepr(Interpreter&, const Value& value) { return "<cell at " + pointerText(value.object()) + ">"; }

constexpr TypeSlots kFunctionSlots{.repr = functionRepr, .getAttr = functionGetAttr, .setAttr = functionSetAttr};
constexpr TypeSlots kNativeSlots{.repr = nativeRepr, .getAttr = nativeGetAttr};
constexpr TypeSlots kMethodSlots{.repr = methodRepr, .getAttr = methodGetAttr};
constexpr TypeSlots kCellSlots{.repr = cellRepr};

} // namespace

void installFunctionTypes(Interpreter& interp) {
    auto& t = interp.types;
    t.functionType = interp.makeClass("function", {t.object}, BuiltinType::Function, kFunctionSlots);
    t.builtinFunctionType =
        interp.makeClass("builtin_function_or_method", {t.object}, BuiltinType::BuiltinFunction, kNativeSlots);
    t.methodType = interp.makeClass("method", {t.object}, BuiltinType::Method, kMethodSlots);
    t.cellType = interp.makeClass("cell", {t.object}, BuiltinType::Cell, kCellSlots);
    interp.addMethod(t.builtinFunctionType, "setter", propertySetter);
}

} // namespace awaitscope::script
