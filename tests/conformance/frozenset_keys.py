"""frozenset: immutable, hashable (a dict key, a set member), hashing as CPython's, printing in
CPython's order; what an operation makes from one is a frozenset again. A tool router caches
plans by the set of tools a request needs, in whatever order they were asked for."""
plans = {}


def plan_for(tools):
    key = frozenset(tools)
    if key not in plans:
        plans[key] = f"plan #{len(plans) + 1} for {sorted(key)}"
    return plans[key]


print(plan_for(["search", "fetch"]), "|", plan_for(["fetch", "search"]), "|", plan_for(["search"]))
print(len(plans), frozenset({7, 3}) in {frozenset({3, 7})}, {frozenset({1, 2}): "a"}[frozenset([2, 1])])
PERMISSIONS = {frozenset({1, 2}): "read-write", frozenset({1}): "read-only", frozenset(): "none"}
for granted in ([2, 1], [1], []):
    print(granted, "->", PERMISSIONS[frozenset(granted)])
f = frozenset(["read", "write"])
print(type(f).__name__, sorted(f), len(f), "read" in f, isinstance(f, frozenset), isinstance(f, set), isinstance(set(), frozenset))
d = {frozenset({1, 2}): "pair"}
print(d[frozenset([2, 1])], hash(frozenset()) == hash(frozenset([])), frozenset({1, 2}) == {1, 2})
print(repr(frozenset()), repr(frozenset({3})), type(f | {"x"}).__name__, type({"x"} | f).__name__, type(f.union([1])).__name__)
try:
    f.add("x")
except AttributeError as e:
    print(e)
print(f.issubset({"read", "write", "x"}), f.copy() is f, type(f - {"read"}).__name__, sorted(f & {"read"}))
print({frozenset({1}), frozenset({1})}, frozenset(frozenset([5])), frozenset() == set())
print(hash(frozenset({1, 2, 3})), hash(frozenset({"a"})) == hash(frozenset(["a"])), hash(frozenset()))
g = frozenset({3, 1, 2})
print(g, g | {9}, {9} | g, g - {1}, g ^ {5}, g & {1, 7}, g.union([4]), type(g.intersection([1])).__name__, frozenset(), hash(g) == hash(frozenset([1, 2, 3])))
h = g
h |= {10}
print(g, h, h is g, g.copy() is g, frozenset(g) is g, set(g), type(set(g)).__name__)
print({frozenset({1}): 1, frozenset({2, 3}): 2}, frozenset([frozenset([1])]), sorted({frozenset({1, 2}), frozenset({3})}, key=len))
print(hash(frozenset({(1, 2), 3.5, -7})), hash(frozenset(range(100))), frozenset(range(40, 0, -3)))
