// The builtin functions and classes, and the small `time`, `sys` and `typing` modules.
#include "script/modules/asyncio/AsyncObjects.h"
#include "script/vm/Interpreter.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>

namespace awaitscope::script {

void installMethods(Interpreter& interp);
void installAsyncioTypes(Interpreter& interp);

namespace {

__extension__ typedef __int128 Int128;
__extension__ typedef unsigned __int128 UInt128;

std::string trimmed(const std::string& text) {
    const std::size_t start = text.find_first_not_of(" \t\n\r\f\v");
    if (start == std::string::npos)
        return {};
    const std::size_t end = text.find_last_not_of(" \t\n\r\f\v");
    return text.substr(start, end - start + 1);
}

// int(str, base) as CPython parses it (underscores between digits, optional sign and prefix).
bool parseInt(const std::string& raw, int base, std::int64_t& out, bool& overflow) {
    std::string text = trimmed(raw);
    overflow = false;
    if (text.empty())
        return false;
    bool negative = false;
    std::size_t i = 0;
    if (text[i] == '+' || text[i] == '-') {
        negative = text[i] == '-';
        ++i;
    }
    if (i + 1 < text.size() && text[i] == '0') {
        const char p = static_cast<char>(std::tolower(static_cast<unsigned char>(text[i + 1])));
        const int prefixBase = p == 'x' ? 16 : p == 'o' ? 8 : p == 'b' ? 2 : 0;
        if (prefixBase && (base == 0 || base == prefixBase)) {
            base = prefixBase;
            i += 2;
            if (i < text.size() && text[i] == '_')
                ++i;
        }
    }
    if (base == 0)
        base = 10;
    if (i >= text.size())
        return false;
    UInt128 value = 0;
    bool lastUnderscore = true;
    for (; i < text.size(); ++i) {
        const char c = text[i];
        if (c == '_') {
            if (lastUnderscore)
                return false;
            lastUnderscore = true;
            continue;
        }
        int digit;
        if (c >= '0' && c <= '9')
            digit = c - '0';
        else if (c >= 'a' && c <= 'z')
            digit = c - 'a' + 10;
        else if (c >= 'A' && c <= 'Z')
            digit = c - 'A' + 10;
        else
            return false;
        if (digit >= base)
            return false;
        value = value * static_cast<unsigned>(base) + static_cast<unsigned>(digit);
        if (value > static_cast<UInt128>(INT64_MAX) + 1)
            overflow = true;
        lastUnderscore = false;
    }
    if (lastUnderscore)
        return false;
    if (overflow || (!negative && value > static_cast<UInt128>(INT64_MAX))) {
        overflow = true;
        return true;
    }
    out = negative ? static_cast<std::int64_t>(0 - static_cast<std::uint64_t>(value)) : static_cast<std::int64_t>(value);
    return true;
}

bool parseFloat(const std::string& raw, double& out) {
    std::string text = trimmed(raw);
    std::string cleaned;
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (text[i] == '_') {
            if (i == 0 || i + 1 >= text.size() || !std::isdigit(static_cast<unsigned char>(text[i - 1])) ||
                !std::isdigit(static_cast<unsigned char>(text[i + 1])))
                return false;
            continue;
        }
        cleaned += text[i];
    }
    std::string lower = cleaned;
    for (char& c : lower)
        c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    std::string body = lower;
    double sign = 1;
    if (!body.empty() && (body[0] == '+' || body[0] == '-')) {
        sign = body[0] == '-' ? -1 : 1;
        body = body.substr(1);
    }
    if (body == "inf" || body == "infinity") {
        out = sign * HUGE_VAL;
        return true;
    }
    if (body == "nan") {
        out = std::nan("");
        return true;
    }
    if (cleaned.empty() || cleaned.find_first_not_of("0123456789+-.eE") != std::string::npos)
        return false;
    char* end = nullptr;
    out = std::strtod(cleaned.c_str(), &end);
    return end && *end == '\0';
}

Value makeInt(Interpreter& interp, CallArgs& args) {
    ArgParser a(interp, args, "int", {"cls", "x", "base"}, 1);
    if (!a.has(1)) {
        if (a.has(2))
            interp.typeError("int() missing string argument");
        return Value::integer(0);
    }
    const Value& x = a[1];
    if (a.has(2)) {
        if (!x.is(Kind::Str))
            interp.typeError("int() can't convert non-string with explicit base");
        const std::int64_t base = interp.toIndex(a[2], "base");
        if (base != 0 && (base < 2 || base > 36))
            interp.valueError("int() base must be >= 2 and <= 36, or 0");
        std::int64_t value = 0;
        bool overflow = false;
        if (!parseInt(x.as<StrObject>()->text, static_cast<int>(base), value, overflow))
            interp.valueError("invalid literal for int() with base " + std::to_string(base) + ": " + interp.repr(x));
        if (overflow)
            interp.raise(interp.exc.overflowError, "integer too large: Awaitscope integers are 64-bit");
        return Value::integer(value);
    }
    if (x.isIntLike())
        return Value::integer(x.asInt());
    if (x.isFloat()) {
        const double d = x.asFloat();
        if (std::isinf(d))
            interp.raise(interp.exc.overflowError, "cannot convert float infinity to integer");
        if (std::isnan(d))
            interp.valueError("cannot convert float NaN to integer");
        if (std::fabs(d) >= 9.2233720368547758e18)
            interp.raise(interp.exc.overflowError, "integer too large: Awaitscope integers are 64-bit");
        return Value::integer(static_cast<std::int64_t>(d));
    }
    if (x.is(Kind::Str)) {
        std::int64_t value = 0;
        bool overflow = false;
        if (!parseInt(x.as<StrObject>()->text, 10, value, overflow))
            interp.valueError("invalid literal for int() with base 10: " + interp.repr(x));
        if (overflow)
            interp.raise(interp.exc.overflowError, "integer too large: Awaitscope integers are 64-bit");
        return Value::integer(value);
    }
    if (x.is(Kind::Instance)) {
        Value method = interp.lookupClass(x.as<InstanceObject>()->klass(), interp.intern("__int__"));
        if (!method.empty())
            return interp.call(method, {x});
    }
    interp.typeError("int() argument must be a string, a bytes-like object or a real number, not '" + interp.typeName(x) +
                     "'");
}

Value makeFloat(Interpreter& interp, CallArgs& args) {
    ArgParser a(interp, args, "float", {"cls", "x"}, 1);
    if (!a.has(1))
        return Value::real(0.0);
    const Value& x = a[1];
    if (x.isNumber())
        return Value::real(x.toDouble());
    if (x.is(Kind::Str)) {
        double d = 0;
        if (!parseFloat(x.as<StrObject>()->text, d))
            interp.valueError("could not convert string to float: " + interp.repr(x));
        return Value::real(d);
    }
    if (x.is(Kind::Instance)) {
        Value method = interp.lookupClass(x.as<InstanceObject>()->klass(), interp.intern("__float__"));
        if (!method.empty())
            return interp.call(method, {x});
    }
    interp.typeError("float() argument must be a string or a real number, not '" + interp.typeName(x) + "'");
}

Value makeStr(Interpreter& interp, CallArgs& args) {
    ArgParser a(interp, args, "str", {"cls", "object"}, 1);
    if (!a.has(1))
        return interp.intern("");
    return interp.str(interp.toStr(a[1]));
}

Value makeBool(Interpreter& interp, CallArgs& args) {
    ArgParser a(interp, args, "bool", {"cls", "x"}, 1);
    return Value::boolean(a.has(1) && interp.truthy(a[1]));
}

Value makeList(Interpreter& interp, CallArgs& args) {
    ArgParser a(interp, args, "list", {"cls", "iterable"}, 1);
    return interp.newList(a.has(1) ? interp.toVector(a[1]) : std::vector<Value>{});
}

Value makeTuple(Interpreter& interp, CallArgs& args) {
    ArgParser a(interp, args, "tuple", {"cls", "iterable"}, 1);
    if (a.has(1) && a[1].is(Kind::Tuple))
        return a[1];
    return interp.newTuple(a.has(1) ? interp.toVector(a[1]) : std::vector<Value>{});
}

Value makeDict(Interpreter& interp, CallArgs& args) {
    if (args.count > 2)
        interp.typeError("dict expected at most 1 argument, got " + std::to_string(args.count - 1));
    Value dict = interp.newDict();
    auto* d = dict.as<DictObject>();
    if (args.count == 2) {
        const Value& source = args[1];
        if (source.is(Kind::Dict)) {
            for (auto& e : source.as<DictObject>()->table.entries())
                if (!e.key.empty())
                    interp.dictSet(d, e.key, e.value);
        } else {
            std::size_t index = 0;
            for (const Value& item : interp.toVector(source)) {
                std::vector<Value> pair;
                try {
                    pair = interp.toVector(item);
                } catch (const ScriptError&) {
                    interp.typeError("cannot convert dictionary update sequence element #" + std::to_string(index) +
                                     " to a sequence");
                }
                if (pair.size() != 2)
                    interp.valueError("dictionary update sequence element #" + std::to_string(index) + " has length " +
                                      std::to_string(pair.size()) + "; 2 is required");
                interp.dictSet(d, pair[0], pair[1]);
                ++index;
            }
        }
    }
    for (int k = 0; k < args.kwCount(); ++k)
        interp.dictSet(d, args.kwNames->items[static_cast<std::size_t>(k)], args.kwValues[k]);
    return dict;
}

Value makeSet(Interpreter& interp, CallArgs& args) {
    ArgParser a(interp, args, "set", {"cls", "iterable"}, 1);
    Value set = interp.newSet();
    if (a.has(1))
        for (Value& item : interp.toVector(a[1])) {
            const std::size_t h = interp.hash(item);
            set.as<SetObject>()->table.insert(std::move(item), h, Value::none());
        }
    return set;
}

Value makeRange(Interpreter& interp, CallArgs& args) {
    if (args.kwCount())
        interp.typeError("range() takes no keyword arguments");
    const int n = args.count - 1;
    if (n < 1)
        interp.typeError("range expected at least 1 argument, got 0");
    if (n > 3)
        interp.typeError("range expected at most 3 arguments, got " + std::to_string(n));
    std::int64_t start = 0;
    std::int64_t stop = 0;
    std::int64_t step = 1;
    if (n == 1) {
        stop = interp.toIndex(args[1], "range");
    } else {
        start = interp.toIndex(args[1], "range");
        stop = interp.toIndex(args[2], "range");
        if (n == 3)
            step = interp.toIndex(args[3], "range");
    }
    if (step == 0)
        interp.valueError("range() arg 3 must not be zero");
    return Value(interp.heap().make<RangeObject>(start, stop, step));
}

Value makeObject(Interpreter& interp, CallArgs& args) {
    if (args.count > 1 || args.kwCount())
        interp.typeError("object() takes no arguments");
    return Value(interp.heap().make<InstanceObject>(args[0]));
}

Value makeType(Interpreter& interp, CallArgs& args) {
    if (args.count == 2 && args.kwCount() == 0)
        return Value(interp.typeOf(args[1]));
    interp.typeError("type() takes 1 argument (creating classes with type() is not supported by Awaitscope)");
}

Value makeSlice(Interpreter& interp, CallArgs& args) {
    const int n = args.count - 1;
    if (n < 1 || n > 3)
        interp.typeError("slice expected 1 to 3 arguments");
    if (n == 1)
        return Value(interp.heap().make<SliceObject>(Value::none(), args[1], Value::none()));
    return Value(interp.heap().make<SliceObject>(args[1], args[2], n == 3 ? args[3] : Value::none()));
}

Value makeEnumerate(Interpreter& interp, CallArgs& args) {
    ArgParser a(interp, args, "enumerate", {"cls", "iterable", "start"}, 2);
    auto* it = interp.heap().make<IteratorObject>(IteratorKind::Enumerate);
    Value result(it);
    it->source = interp.getIter(a[1]);
    it->index = a.has(2) ? interp.toIndex(a[2], "start") : 0;
    return result;
}

Value makeZip(Interpreter& interp, CallArgs& args) {
    for (int k = 0; k < args.kwCount(); ++k)
        if (args.kwNames->items[static_cast<std::size_t>(k)].as<StrObject>()->text != "strict")
            interp.typeError("zip() got an unexpected keyword argument '" +
                             args.kwNames->items[static_cast<std::size_t>(k)].as<StrObject>()->text + "'");
    auto* it = interp.heap().make<IteratorObject>(IteratorKind::Zip);
    Value result(it);
    for (int i = 1; i < args.count; ++i)
        it->sources.push_back(interp.getIter(args[i]));
    return result;
}

Value makeReversed(Interpreter& interp, CallArgs& args) {
    ArgParser a(interp, args, "reversed", {"cls", "sequence"}, 2);
    const Value& seq = a[1];
    if (seq.is(Kind::List) || seq.is(Kind::Tuple)) {
        auto* it = interp.heap().make<IteratorObject>(IteratorKind::Reversed);
        Value result(it);
        it->source = seq;
        it->index = interp.length(seq) - 1;
        return result;
    }
    if (seq.is(Kind::Range)) {
        auto* r = seq.as<RangeObject>();
        const std::int64_t n = r->length();
        auto* it = interp.heap().make<IteratorObject>(IteratorKind::Range);
        Value result(it);
        it->index = r->start + (n - 1) * r->step;
        it->step = -r->step;
        it->stop = r->start - r->step;
        if (n == 0)
            it->stop = it->index = 0;
        return result;
    }
    if (seq.is(Kind::Str) || seq.is(Kind::Dict)) {
        std::vector<Value> items = interp.toVector(seq);
        std::reverse(items.begin(), items.end());
        return interp.getIter(interp.newList(std::move(items)));
    }
    if (seq.is(Kind::Instance)) {
        Value method = interp.lookupClass(seq.as<InstanceObject>()->klass(), interp.intern("__reversed__"));
        if (!method.empty())
            return interp.call(method, {seq});
    }
    interp.typeError("'" + interp.typeName(seq) + "' object is not reversible");
}

Value makeMap(Interpreter& interp, CallArgs& args) {
    if (args.count < 3)
        interp.typeError("map() must have at least two arguments.");
    auto* it = interp.heap().make<IteratorObject>(IteratorKind::Map);
    Value result(it);
    it->function = args[1];
    for (int i = 2; i < args.count; ++i)
        it->sources.push_back(interp.getIter(args[i]));
    return result;
}

Value makeFilter(Interpreter& interp, CallArgs& args) {
    if (args.count != 3)
        interp.typeError("filter expected 2 arguments, got " + std::to_string(args.count - 1));
    auto* it = interp.heap().make<IteratorObject>(IteratorKind::Filter);
    Value result(it);
    it->function = args[1];
    it->source = interp.getIter(args[2]);
    return result;
}

Value makeSuper(Interpreter& interp, CallArgs& args) {
    if (args.count == 3)
        return Value(interp.heap().make<SuperObject>(args[1], args[2]));
    Frame* frame = interp.currentFrame();
    if (!frame || !frame->function.is(Kind::Function) ||
        frame->function.as<FunctionObject>()->definingClass.empty() || frame->code->argCount == 0)
        interp.raise(interp.exc.runtimeError, "super(): no arguments");
    Value self = frame->locals()[0];
    if (self.empty() && !frame->code->cellToArg.empty()) {
        for (std::size_t i = 0; i < frame->code->cellToArg.size(); ++i)
            if (frame->code->cellToArg[i] == 0)
                self = frame->cells()[i].as<CellObject>()->value;
    }
    if (self.empty())
        interp.raise(interp.exc.runtimeError, "super(): arg[0] deleted");
    return Value(interp.heap().make<SuperObject>(frame->function.as<FunctionObject>()->definingClass, self));
}

// ---- builtin functions ----

Value builtinPrint(Interpreter& interp, CallArgs& args) {
    std::string sep = " ";
    std::string end = "\n";
    bool toStderr = false;
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
            else if (!v.isNone())
                interp.typeError("print() file must be sys.stdout or sys.stderr in Awaitscope");
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
            interp.raise(interp.exc.overflowError, "integer result too large: Awaitscope integers are 64-bit");
        return Value::integer(std::llabs(x.asInt()));
    }
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
            const double r = std::nearbyint(d);
            if (std::fabs(r) >= 9.2233720368547758e18)
                interp.raise(interp.exc.overflowError, "integer too large: Awaitscope integers are 64-bit");
            return Value::integer(static_cast<std::int64_t>(r));
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

} // namespace

