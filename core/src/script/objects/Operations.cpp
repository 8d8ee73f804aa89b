// The operators and protocols every value has (CPython's Objects/abstract.c and object.c):
// numbers are handled here directly, everything else asks the value's class for its slot
// (objects/TypeSlots.h), and what no type handles raises CPython's TypeError.
#include "script/objects/BigInt.h"
#include "script/objects/Types.h"
#include "script/vm/Interpreter.h"

#include <cinttypes>
#include <cmath>
#include <cstdio>
#include <cstring>

namespace awaitscope::script {

namespace {

const char* opSymbol(BinaryOp op) {
    switch (op) {
    case BinaryOp::Add: return "+";
    case BinaryOp::Sub: return "-";
    case BinaryOp::Mul: return "*";
    case BinaryOp::TrueDiv: return "/";
    case BinaryOp::FloorDiv: return "//";
    case BinaryOp::Mod: return "%";
    case BinaryOp::Pow: return "**";
    case BinaryOp::LShift: return "<<";
    case BinaryOp::RShift: return ">>";
    case BinaryOp::BitAnd: return "&";
    case BinaryOp::BitOr: return "|";
    case BinaryOp::BitXor: return "^";
    case BinaryOp::MatMul: return "@";
    }
    return "?";
}

bool isSequence(const Value& v) { return v.is(Kind::Str) || v.is(Kind::List) || v.is(Kind::Tuple) || isBytesLike(v); }

int compareIntDouble(std::int64_t i, double d) {
    if (std::isnan(d))
        return 2;
    if (d >= 9223372036854775808.0)
        return -1;
    if (d < -9223372036854775808.0)
        return 1;
    const double whole = std::trunc(d);
    const auto w = static_cast<std::int64_t>(whole);
    if (i != w)
        return i < w ? -1 : 1;
    return whole == d ? 0 : d > whole ? -1 : 1;
}

} // namespace

int compareNumbers(const Value& a, const Value& b) {
    if (a.isFloat() && b.isFloat()) {
        const double x = a.asFloat();
        const double y = b.asFloat();
        return x < y ? -1 : x > y ? 1 : x == y ? 0 : 2;
    }
    if (a.isFloat()) {
        const int c = compareIntDouble(b.asInt(), a.asFloat());
        return c == 2 ? 2 : -c;
    }
    if (b.isFloat())
        return compareIntDouble(a.asInt(), b.asFloat());
    return a.asInt() < b.asInt() ? -1 : a.asInt() > b.asInt() ? 1 : 0;
}

void unsupportedOperands(Interpreter& interp, BinaryOp op, const Value& a, const Value& b, bool inplace) {
    if (op == BinaryOp::Mul && isSequence(b))
        interp.typeError("can't multiply sequence by non-int of type '" + interp.typeName(a) + "'");
    if (op == BinaryOp::Pow)
        interp.typeError(std::string("unsupported operand type(s) for ") + (inplace ? "**=" : "** or pow()") + ": '" +
                         interp.typeName(a) + "' and '" + interp.typeName(b) + "'");
    interp.typeError(std::string("unsupported operand type(s) for ") + opSymbol(op) + (inplace ? "=" : "") + ": '" +
                     interp.typeName(a) + "' and '" + interp.typeName(b) + "'");
}

std::int64_t repeatCount(Interpreter& interp, const Value& written) {
    // "ab" * Level.HIGH: an object with __index__ repeats as the int it stands for.
    Value count = written.is(Kind::Instance) ? interp.indexValue(written) : written;
    if (count.empty())
        count = written;
    if (count.isBigInt())
        interp.raise(interp.exc.overflowError, "cannot fit 'int' into an index-sized integer");
    if (!count.isIntLike())
        interp.typeError("can't multiply sequence by non-int of type '" + interp.typeName(count) + "'");
    return std::max<std::int64_t>(0, count.asInt());
}

std::string pointerText(const void* p) {
    char buffer[32];
    std::snprintf(buffer, sizeof buffer, "0x%012" PRIxPTR, reinterpret_cast<std::uintptr_t>(p));
    return buffer;
}

std::size_t unhashable(Interpreter& interp, const Value& value) {
    interp.typeError("unhashable type: '" + interp.typeName(value) + "'");
}

bool Interpreter::truthy(const Value& value) {
    switch (value.tag()) {
    case Value::Tag::Empty:
    case Value::Tag::None: return false;
    case Value::Tag::Bool:
    case Value::Tag::Int: return value.asInt() != 0;
    case Value::Tag::Float: return value.asFloat() != 0.0;
    case Value::Tag::Object: break;
    }
    const TypeSlots& slots = slotsOf(value);
    if (slots.truthy)
        return slots.truthy(*this, value);
    if (slots.length)
        return slots.length(*this, value) != 0;
    return true;
}

// ---------------------------------------------------------------- arithmetic

Value Interpreter::binary(BinaryOp op, const Value& a, const Value& b, bool inplace) {
    if (a.isIntLike() && b.isIntLike())
        return intBinary(*this, op, a, b, inplace);
    if (a.isNumber() && b.isNumber())
        return floatBinary(*this, op, a, b, inplace);
    if (a.isObject())
        if (auto slot = slotsOf(a).binary)
            if (Value result = slot(*this, op, a, b, inplace); !result.empty())
                return result;
    // Sequence repetition commutes: 3 * "ab" is "ab" * 3.
    if (op == BinaryOp::Mul && a.isInteger() && isSequence(b))
        return binary(op, b, a, inplace);
    if (b.isObject())
        if (auto slot = slotsOf(b).reflectedBinary)
            if (Value result = slot(*this, op, a, b); !result.empty())
                return result;
    unsupportedOperands(*this, op, a, b, inplace);
}

Value Interpreter::unaryNegative(const Value& value) {
    if (value.isIntLike()) {
        if (value.asInt() == INT64_MIN)
            return integerNegate(*this, value);
        return Value::integer(-value.asInt());
    }
    if (value.isFloat())
        return Value::real(-value.asFloat());
    if (value.isBigInt())
        return integerNegate(*this, value);
    if (value.is(Kind::Instance) || derivedParts(value)) {
        Value method = lookupClass(typeOf(value), intern("__neg__"));
        if (!method.empty())
            return call(method, {value});
    }
    typeError("bad operand type for unary -: '" + typeName(value) + "'");
}

Value Interpreter::unaryPositive(const Value& value) {
    if (value.isBool())
        return Value::integer(value.asInt());
    if (value.isNumber() || value.isBigInt())
        return value;
    if (value.is(Kind::Instance) || derivedParts(value)) {
        Value method = lookupClass(typeOf(value), intern("__pos__"));
        if (!method.empty())
            return call(method, {value});
    }
    typeError("bad operand type for unary +: '" + typeName(value) + "'");
}

Value Interpreter::unaryInvert(const Value& value) {
    if (value.isIntLike())
        return Value::integer(~value.asInt());
    if (value.isBigInt())
        return integerInvert(*this, value);
    if (value.is(Kind::Instance) || derivedParts(value)) {
        Value method = lookupClass(typeOf(value), intern("__invert__"));
        if (!method.empty())
            return call(method, {value});
    }
    typeError("bad operand type for unary ~: '" + typeName(value) + "'");
}

// ---------------------------------------------------------------- comparison and hashing

bool Interpreter::equals(const Value& a, const Value& b) {
    if (a.isNumber() && b.isNumber()) {
        if (a.isFloat() || b.isFloat())
            return compareNumbers(a, b) == 0;
        return a.asInt() == b.asInt();
    }
    if (a.isBigInt() || b.isBigInt())
        return bigEquals(a, b);
    if (a.tag() != b.tag()) {
        // A script class's __eq__ takes any operand, numbers and None included.
        if (a.is(Kind::Instance))
            return instanceSlots().equals(*this, a, b);
        if (b.is(Kind::Instance))
            return instanceSlots().equals(*this, b, a);
        return false;
    }
    if (!a.isObject())
        return a.tag() == b.tag();  // None == None
    if (a.object() == b.object())
        return true;
    const Kind ka = a.object()->kind();
    const Kind kb = b.object()->kind();
    // A script class's __eq__ takes any operand, so an instance on either side decides.
    if (ka == Kind::Instance)
        return instanceSlots().equals(*this, a, b);
    if (kb == Kind::Instance)
        return instanceSlots().equals(*this, b, a);
    // bytes and bytearray are two kinds with one equality.
    if (ka != kb && !(isBytesLike(a) && isBytesLike(b)))
        return false;
    DepthGuard guard(*this);
    auto slot = slotsOf(a).equals;
    return slot && slot(*this, a, b);
}

bool Interpreter::lessThan(const Value& a, const Value& b) { return truthy(compare(CompareOp::Lt, a, b)); }

Value Interpreter::compare(CompareOp op, const Value& a, const Value& b) {
    switch (op) {
    case CompareOp::Eq: return Value::boolean(equals(a, b));
    case CompareOp::Ne: {
        if (a.isObject())
            if (auto slot = slotsOf(a).compare) {
                Value result = slot(*this, op, a, b);
                if (!result.empty())
                    return result;
            }
        return Value::boolean(!equals(a, b));
    }
    case CompareOp::Is: return Value::boolean(a.identical(b));
    case CompareOp::IsNot: return Value::boolean(!a.identical(b));
    case CompareOp::In: return Value::boolean(contains(b, a));
    case CompareOp::NotIn: return Value::boolean(!contains(b, a));
    default: break;
    }
    if (a.isNumber() && b.isNumber()) {
        if (a.isFloat() || b.isFloat()) {
            // 2 (a NaN) is neither less nor greater nor equal.
            const int c = compareNumbers(a, b);
            switch (op) {
            case CompareOp::Lt: return Value::boolean(c == -1);
            case CompareOp::Le: return Value::boolean(c == -1 || c == 0);
            case CompareOp::Gt: return Value::boolean(c == 1);
            default: return Value::boolean(c == 1 || c == 0);
            }
        }
        const std::int64_t x = a.asInt();
        const std::int64_t y = b.asInt();
        switch (op) {
        case CompareOp::Lt: return Value::boolean(x < y);
        case CompareOp::Le: return Value::boolean(x <= y);
        case CompareOp::Gt: return Value::boolean(x > y);
        default: return Value::boolean(x >= y);
        }
    }
    if (a.isObject())
        if (auto slot = slotsOf(a).compare) {
            Value result = slot(*this, op, a, b);
            if (!result.empty())
                return result;
        }
    if (b.isObject())
        if (auto slot = slotsOf(b).reflectedCompare) {
            Value result = slot(*this, op, a, b);
            if (!result.empty())
                return result;
        }
    const char* symbol = op == CompareOp::Lt ? "<" : op == CompareOp::Le ? "<=" : op == CompareOp::Gt ? ">" : ">=";
    typeError(std::string("'") + symbol + "' not supported between instances of '" + typeName(a) + "' and '" +
              typeName(b) + "'");
}

std::size_t Interpreter::hash(const Value& value) {
    switch (value.tag()) {
    case Value::Tag::Empty:
    case Value::Tag::None: return 0x5bd1e995u;
    // Numbers hash as CPython hashes them (equal numbers alike: 2.0 as 2), because the hash
    // places a key in a set's table and so decides the order the set prints in.
    case Value::Tag::Bool:
    case Value::Tag::Int: return static_cast<std::size_t>(cpythonIntegerHash(value));
    case Value::Tag::Float: return static_cast<std::size_t>(cpythonFloatHash(value.asFloat()));
    case Value::Tag::Object: break;
    }
    if (value.is(Kind::Str))
        return value.as<StrObject>()->hash();
    auto slot = slotsOf(value).hash;
    return slot ? slot(*this, value) : identityHash(value);
}

// ---------------------------------------------------------------- containers

bool Interpreter::contains(const Value& container, const Value& item) {
    if (container.isObject())
        if (auto slot = slotsOf(container).contains) {
            const int found = slot(*this, container, item);
            if (found >= 0)
                return found != 0;
        }
    Value iterator;
    try {
        iterator = getIter(container);
    } catch (const ScriptError&) {
        typeError("argument of type '" + typeName(container) + "' is not iterable");
    }
    Value element;
    while (next(iterator, element)) {
        chargeOps(1);
        if (element.identical(item) || equals(element, item))
            return true;
    }
    return false;
}

std::int64_t Interpreter::length(const Value& value) {
    if (value.isObject())
        if (auto slot = slotsOf(value).length) {
            const std::int64_t n = slot(*this, value);
            if (n >= 0)
                return n;
        }
    typeError("object of type '" + typeName(value) + "' has no len()");
}

Value Interpreter::indexValue(const Value& value) {
    if (value.isInteger())
        return value;
    if (!value.is(Kind::Instance))
        return {};
    const Value method = lookupClass(typeOf(value), intern("__index__"));
    if (method.empty())
        return {};
    Value index = call(method, {value});
    if (!index.isInteger())
        typeError("__index__ returned non-int (type " + typeName(index) + ")");
    return index;
}

std::int64_t Interpreter::toIndex(const Value& value, const char* what) {
    if (value.isIntLike())
        return value.asInt();
    if (value.is(Kind::Instance))  // text.center(Width.WIDE)
        if (const Value index = indexValue(value); !index.empty())
            return toIndex(index, what);
    if (value.isBigInt())
        raise(exc.indexError, "cannot fit 'int' into an index-sized integer");
    typeError("'" + typeName(value) + "' object cannot be interpreted as an integer");
}

double Interpreter::toDouble(const Value& value, const char* what) {
    if (value.isNumber())
        return value.toDouble();
    if (value.isBigInt())
        return integerToDouble(*this, value);
    typeError(std::string(what) + " must be a real number, not " + typeName(value));
}

namespace {

// A position in a built-in sequence given as an object with __index__ (items[Level.INFO]): the
// int it stands for, as CPython's PyNumber_AsSsize_t takes it. Anything else stays as it is.
Value sequenceIndex(Interpreter& interp, const Value& object, const Value& index) {
    if (!index.is(Kind::Instance) || !(object.is(Kind::List) || object.is(Kind::Tuple) || object.is(Kind::Str) ||
                                        object.is(Kind::Range) || object.is(Kind::Bytes) || object.is(Kind::ByteArray)))
        return index;
    const Value stands = interp.indexValue(index);
    return stands.empty() ? index : stands;
}

} // namespace

Value Interpreter::getItem(const Value& object, const Value& written) {
    const Value index = sequenceIndex(*this, object, written);
    if (object.isObject())
        if (auto slot = slotsOf(object).getItem) {
            Value item = slot(*this, object, index);
            if (!item.empty())
                return item;
        }
    typeError("'" + typeName(object) + "' object is not subscriptable");
}

void Interpreter::setItem(const Value& object, const Value& written, Value value) {
    const Value index = sequenceIndex(*this, object, written);
    if (object.isObject())
        if (auto slot = slotsOf(object).setItem)
            if (slot(*this, object, index, std::move(value)))
                return;
    typeError("'" + typeName(object) + "' object does not support item assignment");
}

void Interpreter::deleteItem(const Value& object, const Value& written) {
    const Value index = sequenceIndex(*this, object, written);
    if (object.isObject())
        if (auto slot = slotsOf(object).deleteItem)
            if (slot(*this, object, index))
                return;
    // CPython words it by the path PyObject_DelItem took: an index into something with the
    // sequence protocol (every class of a script's has it) fails in PySequence_DelItem.
    const bool sequencePath = index.isInteger() && object.isObject() && object.object()->kind() != Kind::Native &&
                              object.object()->kind() != Kind::Function && object.object()->kind() != Kind::Module &&
                              object.object()->kind() != Kind::Class;
    typeError("'" + typeName(object) + (sequencePath ? "' object doesn't" : "' object does not") + " support item deletion");
}

// ---------------------------------------------------------------- attributes

bool Interpreter::typeAttribute(const Value& object, const Value& name, Value& out) {
    Value found = lookupClass(typeOf(object), name);
    if (found.empty())
        return false;
    if (isDescriptor(found, "property")) {
        out = call(found.as<NativeObject>()->data, {object});
        return true;
    }
    if (isDescriptor(found, "staticmethod")) {
        out = found.as<NativeObject>()->data;
        return true;
    }
    if (isDescriptor(found, "classmethod")) {  // {}.fromkeys(keys): bound to the object's class
        out = Value(heap_.make<BoundMethodObject>(found.as<NativeObject>()->data, Value(typeOf(object))));
        return true;
    }
    if (found.is(Kind::Native) && found.as<NativeObject>()->method) {
        out = newNative(found.as<NativeObject>()->fn, found.as<NativeObject>()->name, object);
        return true;
    }
    out = found;
    return true;
}

bool Interpreter::findAttr(const Value& object, const Value& name, Value& out) {
    if (name.as<StrObject>()->text == "__class__") {
        out = Value(typeOf(object));
        return true;
    }
    if (auto slot = slotsOf(object).getAttr)
        return slot(*this, object, name, out);
    return typeAttribute(object, name, out);
}

Value Interpreter::getAttr(const Value& object, const Value& name) {
    Value out;
    if (findAttr(object, name, out))
        return out;
    const std::string& key = name.as<StrObject>()->text;
    if (object.is(Kind::Instance)) {
        Value getattr = lookupClass(object.as<InstanceObject>()->klass(), intern("__getattr__"));
        if (!getattr.empty())
            return call(getattr, {object, name});
    }
    if (object.is(Kind::Module))
        raiseMissingAttribute(object, name, "module '" + object.as<ModuleObject>()->name.as<StrObject>()->text +
                                                "' has no attribute '" + key + "'");
    if (object.is(Kind::Class))
        raiseMissingAttribute(object, name, "type object '" + object.as<ClassObject>()->nameText() + "' has no attribute '" + key + "'");
    raiseMissingAttribute(object, name, "'" + typeName(object) + "' object has no attribute '" + key + "'");
}

void Interpreter::raiseMissingAttribute(const Value& object, const Value& name, const std::string& message) {
    Value error = newException(exc.attributeError, message);
    ExceptionData* data = exceptionData(error);
    data->missingName = name;
    data->missingFrom = object;
    raise(std::move(error));
}

void Interpreter::setAttr(const Value& object, const Value& name, Value value) {
    if (object.isObject())
        if (auto slot = slotsOf(object).setAttr)
            if (slot(*this, object, name, std::move(value)))
                return;
    const std::string& key = name.as<StrObject>()->text;
    Value ignored;
    if (findAttr(object, name, ignored))
        raise(exc.attributeError, "'" + typeName(object) + "' object attribute '" + key + "' is read-only");
    raise(exc.attributeError, "'" + typeName(object) + "' object has no attribute '" + key + "'");
}

void Interpreter::deleteAttr(const Value& object, const Value& name) {
    if (object.isObject())
        if (auto slot = slotsOf(object).deleteAttr)
            if (slot(*this, object, name))
                return;
    raise(exc.attributeError, "'" + typeName(object) + "' object has no attribute '" + name.as<StrObject>()->text + "'");
}

void Interpreter::loadMethod(const Value& object, const Value& name, Value& function, Value& self) {
    // A method found on the class is called with the object as its first argument, without
    // making a bound method; anything else (an instance's own attribute, a module's function,
    // a class's attribute) is looked up as an attribute.
    bool onClass = true;
    if (object.isObject()) {
        const Kind kind = object.object()->kind();
        if (kind == Kind::Instance) {
            auto* instance = object.as<InstanceObject>();
            onClass = instance->dict.empty() || !instance->dict.as<DictObject>()->table.lookup(name, name.as<StrObject>()->hash());
        } else if (const DerivedParts* parts = derivedParts(object)) {
            onClass = parts->attrs.empty() || !parts->attrs.as<DictObject>()->table.lookup(name, name.as<StrObject>()->hash());
        } else {
            onClass = kind != Kind::Class && kind != Kind::Module && kind != Kind::Super;
        }
    }
    if (onClass) {
        Value found = lookupClass(typeOf(object), name);
        if ((found.is(Kind::Function) && (object.is(Kind::Instance) || derivedParts(object))) ||
            (found.is(Kind::Native) && found.as<NativeObject>()->method)) {
            function = std::move(found);
            self = object;
            return;
        }
    }
    function = getAttr(object, name);
    self.clear();
}

// ---------------------------------------------------------------- iteration

Value Interpreter::getIter(const Value& iterable) {
    if (iterable.isObject())
        if (auto slot = slotsOf(iterable).iter) {
            Value iterator = slot(*this, iterable);
            if (!iterator.empty())
                return iterator;
        }
    typeError("'" + typeName(iterable) + "' object is not iterable");
}

bool Interpreter::next(const Value& iterator, Value& out) {
    if (iterator.isObject())
        if (auto slot = slotsOf(iterator).next)
            return slot(*this, iterator, out);
    typeError("'" + typeName(iterator) + "' object is not an iterator");
}

std::vector<Value> Interpreter::toVector(const Value& iterable) {
    if (iterable.is(Kind::List))
        return iterable.as<ListObject>()->items;
    if (iterable.is(Kind::Tuple))
        return iterable.as<TupleObject>()->items;
    std::vector<Value> out;
    if (iterable.is(Kind::Range)) {
        // Its length is known: refuse a result that cannot fit before building any of it.
        // Its length is past int64 for range(2**100): OverflowError, as CPython's.
        const double count = static_cast<double>(length(iterable));
        reserveMemory(count * sizeof(Value));
        out.reserve(static_cast<std::size_t>(count));
    }
    // The vector is held by no object until it is returned, so the budget is told about it,
    // and about each larger block before it is allocated.
    struct Transient {
        Heap& heap;
        std::int64_t held = 0;
        void hold(std::size_t capacity) {
            const auto bytes = static_cast<std::int64_t>(capacity * sizeof(Value));
            heap.holdTransient(bytes - held);
            held = bytes;
        }
        ~Transient() { heap.holdTransient(-held); }
    } transient{heap_};
    transient.hold(out.capacity());
    Value iterator = getIter(iterable);
    Value item;
    while (next(iterator, item)) {
        if (out.size() == out.capacity() && out.size() >= 1024) {
            reserveMemory(2.0 * static_cast<double>(out.capacity() * sizeof(Value)));
            out.reserve(out.capacity() * 2);
            transient.hold(out.capacity());
        }
        out.push_back(std::move(item));
        if ((out.size() & 1023) == 0)
            chargeOps(1024);
    }
    return out;
}

// ---------------------------------------------------------------- repr and str

std::string Interpreter::repr(const Value& value) {
    switch (value.tag()) {
    case Value::Tag::Empty: return "<unset>";
    case Value::Tag::None: return "None";
    case Value::Tag::Bool: return value.asBool() ? "True" : "False";
    case Value::Tag::Int: return std::to_string(value.asInt());
    case Value::Tag::Float: return floatRepr(value.asFloat());
    case Value::Tag::Object: break;
    }
    DepthGuard guard(*this);
    chargeOps(1);
    auto slot = slotsOf(value).repr;
    return slot ? slot(*this, value) : std::string("<object>");
}

std::string Interpreter::toStr(const Value& value) {
    if (value.is(Kind::Str))
        return value.as<StrObject>()->text;
    if (value.isObject())
        if (auto slot = slotsOf(value).str)
            return slot(*this, value);
    return repr(value);
}

// ---------------------------------------------------------------- with and async with

namespace {

[[noreturn]] void notContextManager(Interpreter& interp, const Value& manager, bool async) {
    std::string message = "'" + interp.typeName(manager) + "' object does not support the " +
                          (async ? "asynchronous " : "") + "context manager protocol";
    if (!async && manager.is(Kind::Runtime))
        message += " (did you mean 'async with'?)";
    interp.typeError(message);
}

} // namespace

Value Interpreter::enterContext(const Value& manager) {
    if (manager.isObject())
        if (auto slot = slotsOf(manager).enter)
            if (Value entered = slot(*this, manager); !entered.empty())
                return entered;
    notContextManager(*this, manager, false);
}

Value Interpreter::exitContext(const Value& manager, const Value& error) {
    auto slot = slotsOf(manager).exit;
    if (!slot)
        notContextManager(*this, manager, false);
    return slot(*this, manager, error);
}

Value Interpreter::enterAsyncContext(const Value& manager) {
    if (manager.isObject())
        if (auto slot = slotsOf(manager).asyncEnter)
            if (Value awaitable = slot(*this, manager); !awaitable.empty())
                return awaitable;
    notContextManager(*this, manager, true);
}

Value Interpreter::exitAsyncContext(const Value& manager, const Value& error) {
    auto slot = slotsOf(manager).asyncExit;
    if (!slot)
        notContextManager(*this, manager, true);
    return slot(*this, manager, error);
}

} // namespace awaitscope::script
