// float: a double held inline in a Value. Arithmetic with Python's rules for division,
// modulo and powers; repr is in objects/Format.cpp.
#include "script/objects/Types.h"
#include "script/objects/Unicode.h"
#include "script/vm/Interpreter.h"

#include <cctype>
#include <cmath>
#include <cstdlib>

namespace awaitscope::script {

void floatDivmod(double a, double b, double& div, double& mod) {
    mod = std::fmod(a, b);
    div = (a - mod) / b;
    if (mod != 0) {
        if ((b < 0) != (mod < 0)) {
            mod += b;
            div -= 1.0;
        }
    } else {
        mod = std::copysign(0.0, b);
    }
    if (div != 0) {
        double floorDiv = std::floor(div);
        if (div - floorDiv > 0.5)
            floorDiv += 1.0;
        div = floorDiv;
    } else {
        div = std::copysign(0.0, a / b);
    }
}

Value floatBinary(Interpreter& interp, BinaryOp op, const Value& a, const Value& b, bool inplace) {
    const double x = a.toDouble();
    const double y = b.toDouble();
    switch (op) {
    case BinaryOp::Add: return Value::real(x + y);
    case BinaryOp::Sub: return Value::real(x - y);
    case BinaryOp::Mul: return Value::real(x * y);
    case BinaryOp::TrueDiv:
        if (y == 0)
            interp.raise(interp.exc.zeroDivisionError, "float division by zero");
        return Value::real(x / y);
    case BinaryOp::FloorDiv: {
        if (y == 0)
            interp.raise(interp.exc.zeroDivisionError, "float floor division by zero");
        double div, mod;
        floatDivmod(x, y, div, mod);
        return Value::real(div);
    }
    case BinaryOp::Mod: {
        if (y == 0)
            interp.raise(interp.exc.zeroDivisionError, "float modulo");
        double div, mod;
        floatDivmod(x, y, div, mod);
        return Value::real(mod);
    }
    case BinaryOp::Pow: {
        if (x == 0 && y < 0)
            interp.raise(interp.exc.zeroDivisionError, "0.0 cannot be raised to a negative power");
        if (x < 0 && y != std::floor(y))
            interp.valueError("negative number cannot be raised to a fractional power (complex numbers are not "
                              "supported by Awaitscope)");
        const double r = std::pow(x, y);
        if (std::isinf(r) && !std::isinf(x) && !std::isinf(y))
            interp.raise(interp.newException(interp.exc.overflowError,
                                             {Value::integer(34), interp.str("Numerical result out of range")}));
        return Value::real(r);
    }
    default: unsupportedOperands(interp, op, a, b, inplace);
    }
}

namespace {

bool parseFloat(const std::string& raw, double& out) {
    std::string text = stripWhitespace(raw);
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

Value makeFloat(Interpreter& interp, CallArgs& args) {
    ArgParser a(interp, args, "float", {"cls", "x"}, 1);
    if (!a.has(1))
        return Value::real(0.0);
    const Value& x = a[1];
    if (x.isNumber())
        return Value::real(x.toDouble());
    if (x.isBigInt())
        return Value::real(interp.toDouble(x, "float()"));
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

Value floatIsInteger(Interpreter& interp, CallArgs& args) {
    argCount(interp, args, "is_integer", 0, 0);
    const double d = args[0].asFloat();
    return Value::boolean(std::isfinite(d) && d == std::floor(d));
}

constexpr TypeSlots kFloatSlots{};

} // namespace

void installFloatType(Interpreter& interp) {
    auto& t = interp.types;
    t.floatType = interp.makeClass("float", {t.object}, BuiltinType::Float, kFloatSlots, makeFloat);
    interp.addMethod(t.floatType, "is_integer", floatIsInteger);
}

} // namespace awaitscope::script