// list.sort and sorted: stable, with key and reverse as CPython does them.
void sortValues(Interpreter& interp, std::vector<Value>& items, const Value& key, bool reverse) {
    interp.chargeOps(items.size() * 4);
    if (reverse)
        std::reverse(items.begin(), items.end());
    if (key.empty() || key.isNone()) {
        std::stable_sort(items.begin(), items.end(), [&](const Value& a, const Value& b) {
            if (a.isInt() && b.isInt())
                return a.asInt() < b.asInt();
            return interp.lessThan(a, b);
        });
    } else {
        std::vector<std::pair<Value, Value>> keyed;
        keyed.reserve(items.size());
        for (Value& item : items)
            keyed.emplace_back(interp.call(key, {item}), item);
        std::stable_sort(keyed.begin(), keyed.end(),
                         [&](const auto& a, const auto& b) { return interp.lessThan(a.first, b.first); });
        for (std::size_t i = 0; i < items.size(); ++i)
            items[i] = std::move(keyed[i].second);
    }
    if (reverse)
        std::reverse(items.begin(), items.end());
}

namespace {

Value builtinSorted(Interpreter& interp, CallArgs& args) {
    if (args.count != 1)
        interp.typeError("sorted expected 1 argument, got " + std::to_string(args.count));
    Value key;
    bool reverse = false;
    for (int k = 0; k < args.kwCount(); ++k) {
        const std::string& kw = args.kwNames->items[static_cast<std::size_t>(k)].as<StrObject>()->text;
        if (kw == "key")
            key = args.kwValues[k];
        else if (kw == "reverse")
            reverse = interp.truthy(args.kwValues[k]);
        else
            interp.typeError("sort() got an unexpected keyword argument '" + kw + "'");
    }
    std::vector<Value> items = interp.toVector(args[0]);
    sortValues(interp, items, key, reverse);
    return interp.newList(std::move(items));
}

bool matchesClass(Interpreter& interp, const Value& value, const Value& cls, bool subclass) {
    if (cls.is(Kind::Tuple)) {
        for (const Value& each : cls.as<TupleObject>()->items)
            if (matchesClass(interp, value, each, subclass))
                return true;
        return false;
    }
    if (!cls.is(Kind::Class))
        interp.typeError(std::string(subclass ? "issubclass" : "isinstance") +
                         "() arg 2 must be a type, a tuple of types, or a union");
    if (subclass) {
        if (!value.is(Kind::Class))
            interp.typeError("issubclass() arg 1 must be a class");
        return Interpreter::isSubclass(value.as<ClassObject>(), cls.as<ClassObject>());
    }
    return interp.isInstance(value, cls.as<ClassObject>());
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
    if (a[0].isIntLike())
        return Value::integer(a[0].asInt() == -1 ? -2 : a[0].asInt());
    if (a[0].isFloat() && a[0].asFloat() == std::floor(a[0].asFloat()) && std::fabs(a[0].asFloat()) < 9e18) {
        const auto i = static_cast<std::int64_t>(a[0].asFloat());
        return Value::integer(i == -1 ? -2 : i);
    }
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
        if (!a[0].isIntLike() || !a[1].isIntLike() || !a[2].isIntLike())
            interp.typeError("pow() 3rd argument not allowed unless all arguments are integers");
        std::int64_t base = a[0].asInt();
        std::int64_t e = a[1].asInt();
        const std::int64_t m = a[2].asInt();
        if (m == 0)
            interp.valueError("pow() 3rd argument cannot be 0");
        if (e < 0)
            interp.valueError("pow() negative exponent with modulus is not supported by Awaitscope");
        Int128 result = 1 % m;
        Int128 b = ((base % m) + m) % m;
        while (e > 0) {
            if (e & 1)
                result = (result * b) % m;
            b = (b * b) % m;
            e >>= 1;
        }
        std::int64_t r = static_cast<std::int64_t>(result);
        if (r != 0 && ((r < 0) != (m < 0)))
            r += m;
        return Value::integer(r);
    }
    return interp.binary(BinaryOp::Pow, a[0], a[1]);
}

