# range with bounds past 64 bits: construction, repr, attributes, `in`, indexing, slicing,
# iteration and reversed, equality; len() of one with more than 2**63 items raises CPython's
# OverflowError while bool() still answers.
B = 2 ** 100
r = range(B)
print(r, r.start, r.stop, r.step, bool(r), bool(range(B, B)), r == range(0, B, 1), r == range(B + 1))
print(range(-B, B, 7), range(B, 0, -(2 ** 70)), range(2 ** 64, 2 ** 64 + 3), range(True, B))
print(B - 1 in r, B in r, -1 in r, 0 in r, 3.0 in r, True in r, 2 ** 99 in range(0, B, 2 ** 98), 2 ** 99 + 1 in range(0, B, 2))
print(r[-1], r[B - 1], r[-B], r[2 ** 64], r[True], range(0, B, 2 ** 98)[-1], range(-B, 0)[5])
print(r[5:B:3], r[::-1], r[B // 2:], r[::2 ** 70], r[-3:], r[10:5], r[B * 2:], range(10)[1:8:3], range(10)[::-3])
print(len(r[B - 3:]), list(r[B - 3:]), len(range(0, B, 2 ** 98)), list(range(0, B, 2 ** 98)))
for i in range(2 ** 64, 2 ** 64 + 3):
    print(i, type(i).__name__)
print([x for x in range(-B, -B + 2)], list(reversed(range(B, B + 3))), sorted(range(2 ** 64 + 3, 2 ** 64, -1)))
print(sum(range(B, B + 3)), min(range(B, B + 5)), max(range(B, B + 5)), next(iter(r)), type(iter(r)).__name__)
print(list(range(2 ** 63 - 3, 2 ** 63 - 1, 5)), list(range(-(2 ** 63), -(2 ** 63) + 2)), list(reversed(range(-(2 ** 63), -(2 ** 63) + 2))))
print(len(range(2 ** 63 - 1)), list(zip(range(B, B + 2), range(2))), dict(enumerate(range(B, B + 2))))
for bad in [lambda: len(r), lambda: len(range(-(2 ** 63), 2 ** 63 - 1)), lambda: len(range(2 ** 63)), lambda: list(r),
            lambda: r[B], lambda: r[-B - 1], lambda: r[1.5], lambda: range(1.0), lambda: range(2, 1.5), lambda: range(0, B, 0),
            lambda: r[::0]]:
    try:
        bad()
    except (OverflowError, IndexError, TypeError, ValueError) as error:
        print(type(error).__name__ + ':', error)
