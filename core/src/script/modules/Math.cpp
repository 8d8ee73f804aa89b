// The math module: what agent and tutorial code reaches for (ceil for batches, exponential
// backoff, isclose, sqrt), with CPython's results and its error messages.
#include "script/modules/Modules.h"
#include "script/objects/Arguments.h"
#include "script/objects/BigInt.h"
#include "script/objects/Types.h"
#include "script/vm/Interpreter.h"

#include <cmath>
#include <cstdint>
#include <numbers>

namespace awaitscope::script {

namespace {

// A float argument, converted as CPython's PyFloat_AsDouble does for numbers.
double real(Interpreter& interp, const Value& v) {
    if (!v.isNumber() && !v.isBigInt())
        interp.typeError("must be real number, not " + interp.typeName(v));
    return interp.toDouble(v, "x");
}

// An int argument of any size.
const Value& anyInteger(Interpreter& interp, const Value& v) {
    if (!v.isInteger())
        interp.typeError("'" + interp.typeName(v) + "' object cannot be interpreted as an integer");
    return v;
}

// An int argument that must fit in int64 (a count of factors: a larger one is past any budget).
std::int64_t integer(Interpreter& interp, const Value& v, const char* name = nullptr) {
    anyInteger(interp, v);
    if (v.isBigInt()) {
        if (name)
            interp.raise(interp.exc.overflowError, std::string(name) + " must not exceed 9223372036854775807");
        interp.raise(interp.exc.overflowError, "Python int too large to convert to C long");
    }
    return v.asInt();
}

// floor/ceil/trunc of a float give an int of any size.
Value toInt(Interpreter& interp, double x) { return integerFromDouble(interp, x); }

// Checks a result the way CPython's math_1 does: NaN from non-NaN input is a domain error,
// infinity from finite input an overflow.
Value checked(Interpreter& interp, double result, double x, bool infIsDomainError = false) {
    if (std::isnan(result) && !std::isnan(x))
        interp.valueError("math domain error");
    if (std::isinf(result) && std::isfinite(x)) {
        if (infIsDomainError)
            interp.valueError("math domain error");
        interp.raise(interp.exc.overflowError, "math range error");
    }
    return Value::real(result);
}

template <double (*F)(double)>
Value unary(Interpreter& interp, CallArgs& args, const char* name) {
    ArgParser a(interp, args, name, {"x"}, 1);
    const double x = real(interp, a[0]);
    return checked(interp, F(x), x);
}

#define MATH_UNARY(fn, cname) \
    Value math_##fn(Interpreter& interp, CallArgs& args) { return unary<cname>(interp, args, #fn); }
// Logarithms: infinity from a finite argument (log of 0) is a domain error, not an overflow.
#define MATH_LOG(fn, cname)                                         \
    Value math_##fn(Interpreter& interp, CallArgs& args) {          \
        ArgParser a(interp, args, #fn, {"x"}, 1);                   \
        return Value::real(logarithm<cname>(interp, a[0]));         \
    }

double sqrtOf(double x) { return x < 0 ? std::nan("") : std::sqrt(x); }
double logOf(double x) { return x < 0 ? std::nan("") : x == 0 ? -INFINITY : std::log(x); }
double log2Of(double x) { return x < 0 ? std::nan("") : x == 0 ? -INFINITY : std::log2(x); }
double log10Of(double x) { return x < 0 ? std::nan("") : x == 0 ? -INFINITY : std::log10(x); }
double expOf(double x) { return std::exp(x); }
double sinOf(double x) { return std::isinf(x) ? std::nan("") : std::sin(x); }
double cosOf(double x) { return std::isinf(x) ? std::nan("") : std::cos(x); }
double tanOf(double x) { return std::isinf(x) ? std::nan("") : std::tan(x); }
double atanOf(double x) { return std::atan(x); }
double fabsOf(double x) { return std::fabs(x); }
double degreesOf(double x) { return x * (180.0 / std::numbers::pi); }
double radiansOf(double x) { return x * (std::numbers::pi / 180.0); }

// The logarithm of a number, an int of any size included: one past float range (10**400) is
// mantissa * 2**exponent, and its logarithm F(mantissa) + exponent * F(2), as CPython takes it.
template <double (*F)(double)>
double logarithm(Interpreter& interp, const Value& x) {
    if (x.isBigInt()) {
        if (integerSign(x) < 0)
            interp.valueError("math domain error");
        std::int64_t exponent = 0;
        const double mantissa = integerFrexp(x, exponent);
        if (exponent <= 1024)  // float(x) is finite
            return F(std::ldexp(mantissa, static_cast<int>(exponent)));
        return F(mantissa) + F(2.0) * static_cast<double>(exponent);
    }
    const double d = real(interp, x);
    return checked(interp, F(d), d, true).asFloat();
}

MATH_UNARY(sqrt, sqrtOf)
MATH_UNARY(exp, expOf)
MATH_LOG(log2, log2Of)
MATH_LOG(log10, log10Of)
MATH_UNARY(sin, sinOf)
MATH_UNARY(cos, cosOf)
MATH_UNARY(tan, tanOf)
MATH_UNARY(atan, atanOf)
MATH_UNARY(fabs, fabsOf)
MATH_UNARY(degrees, degreesOf)
MATH_UNARY(radians, radiansOf)
#undef MATH_UNARY
#undef MATH_LOG

Value math_log(Interpreter& interp, CallArgs& args) {
    ArgParser a(interp, args, "log", {"x", "base"}, 1);
    const double result = logarithm<logOf>(interp, a[0]);
    if (!a.has(1))
        return Value::real(result);
    const double denominator = logarithm<logOf>(interp, a[1]);
    if (denominator == 0)
        interp.raise(interp.exc.zeroDivisionError, "float division by zero");
    return Value::real(result / denominator);
}

Value math_pow(Interpreter& interp, CallArgs& args) {
    ArgParser a(interp, args, "pow", {"x", "y"}, 2);
    const double x = real(interp, a[0]);
    const double y = real(interp, a[1]);
    if (x == 0 && y < 0)
        interp.valueError("math domain error");
    if (x < 0 && std::isfinite(y) && y != std::floor(y))
        interp.valueError("math domain error");
    const double r = std::pow(x, y);
    if (std::isinf(r) && std::isfinite(x) && std::isfinite(y))
        interp.raise(interp.exc.overflowError, "math range error");
    return Value::real(r);
}

Value math_atan2(Interpreter& interp, CallArgs& args) {
    ArgParser a(interp, args, "atan2", {"y", "x"}, 2);
    return Value::real(std::atan2(real(interp, a[0]), real(interp, a[1])));
}

Value math_hypot(Interpreter& interp, CallArgs& args) {
    noKeywords(interp, args, "hypot");
    double sum = 0;
    bool infinite = false;
    for (int i = 0; i < args.count; ++i) {
        const double v = real(interp, args[i]);
        infinite = infinite || std::isinf(v);
        sum += v * v;
    }
    return Value::real(infinite ? INFINITY : std::sqrt(sum));
}

Value math_copysign(Interpreter& interp, CallArgs& args) {
    ArgParser a(interp, args, "copysign", {"x", "y"}, 2);
    return Value::real(std::copysign(real(interp, a[0]), real(interp, a[1])));
}

Value rounding(Interpreter& interp, CallArgs& args, const char* name, double (*round)(double)) {
    ArgParser a(interp, args, name, {"x"}, 1);
    if (a[0].isIntLike())
        return Value::integer(a[0].asInt());
    if (a[0].isBigInt())
        return a[0];
    return toInt(interp, round(real(interp, a[0])));
}

Value math_floor(Interpreter& interp, CallArgs& args) { return rounding(interp, args, "floor", [](double x) { return std::floor(x); }); }
Value math_ceil(Interpreter& interp, CallArgs& args) { return rounding(interp, args, "ceil", [](double x) { return std::ceil(x); }); }
Value math_trunc(Interpreter& interp, CallArgs& args) { return rounding(interp, args, "trunc", [](double x) { return std::trunc(x); }); }

Value math_isnan(Interpreter& interp, CallArgs& args) {
    ArgParser a(interp, args, "isnan", {"x"}, 1);
    return Value::boolean(std::isnan(real(interp, a[0])));
}

Value math_isinf(Interpreter& interp, CallArgs& args) {
    ArgParser a(interp, args, "isinf", {"x"}, 1);
    return Value::boolean(std::isinf(real(interp, a[0])));
}

Value math_isfinite(Interpreter& interp, CallArgs& args) {
    ArgParser a(interp, args, "isfinite", {"x"}, 1);
    return Value::boolean(std::isfinite(real(interp, a[0])));
}

// math.isclose as CPython computes it (PEP 485): symmetric relative tolerance, or absolute.
Value math_isclose(Interpreter& interp, CallArgs& args) {
    ArgParser a(interp, args, "isclose", {"a", "b", "rel_tol", "abs_tol"}, 2);
    const double x = real(interp, a[0]);
    const double y = real(interp, a[1]);
    const double relTol = a.has(2) ? real(interp, a[2]) : 1e-09;
    const double absTol = a.has(3) ? real(interp, a[3]) : 0.0;
    if (relTol < 0 || absTol < 0)
        interp.valueError("tolerances must be non-negative");
    if (x == y)
        return Value::boolean(true);
    if (std::isinf(x) || std::isinf(y))
        return Value::boolean(false);
    const double diff = std::fabs(y - x);
    return Value::boolean((diff <= std::fabs(relTol * y)) || (diff <= std::fabs(relTol * x)) || diff <= absTol);
}

Value math_gcd(Interpreter& interp, CallArgs& args) {
    noKeywords(interp, args, "gcd");
    Value result = Value::integer(0);
    for (int i = 0; i < args.count; ++i)
        result = integerGcd(interp, result, anyInteger(interp, args[i]));
    return result;
}

Value math_lcm(Interpreter& interp, CallArgs& args) {
    noKeywords(interp, args, "lcm");
    Value result = Value::integer(1);
    for (int i = 0; i < args.count; ++i)
        result = integerLcm(interp, result, anyInteger(interp, args[i]));
    return result;
}

Value math_factorial(Interpreter& interp, CallArgs& args) {
    ArgParser a(interp, args, "factorial", {"n"}, 1);
    if (a[0].isFloat())
        interp.typeError("'float' object cannot be interpreted as an integer");
    if (a[0].isBigInt() && integerSign(a[0]) > 0)
        interp.raise(interp.exc.overflowError, "factorial() argument should not exceed 9223372036854775807");
    const std::int64_t n = a[0].isBigInt() ? -1 : integer(interp, a[0]);
    if (n < 0)
        interp.valueError("factorial() not defined for negative values");
    return integerFactorial(interp, n);
}

Value combinations(Interpreter& interp, const Value& nValue, const Value& kValue, bool choose) {
    if (integerSign(anyInteger(interp, nValue)) < 0)
        interp.valueError("n must be a non-negative integer");
    if (integerSign(anyInteger(interp, kValue)) < 0)
        interp.valueError("k must be a non-negative integer");
    if (interp.lessThan(nValue, kValue))
        return Value::integer(0);
    const std::int64_t n = integer(interp, nValue, "n");
    const std::int64_t k = integer(interp, kValue, "k");
    return choose ? integerComb(interp, n, k) : integerPerm(interp, n, k);
}

Value math_comb(Interpreter& interp, CallArgs& args) {
    ArgParser a(interp, args, "comb", {"n", "k"}, 2);
    return combinations(interp, a[0], a[1], true);
}

Value math_perm(Interpreter& interp, CallArgs& args) {
    ArgParser a(interp, args, "perm", {"n", "k"}, 1);
    return combinations(interp, a[0], a.has(1) && !a[1].isNone() ? a[1] : a[0], false);
}

Value math_isqrt(Interpreter& interp, CallArgs& args) {
    ArgParser a(interp, args, "isqrt", {"n"}, 1);
    return integerIsqrt(interp, anyInteger(interp, a[0]));
}

Value math_prod(Interpreter& interp, CallArgs& args) {
    ArgParser a(interp, args, "prod", {"iterable", "start"}, 1);
    Value total = a.has(1) ? a[1] : Value::integer(1);
    Value iterator = interp.getIter(a[0]);
    Value item;
    while (interp.next(iterator, item)) {
        interp.chargeOps(2);
        total = interp.binary(BinaryOp::Mul, total, item);
    }
    return total;
}

// Neumaier's compensated sum: exact where the usual float sum loses the small terms
// (CPython's fsum is exact in all cases; this agrees on everyday inputs).
Value math_fsum(Interpreter& interp, CallArgs& args) {
    ArgParser a(interp, args, "fsum", {"seq"}, 1);
    double sum = 0, compensation = 0;
    Value iterator = interp.getIter(a[0]);
    Value item;
    while (interp.next(iterator, item)) {
        interp.chargeOps(2);
        const double v = real(interp, item);
        const double t = sum + v;
        compensation += std::fabs(sum) >= std::fabs(v) ? (sum - t) + v : (v - t) + sum;
        sum = t;
    }
    return Value::real(sum + compensation);
}

Value math_modf(Interpreter& interp, CallArgs& args) {
    ArgParser a(interp, args, "modf", {"x"}, 1);
    double whole = 0;
    const double fraction = std::modf(real(interp, a[0]), &whole);
    return interp.newTuple({Value::real(fraction), Value::real(whole)});
}

} // namespace

Value makeMathModule(Interpreter& interp) {
    Value module = newModule(interp, "math");
    auto fn = [&](const char* name, NativeFn f) { addFunction(interp, module, name, f); };
    fn("sqrt", math_sqrt);
    fn("exp", math_exp);
    fn("log", math_log);
    fn("log2", math_log2);
    fn("log10", math_log10);
    fn("pow", math_pow);
    fn("sin", math_sin);
    fn("cos", math_cos);
    fn("tan", math_tan);
    fn("atan", math_atan);
    fn("atan2", math_atan2);
    fn("hypot", math_hypot);
    fn("fabs", math_fabs);
    fn("copysign", math_copysign);
    fn("degrees", math_degrees);
    fn("radians", math_radians);
    fn("floor", math_floor);
    fn("ceil", math_ceil);
    fn("trunc", math_trunc);
    fn("isnan", math_isnan);
    fn("isinf", math_isinf);
    fn("isfinite", math_isfinite);
    fn("isclose", math_isclose);
    fn("gcd", math_gcd);
    fn("lcm", math_lcm);
    fn("factorial", math_factorial);
    fn("comb", math_comb);
    fn("perm", math_perm);
    fn("isqrt", math_isqrt);
    fn("prod", math_prod);
    fn("fsum", math_fsum);
    fn("modf", math_modf);
    addValue(interp, module, "pi", Value::real(std::numbers::pi));
    addValue(interp, module, "e", Value::real(std::numbers::e));
    addValue(interp, module, "tau", Value::real(2 * std::numbers::pi));
    addValue(interp, module, "inf", Value::real(INFINITY));
    addValue(interp, module, "nan", Value::real(NAN));
    return module;
}

} // namespace awaitscope::script