void appendUtf8(std::string& out, std::uint32_t cp) {
    if (cp < 0x80) {
        out += static_cast<char>(cp);
    } else if (cp < 0x800) {
        out += static_cast<char>(0xC0 | (cp >> 6));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    } else if (cp < 0x10000) {
        out += static_cast<char>(0xE0 | (cp >> 12));
        out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    } else {
        out += static_cast<char>(0xF0 | (cp >> 18));
        out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
        out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    }
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
    if (!a[0].is(Kind::Str))
        interp.typeError("ord() expected string of length 1, but " + interp.typeName(a[0]) + " found");
    auto* s = a[0].as<StrObject>();
    if (s->length() != 1)
        interp.typeError("ord() expected a character, but string of length " + std::to_string(s->length()) + " found");
    const auto* bytes = reinterpret_cast<const unsigned char*>(s->text.data());
    std::uint32_t cp = bytes[0];
    if (cp >= 0xF0)
        cp = ((cp & 0x07) << 18) | ((bytes[1] & 0x3F) << 12) | ((bytes[2] & 0x3F) << 6) | (bytes[3] & 0x3F);
    else if (cp >= 0xE0)
        cp = ((cp & 0x0F) << 12) | ((bytes[1] & 0x3F) << 6) | (bytes[2] & 0x3F);
    else if (cp >= 0xC0)
        cp = ((cp & 0x1F) << 6) | (bytes[1] & 0x3F);
    return Value::integer(cp);
}

