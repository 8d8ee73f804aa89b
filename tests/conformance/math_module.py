"""The math module as tutorials use it: rounding up batches, backoff, tolerances, errors."""
import math

print(math.pi, math.e, math.tau)
print(math.inf, -math.inf, math.isnan(math.nan))
print(math.floor(2.7), math.ceil(2.1), math.trunc(-2.7), math.floor(-2.5), math.ceil(-0.5))
print(math.floor(7), math.ceil(True), type(math.ceil(3.0)).__name__)
print(math.sqrt(16), math.sqrt(2), math.hypot(3, 4), math.hypot())
print(math.exp(1), math.log(math.e), math.log(8, 2), math.log(100, 10), math.log2(1024), math.log10(0.001))
print(math.pow(2, 10), math.pow(2, -1), math.pow(-8, 3), math.fabs(-3), math.copysign(2, -0.0))
print(math.sin(0), math.cos(0), round(math.tan(math.pi / 4), 12), math.atan2(1, 1) * 4)
print(math.degrees(math.pi), math.radians(180))
print(math.isclose(0.1 + 0.2, 0.3), 0.1 + 0.2 == 0.3, math.isclose(1.0, 1.1, rel_tol=0.1))
print(math.isclose(0.0, 1e-10), math.isclose(0.0, 1e-10, abs_tol=1e-9), math.isclose(math.inf, math.inf))
print(math.isinf(1e308 * 10), math.isfinite(1.0), math.isfinite(math.nan))
print(math.gcd(12, 18), math.gcd(0, 5), math.gcd(-4, 6), math.gcd(), math.gcd(12, 18, 8))
print(math.lcm(4, 6), math.lcm(3, 5, 7), math.lcm(0, 5), math.lcm())
print(math.factorial(0), math.factorial(5), math.factorial(20))
print(math.comb(5, 2), math.comb(10, 0), math.comb(3, 5), math.perm(5, 2), math.perm(4))
print(math.prod([1, 2, 3, 4]), math.prod([]), math.prod([0.5, 4]), math.prod([2, 3], start=10))
print(math.fsum([0.1] * 10), sum([0.1] * 10))
print(math.modf(3.25), math.modf(-1.5))

failures = [
    ("math.sqrt(-1)", lambda: math.sqrt(-1)),
    ("math.log(0)", lambda: math.log(0)),
    ("math.log(-2)", lambda: math.log(-2)),
    ("math.factorial(-1)", lambda: math.factorial(-1)),
    ("math.exp(1000)", lambda: math.exp(1000)),
    ("math.ceil(math.inf)", lambda: math.ceil(math.inf)),
    ("math.floor(math.nan)", lambda: math.floor(math.nan)),
    ("math.sqrt('4')", lambda: math.sqrt('4')),
    ("math.gcd(2.5, 1)", lambda: math.gcd(2.5, 1)),
    ("math.pow(0, -1)", lambda: math.pow(0, -1)),
    ("math.comb(-1, 2)", lambda: math.comb(-1, 2)),
    ("math.factorial(2.0)", lambda: math.factorial(2.0)),
    ("math.isclose(1, 2, rel_tol=-1)", lambda: math.isclose(1, 2, rel_tol=-1)),
]
for text, call in failures:
    try:
        call()
    except (ValueError, OverflowError, TypeError) as error:
        print(text, "->", type(error).__name__ + ":", error)
    else:
        print(text, "->", call())

# Rounding a job list up into batches, and exponential backoff with a cap.
jobs = list(range(23))
size = 5
batches = math.ceil(len(jobs) / size)
print("batches:", batches, [jobs[i * size:(i + 1) * size][-1] for i in range(batches)])
delays = [min(30.0, 0.5 * math.pow(2, attempt)) for attempt in range(8)]
print("backoff:", delays, "total", math.fsum(delays))
print("digits:", math.floor(math.log10(123456)) + 1)
