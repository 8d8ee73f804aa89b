# Script classes deriving from dict, list and tuple: the builtin's storage and methods, the
# subclass's overrides where CPython honours them, isinstance, json, copy, equality and repr.
import copy
import json


class Registry(dict):
    """A dict with a default for missing tools and a log of what was stored."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.stored = []

    def __missing__(self, key):
        return f"<no tool {key}>"

    def __setitem__(self, key, value):
        self.stored.append(key)
        super().__setitem__(key, value.upper())


reg = Registry(search="web", calc="math")
print(reg, len(reg), reg.stored)
reg["fetch"] = "http"
print(reg["fetch"], reg["missing"], reg.stored)
print("get skips __missing__:", reg.get("missing"), reg.get("missing", "dflt"))
reg.update(extra="plain")  # dict.update does not call the overridden __setitem__
print(reg["extra"], reg.stored)
print(isinstance(reg, dict), type(reg).__name__, type(reg) is Registry, issubclass(Registry, dict))
print("search" in reg, "nope" in reg, sorted(reg), list(reg.keys()))
print(json.dumps(reg, sort_keys=True))
print(dict(reg), reg == dict(reg), reg != {"a": 1})
print(reg.setdefault("calc", "x"), reg.pop("extra"), len(reg))
reg.note = "attribute"
print(reg.note, sorted(vars(reg)))


class LoudDict(dict):
    def __repr__(self):
        return "LoudDict!" + super().__repr__()

    def __getitem__(self, key):
        return dict.__getitem__(self, key) * 2


loud = LoudDict(a=1, b=2)
print(repr(loud), str(loud), f"{loud}", [loud])
print(loud["a"], loud.get("a"), json.dumps(loud), {**loud})
print(dict.__repr__(loud), dict.__len__(loud), dict.__contains__(loud, "b"))


class Stack(list):
    def push(self, item):
        self.append(item)
        return self

    def peek(self):
        return self[-1]

    def __repr__(self):
        return f"Stack({list.__repr__(self)})"


s = Stack([1, 2])
s.push(3).push(4)
print(s, len(s), s.peek(), s[1:3], s[0], sum(s), isinstance(s, list))
s += [5]
print(s, type(s).__name__, s + [6], type(s + [6]).__name__)
s.sort(reverse=True)
print(s, s.pop(), s.index(3), 4 in s, list(reversed(s)))
print(json.dumps(s), s == [4, 3, 2, 1], [4, 3, 2, 1] == s, sorted(s))
a, b, *rest = s
print(a, b, rest)
empty = Stack()
print(bool(empty), bool(s), empty)


class Clamped(list):
    def __init__(self, limit, items=()):
        super().__init__(items)
        self.limit = limit

    def __setitem__(self, index, value):
        super().__setitem__(index, min(value, self.limit))

    def __len__(self):
        return super().__len__() * 10


c = Clamped(5, [1, 2, 3])
c[0] = 99
print(c, len(c), c.limit, list.__len__(c))
c2 = copy.copy(c)
print(c2, type(c2).__name__, c2.limit, c2 is c, c2 == c)
c3 = copy.deepcopy(Clamped(3, [[1], [2]]))
print(c3, c3.limit)


class Pair(tuple):
    def __new__(cls, left, right):
        return super().__new__(cls, (left, right))

    @property
    def left(self):
        return self[0]

    def swapped(self):
        return Pair(self[1], self[0])


p = Pair("x", "y")
print(p, p.left, p.swapped(), len(p), p == ("x", "y"), ("x", "y") == p)
print(isinstance(p, tuple), hash(p) == hash(("x", "y")), {p: 1}[("x", "y")])
print(p + ("z",), type(p + ("z",)).__name__, p * 2, p[::-1])
first, second = p
print(first, second, json.dumps(p), list(p), tuple(p), tuple(p) is p)


class Version(tuple):
    def __repr__(self):
        return "v" + ".".join(map(str, self))


versions = sorted([Version((1, 2)), Version((1, 10)), Version((0, 9))])
print(versions, max(versions), Version((1, 2)) < (1, 3))
v = Version((2, [0]))
print(copy.copy(v), type(copy.copy(v)).__name__, copy.copy(v)[1] is v[1], copy.deepcopy(v)[1] is v[1])


class Config(dict):
    pass


cfg = Config({"retries": 3}, timeout=1.5)
print(cfg, repr(cfg), cfg | {"x": 1}, type(cfg | {"x": 1}).__name__)
cfg |= {"y": 2}
print(cfg, type(cfg).__name__, copy.copy(cfg), type(copy.deepcopy(cfg)).__name__)
print(Config.fromkeys(["a"], 0), list(cfg.items()))
try:
    {cfg: 1}
except TypeError as e:
    print("TypeError:", e)
try:
    Registry()["x"] = 5
except AttributeError as e:
    print("AttributeError:", e)
try:
    tuple.__new__(Config)
except TypeError as e:
    print("TypeError:", e)
try:
    Pair(1, 2, 3)
except TypeError as e:
    print("TypeError:", e)