Value radix(Interpreter& interp, CallArgs& args, const char* name, const char* spec) {
    ArgParser a(interp, args, name, {"number"}, 1);
    if (!a[0].isIntLike())
        interp.typeError("'" + interp.typeName(a[0]) + "' object cannot be interpreted as an integer");
    return interp.str(interp.format(Value::integer(a[0].asInt()), spec));
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
    return interp.newNative(nullptr, "staticmethod", {}, a[0]);
}

Value builtinClassmethod(Interpreter& interp, CallArgs& args) {
    ArgParser a(interp, args, "classmethod", {"function"}, 1);
    return interp.newNative(nullptr, "classmethod", {}, a[0]);
}

Value builtinProperty(Interpreter& interp, CallArgs& args) {
    ArgParser a(interp, args, "property", {"fget", "fset"}, 1);
    return interp.newNative(nullptr, "property", a.has(1) ? a[1] : Value(), a[0]);
}

Value propertySetter(Interpreter& interp, CallArgs& args) {
    if (args.count != 2)
        interp.typeError("setter() takes exactly one argument");
    auto* property = args[0].as<NativeObject>();
    return interp.newNative(nullptr, "property", args[1], property->data);
}

Value builtinVars(Interpreter& interp, CallArgs& args) {
    ArgParser a(interp, args, "vars", {"object"}, 1);
    return interp.getAttr(a[0], interp.intern("__dict__"));
}

