"""Dicts keep insertion order; views, get, pop, setdefault, update, comprehensions."""
d = {"b": 2, "a": 1}
d["c"] = 3
d["b"] = 20
print(d, len(d), "a" in d, "z" not in d, d.get("z"), d.get("z", 0), d["c"])
print(d.keys(), d.values(), d.items())
print(list(d), list(d.keys()), list(d.values()), list(d.items()))
for key, value in d.items():
    print(key, "->", value)
print(d.pop("a"), d.pop("zz", "default"), d)
print(d.setdefault("x", []), d.setdefault("b", 0), d)
d.update({"y": 1}, z=2)
d.update([("w", 0)])
print(d)
del d["x"]
print(d, d.popitem(), d)
counts = {}
for word in "the cat and the hat and the bat".split():
    counts[word] = counts.get(word, 0) + 1
print(counts, sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])))
squares = {n: n * n for n in range(5) if n % 2 == 0}
print(squares, dict(zip("abc", [1, 2, 3])), dict(a=1, b=2), dict([("k", "v")]))
merged = {"a": 1} | {"b": 2}
print(merged, {**merged, "c": 3}, {1: "int", 1.0: "float?", True: "bool?"})
nested = {"tools": {"search": {"calls": 2}}}
nested["tools"]["search"]["calls"] += 1
print(nested, nested == {"tools": {"search": {"calls": 3}}})
copy = d.copy()
copy.clear()
print(copy, d != copy, dict.fromkeys(["a", "b"], 0))
inventory = {"apples": 3}
try:
    inventory["pears"]
except KeyError as error:
    print("missing", error, repr(error))
print({(1, 2): "tuple key", "s": {1, 2}}[(1, 2)])
