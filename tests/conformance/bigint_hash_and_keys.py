# Big ints hash as CPython's ints do, and work as dict keys and set members.
print(hash(2 ** 100), hash(-(2 ** 100)), hash(2 ** 61 - 1), hash(2 ** 61), hash(2 ** 62), hash(-(2 ** 61) + 1))
print(hash(2 ** 63), hash(-(2 ** 63)), hash(-1), hash(2 ** 61 - 2), hash(10 ** 40), hash(2.0 ** 80), hash(-(2.0 ** 64)))
print(hash(2 ** 64 - 2 ** 64 + 12345) == hash(12345))
d = {2 ** 100: "big", 5: "small", 2 ** 64: "two64"}
print(d[2 ** 100], d[2 ** 64], d[2 ** 64 - 2 ** 64 + 5], 2 ** 100 in d, 2 ** 101 in d)
d[2 ** 100 + 1 - 1] = "again"
print(len(d), d[2 ** 100], d.get(2.0 ** 100), d.get(2.0 ** 64))
s = {2 ** 70, 2 ** 70, 2 ** 70 + 1, 3, 2 ** 70 - 2 ** 70 + 3, 2.0 ** 70}
print(len(s), sorted(s))
counts = {}
for i in range(5):
    k = (2 ** 65 + i) % 3 + 2 ** 65
    counts[k] = counts.get(k, 0) + 1
print(sorted(counts.items()))
print(sorted([2 ** 64, 1, 2 ** 63, -(2 ** 64), 0, 2 ** 64 + 1, -5], reverse=True))
print(sorted({10 ** 20: 1, 10 ** 19: 2, 7: 3}))
print(2 ** 100 in [1, 2, 2 ** 100], [2 ** 64].index(2 ** 64), (2 ** 64, 1) == (2 ** 64, 1), max([(2 ** 70, "a"), (2 ** 69, "b")]))
# Exact comparisons of ints with floats past 2**53, and big seeds and draws of random.
print(2 ** 53 + 1 == 2.0 ** 53, 2 ** 53 + 1 > 2.0 ** 53, {2.0 ** 53: "f"}.get(2 ** 53 + 1), 9007199254740993 < 9007199254740992.0)
import random
random.seed(2 ** 100 + 7)
print(random.getrandbits(100), random.getrandbits(64), random.getrandbits(65), random.randint(1, 10 ** 6))
r = random.Random(-(3 ** 90))
print(r.getrandbits(200), r.random())