Value builtinInput(Interpreter& interp, CallArgs&) {
    interp.raise(interp.exc.runtimeError, "input() is not available: Awaitscope scripts run without a console");
}

// ---- time ----

double seconds(Interpreter& interp) {
    interp.flushCost();
    return interp.hasLoop() ? static_cast<double>(interp.loop().now()) / 1e9 : 0.0;
}

Value timePerfCounter(Interpreter& interp, CallArgs& args) {
    ArgParser a(interp, args, "perf_counter", {}, 0);
    return Value::real(seconds(interp));
}

Value timeTime(Interpreter& interp, CallArgs& args) {
    ArgParser a(interp, args, "time", {}, 0);
    return Value::real(1700000000.0 + seconds(interp));
}

Value timeNs(Interpreter& interp, CallArgs& args) {
    ArgParser a(interp, args, "perf_counter_ns", {}, 0);
    interp.flushCost();
    return Value::integer(interp.hasLoop() ? interp.loop().now() : 0);
}

Value timeTimeNs(Interpreter& interp, CallArgs& args) {
    ArgParser a(interp, args, "time_ns", {}, 0);
    interp.flushCost();
    return Value::integer(1700000000LL * 1000000000LL + (interp.hasLoop() ? interp.loop().now() : 0));
}

Value timeSleep(Interpreter& interp, CallArgs& args) {
    ArgParser a(interp, args, "sleep", {"secs"}, 1);
    if (!a[0].isNumber())
        interp.typeError("'" + interp.typeName(a[0]) + "' object cannot be interpreted as an integer");
    const double secs = a[0].toDouble();
    if (std::isnan(secs))
        interp.valueError("Invalid value NaN (not a number)");
    if (secs < 0)
        interp.valueError("sleep length must be non-negative");
    if (secs > 1e7)
        interp.raise(interp.exc.overflowError, "sleep length is too large");
    interp.flushCost();
    if (interp.hasLoop())
        interp.loop().block(static_cast<TimeNs>(std::llround(secs * 1e9)), BlockKind::Sleep, "time.sleep",
                            interp.currentLocation());
    interp.checkBudget(interp.currentLine());
    return Value::none();
}

