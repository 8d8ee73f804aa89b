"""collections: namedtuple, Counter, defaultdict, deque, OrderedDict, ChainMap."""
import collections
import collections.abc
from collections import namedtuple, Counter, defaultdict, deque, OrderedDict, ChainMap

Point = namedtuple("Point", ["x", "y"])
p = Point(1, y=2)
print(p, p.x, p.y, p[0], p[-1], p[:1], len(p))
x, y = p
print(x, y, tuple(p), list(p), p == (1, 2), p == Point(1, 2), p != Point(2, 1))
print(p._asdict(), p._replace(y=5), Point._make([3, 4]), Point._fields)
print(type(p).__name__, repr(Point), hash(p) == hash(Point(1, 2)), 2 in p, p.index(2), p.count(1))
Job = namedtuple("Job", "name priority retries", defaults=[0, 3])
print(Job("crawl"), Job("index", 5), Job._field_defaults)
print(sorted([Point(2, 1), Point(1, 5), Point(1, 2)]))
for bad in [lambda: Point(1), lambda: Point(1, 2, 3), lambda: Point(1, z=2), lambda: p._replace(z=1)]:
    try:
        bad()
    except (TypeError, ValueError) as e:
        print(type(e).__name__, e)
try:
    namedtuple("Bad", ["x", "_y"])
except ValueError as e:
    print(e)
try:
    namedtuple("Bad", "x x")
except ValueError as e:
    print(e)
print(namedtuple("R", "a def _c", rename=True)._fields)


class Vec(namedtuple("Vec", "dx dy")):
    def norm1(self):
        return abs(self.dx) + abs(self.dy)


print(Vec(3, -4).norm1(), Vec(3, -4))

words = "the cat and the hat and the bat".split()
c = Counter(words)
print(c)
print(c.most_common(2), c["the"], c["dog"], len(c), c.total())
c.update(["cat", "cat"])
c.update({"hat": 2})
print(c.most_common(3))
c.subtract(the=1)
print(c)
print(sorted(c.elements())[:5])
print(Counter("abracadabra"))
a, b = Counter(a=3, b=1), Counter(a=1, b=2, c=1)
print(a + b, a - b, a | b, a & b)
print(-Counter(a=-2, b=3), +Counter(a=-2, b=3))
print(Counter(), Counter(a=1) == Counter(a=1, b=0), dict(Counter("aab")))
print(list(c.keys())[:3], "cat" in c, "dog" in c)

graph = defaultdict(list)
for src, dst in [("a", "b"), ("a", "c"), ("b", "c")]:
    graph[src].append(dst)
print(graph, graph["a"], "z" in graph, len(graph))
counts = defaultdict(int)
for ch in "hello":
    counts[ch] += 1
print(counts, dict(counts), sorted(counts.items()))
plain = defaultdict()
try:
    plain["missing"]
except KeyError as e:
    print("KeyError", e)
print(defaultdict(lambda: "n/a", {"k": "v"})["other"])

d = deque([1, 2, 3])
d.append(4)
d.appendleft(0)
print(d, len(d), d[0], d[-1], d.pop(), d.popleft(), d)
d.rotate(1)
print(d)
d.rotate(-2)
print(d)
d.extend([7, 8])
d.extendleft([-1, -2])
print(d, list(reversed(d)), 7 in d, d.count(7), d.index(8))
recent = deque(maxlen=3)
for i in range(6):
    recent.append(i)
print(recent, recent.maxlen, list(recent))
recent.appendleft(99)
print(recent)
empty = deque()
for op in (empty.pop, empty.popleft):
    try:
        op()
    except IndexError as e:
        print("IndexError", e)
print(bool(empty), bool(d), deque("abc") == deque(["a", "b", "c"]))

od = OrderedDict()
od["b"] = 2
od["a"] = 1
od["c"] = 3
print(od, list(od), od.popitem(), od)
od.move_to_end("b")
print(od)
od.move_to_end("a", last=False)
print(od, od.popitem(last=False), OrderedDict())
print(OrderedDict(a=1, b=2) == OrderedDict(b=2, a=1), OrderedDict(a=1, b=2) == {"b": 2, "a": 1})

defaults = {"model": "small", "retries": 3}
overrides = {"retries": 5}
cm = ChainMap(overrides, defaults)
print(cm["model"], cm["retries"], len(cm), sorted(cm), "model" in cm, cm.get("x", "none"))
child = cm.new_child({"model": "large"})
print(child["model"], child.parents["model"], child.maps[0])
cm["temperature"] = 0.2
print(overrides, cm)
print(isinstance([], collections.abc.Iterable), collections.OrderedDict is OrderedDict)

from typing import NamedTuple


class ToolCall(NamedTuple):
    name: str
    args: dict
    retries: int = 0
    timeout: float = 1.5

    def describe(self):
        return f"{self.name}({self.args}) x{self.retries}"


call = ToolCall("search", {"q": "asyncio"})
print(call, call.describe(), call._fields, ToolCall._field_defaults)
name, args, retries, timeout = ToolCall("calc", {}, 2, 0.5)
print(name, args, retries, timeout, call._replace(retries=3), call._asdict())
try:
    class Bad(NamedTuple):
        a: int = 1
        b: int
except TypeError as e:
    print("TypeError", e)

from collections import abc
import collections.abc as cabc
print(abc is cabc, abc is collections.abc, isinstance({}, abc.Mapping))

for action in [lambda: setattr(p, "x", 5), lambda: delattr(p, "y")]:
    try:
        action()
    except AttributeError as e:
        print("AttributeError", e)
v = Vec(1, 2)
v.label = "arrow"
print(v.label, v, p)


# fromkeys makes the class it is called on.
class Tally(dict):
    pass


print(OrderedDict.fromkeys(range(3)), Tally.fromkeys("ab", 0), type(Tally.fromkeys("a")).__name__, {}.fromkeys([1]))
print(defaultdict.fromkeys("xy", 1), type(OrderedDict().fromkeys("a")).__name__)
try:
    Counter.fromkeys("ab")
except NotImplementedError as e:
    print("NotImplementedError:", e)
