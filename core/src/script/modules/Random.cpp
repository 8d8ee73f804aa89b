// The random module: CPython's Mersenne Twister (Modules/_randommodule.c) seeded as CPython
// seeds it, and Lib/random.py's algorithms on top, so a seeded script draws exactly the
// numbers CPython draws. A run must be reproducible, so an unseeded generator (the module's,
// or Random() without a seed) starts as seed(kUnseededSeed) would start it.
#include "script/modules/Modules.h"
#include "script/modules/Sha512.h"
#include "script/objects/BigInt.h"
#include "script/objects/Types.h"
#include "script/vm/Interpreter.h"

#include <array>
#include <cmath>
#include <optional>

namespace awaitscope::script {

namespace {

constexpr std::int64_t kUnseededSeed = 0;

class MersenneTwister {
public:
    static constexpr int N = 624;
    static constexpr int M = 397;

    // init_by_array: the key is the seed's 32-bit words, least significant first.
    void seed(const std::vector<std::uint32_t>& key) {
        initGenrand(19650218U);
        std::size_t i = 1, j = 0;
        const std::size_t length = key.size();
        for (std::size_t k = std::max<std::size_t>(N, length); k; --k) {
            mt_[i] = (mt_[i] ^ ((mt_[i - 1] ^ (mt_[i - 1] >> 30)) * 1664525U)) + key[j] + static_cast<std::uint32_t>(j);
            ++i;
            ++j;
            if (i >= N) {
                mt_[0] = mt_[N - 1];
                i = 1;
            }
            if (j >= length)
                j = 0;
        }
        for (std::size_t k = N - 1; k; --k) {
            mt_[i] = (mt_[i] ^ ((mt_[i - 1] ^ (mt_[i - 1] >> 30)) * 1566083941U)) - static_cast<std::uint32_t>(i);
            ++i;
            if (i >= N) {
                mt_[0] = mt_[N - 1];
                i = 1;
            }
        }
        mt_[0] = 0x80000000U;
    }

    std::uint32_t next() {
        static constexpr std::uint32_t mag01[2] = {0U, 0x9908b0dfU};
        if (index_ >= N) {
            int k = 0;
            for (; k < N - M; ++k) {
                const std::uint32_t y = (mt_[k] & 0x80000000U) | (mt_[k + 1] & 0x7fffffffU);
                mt_[k] = mt_[k + M] ^ (y >> 1) ^ mag01[y & 1U];
            }
            for (; k < N - 1; ++k) {
                const std::uint32_t y = (mt_[k] & 0x80000000U) | (mt_[k + 1] & 0x7fffffffU);
                mt_[k] = mt_[k + (M - N)] ^ (y >> 1) ^ mag01[y & 1U];
            }
            const std::uint32_t y = (mt_[N - 1] & 0x80000000U) | (mt_[0] & 0x7fffffffU);
            mt_[N - 1] = mt_[M - 1] ^ (y >> 1) ^ mag01[y & 1U];
            index_ = 0;
        }
        std::uint32_t y = mt_[static_cast<std::size_t>(index_++)];
        y ^= (y >> 11);
        y ^= (y << 7) & 0x9d2c5680U;
        y ^= (y << 15) & 0xefc60000U;
        y ^= (y >> 18);
        return y;
    }

    // random_random: 53 random bits in [0, 1).
    double real() {
        const std::uint32_t a = next() >> 5, b = next() >> 6;
        return (a * 67108864.0 + b) * (1.0 / 9007199254740992.0);
    }

    // getrandbits(k) for 0 <= k <= 64.
    std::uint64_t bits(int k) {
        if (k <= 32)
            return k == 0 ? 0 : next() >> (32 - k);
        const std::uint64_t low = next();
        const std::uint64_t high = next() >> (64 - k);
        return low | (high << 32);
    }

private:
    void initGenrand(std::uint32_t s) {
        mt_[0] = s;
        for (std::size_t i = 1; i < N; ++i)
            mt_[i] = 1812433253U * (mt_[i - 1] ^ (mt_[i - 1] >> 30)) + static_cast<std::uint32_t>(i);
        index_ = N;
    }