// ---- sys ----

Value sysExit(Interpreter& interp, CallArgs& args) {
    ArgParser a(interp, args, "exit", {"status"}, 0);
    std::vector<Value> exitArgs;
    if (a.has(0))
        exitArgs.push_back(a[0]);
    interp.raise(interp.newException(interp.exc.systemExit, std::move(exitArgs)));
}

Value sysGetRecursionLimit(Interpreter& interp, CallArgs&) { return Value::integer(interp.limits().recursionLimit); }

Value sysSetRecursionLimit(Interpreter& interp, CallArgs& args) {
    ArgParser a(interp, args, "setrecursionlimit", {"limit"}, 1);
    return Value::none();
}

Value streamWrite(Interpreter& interp, CallArgs& args) {
    if (args.count != 2 || !args[1].is(Kind::Str))
        interp.typeError("write() argument must be str");
    const std::string& text = args[1].as<StrObject>()->text;
    interp.flushCost();
    if (static_cast<StreamObject*>(args[0].object())->error) {
        interp.writeStderr(text);
    } else {
        interp.writeStdout(text);
        interp.recordOutput(text);
    }
    return Value::integer(static_cast<std::int64_t>(StrObject::countCodePoints(text)));
}

Value streamFlush(Interpreter&, CallArgs&) { return Value::none(); }

