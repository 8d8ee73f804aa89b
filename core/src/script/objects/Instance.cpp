// The instances of a script's classes (and of object() and the exception classes): every
// operator and protocol is the class's dunder method when it defines one (CPython's slot_*
// functions in typeobject.c), and attributes are looked up on the instance, then its class.
#include "script/objects/Types.h"
#include "script/vm/Interpreter.h"

#include <cstring>

namespace awaitscope::script {

namespace {

InstanceObject* instanceOf(const Value& v) { return v.as<InstanceObject>(); }

// The class's method `name`, or Empty. (The instance may be a derived list, tuple or dict too:
// objects/Derived.cpp calls these slots for the dunders such a class overrides.)
Value dunder(Interpreter& interp, const Value& instance, const char* name) {
    return interp.lookupClass(interp.typeOf(instance), interp.intern(name));
}

// Only classes a script defines get __eq__, __bool__ and friends from their dunders; the
// builtin exception classes compare by identity.
bool scriptDefined(Interpreter& interp, const Value& instance) {
    return interp.typeOf(instance)->builtin == BuiltinType::None;
}

const char* binaryDunder(BinaryOp op) {
    switch (op) {
    case BinaryOp::Add: return "__add__";
    case BinaryOp::Sub: return "__sub__";
    case BinaryOp::Mul: return "__mul__";
    case BinaryOp::TrueDiv: return "__truediv__";
    case BinaryOp::FloorDiv: return "__floordiv__";
    case BinaryOp::Mod: return "__mod__";
    case BinaryOp::Pow: return "__pow__";
    case BinaryOp::LShift: return "__lshift__";
    case BinaryOp::RShift: return "__rshift__";
    case BinaryOp::BitAnd: return "__and__";
    case BinaryOp::BitOr: return "__or__";
    case BinaryOp::BitXor: return "__xor__";
    case BinaryOp::MatMul: return "__matmul__";
    }
    return "";
}

const char* reflectedDunder(BinaryOp op) {
    switch (op) {
    case BinaryOp::Add: return "__radd__";
    case BinaryOp::Sub: return "__rsub__";
    case BinaryOp::Mul: return "__rmul__";
    case BinaryOp::TrueDiv: return "__rtruediv__";
    case BinaryOp::FloorDiv: return "__rfloordiv__";
    case BinaryOp::Mod: return "__rmod__";
    case BinaryOp::Pow: return "__rpow__";
    case BinaryOp::LShift: return "__rlshift__";
    case BinaryOp::RShift: return "__rrshift__";
    case BinaryOp::BitAnd: return "__rand__";
    case BinaryOp::BitOr: return "__ror__";
    case BinaryOp::BitXor: return "__rxor__";
    case BinaryOp::MatMul: return "__rmatmul__";
    }
    return "";
}

// Indexed by CompareOp Lt, Le, Eq, Ne, Gt, Ge.
const char* const kCompareDunders[] = {"__lt__", "__le__", "__eq__", "__ne__", "__gt__", "__ge__"};
const char* const kSwappedDunders[] = {"__gt__", "__ge__", "__eq__", "__ne__", "__lt__", "__le__"};

bool isNotImplemented(const Value& v) {
    return v.is(Kind::Native) && std::strcmp(v.as<NativeObject>()->name, "NotImplemented") == 0;
}

std::string instanceRepr(Interpreter& interp, const Value& value) {
    ClassObject* cls = interp.typeOf(value);
    Value method = dunder(interp, value, "__repr__");
    if (!method.empty()) {
        Value result = interp.call(method, {value});
        if (!result.is(Kind::Str))
            interp.typeError("__repr__ returned non-string (type " + interp.typeName(result) + ")");
        return result.as<StrObject>()->text;
    }
    if (instanceOf(value)->exception)
        return exceptionRepr(interp, value);
    const std::string& module = cls->module.as<StrObject>()->text;
    return "<" + module + "." + cls->nameText() + " object at " + pointerText(value.object()) + ">";
}

std::string instanceStr(Interpreter& interp, const Value& value) {
    Value method = dunder(interp, value, "__str__");
    if (!method.empty()) {
        Interpreter::DepthGuard guard(interp);
        Value result = interp.call(method, {value});
        if (!result.is(Kind::Str))
            interp.typeError("__str__ returned non-string (type " + interp.typeName(result) + ")");
        return result.as<StrObject>()->text;
    }
    if (instanceOf(value)->exception)
        return exceptionStr(interp, value);
    return interp.repr(value);
}

bool instanceTruthy(Interpreter& interp, const Value& value) {
    if (!scriptDefined(interp, value))
        return true;
    Value method = dunder(interp, value, "__bool__");
    if (!method.empty()) {
        Value result = interp.call(method, {value});
        if (!result.isBool())
            interp.typeError("__bool__ should return bool, returned " + interp.typeName(result));
        return result.asBool();
    }
    if (!dunder(interp, value, "__len__").empty())
        return interp.length(value) != 0;
    return true;
}

std::int64_t instanceLength(Interpreter& interp, const Value& value) {
    Value method = dunder(interp, value, "__len__");
    if (method.empty())
        return -1;
    Value n = interp.call(method, {value});
    if (!n.isIntLike())
        interp.typeError("'" + interp.typeName(n) + "' object cannot be interpreted as an integer");
    if (n.asInt() < 0)
        interp.valueError("__len__() should return >= 0");
    return n.asInt();
}

std::size_t instanceHash(Interpreter& interp, const Value& value) {
    if (scriptDefined(interp, value)) {
        Value method = dunder(interp, value, "__hash__");
        if (!method.empty()) {
            if (method.isNone())
                interp.typeError("unhashable type: '" + interp.typeOf(value)->nameText() + "'");
            Value h = interp.call(method, {value});
            if (!h.isIntLike())
                interp.typeError("__hash__ method should return an integer");
            return static_cast<std::size_t>(h.asInt());
        }
    }
    return identityHash(value);
}

Value instanceBinary(Interpreter& interp, BinaryOp op, const Value& a, const Value& b, bool inplace) {
    if (inplace) {
        std::string inplaceName = binaryDunder(op);
        inplaceName.insert(2, "i");
        Value method = interp.lookupClass(interp.typeOf(a), interp.intern(inplaceName));
        if (!method.empty())
            return interp.call(method, {a, b});
    }
    Value method = dunder(interp, a, binaryDunder(op));
    if (!method.empty()) {
        Value result = interp.call(method, {a, b});
        if (!isNotImplemented(result))
            return result;
    }
    return {};
}

Value instanceReflectedBinary(Interpreter& interp, BinaryOp op, const Value& a, const Value& b) {
    if (!*reflectedDunder(op))
        return {};
    Value method = dunder(interp, b, reflectedDunder(op));
    return method.empty() ? Value() : interp.call(method, {b, a});
}

bool instanceEquals(Interpreter& interp, const Value& instance, const Value& other) {
    if (!scriptDefined(interp, instance))
        return false;
    Value method = dunder(interp, instance, "__eq__");
    return !method.empty() && interp.truthy(interp.call(method, {instance, other}));
}

Value instanceCompare(Interpreter& interp, CompareOp op, const Value& a, const Value& b) {
    if (op == CompareOp::Ne) {
        if (!scriptDefined(interp, a))
            return {};
        Value method = dunder(interp, a, "__ne__");
        return method.empty() ? Value() : Value::boolean(interp.truthy(interp.call(method, {a, b})));
    }
    Value method = dunder(interp, a, kCompareDunders[static_cast<int>(op)]);
    return method.empty() ? Value() : interp.call(method, {a, b});
}

Value instanceReflectedCompare(Interpreter& interp, CompareOp op, const Value& a, const Value& b) {
    Value method = dunder(interp, b, kSwappedDunders[static_cast<int>(op)]);
    return method.empty() ? Value() : interp.call(method, {b, a});
}

int instanceContains(Interpreter& interp, const Value& container, const Value& item) {
    Value method = dunder(interp, container, "__contains__");
    if (method.empty())
        return -1;
    return interp.truthy(interp.call(method, {container, item}));
}

Value instanceGetItem(Interpreter& interp, const Value& object, const Value& index) {
    Value method = dunder(interp, object, "__getitem__");
    return method.empty() ? Value() : interp.call(method, {object, index});
}

bool instanceSetItem(Interpreter& interp, const Value& object, const Value& index, Value value) {
    Value method = dunder(interp, object, "__setitem__");
    if (method.empty())
        return false;
    interp.call(method, {object, index, value});
    return true;
}

bool instanceDeleteItem(Interpreter& interp, const Value& object, const Value& index) {
    Value method = dunder(interp, object, "__delitem__");
    if (method.empty())
        return false;
    interp.call(method, {object, index});
    return true;
}

bool instanceGetAttr(Interpreter& interp, const Value& object, const Value& name, Value& out) {
    auto* instance = instanceOf(object);
    ClassObject* cls = instance->klass();
    const std::string& key = name.as<StrObject>()->text;
    Value classAttr = interp.lookupClass(cls, name);
    if (isDescriptor(classAttr, "property")) {
        out = interp.call(classAttr.as<NativeObject>()->data, {object});
        return true;
    }
    if (!instance->dict.empty())
        if (Value* found = instance->dict.as<DictObject>()->table.lookup(name, name.as<StrObject>()->hash())) {
            out = *found;
            return true;
        }
    if (ExceptionData* data = instance->exception.get())
        if (exceptionAttribute(*data, key, out))
            return true;
    if (key == "__dict__") {
        if (instance->dict.empty())
            instance->dict = interp.newDict();
        out = instance->dict;
        return true;
    }
    if (classAttr.empty())
        return false;
    bindClassAttribute(interp, object, classAttr, out);
    return true;
}

} // namespace

void bindClassAttribute(Interpreter& interp, const Value& object, const Value& classAttr, Value& out) {
    ClassObject* cls = interp.typeOf(object);
    if (classAttr.is(Kind::Instance)) {
        // A descriptor written in Python (functools.cached_property): its __get__ decides.
        Value get = interp.lookupClass(classAttr.as<InstanceObject>()->klass(), interp.intern("__get__"));
        if (!get.empty()) {
            out = interp.call(get, {classAttr, object, Value(cls)});
            return;
        }
    }
    if (classAttr.is(Kind::Function)) {
        out = Value(interp.heap().make<BoundMethodObject>(classAttr, object));
        return;
    }
    if (classAttr.is(Kind::Native)) {
        auto* native = classAttr.as<NativeObject>();
        if (isDescriptor(classAttr, "staticmethod")) {
            out = native->data;
            return;
        }
        if (isDescriptor(classAttr, "classmethod")) {
            out = Value(interp.heap().make<BoundMethodObject>(native->data, Value(cls)));
            return;
        }
        if (native->method) {
            out = interp.newNative(native->fn, native->name, object);
            return;
        }
    }
    out = classAttr;
}

namespace {

bool instanceSetAttr(Interpreter& interp, const Value& object, const Value& name, Value value) {
    auto* instance = instanceOf(object);
    const std::string& key = name.as<StrObject>()->text;
    Value classAttr = interp.lookupClass(instance->klass(), name);
    if (isDescriptor(classAttr, "property")) {
        Value setter = classAttr.as<NativeObject>()->self;
        if (setter.empty())
            interp.raise(interp.exc.attributeError,
                         "property '" + key + "' of '" + interp.typeName(object) + "' object has no setter");
        interp.call(setter, {object, value});
        return true;
    }
    if (ExceptionData* data = instance->exception.get())
        if (setExceptionAttribute(interp, *data, key, value))
            return true;
    // A library class's own __setattr__ (a frozen dataclass's) guards its instances.
    Value guard = interp.lookupClass(instance->klass(), interp.intern("__setattr__"));
    if (guard.is(Kind::Native)) {
        interp.call(guard, {object, name, value});
        return true;
    }
    if (instance->dict.empty())
        instance->dict = interp.newDict();
    interp.dictSet(instance->dict.as<DictObject>(), name, std::move(value));
    return true;
}

bool instanceDeleteAttr(Interpreter& interp, const Value& object, const Value& name) {
    auto* instance = instanceOf(object);
    Value guard = interp.lookupClass(instance->klass(), interp.intern("__delattr__"));
    if (guard.is(Kind::Native)) {
        interp.call(guard, {object, name});
        return true;
    }
    return !instance->dict.empty() && !instance->dict.as<DictObject>()->table.remove(name, interp.hash(name)).empty();
}

Value instanceIter(Interpreter& interp, const Value& iterable) {
    Value method = dunder(interp, iterable, "__iter__");
    if (!method.empty())
        return interp.call(method, {iterable});
    if (!dunder(interp, iterable, "__getitem__").empty())
        interp.typeError("Awaitscope does not iterate objects through __getitem__; define __iter__");
    return {};
}

bool instanceNext(Interpreter& interp, const Value& iterator, Value& out) {
    Value method = dunder(interp, iterator, "__next__");
    if (method.empty())
        interp.typeError("'" + interp.typeName(iterator) + "' object is not an iterator");
    try {
        out = interp.call(method, {iterator});
        return true;
    } catch (const ScriptError& e) {
        if (interp.isInstance(e.exception, interp.exc.stopIteration))
            return false;
        throw;
    }
}

// __enter__ (or __aenter__) needs its __exit__ (__aexit__) to make a context manager.
Value enterWith(Interpreter& interp, const Value& manager, const char* enter, const char* exit) {
    Value enterMethod = dunder(interp, manager, enter);
    if (enterMethod.empty() || dunder(interp, manager, exit).empty())
        return {};
    return interp.call(enterMethod, {manager});
}

// __exit__(type, value, traceback): all None when the block finished normally.
Value exitWith(Interpreter& interp, const Value& manager, const Value& error, const char* exit) {
    Value method = dunder(interp, manager, exit);
    if (error.empty())
        return interp.call(method, {manager, Value::none(), Value::none(), Value::none()});
    return interp.call(method, {manager, Value(interp.typeOf(error)), error, Value::none()});
}

Value instanceEnter(Interpreter& interp, const Value& manager) {
    return enterWith(interp, manager, "__enter__", "__exit__");
}
Value instanceExit(Interpreter& interp, const Value& manager, const Value& error) {
    return exitWith(interp, manager, error, "__exit__");
}
Value instanceAsyncEnter(Interpreter& interp, const Value& manager) {
    return enterWith(interp, manager, "__aenter__", "__aexit__");
}
Value instanceAsyncExit(Interpreter& interp, const Value& manager, const Value& error) {
    return exitWith(interp, manager, error, "__aexit__");
}

constexpr TypeSlots kInstanceSlots{.repr = instanceRepr,
                                   .str = instanceStr,
                                   .truthy = instanceTruthy,
                                   .length = instanceLength,
                                   .hash = instanceHash,
                                   .binary = instanceBinary,
                                   .reflectedBinary = instanceReflectedBinary,
                                   .equals = instanceEquals,
                                   .compare = instanceCompare,
                                   .reflectedCompare = instanceReflectedCompare,
                                   .contains = instanceContains,
                                   .getItem = instanceGetItem,
                                   .setItem = instanceSetItem,
                                   .deleteItem = instanceDeleteItem,
                                   .getAttr = instanceGetAttr,
                                   .setAttr = instanceSetAttr,
                                   .deleteAttr = instanceDeleteAttr,
                                   .iter = instanceIter,
                                   .next = instanceNext,
                                   .enter = instanceEnter,
                                   .exit = instanceExit,
                                   .asyncEnter = instanceAsyncEnter,
                                   .asyncExit = instanceAsyncExit};

} // namespace

const TypeSlots& instanceSlots() { return kInstanceSlots; }

} // namespace awaitscope::script
