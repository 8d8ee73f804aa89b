"""Integer and float arithmetic follow Python's rules (floor division, modulo, powers)."""
print(7 + 3, 7 - 10, 6 * 7, 7 / 2, 7 // 2, 7 % 3, 2 ** 10, 2 ** -1)
print(-7 // 2, -7 % 2, 7 // -2, 7 % -2, -7 // -2, -7 % -2)
print(7.5 // 2, -7.5 // 2, 7.5 % 2, -7.5 % 2, 2.0 ** 0.5, 10 / 4)
print(1 + 2.0, 3 * 1.5, 10 - 0.5, 9 ** 0.5, 4 / 2)
print(5 & 3, 5 | 3, 5 ^ 3, ~5, 1 << 10, 1024 >> 3, -16 >> 2)
print(abs(-5), abs(-2.5), abs(3), divmod(17, 5), divmod(-17, 5), divmod(7.5, 2))
print(round(2.5), round(3.5), round(-2.5), round(0.125, 2), round(2.675, 2), round(1234.5678, -2), round(7, -1))
print(round(3.14159, 3), round(1.0), round(-0.5), round(15, -1), round(25, -1))
print(max(3, 9, 1), min(3, 9, 1), max([2.5, 1]), min("b", "a"), sum([0.1] * 10), sum(range(101)))
print(1 < 2 < 3, 1 < 3 < 2, 3 > 2 == 2, 1 == 1.0, 0.1 + 0.2 == 0.3, 2 != 3, "a" < "b" < "c")
print(True + 1, True * 10, False - 1, True / 2, True & False, True | False)
print(pow(2, 8), pow(2, 8, 5), pow(2.0, 3), 10 ** 18, -(2 ** 62 - 1))
print(int(7.9), int(-7.9), float(7), int(True), bool(0.0), bool(-1), bool(""), bool("0"))
x = 10
x += 5
x -= 3
x *= 2
x //= 5
x **= 3
x %= 50
print(x)
y = 2.0
y /= 4
y += 1
print(y)
print(0.1 * 3, 1.1 + 2.2, 3.3 * 3, 1 - 0.9, 100 * 1.1)
print(7 // 2.0, 7.0 % 2.5, -3 ** 2, (-3) ** 2, 2 ** 3 ** 2)