    std::array<std::uint32_t, N> mt_{};
    int index_ = N + 1;
};

struct RandomObject final : TypedObject {
    explicit RandomObject(Value cls_) : TypedObject(std::move(cls_)) {}
    MersenneTwister twister;
    std::optional<double> gaussNext;
};

std::vector<std::uint32_t> wordsOf(std::uint64_t n) {
    std::vector<std::uint32_t> key{static_cast<std::uint32_t>(n)};
    if (n >> 32)
        key.push_back(static_cast<std::uint32_t>(n >> 32));
    return key;
}

// _Py_HashDouble: a float seed is seeded by its hash, as CPython's random_seed does.
std::uint64_t floatHash(double v) {
    constexpr int kBits = 61;
    constexpr std::uint64_t kModulus = (std::uint64_t{1} << kBits) - 1;
    if (std::isinf(v))
        return v > 0 ? 314159U : static_cast<std::uint64_t>(-314159);
    if (std::isnan(v))
        return 0;
    int e = 0;
    double m = std::frexp(v, &e);
    int sign = 1;
    if (m < 0) {
        sign = -1;
        m = -m;
    }
    std::uint64_t x = 0;
    while (m != 0.0) {
        x = ((x << 28) & kModulus) | x >> (kBits - 28);
        m *= 268435456.0;
        e -= 28;
        const auto y = static_cast<std::uint64_t>(m);
        m -= static_cast<double>(y);
        x += y;
        if (x >= kModulus)
            x -= kModulus;
    }
    e = e >= 0 ? e % kBits : kBits - 1 - ((-1 - e) % kBits);
    x = ((x << e) & kModulus) | x >> (kBits - e);
    x = x * static_cast<std::uint64_t>(static_cast<std::int64_t>(sign));
    if (x == static_cast<std::uint64_t>(-1))
        x = static_cast<std::uint64_t>(-2);
    return x;
}

RandomObject* self(Interpreter& interp, const Value& value) {
    auto* r = value.isObject() ? dynamic_cast<RandomObject*>(value.object()) : nullptr;
    if (!r)
        interp.typeError("descriptor requires a 'random.Random' object but received a '" + interp.typeName(value) + "'");
    return r;
}

void seedWith(Interpreter& interp, RandomObject* r, const Value& a, const Value& version) {
    r->gaussNext.reset();
    if (a.empty() || a.isNone()) {
        r->twister.seed(wordsOf(static_cast<std::uint64_t>(kUnseededSeed)));
        return;
    }
    if (a.isIntLike()) {
        const std::int64_t n = a.asInt();
        r->twister.seed(wordsOf(n < 0 ? 0 - static_cast<std::uint64_t>(n) : static_cast<std::uint64_t>(n)));
        return;
    }
    if (a.isBigInt()) {
        // init_by_array with |n| cut into 32-bit words from the low end, as CPython seeds.
        Mpz n(a);
        mpz_abs(n.get(), n.get());
        std::vector<std::uint32_t> key((mpz_sizeinbase(n.get(), 2) + 31) / 32);
        std::size_t count = 0;
        mpz_export(key.data(), &count, -1, sizeof(std::uint32_t), 0, 0, n.get());
        key.resize(count);
        r->twister.seed(key);
        return;
    }
    if (a.isFloat()) {
        r->twister.seed(wordsOf(floatHash(a.asFloat())));
        return;
    }
    if (a.is(Kind::Str)) {
        if (!version.empty() && !(version.isIntLike() && version.asInt() == 2))
            notSupported(interp, "random.seed(version=1)");
        // int.from_bytes(text + sha512(text), 'big'), cut into 32-bit words from the low end.
        std::string bytes = a.as<StrObject>()->text;
        bytes += sha512(bytes);
        std::size_t first = 0;
        while (first < bytes.size() && bytes[first] == 0)
            ++first;
        std::vector<std::uint32_t> key;
        for (std::size_t end = bytes.size(); end > first;) {
            const std::size_t begin = end >= first + 4 ? end - 4 : first;
            std::uint32_t word = 0;
            for (std::size_t i = begin; i < end; ++i)
                word = (word << 8) | static_cast<unsigned char>(bytes[i]);
            key.push_back(word);
            end = begin;
        }
        if (key.empty())
            key.push_back(0);
        r->twister.seed(key);
        return;
    }
    interp.typeError("The only supported seed types are: None,\nint, float, str, bytes, and bytearray.");
}

// _randbelow_with_getrandbits: n > 0.
std::int64_t below(RandomObject* r, std::int64_t n) {
    const int k = 64 - __builtin_clzll(static_cast<std::uint64_t>(n));
    std::uint64_t x = r->twister.bits(k);
    while (x >= static_cast<std::uint64_t>(n))
        x = r->twister.bits(k);
    return static_cast<std::int64_t>(x);
}

std::int64_t floorDiv(std::int64_t a, std::int64_t b) {
    std::int64_t q = a / b;
    if ((a % b != 0) && ((a < 0) != (b < 0)))
        --q;
    return q;
}

// randrange's int(arg): ints pass, whole floats pass (CPython warns), anything else fails as
// CPython's does.
std::int64_t rangeArgument(Interpreter& interp, const Value& value, const char* which) {
    if (value.isIntLike())
        return value.asInt();
    Value asInt = interp.call(Value(interp.types.intType), {value});
    if (!interp.equals(asInt, value))
        interp.valueError(std::string("non-integer ") + which + " for randrange()");
    return asInt.asInt();
}

std::int64_t randrange(Interpreter& interp, RandomObject* r, const Value& start, const Value& stop, const Value& step) {
    const std::int64_t istart = rangeArgument(interp, start, "arg 1");
    if (stop.empty() || stop.isNone()) {
        if (!step.empty() && !(step.isIntLike() && step.asInt() == 1))
            interp.typeError("Missing a non-None stop argument");
        if (istart > 0)
            return below(r, istart);
        interp.valueError("empty range for randrange()");
    }
    const std::int64_t istop = rangeArgument(interp, stop, "stop");
    const std::int64_t width = istop - istart;
    const std::int64_t istep = step.empty() ? 1 : rangeArgument(interp, step, "step");
    if (istep == 1) {
        if (width > 0)
            return istart + below(r, width);
        interp.valueError("empty range for randrange() (" + std::to_string(istart) + ", " + std::to_string(istop) + ", " +
                          std::to_string(width) + ")");
    }
    std::int64_t n = 0;
    if (istep > 0)
        n = floorDiv(width + istep - 1, istep);
    else if (istep < 0)
        n = floorDiv(width + istep + 1, istep);
    else
        interp.valueError("zero step for randrange()");
    if (n <= 0)
        interp.valueError("empty range for randrange()");
    return istart + istep * below(r, n);
}

Value bin(Interpreter& interp, BinaryOp op, const Value& a, const Value& b) { return interp.binary(op, a, b); }

// What a call costs beyond the call itself, in the interpreter's simple operations (5 ns
// each): in CPython only random() and getrandbits() are C; uniform, randint, choice, gauss and
// the rest are Python in random.py, on top of _randbelow. Measured against CPython 3.11 (a
// million calls each, the loop's own time taken away).
constexpr std::uint64_t kUniformOps = 18;
constexpr std::uint64_t kTriangularOps = 40;
constexpr std::uint64_t kRandrangeOps = 45;
constexpr std::uint64_t kRandintOps = 52;
constexpr std::uint64_t kChoiceOps = 32;
constexpr std::uint64_t kGaussOps = 48;  // every other call returns the value the last one kept
constexpr std::uint64_t kNormalOps = 72;
constexpr std::uint64_t kExpoOps = 24;
constexpr std::uint64_t kShuffleItemOps = 36;
constexpr std::uint64_t kSampleItemOps = 40;
constexpr std::uint64_t kChoicesOps = 48;
constexpr std::uint64_t kChoicesItemOps = 16;

Value randomSeed(Interpreter& interp, CallArgs& args) {
    ArgParser a(interp, args, "seed", {"self", "a", "version"}, 1);
    seedWith(interp, self(interp, a[0]), a[1], a[2]);
    return Value::none();
}

Value randomRandom(Interpreter& interp, CallArgs& args) {
    ArgParser a(interp, args, "random", {"self"}, 1);
    return Value::real(self(interp, a[0])->twister.real());
}

Value randomGetrandbits(Interpreter& interp, CallArgs& args) {
    ArgParser a(interp, args, "getrandbits", {"self", "k"}, 2);
    RandomObject* r = self(interp, a[0]);
    const std::int64_t k = interp.toIndex(a[1], "getrandbits");
    if (k < 0)
        interp.valueError("number of bits must be non-negative");
    if (k <= 63)
        return Value::integer(static_cast<std::int64_t>(r->twister.bits(static_cast<int>(k))));
    // As CPython: 32-bit draws from the low word up, the last one cut to the bits left.
    interp.reserveMemory(static_cast<double>(k) / 8);
    interp.chargeOps(static_cast<std::uint64_t>(k) / 32);
    std::vector<std::uint32_t> words;
    words.reserve(static_cast<std::size_t>((k + 31) / 32));
    for (std::int64_t left = k; left > 0; left -= 32) {
        std::uint32_t w = r->twister.next();
        if (left < 32)
            w >>= 32 - left;
        words.push_back(w);
    }
    Mpz z;
    mpz_import(z.get(), words.size(), -1, sizeof(std::uint32_t), 0, 0, words.data());
    return integerValue(interp, z);
}

Value randomUniform(Interpreter& interp, CallArgs& args) {
    interp.chargeOps(kUniformOps);
    ArgParser a(interp, args, "uniform", {"self", "a", "b"}, 3);
    const double u = self(interp, a[0])->twister.real();
    return bin(interp, BinaryOp::Add, a[1], bin(interp, BinaryOp::Mul, bin(interp, BinaryOp::Sub, a[2], a[1]), Value::real(u)));
}

Value randomTriangular(Interpreter& interp, CallArgs& args) {
    interp.chargeOps(kTriangularOps);
    ArgParser a(interp, args, "triangular", {"self", "low", "high", "mode"}, 1);
    double u = self(interp, a[0])->twister.real();
    double low = a.has(1) ? interp.toDouble(a[1], "low") : 0.0;
    double high = a.has(2) ? interp.toDouble(a[2], "high") : 1.0;
    double c = 0.5;
    if (a.has(3) && !a[3].isNone()) {
        if (high == low)
            return a.has(1) ? a[1] : Value::real(low);
        c = (interp.toDouble(a[3], "mode") - low) / (high - low);
    }
    if (u > c) {
        u = 1.0 - u;
        c = 1.0 - c;
        std::swap(low, high);
    }
    return Value::real(low + (high - low) * std::sqrt(u * c));
}

Value randomRandrange(Interpreter& interp, CallArgs& args) {
    interp.chargeOps(kRandrangeOps);
    ArgParser a(interp, args, "randrange", {"self", "start", "stop", "step"}, 2);
    return Value::integer(randrange(interp, self(interp, a[0]), a[1], a[2], a[3]));
}

Value randomRandint(Interpreter& interp, CallArgs& args) {
    interp.chargeOps(kRandintOps);
    ArgParser a(interp, args, "randint", {"self", "a", "b"}, 3);
    RandomObject* r = self(interp, a[0]);
    return Value::integer(randrange(interp, r, a[1], bin(interp, BinaryOp::Add, a[2], Value::integer(1)), {}));
}

Value randomChoice(Interpreter& interp, CallArgs& args) {
    interp.chargeOps(kChoiceOps);
    ArgParser a(interp, args, "choice", {"self", "seq"}, 2);
    RandomObject* r = self(interp, a[0]);
    const std::int64_t n = interp.length(a[1]);
    if (n == 0)
        interp.raise(interp.exc.indexError, "Cannot choose from an empty sequence");
    return interp.getItem(a[1], Value::integer(below(r, n)));
}

Value randomShuffle(Interpreter& interp, CallArgs& args) {
    ArgParser a(interp, args, "shuffle", {"self", "x"}, 2);
    RandomObject* r = self(interp, a[0]);
    const Value& x = a[1];
    const std::int64_t n = interp.length(x);
    interp.chargeOps(static_cast<std::uint64_t>(n) * kShuffleItemOps);
    for (std::int64_t i = n - 1; i >= 1; --i) {
        const Value at = Value::integer(i), other = Value::integer(below(r, i + 1));
        Value xi = interp.getItem(x, at), xj = interp.getItem(x, other);
        interp.setItem(x, at, std::move(xj));
        interp.setItem(x, other, std::move(xi));
    }
    return Value::none();
}

bool isSequence(const Value& value) {
    return value.is(Kind::List) || value.is(Kind::Tuple) || value.is(Kind::Str) || value.is(Kind::Range);
}

std::vector<Value> sample(Interpreter& interp, RandomObject* r, const Value& population, std::int64_t k) {
    const std::int64_t n = interp.length(population);
    if (k < 0 || k > n)
        interp.valueError("Sample larger than population or is negative");
    interp.chargeOps(static_cast<std::uint64_t>(k) * kSampleItemOps);
    std::vector<Value> result;
    result.reserve(static_cast<std::size_t>(k));
    std::int64_t setsize = 21;
    if (k > 5)
        setsize += static_cast<std::int64_t>(std::pow(4.0, std::ceil(std::log(static_cast<double>(k * 3)) / std::log(4.0))));
    if (n <= setsize) {
        std::vector<Value> pool = interp.toVector(population);
        for (std::int64_t i = 0; i < k; ++i) {
            const auto j = static_cast<std::size_t>(below(r, n - i));
            result.push_back(pool[j]);
            pool[j] = pool[static_cast<std::size_t>(n - i - 1)];
        }
    } else {
        std::vector<bool> selected(static_cast<std::size_t>(n), false);
        for (std::int64_t i = 0; i < k; ++i) {
            std::int64_t j = below(r, n);
            while (selected[static_cast<std::size_t>(j)])
                j = below(r, n);
            selected[static_cast<std::size_t>(j)] = true;
            result.push_back(interp.getItem(population, Value::integer(j)));
        }
    }
    return result;
}

// bisect.bisect_right(cumulative, x, 0, hi)
std::size_t bisectRight(const std::vector<double>& cumulative, double x, std::size_t hi) {
    std::size_t lo = 0;
    while (lo < hi) {
        const std::size_t mid = (lo + hi) / 2;
        if (x < cumulative[mid])
            hi = mid;
        else
            lo = mid + 1;
    }
    return lo;
}

std::vector<Value> accumulate(Interpreter& interp, const Value& iterable) {
    std::vector<Value> sums = interp.toVector(iterable);
    for (std::size_t i = 1; i < sums.size(); ++i)
        sums[i] = bin(interp, BinaryOp::Add, sums[i - 1], sums[i]);
    return sums;
}

Value randomSample(Interpreter& interp, CallArgs& args) {
    ArgParser a(interp, args, "sample", {"self", "population", "k", "counts"}, 3);
    RandomObject* r = self(interp, a[0]);
    if (!isSequence(a[1]))
        interp.typeError("Population must be a sequence.  For dicts or sets, use sorted(d).");
    const std::int64_t k = interp.toIndex(a[2], "sample");
    if (!a.has(3) || a[3].isNone())
        return interp.newList(sample(interp, r, a[1], k));
    std::vector<Value> cumulative = accumulate(interp, a[3]);
    if (static_cast<std::int64_t>(cumulative.size()) != interp.length(a[1]))
        interp.valueError("The number of counts does not match the population");
    const Value total = cumulative.back();
    cumulative.pop_back();
    if (!total.isIntLike())
        interp.typeError("Counts must be integers");
    if (total.asInt() <= 0)
        interp.valueError("Total of counts must be greater than zero");
    std::vector<Value> selections = sample(interp, r, interp.call(Value(interp.types.rangeType), {total}), k);
    std::vector<Value> result;
    for (const Value& s : selections) {
        std::size_t at = 0;
        while (at < cumulative.size() && !interp.lessThan(s, cumulative[at]))
            ++at;
        result.push_back(interp.getItem(a[1], Value::integer(static_cast<std::int64_t>(at))));
    }
    return interp.newList(std::move(result));
}

Value randomChoices(Interpreter& interp, CallArgs& args) {
    ArgParser a(interp, args, "choices", {"self", "population", "weights", "cum_weights", "k"}, 2);
    RandomObject* r = self(interp, a[0]);
    const Value& population = a[1];
    const std::int64_t n = interp.length(population);
    const std::int64_t k = a.has(4) ? interp.toIndex(a[4], "choices") : 1;
    std::vector<Value> result;
    interp.chargeOps(kChoicesOps + static_cast<std::uint64_t>(std::max<std::int64_t>(k, 0)) * kChoicesItemOps);
    const bool hasWeights = a.has(2) && !a[2].isNone();
    const bool hasCumulative = a.has(3) && !a[3].isNone();
    if (!hasCumulative && !hasWeights) {
        const double size = static_cast<double>(n);
        for (std::int64_t i = 0; i < k; ++i)
            result.push_back(interp.getItem(population, Value::integer(static_cast<std::int64_t>(std::floor(r->twister.real() * size)))));
        return interp.newList(std::move(result));
    }
    if (hasCumulative && hasWeights)
        interp.typeError("Cannot specify both weights and cumulative weights");
    if (hasWeights && a[2].isIntLike())
        interp.typeError("The number of choices must be a keyword argument: k=" + std::to_string(a[2].asInt()));
    const std::vector<Value> cumulative = hasWeights ? accumulate(interp, a[2]) : interp.toVector(a[3]);
    if (static_cast<std::int64_t>(cumulative.size()) != n)
        interp.valueError("The number of weights does not match the population");
    std::vector<double> bounds;
    for (const Value& w : cumulative)
        bounds.push_back(interp.toDouble(w, "weight"));
    const double total = bounds.empty() ? 0.0 : bounds.back();
    if (bounds.empty())
        interp.raise(interp.exc.indexError, "list index out of range");
    if (total <= 0.0)
        interp.valueError("Total of weights must be greater than zero");
    if (!std::isfinite(total))
        interp.valueError("Total of weights must be finite");
    const auto hi = static_cast<std::size_t>(n - 1);
    for (std::int64_t i = 0; i < k; ++i) {
        const std::size_t at = bisectRight(bounds, r->twister.real() * total, hi);
        result.push_back(interp.getItem(population, Value::integer(static_cast<std::int64_t>(at))));
    }
    return interp.newList(std::move(result));
}

constexpr double kNvMagicConst = 1.7155277699214135;  // 4 * exp(-0.5) / sqrt(2.0)
constexpr double kTwoPi = 6.283185307179586;

double normal(RandomObject* r) {
    for (;;) {
        const double u1 = r->twister.real();
        const double u2 = 1.0 - r->twister.real();
        const double z = kNvMagicConst * (u1 - 0.5) / u2;
        if (z * z / 4.0 <= -std::log(u2))
            return z;
    }
}

Value muPlus(Interpreter& interp, const ArgParser& a, double z) {
    const Value mu = a.has(1) ? a[1] : Value::real(0.0);
    const Value sigma = a.has(2) ? a[2] : Value::real(1.0);
    return bin(interp, BinaryOp::Add, mu, bin(interp, BinaryOp::Mul, Value::real(z), sigma));
}

Value randomNormalvariate(Interpreter& interp, CallArgs& args) {
    interp.chargeOps(kNormalOps);
    ArgParser a(interp, args, "normalvariate", {"self", "mu", "sigma"}, 1);
    return muPlus(interp, a, normal(self(interp, a[0])));
}

Value randomLognormvariate(Interpreter& interp, CallArgs& args) {
    interp.chargeOps(kNormalOps);
    ArgParser a(interp, args, "lognormvariate", {"self", "mu", "sigma"}, 3);
    return Value::real(std::exp(interp.toDouble(muPlus(interp, a, normal(self(interp, a[0]))), "x")));
}

Value randomGauss(Interpreter& interp, CallArgs& args) {
    interp.chargeOps(kGaussOps);
    ArgParser a(interp, args, "gauss", {"self", "mu", "sigma"}, 1);
    RandomObject* r = self(interp, a[0]);
    double z = 0;
    if (r->gaussNext) {
        z = *r->gaussNext;
        r->gaussNext.reset();
    } else {
        const double x2pi = r->twister.real() * kTwoPi;
        const double g2rad = std::sqrt(-2.0 * std::log(1.0 - r->twister.real()));
        z = std::cos(x2pi) * g2rad;
        r->gaussNext = std::sin(x2pi) * g2rad;
    }
    return muPlus(interp, a, z);
}

Value randomExpovariate(Interpreter& interp, CallArgs& args) {
    interp.chargeOps(kExpoOps);
    ArgParser a(interp, args, "expovariate", {"self", "lambd"}, 2);
    const double u = self(interp, a[0])->twister.real();
    return bin(interp, BinaryOp::TrueDiv, Value::real(-std::log(1.0 - u)), a[1]);
}

Value randomParetovariate(Interpreter& interp, CallArgs& args) {
    interp.chargeOps(kExpoOps);
    ArgParser a(interp, args, "paretovariate", {"self", "alpha"}, 2);
    const double u = 1.0 - self(interp, a[0])->twister.real();
    return Value::real(std::pow(u, -1.0 / interp.toDouble(a[1], "alpha")));
}

Value randomWeibullvariate(Interpreter& interp, CallArgs& args) {
    interp.chargeOps(kExpoOps);
    ArgParser a(interp, args, "weibullvariate", {"self", "alpha", "beta"}, 3);
    const double u = 1.0 - self(interp, a[0])->twister.real();
    return Value::real(interp.toDouble(a[1], "alpha") * std::pow(-std::log(u), 1.0 / interp.toDouble(a[2], "beta")));
}

Value randomUnsupported(Interpreter& interp, CallArgs& args) {
    notSupported(interp, std::string("random.") + args.native->name + "()");
}

Value randomConstruct(Interpreter& interp, CallArgs& args) {
    ArgParser a(interp, args, "Random", {"cls", "x"}, 1);
    auto* r = interp.heap().make<RandomObject>(a[0]);
    Value result(r);
    seedWith(interp, r, a[1], {});
    return result;
}

std::string randomRepr(Interpreter&, const Value& value) {
    return "<random.Random object at " + pointerText(value.object()) + ">";
}

constexpr TypeSlots kRandomSlots{.repr = randomRepr};

struct Method {
    const char* name;
    NativeFn fn;
};

constexpr Method kMethods[] = {
    {"seed", randomSeed},
    {"random", randomRandom},
    {"getrandbits", randomGetrandbits},
    {"uniform", randomUniform},
    {"triangular", randomTriangular},
    {"randrange", randomRandrange},
    {"randint", randomRandint},
    {"choice", randomChoice},
    {"choices", randomChoices},
    {"shuffle", randomShuffle},
    {"sample", randomSample},
    {"gauss", randomGauss},
    {"normalvariate", randomNormalvariate},
    {"lognormvariate", randomLognormvariate},
    {"expovariate", randomExpovariate},
    {"paretovariate", randomParetovariate},
    {"weibullvariate", randomWeibullvariate},
    {"getstate", randomUnsupported},
    {"setstate", randomUnsupported},
    {"randbytes", randomUnsupported},
    {"vonmisesvariate", randomUnsupported},
    {"gammavariate", randomUnsupported},
    {"betavariate", randomUnsupported},
};

} // namespace

Value makeRandomModule(Interpreter& interp) {
    ClassObject* cls = interp.makeClass("Random", {interp.types.object}, BuiltinType::Runtime, kRandomSlots,
                                        randomConstruct, "random");
    for (const Method& method : kMethods)
        interp.addMethod(cls, method.name, method.fn);
    Value module = newModule(interp, "random");
    addValue(interp, module, "Random", Value(cls));
    // The module's functions are the bound methods of one hidden instance, as in CPython.
    Value instance = interp.instantiate(cls, nullptr, 0, nullptr);
    for (const Method& method : kMethods)
        addValue(interp, module, method.name, interp.newNative(method.fn, method.name, instance));
    return module;
}

} // namespace awaitscope::script
