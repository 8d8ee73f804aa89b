"""A tour of the builtins the subset provides."""
data = [3, 1, 4, 1, 5, 9, 2, 6]
print(len(data), sum(data), min(data), max(data), sorted(data), sorted(data, reverse=True))
print(list(enumerate("ab")), list(enumerate("ab", 1)), list(zip(data, "abc")), list(range(2, 10, 3)), list(range(5, 0, -2)))
print(str(12), int("12") + 1, float("1.5") * 2, round(2.567, 1), round(2.5), abs(-3), repr("x"), repr(1.0))
print(type(1).__name__, type(1.5).__name__, type("s").__name__, type([]).__name__, type({}).__name__, type(None).__name__)
print(type(()).__name__, type(True).__name__, type(range(1)).__name__, type(len).__name__, type(print).__name__)
print(isinstance(1, int), isinstance(True, int), isinstance(1.0, int), isinstance("s", (int, str)), isinstance([], list))
print(all([1, 2]), all([]), any([0, ""]), any([0, 1]), list(map(lambda x: x * 2, [1, 2])), list(filter(lambda x: x > 1, [1, 2, 3])))
print(list(reversed([1, 2, 3])), list(reversed("abc")), list(reversed(range(3))), dict(a=1), list("hi"), tuple([1]), set())
print(chr(65), ord("a"), hex(255), bin(5), oct(8), divmod(9, 4), pow(3, 3), hash(5) == hash(5.0))
print(min(3, 1, key=lambda v: -v), max([], default="empty"), min(["bb", "a", "ccc"], key=len), max("b", "a", "c"))
print(format(3.14159, ".2f"), format(42, "05d"), format("x", ">3"), str("no bytes"))
it = iter([1, 2])
print(next(it), next(it), next(it, "end"))
print(sorted({"b": 1, "a": 2}), sorted([(1, "b"), (1, "a")]), sorted(["b", "A", "a"]), sorted([-2, 1, -3], key=abs))
print(bool([]), bool([0]), bool(None), bool("False"), int(3.99), int(-3.99), float(3), str(3.0))
print(list(zip()), list(zip([1, 2, 3], [4])), sum([[1], [2]], []), sum([0.5, 0.25]), sum(range(5), 10))
print(getattr("abc", "upper")(), callable(len), id(data) == id(data), hasattr([], "append"))
values = {"x": 1}
setattr_target = type("ignored", (), {}) if False else None
print(values.get("x"), len(values), list(values), repr(None), str(...), callable(None))
