// Ints beyond int64 with GMP, as CPython's longobject.c computes them. Work that grows with
// the size of the numbers is charged to the run before GMP does it, and a result that would
// not fit in the memory budget is refused before it is allocated: 10**10**8 stops with the
// budget's error instead of holding the run for seconds.
#include "script/objects/BigInt.h"
#include "script/objects/Types.h"
#include "script/vm/Interpreter.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstring>

namespace awaitscope::script {

Mpz::Mpz(const Value& integer) {
    if (integer.isBigInt()) {
        mpz_init_set(z, integer.as<BigIntObject>()->value);
    } else {
        mpz_init(z);
        const std::int64_t v = integer.asInt();
        // mpz_set_si takes a long, which is 64-bit on the platforms we build for.
        static_assert(sizeof(long) == sizeof(std::int64_t));
        mpz_set_si(z, static_cast<long>(v));
    }
}

namespace {

// CPython's hash modulus on 64-bit platforms: 2**61 - 1.
constexpr std::uint64_t kHashModulus = (std::uint64_t{1} << 61) - 1;

mpz_srcptr view(const Value& v, Mpz& scratch) {
    if (v.isBigInt())
        return v.as<BigIntObject>()->value;
    mpz_set_si(scratch.get(), static_cast<long>(v.asInt()));
    return scratch.get();
}

std::size_t bitsOf(mpz_srcptr z) { return mpz_sgn(z) == 0 ? 0 : mpz_sizeinbase(z, 2); }

// GMP's work in the interpreter's operations (5 ns of virtual time each). A limb operation
// takes about a nanosecond; past a few thousand limbs a product takes about 3 n log2 n
// operations (measured: 10**10**8, 5.2 million limbs, in 2 s).
std::uint64_t linearOps(std::size_t limbs) { return limbs / 4; }
std::uint64_t productOps(std::size_t a, std::size_t b) {
    const double schoolbook = static_cast<double>(a) * static_cast<double>(b) / 16;
    const double n = static_cast<double>(a + b);
    const double fast = n > 2 ? 3 * n * std::log2(n) : n;
    return static_cast<std::uint64_t>(std::min(schoolbook, fast));
}

void charge(Interpreter& interp, std::uint64_t ops) {
    if (ops > 0)
        interp.chargeOps(ops);
}

// A result of `bits` is refused before GMP allocates it when it would not fit the budget.
void reserveBits(Interpreter& interp, double bits) {
    if (bits > 8.0 * 65536)
        interp.reserveMemory(bits / 8);
}

std::size_t limbsOf(mpz_srcptr z) { return mpz_size(z); }

// |z| >> shift as a double correctly rounded (round half to even): 55 bits are kept and any
// bit dropped below them is folded into the last one, which then rounds as the dropped bits
// would have.
double roundedScaled(mpz_srcptr magnitude, std::size_t bits, long& exponent) {
    if (bits <= 64) {
        exponent = 0;
        return static_cast<double>(mpz_get_ui(magnitude));
    }
    const std::size_t shift = bits - 55;
    Mpz top;
    mpz_tdiv_q_2exp(top.get(), magnitude, shift);
    std::uint64_t q = mpz_get_ui(top.get());
    if (mpz_scan1(magnitude, 0) < shift)
        q |= 1;
    exponent = static_cast<long>(shift);
    return static_cast<double>(q);
}

Value floatOf(Interpreter& interp, const Value& v) {
    return v.isFloat() ? v : Value::real(integerToDouble(interp, v));
}

[[noreturn]] void tooManyDigits(Interpreter& interp) {
    interp.raise(interp.exc.overflowError, "too many digits in integer");
}

double trueDivide(Interpreter& interp, mpz_srcptr x, mpz_srcptr y) {
    if (mpz_sgn(y) == 0)
        interp.raise(interp.exc.zeroDivisionError, "division by zero");
    const std::size_t bx = bitsOf(x);
    const std::size_t by = bitsOf(y);
    if (bx <= 53 && by <= 53)
        return mpz_get_d(x) / mpz_get_d(y);
    // q = |x| * 2**shift / |y| with at least 55 bits, the remainder folded into its last bit.
    const long shift = 55 + static_cast<long>(by) - static_cast<long>(bx);
    Mpz num, den, q, r;
    mpz_abs(num.get(), x);
    mpz_abs(den.get(), y);
    if (shift > 0)
        mpz_mul_2exp(num.get(), num.get(), static_cast<mp_bitcnt_t>(shift));
    else
        mpz_mul_2exp(den.get(), den.get(), static_cast<mp_bitcnt_t>(-shift));
    charge(interp, productOps(limbsOf(num.get()), limbsOf(den.get())));
    mpz_tdiv_qr(q.get(), r.get(), num.get(), den.get());
    // q has 55 or 56 bits: converting it with the remainder folded into its last bit rounds once.
    const double d = static_cast<double>(mpz_get_ui(q.get()) | (mpz_sgn(r.get()) != 0 ? 1 : 0));
    const double result = std::ldexp(d, static_cast<int>(-shift));
    if (std::isinf(result))
        interp.raise(interp.exc.overflowError, "integer division result too large for a float");
    return (mpz_sgn(x) < 0) != (mpz_sgn(y) < 0) ? -result : result;
}

} // namespace

Value integerValue(Interpreter& interp, Mpz& z) {
    if (mpz_fits_slong_p(z.get()))
        return Value::integer(mpz_get_si(z.get()));
    return Value(interp.heap().make<BigIntObject>(z.get()));
}

int integerSign(const Value& x) {
    if (x.isBigInt())
        return mpz_sgn(x.as<BigIntObject>()->value);
    return x.asInt() > 0 ? 1 : x.asInt() < 0 ? -1 : 0;
}

Value bigBinary(Interpreter& interp, BinaryOp op, const Value& a, const Value& b, bool inplace) {
    Mpz sa, sb, r;
    mpz_srcptr x = view(a, sa);
    mpz_srcptr y = view(b, sb);
    const std::size_t lx = limbsOf(x);
    const std::size_t ly = limbsOf(y);
    switch (op) {
    case BinaryOp::Add:
    case BinaryOp::Sub:
        reserveBits(interp, static_cast<double>(std::max(bitsOf(x), bitsOf(y)) + 1));
        charge(interp, linearOps(lx + ly));
        if (op == BinaryOp::Add)
            mpz_add(r.get(), x, y);
        else
            mpz_sub(r.get(), x, y);
        break;
    case BinaryOp::Mul:
        reserveBits(interp, static_cast<double>(bitsOf(x) + bitsOf(y)));
        charge(interp, productOps(lx, ly));
        mpz_mul(r.get(), x, y);
        break;
    case BinaryOp::TrueDiv: return Value::real(trueDivide(interp, x, y));
    case BinaryOp::FloorDiv:
    case BinaryOp::Mod:
        if (mpz_sgn(y) == 0)
            interp.raise(interp.exc.zeroDivisionError,
                         op == BinaryOp::Mod ? "integer modulo by zero" : "integer division or modulo by zero");
        charge(interp, 2 * productOps(lx > ly ? lx - ly : 1, ly));
        // Python rounds toward negative infinity: GMP's fdiv.
        if (op == BinaryOp::FloorDiv)
            mpz_fdiv_q(r.get(), x, y);
        else
            mpz_fdiv_r(r.get(), x, y);
        break;
    case BinaryOp::Pow: {
        if (mpz_sgn(y) < 0)
            return floatBinary(interp, op, floatOf(interp, a), floatOf(interp, b), inplace);
        // 0, 1 and -1 stay small whatever the exponent.
        if (mpz_cmpabs_ui(x, 1) <= 0) {
            if (mpz_sgn(x) >= 0 || mpz_even_p(y))
                return Value::integer(mpz_sgn(x) == 0 ? (mpz_sgn(y) == 0 ? 1 : 0) : 1);
            return Value::integer(-1);
        }
        if (!mpz_fits_ulong_p(y))
            interp.reserveMemory(static_cast<double>(bitsOf(x) - 1) * mpz_get_d(y) / 8);
        const unsigned long e = mpz_get_ui(y);
        const double bits = static_cast<double>(bitsOf(x) - 1) * static_cast<double>(e) + 1;
        reserveBits(interp, bits);
        const auto limbs = static_cast<std::size_t>(std::min(bits / 64, 1e15)) + 1;
        charge(interp, productOps(limbs / 2, limbs / 2) + productOps(lx, lx) * std::min<std::uint64_t>(e, 64));
        mpz_pow_ui(r.get(), x, e);
        break;
    }
    case BinaryOp::LShift:
        if (mpz_sgn(y) < 0)
            interp.valueError("negative shift count");
        if (mpz_sgn(x) == 0)
            return Value::integer(0);
        if (!mpz_fits_ulong_p(y))
            tooManyDigits(interp);
        reserveBits(interp, static_cast<double>(bitsOf(x)) + mpz_get_d(y));
        charge(interp, linearOps(lx + mpz_get_ui(y) / 64));
        mpz_mul_2exp(r.get(), x, mpz_get_ui(y));
        break;
    case BinaryOp::RShift:
        if (mpz_sgn(y) < 0)
            interp.valueError("negative shift count");
        if (!mpz_fits_ulong_p(y) || mpz_get_ui(y) >= bitsOf(x))
            return Value::integer(mpz_sgn(x) < 0 ? -1 : 0);
        charge(interp, linearOps(lx));
        mpz_fdiv_q_2exp(r.get(), x, mpz_get_ui(y));
        break;
    // GMP's bitwise operations act on an infinite two's complement, as Python's do.
    case BinaryOp::BitAnd:
        charge(interp, linearOps(lx + ly));
        mpz_and(r.get(), x, y);
        break;
    case BinaryOp::BitOr:
        charge(interp, linearOps(lx + ly));
        mpz_ior(r.get(), x, y);
        break;
    case BinaryOp::BitXor:
        charge(interp, linearOps(lx + ly));
        mpz_xor(r.get(), x, y);
        break;
    case BinaryOp::MatMul: unsupportedOperands(interp, op, a, b, inplace);
    }
    return integerValue(interp, r);
}

Value integerNegate(Interpreter& interp, const Value& x) {
    Mpz r(x);
    mpz_neg(r.get(), r.get());
    return integerValue(interp, r);
}

Value integerInvert(Interpreter& interp, const Value& x) {
    Mpz r(x);
    mpz_com(r.get(), r.get());
    return integerValue(interp, r);
}

Value integerAbs(Interpreter& interp, const Value& x) {
    Mpz r(x);
    mpz_abs(r.get(), r.get());
    return integerValue(interp, r);
}

Value bigCompare(Interpreter& interp, CompareOp op, const Value& big, const Value& other, bool bigOnLeft) {
    (void)interp;
    int c;
    if (other.isFloat()) {
        const double d = other.asFloat();
        if (std::isnan(d))
            return Value::boolean(op == CompareOp::Ne);
        c = mpz_cmp_d(big.as<BigIntObject>()->value, d);  // exact, infinities included
    } else if (other.isInteger()) {
        Mpz scratch;
        c = mpz_cmp(big.as<BigIntObject>()->value, view(other, scratch));
    } else {
        return {};
    }
    if (!bigOnLeft)
        c = -c;
    switch (op) {
    case CompareOp::Lt: return Value::boolean(c < 0);
    case CompareOp::Le: return Value::boolean(c <= 0);
    case CompareOp::Gt: return Value::boolean(c > 0);
    case CompareOp::Ge: return Value::boolean(c >= 0);
    case CompareOp::Eq: return Value::boolean(c == 0);
    case CompareOp::Ne: return Value::boolean(c != 0);
    default: return {};
    }
}

bool bigEquals(const Value& a, const Value& b) {
    const Value& big = a.isBigInt() ? a : b;
    const Value& other = a.isBigInt() ? b : a;
    if (other.isFloat())
        return !std::isnan(other.asFloat()) && mpz_cmp_d(big.as<BigIntObject>()->value, other.asFloat()) == 0;
    // A big int never equals an inline one: the two forms never hold the same value.
    if (other.isBigInt())
        return mpz_cmp(big.as<BigIntObject>()->value, other.as<BigIntObject>()->value) == 0;
    return false;
}

std::size_t bigHash(Interpreter&, const Value& big) {
    // CPython's hash, whose value also places the int in a set: equal numbers hash alike
    // (2**100 as 2.0**100), by the modulus both use.
    return static_cast<std::size_t>(cpythonIntegerHash(big));
}

std::int64_t cpythonIntegerHash(const Value& integer) {
    std::int64_t h;
    if (integer.isBigInt()) {
        mpz_srcptr z = integer.as<BigIntObject>()->value;
        h = static_cast<std::int64_t>(mpz_tdiv_ui(z, kHashModulus));
        if (mpz_sgn(z) < 0)
            h = -h;
    } else {
        const std::int64_t v = integer.asInt();
        const std::uint64_t magnitude = v < 0 ? 0 - static_cast<std::uint64_t>(v) : static_cast<std::uint64_t>(v);
        h = static_cast<std::int64_t>(magnitude % kHashModulus);
        if (v < 0)
            h = -h;
    }
    return h == -1 ? -2 : h;
}

std::int64_t cpythonFloatHash(double d) {
    if (std::isnan(d))
        return 0;
    if (std::isinf(d))
        return d > 0 ? 314159 : -314159;
    // The float's binary fraction, 28 bits at a time, reduced modulo 2**61 - 1 (the same
    // residue an int of that value has), then shifted by the exponent, rotated within 61 bits.
    constexpr int kBits = 61;
    int exponent = 0;
    double mantissa = std::frexp(d, &exponent);
    const bool negative = mantissa < 0;
    if (negative)
        mantissa = -mantissa;
    std::uint64_t x = 0;
    while (mantissa != 0) {
        x = ((x << 28) & kHashModulus) | x >> (kBits - 28);
        mantissa *= 268435456.0;
        exponent -= 28;
        const auto y = static_cast<std::uint64_t>(mantissa);
        mantissa -= static_cast<double>(y);
        x += y;
        if (x >= kHashModulus)
            x -= kHashModulus;
    }
    exponent = exponent >= 0 ? exponent % kBits : kBits - 1 - ((-1 - exponent) % kBits);
    x = ((x << exponent) & kHashModulus) | x >> (kBits - exponent);
    auto h = static_cast<std::int64_t>(x);
    if (negative)
        h = -h;
    return h == -1 ? -2 : h;
}

double integerToDouble(Interpreter& interp, const Value& integer) {
    if (!integer.isBigInt())
        return static_cast<double>(integer.asInt());
    mpz_srcptr z = integer.as<BigIntObject>()->value;
    const std::size_t bits = bitsOf(z);
    if (bits > 1024)
        interp.raise(interp.exc.overflowError, "int too large to convert to float");
    Mpz magnitude;
    mpz_abs(magnitude.get(), z);
    long exponent = 0;
    const double scaled = roundedScaled(magnitude.get(), bits, exponent);
    const double d = std::ldexp(scaled, static_cast<int>(exponent));
    if (std::isinf(d))
        interp.raise(interp.exc.overflowError, "int too large to convert to float");
    return mpz_sgn(z) < 0 ? -d : d;
}

Value integerFromDouble(Interpreter& interp, double d) {
    if (std::isinf(d))
        interp.raise(interp.exc.overflowError, "cannot convert float infinity to integer");
    if (std::isnan(d))
        interp.valueError("cannot convert float NaN to integer");
    if (std::fabs(d) < 9.2233720368547758e18)
        return Value::integer(static_cast<std::int64_t>(d));
    Mpz z;
    mpz_set_d(z.get(), d);  // exact: a float this large has no fraction
    return integerValue(interp, z);
}

std::string integerDigits(Interpreter& interp, const Value& x, int base) {
    if (!x.isBigInt()) {
        const std::int64_t v = x.asInt();
        const std::uint64_t magnitude = v < 0 ? 0 - static_cast<std::uint64_t>(v) : static_cast<std::uint64_t>(v);
        char buffer[72];
        auto [end, ec] = std::to_chars(buffer, buffer + sizeof buffer, magnitude, base);
        (void)ec;
        return std::string(buffer, end);
    }
    mpz_srcptr z = x.as<BigIntObject>()->value;
    const std::size_t size = mpz_sizeinbase(z, base);  // exact, or one too many for base 10
    const std::size_t limit = interp.limits().maxStrDigits;
    auto tooLong = [&](std::size_t digits) { return base == 10 && limit > 0 && digits > limit; };
    auto refuse = [&] {
        interp.valueError("Exceeds the limit (" + std::to_string(limit) +
                          " digits) for integer string conversion; use sys.set_int_max_str_digits() to increase the limit");
    };
    if (tooLong(size - 1))
        refuse();
    interp.reserveMemory(static_cast<double>(size) + 2);
    charge(interp, base == 10 ? productOps(limbsOf(z), limbsOf(z)) : linearOps(limbsOf(z)));
    std::string text(size + 2, '\0');
    Mpz magnitude;
    mpz_abs(magnitude.get(), z);
    mpz_get_str(text.data(), base, magnitude.get());
    text.resize(std::strlen(text.c_str()));
    if (tooLong(text.size()))
        refuse();
    return text;
}

std::string integerRepr(Interpreter& interp, const Value& x) {
    std::string digits = integerDigits(interp, x, 10);
    return integerSign(x) < 0 ? "-" + digits : digits;
}

Value integerFromDigits(Interpreter& interp, const std::string& digits, int base, bool negative) {
    // Bases that are powers of two convert in linear time, and CPython does not limit them.
    const std::size_t limit = interp.limits().maxStrDigits;
    if ((base & (base - 1)) != 0 && limit > 0 && digits.size() > limit)
        interp.valueError(intTextTooLongMessage(limit, digits.size()));
    reserveBits(interp, static_cast<double>(digits.size()) * std::log2(base));
    charge(interp, linearOps(digits.size()));
    Mpz z;
    mpz_set_str(z.get(), digits.c_str(), base);
    if (negative)
        mpz_neg(z.get(), z.get());
    return integerValue(interp, z);
}

Value integerFromLiteral(Interpreter& interp, const std::string& text) {
    int base = 10;
    std::size_t skip = 0;
    if (text.size() > 1 && text[0] == '0') {
        const char b = static_cast<char>(text[1] | 0x20);
        base = b == 'x' ? 16 : b == 'o' ? 8 : b == 'b' ? 2 : 10;
        skip = base == 10 ? 0 : 2;
    }
    Mpz z;
    mpz_set_str(z.get(), text.c_str() + skip, base);
    return integerValue(interp, z);
}

Value integerPowMod(Interpreter& interp, const Value& base, const Value& exp, const Value& mod) {
    Mpz b(base), e(exp), m(mod), r;
    if (mpz_sgn(m.get()) == 0)
        interp.valueError("pow() 3rd argument cannot be 0");
    Mpz modulus;
    mpz_abs(modulus.get(), m.get());
    if (mpz_sgn(e.get()) < 0) {
        if (mpz_invert(b.get(), b.get(), modulus.get()) == 0)
            interp.valueError("base is not invertible for the given modulus");
        mpz_neg(e.get(), e.get());
    }
    const std::size_t lm = limbsOf(modulus.get());
    charge(interp, productOps(lm, lm) * std::max<std::size_t>(bitsOf(e.get()), 1) * 2);
    mpz_powm(r.get(), b.get(), e.get(), modulus.get());  // in [0, |m|)
    // Python's result takes the sign of the modulus.
    if (mpz_sgn(m.get()) < 0 && mpz_sgn(r.get()) != 0)
        mpz_add(r.get(), r.get(), m.get());
    return integerValue(interp, r);
}

std::string integerToBytes(Interpreter& interp, const Value& x, std::int64_t length, bool littleEndian, bool isSigned) {
    const int sign = integerSign(x);
    if (sign < 0 && !isSigned)
        interp.raise(interp.exc.overflowError, "can't convert negative int to unsigned");
    // A negative x is stored as the complement of ~x = -x - 1, which is not negative: its bytes
    // are those of ~x with every bit flipped, the sign bit included.
    Mpz magnitude(x);
    if (sign < 0)
        mpz_com(magnitude.get(), magnitude.get());
    // The bytes x needs: its bits, and a sign bit when signed. As in CPython, 0 and -1 (whose
    // complement is 0) fit in no bytes at all.
    const std::size_t bits = bitsOf(magnitude.get()) + (isSigned && mpz_sgn(magnitude.get()) != 0 ? 1 : 0);
    if (static_cast<double>((bits + 7) / 8) > static_cast<double>(length))
        interp.raise(interp.exc.overflowError, "int too big to convert");
    interp.reserveMemory(static_cast<double>(length));
    charge(interp, linearOps(static_cast<std::size_t>(length) / 8));
    std::string out(static_cast<std::size_t>(length), '\0');
    std::size_t written = 0;
    mpz_export(out.data(), &written, -1, 1, 0, 0, magnitude.get());  // least significant byte first
    if (sign < 0)
        for (char& c : out)
            c = static_cast<char>(~c);
    if (!littleEndian)
        std::reverse(out.begin(), out.end());
    return out;
}

Value integerFromBytes(Interpreter& interp, std::string_view bytes, bool littleEndian, bool isSigned) {
    charge(interp, linearOps(bytes.size() / 8));
    Mpz z;
    mpz_import(z.get(), bytes.size(), littleEndian ? -1 : 1, 1, 0, 0, bytes.data());
    const auto top = static_cast<unsigned char>(bytes.empty() ? 0 : littleEndian ? bytes.back() : bytes.front());
    if (isSigned && (top & 0x80) != 0) {
        // Two's complement: the unsigned value less 2**(8 * size).
        Mpz wrap;
        mpz_setbit(wrap.get(), static_cast<mp_bitcnt_t>(bytes.size()) * 8);
        mpz_sub(z.get(), z.get(), wrap.get());
    }
    return integerValue(interp, z);
}

double integerFrexp(const Value& x, std::int64_t& exponent) {
    Mpz magnitude(x);
    mpz_abs(magnitude.get(), magnitude.get());
    long shift = 0;
    const double scaled = roundedScaled(magnitude.get(), bitsOf(magnitude.get()), shift);
    int e = 0;
    const double mantissa = std::frexp(scaled, &e);
    exponent = static_cast<std::int64_t>(e) + shift;
    return mantissa;
}

std::int64_t integerBitLength(const Value& x) {
    if (x.isBigInt())
        return static_cast<std::int64_t>(bitsOf(x.as<BigIntObject>()->value));
    const std::int64_t v = x.asInt();
    const std::uint64_t magnitude = v < 0 ? 0 - static_cast<std::uint64_t>(v) : static_cast<std::uint64_t>(v);
    return magnitude == 0 ? 0 : 64 - __builtin_clzll(magnitude);
}

Value integerFactorial(Interpreter& interp, std::int64_t n) {
    // log2(n!) is about n (log2 n - 1.44).
    const double bits = n < 2 ? 1 : static_cast<double>(n) * (std::log2(static_cast<double>(n)) - 1.4427) + 64;
    if (bits > 1e12)
        interp.reserveMemory(bits / 8);
    reserveBits(interp, bits);
    const auto limbs = static_cast<std::size_t>(bits / 64) + 1;
    charge(interp, productOps(limbs / 2, limbs / 2) * 2 + static_cast<std::uint64_t>(n) / 8);
    Mpz r;
    mpz_fac_ui(r.get(), static_cast<unsigned long>(n));
    return integerValue(interp, r);
}

Value integerComb(Interpreter& interp, std::int64_t n, std::int64_t k) {
    k = std::min(k, n - k);
    const double bits = static_cast<double>(k) * std::log2(static_cast<double>(n)) + 64;
    reserveBits(interp, bits);
    const auto limbs = static_cast<std::size_t>(bits / 64) + 1;
    charge(interp, productOps(limbs / 2, limbs / 2) * 2 + static_cast<std::uint64_t>(k) / 8);
    Mpz r;
    mpz_bin_uiui(r.get(), static_cast<unsigned long>(n), static_cast<unsigned long>(k));
    return integerValue(interp, r);
}

Value integerPerm(Interpreter& interp, std::int64_t n, std::int64_t k) {
    const double bits = static_cast<double>(k) * std::log2(static_cast<double>(n) + 1) + 64;
    reserveBits(interp, bits);
    const auto limbs = static_cast<std::size_t>(bits / 64) + 1;
    charge(interp, productOps(limbs / 2, limbs / 2) * 2 + static_cast<std::uint64_t>(k) / 8);
    // n! / (n-k)! as comb(n, k) * k!: both are GMP's balanced products.
    Mpz r, f;
    mpz_bin_uiui(r.get(), static_cast<unsigned long>(n), static_cast<unsigned long>(k));
    mpz_fac_ui(f.get(), static_cast<unsigned long>(k));
    mpz_mul(r.get(), r.get(), f.get());
    return integerValue(interp, r);
}

Value integerGcd(Interpreter& interp, const Value& a, const Value& b) {
    Mpz sa, sb, r;
    mpz_srcptr x = view(a, sa);
    mpz_srcptr y = view(b, sb);
    charge(interp, productOps(limbsOf(x), limbsOf(y)));
    mpz_gcd(r.get(), x, y);
    return integerValue(interp, r);
}

Value integerLcm(Interpreter& interp, const Value& a, const Value& b) {
    Mpz sa, sb, r;
    mpz_srcptr x = view(a, sa);
    mpz_srcptr y = view(b, sb);
    reserveBits(interp, static_cast<double>(bitsOf(x) + bitsOf(y)));
    charge(interp, productOps(limbsOf(x), limbsOf(y)));
    mpz_lcm(r.get(), x, y);
    return integerValue(interp, r);
}

Value integerIsqrt(Interpreter& interp, const Value& n) {
    Mpz r(n);
    if (mpz_sgn(r.get()) < 0)
        interp.valueError("isqrt() argument must be nonnegative");
    charge(interp, productOps(limbsOf(r.get()), limbsOf(r.get())));
    mpz_sqrt(r.get(), r.get());
    return integerValue(interp, r);
}

} // namespace awaitscope::script
