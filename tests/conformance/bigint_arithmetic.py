# Integers without a limit: results past 64 bits, and back.
print(2 ** 200)
print(2 ** 64, -2 ** 64, 2 ** 63, -2 ** 63)
big = 123456789012345678901234567890
print(big + 1, big - big, big * big)
print(9223372036854775807 + 1, -9223372036854775808 - 1)
print((2 ** 64) // 3, (2 ** 64) % 7, -(2 ** 70) // 3, -(2 ** 70) % 3, (2 ** 70) % -3)
print(divmod(2 ** 100, 12345), divmod(-(2 ** 100), 12345), divmod(2 ** 100, -(2 ** 65)))
print(2 ** 100 / 2 ** 99, 10 ** 30 / 3, 1 / 2 ** 80)
print(2 ** -2, (2 ** 70) ** 0, 0 ** 0, (-1) ** (2 ** 70), (-1) ** (2 ** 70 + 1))
print(-(2 ** 63), abs(-(2 ** 63)), abs(-(2 ** 100)), -(-(2 ** 63)))
print(~(2 ** 70), ~(-(2 ** 70)))
print(2 ** 100 & 2 ** 100 - 1, (2 ** 100 + 5) & 7, 2 ** 100 | 1, 2 ** 100 ^ 2 ** 99, -(2 ** 70) & 0xFF)
print(1 << 100, (1 << 100) >> 98, -(1 << 100) >> 200, (2 ** 70) >> 1000, 5 << 0)
print(2 ** 100 == 2 ** 100, 2 ** 100 != 2 ** 101, 2 ** 100 > 2 ** 99, -(2 ** 100) < 5, 5 < 2 ** 64)
x = 2 ** 64
x -= 1
x -= 2 ** 63
print(x, type(x).__name__, x == 2 ** 63 - 1)
print(2 ** 100 - 2 ** 100 + 7, (2 ** 100 - 2 ** 100 + 7) is not None)
print(2 ** 100 > 1e30, 2 ** 100 == 2.0 ** 100, 2 ** 53 + 1 == 2.0 ** 53, 10 ** 400 > 1e308)
print(10 ** 400 < float("inf"), -(10 ** 400) > float("-inf"), 10 ** 400 == float("nan"))
print(2 ** 100 + 0.5, 2 ** 64 * 1.5, float(2 ** 100), float(-(10 ** 300)))
print(bool(2 ** 100), not 2 ** 100, bool(2 ** 100 - 2 ** 100))
print(pow(2, 100), pow(3, 200, 1000007), pow(2 ** 100, 3, 10 ** 9 + 7), pow(3, -1, 7), pow(7, 5, -13))
print(pow(123456789, 987654321, 2 ** 61 - 1), pow(-5, 3, 7))
print(round(2 ** 100), round(2 ** 100 + 55, -1), round(2 ** 100 + 45, -1), round(2 ** 100, -20), round(1e20))
print(round(1.5e25), int(1e30), int(-1.5e20), int(2.0 ** 100))
print(sum([2 ** 63, 2 ** 63, -(2 ** 64)]), sum(range(10 ** 4)) * 2 ** 80)
print(max(2 ** 100, 2 ** 99, 3), min(-(2 ** 100), 0), sorted([2 ** 65, 3, -(2 ** 70), 2.5, 2 ** 64]))
print((2 ** 100).bit_length(), (-(2 ** 100)).bit_length(), (0).bit_length(), (2 ** 63 - 1).bit_length())
failing = [
    lambda: 1 / (2 ** 100 - 2 ** 100),
    lambda: 2 ** 100 // 0,
    lambda: 2 ** 100 % 0,
    lambda: float(10 ** 400),
    lambda: 10 ** 400 / 3,
    lambda: 1 << -1,
    lambda: pow(2, -1, 4),
    lambda: pow(2, 3, 0),
    lambda: [1, 2][2 ** 100],
    lambda: int(float("inf")),
]
for bad in failing:
    try:
        print(bad())
    except (ZeroDivisionError, OverflowError, ValueError, IndexError) as e:
        print(type(e).__name__, e)