Value makeModule(Interpreter& interp, const char* name) {
    auto* module = interp.heap().make<ModuleObject>();
    Value value(module);
    module->name = interp.intern(name);
    module->dict = interp.newDict();
    interp.dictSetStr(module->dict.as<DictObject>(), "__name__", module->name);
    return value;
}

} // namespace

Value newModule(Interpreter& interp, const char* name) { return makeModule(interp, name); }

void Interpreter::setupTypes() {
    types.object = makeClass("object", {}, BuiltinType::Object, makeObject);
    types.type = makeClass("type", {types.object}, BuiltinType::Type, makeType);
    types.noneType = makeClass("NoneType", {types.object}, BuiltinType::NoneType);
    types.intType = makeClass("int", {types.object}, BuiltinType::Int, makeInt);
    types.boolType = makeClass("bool", {types.intType}, BuiltinType::Bool, makeBool);
    types.floatType = makeClass("float", {types.object}, BuiltinType::Float, makeFloat);
    types.strType = makeClass("str", {types.object}, BuiltinType::Str, makeStr);
    types.listType = makeClass("list", {types.object}, BuiltinType::List, makeList);
    types.tupleType = makeClass("tuple", {types.object}, BuiltinType::Tuple, makeTuple);
    types.dictType = makeClass("dict", {types.object}, BuiltinType::Dict, makeDict);
    types.setType = makeClass("set", {types.object}, BuiltinType::Set, makeSet);
    types.rangeType = makeClass("range", {types.object}, BuiltinType::Range, makeRange);
    types.sliceType = makeClass("slice", {types.object}, BuiltinType::Slice, makeSlice);
    types.functionType = makeClass("function", {types.object}, BuiltinType::Function);
    types.builtinFunctionType = makeClass("builtin_function_or_method", {types.object}, BuiltinType::BuiltinFunction);
    types.methodType = makeClass("method", {types.object}, BuiltinType::Method);
    types.moduleType = makeClass("module", {types.object}, BuiltinType::Module);
    types.cellType = makeClass("cell", {types.object}, BuiltinType::Cell);
    types.generatorType = makeClass("generator", {types.object}, BuiltinType::Generator);
    types.coroutineType = makeClass("coroutine", {types.object}, BuiltinType::Coroutine);
    types.superType = makeClass("super", {types.object}, BuiltinType::Super, makeSuper);
    auto iterator = [&](IteratorKind kind, const char* name, NativeFn construct = nullptr) {
        types.iteratorTypes[static_cast<int>(kind)] = makeClass(name, {types.object}, BuiltinType::Iterator, construct);
    };
    iterator(IteratorKind::Range, "range_iterator");
    iterator(IteratorKind::Sequence, "list_iterator");
    iterator(IteratorKind::String, "str_ascii_iterator");
    iterator(IteratorKind::DictKeys, "dict_keyiterator");
    iterator(IteratorKind::DictValues, "dict_valueiterator");
    iterator(IteratorKind::DictItems, "dict_itemiterator");
    iterator(IteratorKind::Set, "set_iterator");
    iterator(IteratorKind::Enumerate, "enumerate", makeEnumerate);
    iterator(IteratorKind::Zip, "zip", makeZip);
    iterator(IteratorKind::Reversed, "reversed", makeReversed);
    iterator(IteratorKind::Map, "map", makeMap);
    iterator(IteratorKind::Filter, "filter", makeFilter);
    iterator(IteratorKind::Callable, "generator");
    types.dictKeysType = makeClass("dict_keys", {types.object}, BuiltinType::Iterator);
    types.dictValuesType = makeClass("dict_values", {types.object}, BuiltinType::Iterator);
    types.dictItemsType = makeClass("dict_items", {types.object}, BuiltinType::Iterator);
    types.streamType = makeClass("TextIOWrapper", {types.object}, BuiltinType::Runtime, nullptr, "_io");
    addMethod(types.streamType, "write", streamWrite);
    addMethod(types.streamType, "flush", streamFlush);
    addMethod(types.builtinFunctionType, "setter", propertySetter);
    installMethods(*this);
    installAsyncioTypes(*this);
}

