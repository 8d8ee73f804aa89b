#pragma once

// Ints too large for int64, as GMP integers on the heap (CPython's Objects/longobject.c). An
// int that fits in int64 is always held inline in its Value, and a big result that fits again
// is made inline: one value has one form, so equality, hashing and dict keys need not ask
// which. gmp.h is private to core: only the files that compute with big ints include this.
#include "script/objects/IntDigitLimit.h"
#include "script/objects/Operators.h"
#include "script/objects/Value.h"

#include <gmp.h>

#include <cstdint>
#include <string>
#include <string_view>

namespace awaitscope::script {

class Interpreter;

struct BigIntObject final : Object {
    // Takes the value of `from`, leaving it zero.
    explicit BigIntObject(mpz_t from) : Object(Kind::BigInt) {
        mpz_init(value);
        mpz_swap(value, from);
    }
    ~BigIntObject() override { mpz_clear(value); }
    std::size_t footprint() const override { return sizeof(BigIntObject) + mpz_size(value) * sizeof(mp_limb_t); }
    mpz_t value;
};

// An mpz_t for the length of a computation.
class Mpz {
public:
    Mpz() { mpz_init(z); }
    explicit Mpz(const Value& integer);  // an int of any size (or a bool)
    Mpz(const Mpz&) = delete;
    Mpz& operator=(const Mpz&) = delete;
    ~Mpz() { mpz_clear(z); }
    mpz_ptr get() { return z; }
    mpz_srcptr get() const { return z; }

private:
    mpz_t z;
};

// The int `z` holds: inline when it fits in int64, else a new big int (z is left zero).
Value integerValue(Interpreter& interp, Mpz& z);
// a OP b for two ints of any size (objects/Int.cpp comes here when an inline result overflows).
Value bigBinary(Interpreter& interp, BinaryOp op, const Value& a, const Value& b, bool inplace);
// -x, ~x and abs(x) for an int of any size.
Value integerNegate(Interpreter& interp, const Value& x);
Value integerInvert(Interpreter& interp, const Value& x);
Value integerAbs(Interpreter& interp, const Value& x);
// Comparing a big int with a number of any kind, exactly (a float is not rounded to compare).
// Empty when `other` is no number.
Value bigCompare(Interpreter& interp, CompareOp op, const Value& big, const Value& other, bool bigOnLeft);
bool bigEquals(const Value& a, const Value& b);
// The interpreter's hash of a big int: that of the float it equals, if it equals one.
std::size_t bigHash(Interpreter& interp, const Value& big);
// What CPython's hash() gives for an int, or for a float that is integral.
std::int64_t cpythonIntegerHash(const Value& integer);
std::int64_t cpythonFloatHash(double d);  // any float, as CPython 3.11 hashes it (a NaN as 0)
// float(x), correctly rounded; OverflowError as CPython's when it does not fit.
double integerToDouble(Interpreter& interp, const Value& integer);
// int(x) of a finite float, of any size.
Value integerFromDouble(Interpreter& interp, double d);
// The digits of |x| in base 2, 8, 10 or 16 (lower case); decimal text past the run's limit
// (sys.set_int_max_str_digits) raises CPython's ValueError.
std::string integerDigits(Interpreter& interp, const Value& x, int base);
std::string integerRepr(Interpreter& interp, const Value& x);
// Digits in `base` (no sign, prefix or underscores) as an int; more digits than the run's
// limit in a base that is no power of two raise CPython's ValueError.
Value integerFromDigits(Interpreter& interp, const std::string& digits, int base, bool negative);
// pow(base, exp, mod) for ints of any size, negative exponents by the modular inverse.
Value integerPowMod(Interpreter& interp, const Value& base, const Value& exp, const Value& mod);
// int.to_bytes: `length` bytes of two's complement, OverflowError as CPython's when x does not
// fit (or is negative and not `isSigned`).
std::string integerToBytes(Interpreter& interp, const Value& x, std::int64_t length, bool littleEndian, bool isSigned);
// int.from_bytes, of any length.
Value integerFromBytes(Interpreter& interp, std::string_view bytes, bool littleEndian, bool isSigned);
// x == mantissa * 2**exponent with mantissa in [0.5, 1) rounded to 53 bits, for an int x > 0
// of any size: what math.log takes of an int too large for a float.
double integerFrexp(const Value& x, std::int64_t& exponent);
// int.bit_length()
std::int64_t integerBitLength(const Value& x);
// The int ops that scripts reach through modules (math).
Value integerFactorial(Interpreter& interp, std::int64_t n);
Value integerComb(Interpreter& interp, std::int64_t n, std::int64_t k);
Value integerPerm(Interpreter& interp, std::int64_t n, std::int64_t k);
Value integerGcd(Interpreter& interp, const Value& a, const Value& b);
Value integerLcm(Interpreter& interp, const Value& a, const Value& b);
Value integerIsqrt(Interpreter& interp, const Value& n);
int integerSign(const Value& x);

} // namespace awaitscope::script
