# json, random and dataclasses together at their edges: frozen dataclasses through json's
# default=, recursive asdict, empty and negative ranges, float reprs both ways.
import json, random
from dataclasses import dataclass, field, asdict, replace, astuple

@dataclass(frozen=True)
class P:
    x: int
    y: int = 0
    def norm(self):
        return abs(self.x) + abs(self.y)

p = P(3, -4)
print(p.norm(), replace(p, y=1), json.dumps(p, default=asdict), astuple(p))

@dataclass
class Node:
    name: str
    children: list["Node"] = field(default_factory=list)

tree = Node("root", [Node("a"), Node("b", [Node("c")])])
print(tree)
print(json.dumps(asdict(tree), indent=1))
random.seed(5)
print(random.choices("abc", k=0), random.randrange(10, 0, -2), random.randrange(-5, 5), random.sample("hello", 5))
print(random.uniform(3, 1), random.randint(-3, -1), random.choice(["x"]))
print(json.loads("[1.0, 1e5, -1E-5, 0.1e1]"), json.dumps([1e22, 1e-5, 123.0, -0.5]))
print(json.dumps({"a": "\u2028"}), json.dumps("\u00e9", ensure_ascii=False))


# A library's classes name their module, as CPython's do.
from collections import OrderedDict as _OD, Counter as _Counter
import functools as _functools
print(type(_OD()), _Counter.__module__, type(_functools.partial(print)), type(json.JSONDecodeError("m", "d", 0)))
