"""Tuples, unpacking and sets."""
point = (3, 4)
x, y = point
print(x, y, point[0], len(point), point + (5,), point * 2, (1, 2) < (1, 3))
a, b = 1, 2
a, b = b, a
print(a, b)
(p, q), r = (1, 2), 3
print(p, q, r)
for index, (name, score) in enumerate([("ann", 9), ("bob", 7)], start=1):
    print(index, name, score)
t = tuple([1, 2, 2, 3])
print(t, t.count(2), t.index(3), 2 in t, hash((1, 2)) == hash((1, 2)))
s = {3, 1, 2}
s.add(4)
s.discard(10)
s.remove(1)
print(len(s), 2 in s, 1 in s, sorted(s))
evens = {0, 2, 4, 6}
small = {0, 1, 2, 3}
print(sorted(evens | small), sorted(evens & small), sorted(evens - small), sorted(evens ^ small))
print(sorted(evens.union([9])), sorted(evens.intersection(small)), evens.issuperset({2, 4}), {2}.issubset(evens))
print({1, 2} == {2, 1}, set("aab") == {"a", "b"}, len(set([1, 1, 1])), sorted({x % 3 for x in range(10)}))
empty = ()
single = (5,)
print(empty, single, type(single).__name__, type((5)).__name__)
record = ("agent", 3, ["search", "fetch"])
name, count, tools = record
print(f"{name} used {count} tools: {', '.join(tools)}")
print(sorted([(2, "b"), (1, "z"), (2, "a")]), max([(1, "a"), (1, "b")]))
