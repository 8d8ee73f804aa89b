// The builtins namespace: the builtin functions (the builtin classes are their types' own,
// objects/), the exception classes, None, True, False, Ellipsis and NotImplemented.
#include "script/modules/Modules.h"
#include "script/objects/BigInt.h"
#include "script/objects/Types.h"
#include "script/objects/Unicode.h"
#include "script/vm/Interpreter.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>

namespace awaitscope::script {

namespace {

__extension__ typedef __int128 Int128;

Value builtinPrint(Interpreter& interp, CallArgs& args) {
    std::string sep = " ";
    std::string end = "\n";
    bool toStderr = false;
    Value writer;  // print(..., file=x) for an x of the script's (io.StringIO): x.write
    for (int k = 0; k < args.kwCount(); ++k) {
        const std::string& key = args.kwNames->items[static_cast<std::size_t>(k)].as<StrObject>()->text;
        const Value& v = args.kwValues[k];
        if (key == "sep" || key == "end") {
            if (!v.isNone() && !v.is(Kind::Str))
                interp.typeError(key + " must be None or a string, not " + interp.typeName(v));
            if (v.is(Kind::Str))
                (key == "sep" ? sep : end) = v.as<StrObject>()->text;
        } else if (key == "file") {
            if (v.is(Kind::Runtime) && v.as<RuntimeObject>()->runtimeKind == RuntimeKind::Stream)
                toStderr = static_cast<StreamObject*>(v.object())->error;
            else if (!v.isNone() && !interp.findAttr(v, interp.intern("write"), writer))
                interp.raise(interp.exc.attributeError, "'" + interp.typeName(v) + "' object has no attribute 'write'");
        } else if (key != "flush") {
            interp.typeError("'" + key + "' is an invalid keyword argument for print()");
        }
    }
    std::string text;
    for (int i = 0; i < args.count; ++i) {
        if (i)
            text += sep;
        text += interp.toStr(args[i]);
    }
    text += end;
    if (!writer.empty()) {
        interp.call(writer, {interp.str(std::move(text))});
        return Value::none();
    }
    interp.flushCost();
    if (toStderr) {
        interp.writeStderr(text);
    } else {
        interp.writeStdout(text);
        interp.recordOutput(text);
    }
    return Value::none();
}

Value builtinLen(Interpreter& interp, CallArgs& args) {
    if (args.count != 1 || args.kwCount())
        interp.typeError("len() takes exactly one argument (" + std::to_string(args.count) + " given)");
    return Value::integer(interp.length(args[0]));
}

Value builtinRepr(Interpreter& interp, CallArgs& args) {
    ArgParser a(interp, args, "repr", {"obj"}, 1);
    return interp.str(interp.repr(a[0]));
}

Value builtinAscii(Interpreter& interp, CallArgs& args) { return builtinRepr(interp, args); }

Value builtinAbs(Interpreter& interp, CallArgs& args) {
    ArgParser a(interp, args, "abs", {"x"}, 1);
    const Value& x = a[0];
    if (x.isIntLike()) {
        if (x.asInt() == INT64_MIN)
            return integerAbs(interp, x);
        return Value::integer(std::llabs(x.asInt()));
    }
    if (x.isBigInt())
        return integerAbs(interp, x);
    if (x.isFloat())
        return Value::real(std::fabs(x.asFloat()));
    if (x.is(Kind::Instance)) {
        Value method = interp.lookupClass(x.as<InstanceObject>()->klass(), interp.intern("__abs__"));
        if (!method.empty())
            return interp.call(method, {x});
    }
    interp.typeError("bad operand type for abs(): '" + interp.typeName(x) + "'");
}

Value roundFloat(Interpreter& interp, double x, std::int64_t digits) {
    if (std::isinf(x) || std::isnan(x))
        return Value::real(x);
    if (digits > 300)
        return Value::real(x);
    if (digits >= 0) {
        char buffer[400];
        std::snprintf(buffer, sizeof buffer, "%.*f", static_cast<int>(digits), x);
        return Value::real(std::strtod(buffer, nullptr));
    }
    if (digits < -308)
        return Value::real(0.0 * x);
    const double scale = std::pow(10.0, static_cast<double>(-digits));
    const double y = x / scale;
    double z = std::nearbyint(y);
    (void)interp;
    return Value::real(z * scale);
}

Value builtinRound(Interpreter& interp, CallArgs& args) {
    ArgParser a(interp, args, "round", {"number", "ndigits"}, 1);
    const Value& x = a[0];
    const bool hasDigits = a.has(1) && !a[1].isNone();
    if (x.isBigInt()) {
        if (!hasDigits || interp.toIndex(a[1], "ndigits") >= 0)
            return x;
        // round(x, -n): to a multiple of 10**n, halves to even, in whole numbers.
        const Value scale = interp.binary(BinaryOp::Pow, Value::integer(10), Value::integer(-interp.toIndex(a[1], "ndigits")));
        const Value q = interp.binary(BinaryOp::FloorDiv, x, scale);
        const Value r = interp.binary(BinaryOp::Mod, x, scale);
        const Value twice = interp.binary(BinaryOp::Mul, r, Value::integer(2));
        const bool qOdd = interp.truthy(interp.binary(BinaryOp::BitAnd, q, Value::integer(1)));
        const bool up = interp.lessThan(scale, twice) || (interp.equals(twice, scale) && qOdd);
        return interp.binary(BinaryOp::Mul, up ? interp.binary(BinaryOp::Add, q, Value::integer(1)) : q, scale);
    }
    if (x.isIntLike()) {
        if (!hasDigits)
            return Value::integer(x.asInt());
        const std::int64_t digits = interp.toIndex(a[1], "ndigits");
        if (digits >= 0)
            return Value::integer(x.asInt());
        if (digits < -18)
            return Value::integer(0);
        std::int64_t scale = 1;
        for (std::int64_t i = 0; i < -digits; ++i)
            scale *= 10;
        const std::int64_t v = x.asInt();
        std::int64_t q = v / scale;
        std::int64_t r = v % scale;
        if (r < 0) {
            r += scale;
            --q;
        }
        if (r * 2 > scale || (r * 2 == scale && (q & 1)))
            ++q;
        return Value::integer(q * scale);
    }
    if (x.isFloat()) {
        if (!hasDigits) {
            const double d = x.asFloat();
            if (std::isinf(d))
                interp.raise(interp.exc.overflowError, "cannot convert float infinity to integer");
            if (std::isnan(d))
                interp.valueError("cannot convert float NaN to integer");
            return integerFromDouble(interp, std::nearbyint(d));
        }
        return roundFloat(interp, x.asFloat(), interp.toIndex(a[1], "ndigits"));
    }
    if (x.is(Kind::Instance)) {
        Value method = interp.lookupClass(x.as<InstanceObject>()->klass(), interp.intern("__round__"));
        if (!method.empty())
            return hasDigits ? interp.call(method, {x, a[1]}) : interp.call(method, {x});
    }
    interp.typeError("type " + interp.typeName(x) + " doesn't define __round__ method");
}

Value builtinSum(Interpreter& interp, CallArgs& args) {
    ArgParser a(interp, args, "sum", {"iterable", "start"}, 1);
    Value total = a.has(1) ? a[1] : Value::integer(0);
    if (total.is(Kind::Str))
        interp.typeError("sum() can't sum strings [use ''.join(seq) instead]");
    if (total.is(Kind::Bytes))
        interp.typeError("sum() can't sum bytes [use b''.join(seq) instead]");
    if (total.is(Kind::ByteArray))
        interp.typeError("sum() can't sum bytearray [use b''.join(seq) instead]");
    Value iterator = interp.getIter(a[0]);
    Value item;
    while (interp.next(iterator, item)) {
        interp.chargeOps(2);
        if (total.isInt() && item.isInt()) {
            std::int64_t r;
            if (!__builtin_add_overflow(total.asInt(), item.asInt(), &r)) {
                total = Value::integer(r);
                continue;
            }
        } else if (total.isFloat() && item.isFloat()) {
            total = Value::real(total.asFloat() + item.asFloat());
            continue;
        }
        total = interp.binary(BinaryOp::Add, total, item);
    }
    return total;
}

Value minMax(Interpreter& interp, CallArgs& args, bool wantMax) {
    const char* name = wantMax ? "max" : "min";
    Value key;
    Value fallback;
    for (int k = 0; k < args.kwCount(); ++k) {
        const std::string& kw = args.kwNames->items[static_cast<std::size_t>(k)].as<StrObject>()->text;
        if (kw == "key")
            key = args.kwValues[k];
        else if (kw == "default")
            fallback = args.kwValues[k];
        else
            interp.typeError(std::string("'") + kw + "' is an invalid keyword argument for " + name + "()");
    }
    if (args.count == 0)
        interp.typeError(std::string(name) + " expected at least 1 argument, got 0");
    std::vector<Value> items;
    if (args.count == 1) {
        items = interp.toVector(args[0]);
    } else {
        if (!fallback.empty())
            interp.typeError(std::string("Cannot specify a default for ") + name + "() with multiple positional arguments");
        items.assign(args.args, args.args + args.count);
    }
    if (items.empty()) {
        if (!fallback.empty())
            return fallback;
        interp.valueError(std::string(name) + "() arg is an empty sequence");
    }
    interp.chargeOps(items.size());
    Value best = items[0];
    Value bestKey = key.empty() || key.isNone() ? best : interp.call(key, {best});
    for (std::size_t i = 1; i < items.size(); ++i) {
        Value k = key.empty() || key.isNone() ? items[i] : interp.call(key, {items[i]});
        const bool better = wantMax ? interp.lessThan(bestKey, k) : interp.lessThan(k, bestKey);
        if (better) {
            best = items[i];
            bestKey = k;
        }
    }
    return best;
}

Value builtinMin(Interpreter& interp, CallArgs& args) { return minMax(interp, args, false); }
Value builtinMax(Interpreter& interp, CallArgs& args) { return minMax(interp, args, true); }

Value builtinSorted(Interpreter& interp, CallArgs& args) {
    if (args.count != 1)
        interp.typeError("sorted expected 1 argument, got " + std::to_string(args.count));
    const SortOptions options = sortKeywords(interp, args);
    std::vector<Value> items = interp.toVector(args[0]);
    sortValues(interp, items, options);
    return interp.newList(std::move(items));
}

bool matchesClass(Interpreter& interp, const Value& value, const Value& cls, bool subclass) {
    if (cls.is(Kind::Tuple)) {
        for (const Value& each : cls.as<TupleObject>()->items)
            if (matchesClass(interp, value, each, subclass))
                return true;
        return false;
    }
    if (const auto* members = unionMembers(interp, cls)) {
        for (const Value& each : *members)
            if (matchesClass(interp, value, each, subclass))
                return true;
        return false;
    }
    if (genericAlias(interp, cls))
        interp.typeError(std::string(subclass ? "issubclass" : "isinstance") +
                         "() argument 2 cannot be a parameterized generic");
    if (!cls.is(Kind::Class))
        interp.typeError(std::string(subclass ? "issubclass" : "isinstance") +
                         "() arg 2 must be a type, a tuple of types, or a union");
    if (subclass && !value.is(Kind::Class))
        interp.typeError("issubclass() arg 1 must be a class");
    auto* target = cls.as<ClassObject>();
    ClassObject* tested = subclass ? value.as<ClassObject>() : interp.typeOf(value);
    if (Interpreter::isSubclass(tested, target))
        return true;
    // CPython's StrEnum and class Role(str, Enum) derive from str; here they stand for it.
    ClassObject* valueType = target->builtin != BuiltinType::None ? enumValueType(interp, tested) : nullptr;
    return valueType && Interpreter::isSubclass(valueType, target);
}

Value builtinIsinstance(Interpreter& interp, CallArgs& args) {
    if (args.count != 2)
        interp.typeError("isinstance expected 2 arguments, got " + std::to_string(args.count));
    return Value::boolean(matchesClass(interp, args[0], args[1], false));
}

Value builtinIssubclass(Interpreter& interp, CallArgs& args) {
    if (args.count != 2)
        interp.typeError("issubclass expected 2 arguments, got " + std::to_string(args.count));
    return Value::boolean(matchesClass(interp, args[0], args[1], true));
}

Value builtinAll(Interpreter& interp, CallArgs& args) {
    ArgParser a(interp, args, "all", {"iterable"}, 1);
    Value iterator = interp.getIter(a[0]);
    Value item;
    while (interp.next(iterator, item)) {
        interp.chargeOps(1);
        if (!interp.truthy(item))
            return Value::boolean(false);
    }
    return Value::boolean(true);
}

Value builtinAny(Interpreter& interp, CallArgs& args) {
    ArgParser a(interp, args, "any", {"iterable"}, 1);
    Value iterator = interp.getIter(a[0]);
    Value item;
    while (interp.next(iterator, item)) {
        interp.chargeOps(1);
        if (interp.truthy(item))
            return Value::boolean(true);
    }
    return Value::boolean(false);
}

Value builtinIter(Interpreter& interp, CallArgs& args) {
    if (args.count != 1)
        interp.typeError("iter() takes exactly 1 argument in Awaitscope");
    return interp.getIter(args[0]);
}

Value builtinNext(Interpreter& interp, CallArgs& args) {
    if (args.count < 1 || args.count > 2)
        interp.typeError("next expected 1 or 2 arguments");
    Value out;
    if (!args[0].is(Kind::Iterator) && !args[0].is(Kind::Generator) && !args[0].is(Kind::Instance))
        interp.typeError("'" + interp.typeName(args[0]) + "' object is not an iterator");
    if (args[0].is(Kind::Iterator) && args[0].as<IteratorObject>()->view)
        interp.typeError("'" + interp.typeName(args[0]) + "' object is not an iterator");
    if (interp.next(args[0], out))
        return out;
    if (args.count == 2)
        return args[1];
    interp.raise(interp.newException(interp.exc.stopIteration, std::vector<Value>{}));
}

Value builtinAiter(Interpreter& interp, CallArgs& args) {
    ArgParser a(interp, args, "aiter", {"async_iterable"}, 1);
    return asyncIterator(interp, a[0], false);
}

Value builtinAnext(Interpreter& interp, CallArgs& args) {
    if (args.count < 1 || args.count > 2 || args.kwCount() > 0)
        interp.typeError("anext expected 1 or 2 arguments, got " + std::to_string(args.count));
    Value awaitable = asyncNext(interp, args[0], false);
    return args.count == 2 ? awaitOrDefault(interp, std::move(awaitable), args[1]) : awaitable;
}

Value builtinGetattr(Interpreter& interp, CallArgs& args) {
    if (args.count < 2 || args.count > 3)
        interp.typeError("getattr expected 2 or 3 arguments, got " + std::to_string(args.count));
    if (!args[1].is(Kind::Str))
        interp.typeError("attribute name must be string, not '" + interp.typeName(args[1]) + "'");
    Value name = interp.intern(args[1].as<StrObject>()->text);
    if (args.count == 3) {
        try {
            return interp.getAttr(args[0], name);
        } catch (const ScriptError& e) {
            if (interp.isInstance(e.exception, interp.exc.attributeError))
                return args[2];
            throw;
        }
    }
    return interp.getAttr(args[0], name);
}

Value builtinHasattr(Interpreter& interp, CallArgs& args) {
    if (args.count != 2)
        interp.typeError("hasattr expected 2 arguments, got " + std::to_string(args.count));
    if (!args[1].is(Kind::Str))
        interp.typeError("attribute name must be string, not '" + interp.typeName(args[1]) + "'");
    try {
        interp.getAttr(args[0], interp.intern(args[1].as<StrObject>()->text));
        return Value::boolean(true);
    } catch (const ScriptError& e) {
        if (interp.isInstance(e.exception, interp.exc.attributeError))
            return Value::boolean(false);
        throw;
    }
}

Value builtinSetattr(Interpreter& interp, CallArgs& args) {
    if (args.count != 3 || !args[1].is(Kind::Str))
        interp.typeError("setattr expected 3 arguments (object, name, value)");
    interp.setAttr(args[0], interp.intern(args[1].as<StrObject>()->text), args[2]);
    return Value::none();
}

Value builtinDelattr(Interpreter& interp, CallArgs& args) {
    if (args.count != 2 || !args[1].is(Kind::Str))
        interp.typeError("delattr expected 2 arguments (object, name)");
    interp.deleteAttr(args[0], interp.intern(args[1].as<StrObject>()->text));
    return Value::none();
}

Value builtinId(Interpreter& interp, CallArgs& args) {
    ArgParser a(interp, args, "id", {"obj"}, 1);
    if (a[0].isObject())
        return Value::integer(static_cast<std::int64_t>(reinterpret_cast<std::uintptr_t>(a[0].object()) & INT64_MAX));
    return Value::integer(static_cast<std::int64_t>(interp.hash(a[0]) & INT64_MAX));
}

Value builtinHash(Interpreter& interp, CallArgs& args) {
    ArgParser a(interp, args, "hash", {"obj"}, 1);
    // CPython's for numbers, tuples and frozensets (an int modulo 2**61 - 1, a float as the int
    // it equals or by its binary fraction, a tuple by xxHash of its items' hashes, a frozenset
    // from its keys' hashes).
    if (a[0].isNumber() || a[0].isBigInt() || a[0].is(Kind::Tuple) || a[0].is(Kind::Set))
        return Value::integer(static_cast<std::int64_t>(interp.hash(a[0])));
    return Value::integer(static_cast<std::int64_t>(interp.hash(a[0]) >> 1));
}

Value builtinDivmod(Interpreter& interp, CallArgs& args) {
    if (args.count != 2)
        interp.typeError("divmod expected 2 arguments, got " + std::to_string(args.count));
    return interp.newTuple({interp.binary(BinaryOp::FloorDiv, args[0], args[1]), interp.binary(BinaryOp::Mod, args[0], args[1])});
}

Value builtinPow(Interpreter& interp, CallArgs& args) {
    ArgParser a(interp, args, "pow", {"base", "exp", "mod"}, 2);
    if (a.has(2) && !a[2].isNone()) {
        if (!a[0].isInteger() || !a[1].isInteger() || !a[2].isInteger())
            interp.typeError("pow() 3rd argument not allowed unless all arguments are integers");
        return integerPowMod(interp, a[0], a[1], a[2]);
    }
    return interp.binary(BinaryOp::Pow, a[0], a[1]);
}

Value builtinChr(Interpreter& interp, CallArgs& args) {
    ArgParser a(interp, args, "chr", {"i"}, 1);
    const std::int64_t i = interp.toIndex(a[0], "chr");
    if (i < 0 || i > 0x10FFFF)
        interp.valueError("chr() arg not in range(0x110000)");
    std::string out;
    appendUtf8(out, static_cast<std::uint32_t>(i));
    return interp.str(std::move(out));
}

Value builtinOrd(Interpreter& interp, CallArgs& args) {
    ArgParser a(interp, args, "ord", {"c"}, 1);
    if (isBytesLike(a[0])) {
        const std::string& bytes = bytesData(a[0]);
        if (bytes.size() != 1)
            interp.typeError("ord() expected a character, but string of length " + std::to_string(bytes.size()) + " found");
        return Value::integer(static_cast<unsigned char>(bytes[0]));
    }
    if (!a[0].is(Kind::Str))
        interp.typeError("ord() expected string of length 1, but " + interp.typeName(a[0]) + " found");
    auto* s = a[0].as<StrObject>();
    if (s->length() != 1)
        interp.typeError("ord() expected a character, but string of length " + std::to_string(s->length()) + " found");
    return Value::integer(decodeUtf8(reinterpret_cast<const unsigned char*>(s->text.data())));
}

Value radix(Interpreter& interp, CallArgs& args, const char* name, const char* spec) {
    ArgParser a(interp, args, name, {"number"}, 1);
    if (!a[0].isInteger())
        interp.typeError("'" + interp.typeName(a[0]) + "' object cannot be interpreted as an integer");
    return interp.str(interp.format(a[0].isBigInt() ? a[0] : Value::integer(a[0].asInt()), spec));
}

Value builtinHex(Interpreter& interp, CallArgs& args) { return radix(interp, args, "hex", "#x"); }
Value builtinBin(Interpreter& interp, CallArgs& args) { return radix(interp, args, "bin", "#b"); }
Value builtinOct(Interpreter& interp, CallArgs& args) { return radix(interp, args, "oct", "#o"); }

Value builtinFormat(Interpreter& interp, CallArgs& args) {
    ArgParser a(interp, args, "format", {"value", "format_spec"}, 1);
    if (a.has(1) && !a[1].is(Kind::Str))
        interp.typeError("format() argument 2 must be str, not " + interp.typeName(a[1]));
    return interp.str(interp.format(a[0], a.has(1) ? a[1].as<StrObject>()->text : std::string()));
}

Value builtinCallable(Interpreter& interp, CallArgs& args) {
    ArgParser a(interp, args, "callable", {"obj"}, 1);
    const Value& v = a[0];
    if (v.is(Kind::Function) || v.is(Kind::Native) || v.is(Kind::BoundMethod) || v.is(Kind::Class))
        return Value::boolean(true);
    if (v.is(Kind::Instance))
        return Value::boolean(!interp.lookupClass(v.as<InstanceObject>()->klass(), interp.intern("__call__")).empty());
    return Value::boolean(false);
}

Value builtinStaticmethod(Interpreter& interp, CallArgs& args) {
    ArgParser a(interp, args, "staticmethod", {"function"}, 1);
    return newDescriptor(interp, "staticmethod", a[0]);
}

Value builtinClassmethod(Interpreter& interp, CallArgs& args) {
    ArgParser a(interp, args, "classmethod", {"function"}, 1);
    return newDescriptor(interp, "classmethod", a[0]);
}

Value builtinProperty(Interpreter& interp, CallArgs& args) {
    ArgParser a(interp, args, "property", {"fget", "fset"}, 1);
    return newDescriptor(interp, "property", a[0], a.has(1) ? a[1] : Value());
}

Value builtinVars(Interpreter& interp, CallArgs& args) {
    ArgParser a(interp, args, "vars", {"object"}, 1);
    return interp.getAttr(a[0], interp.intern("__dict__"));
}

Value builtinInput(Interpreter& interp, CallArgs&) {
    interp.raise(interp.exc.runtimeError, "input() is not available: Awaitscope scripts run without a console");
}

} // namespace

Value makeBuiltins(Interpreter& interp) {
    Value builtins = interp.newDict();
    auto* b = builtins.as<DictObject>();
    auto& types = interp.types;
    auto& exc = interp.exc;
    auto fn = [&](const char* name, NativeFn f) { interp.dictSetStr(b, name, interp.newNative(f, name)); };
    fn("print", builtinPrint);
    fn("len", builtinLen);
    fn("repr", builtinRepr);
    fn("ascii", builtinAscii);
    fn("abs", builtinAbs);
    fn("round", builtinRound);
    fn("sum", builtinSum);
    fn("min", builtinMin);
    fn("max", builtinMax);
    fn("sorted", builtinSorted);
    fn("isinstance", builtinIsinstance);
    fn("issubclass", builtinIssubclass);
    fn("all", builtinAll);
    fn("any", builtinAny);
    fn("iter", builtinIter);
    fn("next", builtinNext);
    fn("aiter", builtinAiter);
    fn("anext", builtinAnext);
    fn("getattr", builtinGetattr);
    fn("hasattr", builtinHasattr);
    fn("setattr", builtinSetattr);
    fn("delattr", builtinDelattr);
    fn("id", builtinId);
    fn("hash", builtinHash);
    fn("divmod", builtinDivmod);
    fn("pow", builtinPow);
    fn("chr", builtinChr);
    fn("ord", builtinOrd);
    fn("hex", builtinHex);
    fn("bin", builtinBin);
    fn("oct", builtinOct);
    fn("format", builtinFormat);
    fn("callable", builtinCallable);
    fn("staticmethod", builtinStaticmethod);
    fn("classmethod", builtinClassmethod);
    fn("property", builtinProperty);
    fn("vars", builtinVars);
    fn("input", builtinInput);
    auto cls = [&](const char* name, ClassObject* c) { interp.dictSetStr(b, name, Value(c)); };
    cls("object", types.object);
    cls("type", types.type);
    cls("int", types.intType);
    cls("bool", types.boolType);
    cls("float", types.floatType);
    cls("str", types.strType);
    cls("bytes", types.bytesType);
    cls("bytearray", types.byteArrayType);
    cls("list", types.listType);
    cls("tuple", types.tupleType);
    cls("dict", types.dictType);
    cls("set", types.setType);
    cls("frozenset", types.frozensetType);
    cls("range", types.rangeType);
    cls("slice", types.sliceType);
    cls("super", types.superType);
    cls("enumerate", types.iteratorTypes[static_cast<int>(IteratorKind::Enumerate)]);
    cls("zip", types.iteratorTypes[static_cast<int>(IteratorKind::Zip)]);
    cls("reversed", types.iteratorTypes[static_cast<int>(IteratorKind::Reversed)]);
    cls("map", types.iteratorTypes[static_cast<int>(IteratorKind::Map)]);
    cls("filter", types.iteratorTypes[static_cast<int>(IteratorKind::Filter)]);
    interp.dictSetStr(b, "NotImplemented", interp.newNative(nullptr, "NotImplemented"));
    interp.dictSetStr(b, "Ellipsis", interp.newNative(nullptr, "Ellipsis"));
    interp.dictSetStr(b, "None", Value::none());
    interp.dictSetStr(b, "True", Value::boolean(true));
    interp.dictSetStr(b, "False", Value::boolean(false));
    for (ClassObject* e : {exc.baseException, exc.exception, exc.systemExit, exc.keyboardInterrupt, exc.generatorExit,
                           exc.baseExceptionGroup, exc.exceptionGroup, exc.arithmeticError, exc.zeroDivisionError,
                           exc.overflowError, exc.assertionError, exc.attributeError, exc.lookupError, exc.indexError,
                           exc.keyError, exc.nameError, exc.unboundLocalError, exc.runtimeError, exc.recursionError,
                           exc.notImplementedError, exc.typeError, exc.valueError, exc.unicodeError, exc.unicodeDecodeError,
                           exc.unicodeEncodeError, exc.stopIteration,
                           exc.stopAsyncIteration,
                           exc.osError, exc.timeoutError, exc.connectionError, exc.connectionRefusedError,
                           exc.connectionResetError, exc.connectionAbortedError, exc.brokenPipeError,
                           exc.fileNotFoundError, exc.eofError, exc.importError,
                           exc.moduleNotFoundError, exc.memoryError, exc.syntaxError, exc.warning, exc.runtimeWarning})
        cls(e->nameText().c_str(), e);
    interp.dictSetStr(b, "EnvironmentError", Value(exc.osError));
    interp.dictSetStr(b, "IOError", Value(exc.osError));
    return builtins;
}

} // namespace awaitscope::script