void Interpreter::setupBuiltins() {
    builtins_ = newDict();
    auto* b = builtins_.as<DictObject>();
    auto fn = [&](const char* name, NativeFn f) { dictSetStr(b, name, newNative(f, name)); };
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
    auto cls = [&](const char* name, ClassObject* c) { dictSetStr(b, name, Value(c)); };
    cls("object", types.object);
    cls("type", types.type);
    cls("int", types.intType);
    cls("bool", types.boolType);
    cls("float", types.floatType);
    cls("str", types.strType);
    cls("list", types.listType);
    cls("tuple", types.tupleType);
    cls("dict", types.dictType);
    cls("set", types.setType);
    cls("frozenset", types.setType);
    cls("range", types.rangeType);
    cls("slice", types.sliceType);
    cls("super", types.superType);
    cls("enumerate", types.iteratorTypes[static_cast<int>(IteratorKind::Enumerate)]);
    cls("zip", types.iteratorTypes[static_cast<int>(IteratorKind::Zip)]);
    cls("reversed", types.iteratorTypes[static_cast<int>(IteratorKind::Reversed)]);
    cls("map", types.iteratorTypes[static_cast<int>(IteratorKind::Map)]);
    cls("filter", types.iteratorTypes[static_cast<int>(IteratorKind::Filter)]);
    dictSetStr(b, "NotImplemented", newNative(nullptr, "NotImplemented"));
    dictSetStr(b, "Ellipsis", newNative(nullptr, "Ellipsis"));
    dictSetStr(b, "None", Value::none());
    dictSetStr(b, "True", Value::boolean(true));
    dictSetStr(b, "False", Value::boolean(false));
    for (ClassObject* e : {exc.baseException, exc.exception, exc.systemExit, exc.keyboardInterrupt, exc.generatorExit,
                           exc.baseExceptionGroup, exc.exceptionGroup, exc.arithmeticError, exc.zeroDivisionError,
                           exc.overflowError, exc.assertionError, exc.attributeError, exc.lookupError, exc.indexError,
                           exc.keyError, exc.nameError, exc.unboundLocalError, exc.runtimeError, exc.recursionError,
                           exc.notImplementedError, exc.typeError, exc.valueError, exc.unicodeError, exc.stopIteration,
                           exc.osError, exc.timeoutError, exc.connectionError, exc.fileNotFoundError, exc.importError,
                           exc.moduleNotFoundError, exc.memoryError, exc.syntaxError, exc.warning, exc.runtimeWarning})
        cls(e->nameText().c_str(), e);
    dictSetStr(b, "EnvironmentError", Value(exc.osError));
    dictSetStr(b, "IOError", Value(exc.osError));
}

Value Interpreter::makeTimeModule() {
    Value module = makeModule(*this, "time");
    auto* d = module.as<ModuleObject>()->dict.as<DictObject>();
    auto fn = [&](const char* name, NativeFn f) { dictSetStr(d, name, newNative(f, name)); };
    fn("sleep", timeSleep);
    fn("perf_counter", timePerfCounter);
    fn("monotonic", timePerfCounter);
    fn("process_time", timePerfCounter);
    fn("time", timeTime);
    fn("perf_counter_ns", timeNs);
    fn("monotonic_ns", timeNs);
    fn("time_ns", timeTimeNs);
    return module;
}

Value Interpreter::makeSysModule() {
    Value module = makeModule(*this, "sys");
    auto* d = module.as<ModuleObject>()->dict.as<DictObject>();
    dictSetStr(d, "stdout", Value(heap_.make<StreamObject>(false)));
    dictSetStr(d, "stderr", Value(heap_.make<StreamObject>(true)));
    dictSetStr(d, "exit", newNative(sysExit, "exit"));
    dictSetStr(d, "getrecursionlimit", newNative(sysGetRecursionLimit, "getrecursionlimit"));
    dictSetStr(d, "setrecursionlimit", newNative(sysSetRecursionLimit, "setrecursionlimit"));
    dictSetStr(d, "argv", newList({str(program_.fileName)}));
    dictSetStr(d, "version", str("3.11.7 (Awaitscope)"));
    dictSetStr(d, "version_info", newTuple({Value::integer(3), Value::integer(11), Value::integer(7)}));
    dictSetStr(d, "platform", str("linux"));
    dictSetStr(d, "maxsize", Value::integer(INT64_MAX));
    return module;
}

Value Interpreter::makeTypingModule() {
    Value module = makeModule(*this, "typing");
    auto* d = module.as<ModuleObject>()->dict.as<DictObject>();
    for (const char* name : {"Any", "Optional", "Union", "List", "Dict", "Tuple", "Set", "Callable", "Awaitable",
                             "Coroutine", "Iterable", "Iterator", "Sequence", "Mapping", "TypeVar", "Generic",
                             "Literal", "Final", "ClassVar", "annotations"})
        dictSetStr(d, name, Value(types.object));
    return module;
}

Value Interpreter::makeRandomModule() {
    raise(exc.moduleNotFoundError, "No module named 'random' (Awaitscope runs are deterministic)");
}

} // namespace awaitscope::script
