// int and bool (bool is an int subclass). Ints that fit in int64 are held inline in a Value:
// the machine adds, subtracts and multiplies them itself, everything else comes here. A result
// that does not fit becomes a big int (objects/BigInt.cpp), whose operators are this type's slots.
#include "script/objects/BigInt.h"
#include "script/objects/Types.h"
#include "script/objects/Unicode.h"
#include "script/vm/Interpreter.h"

#include <cctype>
#include <cmath>

namespace awaitscope::script {

Value intBinary(Interpreter& interp, BinaryOp op, const Value& a, const Value& b, bool inplace) {
    const std::int64_t x = a.asInt();
    const std::int64_t y = b.asInt();
    std::int64_t r = 0;
    switch (op) {
    case BinaryOp::Add:
        if (__builtin_add_overflow(x, y, &r))
            break;
        return Value::integer(r);
    case BinaryOp::Sub:
        if (__builtin_sub_overflow(x, y, &r))
            break;
        return Value::integer(r);
    case BinaryOp::Mul:
        if (__builtin_mul_overflow(x, y, &r))
            break;
        return Value::integer(r);
    case BinaryOp::TrueDiv:
        if (y == 0)
            interp.raise(interp.exc.zeroDivisionError, "division by zero");
        return Value::real(static_cast<double>(x) / static_cast<double>(y));
    case BinaryOp::FloorDiv: {
        if (y == 0)
            interp.raise(interp.exc.zeroDivisionError, "integer division or modulo by zero");
        if (x == INT64_MIN && y == -1)
            break;
        std::int64_t q = x / y;
        if ((x % y != 0) && ((x < 0) != (y < 0)))
            --q;
        return Value::integer(q);
    }
    case BinaryOp::Mod: {
        if (y == 0)
            interp.raise(interp.exc.zeroDivisionError, "integer modulo by zero");
        if (y == -1)
            return Value::integer(0);
        std::int64_t m = x % y;
        if (m != 0 && ((m < 0) != (y < 0)))
            m += y;
        return Value::integer(m);
    }
    case BinaryOp::Pow: {
        if (y < 0) {
            if (x == 0)
                interp.raise(interp.exc.zeroDivisionError, "0.0 cannot be raised to a negative power");
            return Value::real(std::pow(static_cast<double>(x), static_cast<double>(y)));
        }
        std::int64_t result = 1;
        std::int64_t base = x;
        std::int64_t e = y;
        bool overflow = false;
        while (e > 0) {
            if (e & 1)
                overflow |= __builtin_mul_overflow(result, base, &result);
            e >>= 1;
            if (e > 0)
                overflow |= __builtin_mul_overflow(base, base, &base);
            if (overflow)
                break;
        }
        if (overflow)
            break;
        return Value::integer(result);
    }
    case BinaryOp::LShift:
        if (y < 0)
            interp.valueError("negative shift count");
        if (y >= 63 || (x != 0 && (x > (INT64_MAX >> y) || x < (INT64_MIN >> y))))
            break;
        return Value::integer(static_cast<std::int64_t>(static_cast<std::uint64_t>(x) << y));
    case BinaryOp::RShift:
        if (y < 0)
            interp.valueError("negative shift count");
        return Value::integer(y >= 63 ? (x < 0 ? -1 : 0) : x >> y);
    case BinaryOp::BitAnd:
        return a.isBool() && b.isBool() ? Value::boolean((x & y) != 0) : Value::integer(x & y);
    case BinaryOp::BitOr:
        return a.isBool() && b.isBool() ? Value::boolean((x | y) != 0) : Value::integer(x | y);
    case BinaryOp::BitXor:
        return a.isBool() && b.isBool() ? Value::boolean((x ^ y) != 0) : Value::integer(x ^ y);
    case BinaryOp::MatMul:
        unsupportedOperands(interp, op, a, b, inplace);
    }
    return bigBinary(interp, op, a, b, inplace);
}

namespace {

__extension__ typedef unsigned __int128 UInt128;

// int(str, base) as CPython parses it (underscores between digits, optional sign and prefix).
// On overflow, `digits` and `base` say what the big int is.
bool parseInt(const std::string& raw, int& base, std::int64_t& out, bool& overflow, std::string& digits, bool& negative) {
    std::string text = stripWhitespace(raw);
    overflow = false;
    if (text.empty())
        return false;
    negative = false;
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
        digits += c;
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

Value parseIntOrRaise(Interpreter& interp, const Value& text, int base) {
    std::int64_t value = 0;
    bool overflow = false;
    bool negative = false;
    std::string digits;
    const int asked = base;
    if (!parseInt(text.as<StrObject>()->text, base, value, overflow, digits, negative))
        interp.valueError("invalid literal for int() with base " + std::to_string(asked) + ": " + interp.repr(text));
    if (overflow)
        return integerFromDigits(interp, digits, base, negative);
    return Value::integer(value);
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
        return parseIntOrRaise(interp, x, static_cast<int>(base));
    }
    if (x.isIntLike())
        return Value::integer(x.asInt());
    if (x.isBigInt())
        return x;
    if (x.isFloat())
        return integerFromDouble(interp, x.asFloat());
    if (x.is(Kind::Str))
        return parseIntOrRaise(interp, x, 10);
    if (x.is(Kind::Instance)) {
        Value method = interp.lookupClass(x.as<InstanceObject>()->klass(), interp.intern("__int__"));
        if (!method.empty())
            return interp.call(method, {x});
    }
    interp.typeError("int() argument must be a string, a bytes-like object or a real number, not '" + interp.typeName(x) +
                     "'");
}

Value makeBool(Interpreter& interp, CallArgs& args) {
    ArgParser a(interp, args, "bool", {"cls", "x"}, 1);
    return Value::boolean(a.has(1) && interp.truthy(a[1]));
}

Value intBitLength(Interpreter& interp, CallArgs& args) {
    argCount(interp, args, "bit_length", 0, 0);
    return Value::integer(integerBitLength(args[0]));
}

// The slots serve big ints only: inline ints and bools are handled by objects/Operations.cpp
// before any slot is asked.
std::string bigRepr(Interpreter& interp, const Value& v) { return integerRepr(interp, v); }

std::size_t bigHashSlot(Interpreter& interp, const Value& v) { return bigHash(interp, v); }

Value bigBinarySlot(Interpreter& interp, BinaryOp op, const Value& a, const Value& b, bool inplace) {
    if (b.isInteger())
        return bigBinary(interp, op, a, b, inplace);
    if (b.isFloat())
        return floatBinary(interp, op, Value::real(integerToDouble(interp, a)), b, inplace);
    return {};
}

Value bigReflectedBinary(Interpreter& interp, BinaryOp op, const Value& a, const Value& b) {
    if (a.isInteger())
        return bigBinary(interp, op, a, b, false);
    if (a.isFloat())
        return floatBinary(interp, op, a, Value::real(integerToDouble(interp, b)), false);
    return {};
}

bool bigEqualsSlot(Interpreter&, const Value& a, const Value& b) { return bigEquals(a, b); }

Value bigCompareSlot(Interpreter& interp, CompareOp op, const Value& a, const Value& b) {
    return bigCompare(interp, op, a, b, true);
}

Value bigReflectedCompare(Interpreter& interp, CompareOp op, const Value& a, const Value& b) {
    return bigCompare(interp, op, b, a, false);
}

constexpr TypeSlots kIntSlots{
    .repr = bigRepr,
    .hash = bigHashSlot,
    .binary = bigBinarySlot,
    .reflectedBinary = bigReflectedBinary,
    .equals = bigEqualsSlot,
    .compare = bigCompareSlot,
    .reflectedCompare = bigReflectedCompare,
};

} // namespace

void installIntTypes(Interpreter& interp) {
    auto& t = interp.types;
    t.intType = interp.makeClass("int", {t.object}, BuiltinType::Int, kIntSlots, makeInt);
    t.boolType = interp.makeClass("bool", {t.intType}, BuiltinType::Bool, kIntSlots, makeBool);
    interp.addMethod(t.intType, "bit_length", intBitLength);
}

} // namespace awaitscope::script
