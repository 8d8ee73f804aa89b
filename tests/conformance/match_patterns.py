# The match statement (PEP 634): every kind of pattern, guards, soft keywords, and the
# errors CPython raises while matching.
from dataclasses import dataclass
from enum import Enum


class Color(Enum):
    RED = 1
    GREEN = 2


class Point:
    __match_args__ = ("x", "y")

    def __init__(self, x, y):
        self.x = x
        self.y = y


@dataclass
class Circle:
    center: Point
    radius: float


LIMIT = 10


class Config:
    LIMIT = 3


def literal(value):
    match value:
        case 0:
            return "zero"
        case -1:
            return "minus one"
        case 1.5:
            return "one and a half"
        case "hello" | "hi":
            return "greeting"
        case "con" "cat":
            return "concatenated"
        case True:
            return "True"
        case None:
            return "None"
        case Color.RED:
            return "red"
        case Config.LIMIT:
            return "the config limit"
        case _:
            return f"something else: {value!r}"


for v in [0, -1, 1.5, "hi", "hello", "concat", True, 1, None, Color.RED, Color.GREEN, 3, 0.0, False]:
    print(repr(v), "->", literal(v))


def sequence(value):
    match value:
        case []:
            return "empty"
        case [x]:
            return f"one: {x}"
        case [x, y]:
            return f"two: {x}, {y}"
        case [first, *middle, last] if len(middle) > 2:
            return f"long: {first} .. {last} ({len(middle)} between)"
        case (first, *rest):
            return f"first {first}, rest {rest}"
    return "not a sequence"


for v in [[], [1], (1, 2), [1, 2, 3], [1, 2, 3, 4, 5, 6], range(3), "ab", {"a": 1}, 7]:
    print(repr(v), "->", sequence(v))


def nested(command):
    match command.split():
        case ["go", ("north" | "south" | "east" | "west") as direction]:
            return f"going {direction}"
        case ["go", _]:
            return "where?"
        case ["pick", "up", *items] if items:
            return "picking " + ", ".join(items)
        case ["drop", *_, "carefully"]:
            return "dropping carefully"
        case [("quit" | "exit")]:
            return "bye"
        case [*_]:
            return f"unknown: {command!r}"


for c in ["go north", "go up", "pick up a b c", "pick up", "drop x y carefully", "quit", "exit", "dance", ""]:
    print(repr(c), "->", nested(c))


def mapping(event):
    match event:
        case {"type": "click", "pos": [x, y]}:
            return f"click at {x},{y}"
        case {"type": "key", "key": str(k), **rest}:
            return f"key {k} with {rest}"
        case {"type": "scroll", "delta": int() | float() as d} if d != 0:
            return f"scroll {d}"
        case {"type": t}:
            return f"other event {t}"
        case {}:
            return "empty mapping"
        case _:
            return "not an event"


for e in [
    {"type": "click", "pos": [3, 4]},
    {"type": "click", "pos": [3, 4, 5]},
    {"type": "key", "key": "a", "shift": True, "ctrl": False},
    {"type": "key", "key": 5},
    {"type": "scroll", "delta": 2.5},
    {"type": "scroll", "delta": 0},
    {},
    {"kind": "x"},
    [("type", "click")],
]:
    print(e, "->", mapping(e))


def shapes(shape):
    match shape:
        case Point(0, 0):
            return "origin"
        case Point(x=0, y=y):
            return f"on the y axis at {y}"
        case Point(x, 0):
            return f"on the x axis at {x}"
        case Circle(Point(x=cx, y=cy), radius=r) if r > 5:
            return f"big circle at ({cx}, {cy}) r={r}"
        case Circle(center=c, radius=r):
            return f"circle r={r} at {c.x},{c.y}"
        case Point():
            return "some point"
        case int(n) | float(n):
            return f"number {n}"
        case str() as s:
            return f"text {s!r}"
        case list([int(a), *_]):
            return f"list starting with int {a}"
        case dict(d):
            return f"dict of {len(d)}"
        case bool(b):
            return "unreachable: bool is an int"
        case object():
            return f"object {type(shape).__name__}"


for s in [Point(0, 0), Point(0, 5), Point(4, 0), Point(1, 1), Circle(Point(1, 2), 10), Circle(Point(0, 0), 1),
          3, 2.5, True, "hey", [1, 2], ["x"], {"a": 1}, None]:
    print(shapes(s))

# Captures bind only when the whole pattern matched; guards see them.
match [1, 2]:
    case [a, 3]:
        print("no")
    case [b, c] if b > c:
        print("no")
    case [d, e]:
        print("matched", d, e)


def bound(name):
    try:
        eval_names = {"a": lambda: a, "b": lambda: b, "c": lambda: c}
        eval_names[name]()
        return True
    except NameError:
        return False


print("b bound:", bound("b"), "a bound:", bound("a"), "c bound:", bound("c"))

# Subjects can be tuples and starred.
items = [1, 2]
match 0, *items:
    case (0, 1, 2):
        print("tuple subject")

match = {"match": 1}
case = [match]
print(match, case)
match(1) if False else print("match still a name")


def match_in_function(match):
    match match:
        case {"case": case}:
            return case
    return None


print(match_in_function({"case": "soft keywords"}))

# Runtime errors of class patterns, with CPython's words.
class Args:
    __match_args__ = ["a"]


class Bad:
    __match_args__ = (1,)


def too_many(subject):
    match subject:
        case Point(1, 2, 3):
            pass


def not_a_tuple(subject):
    match subject:
        case Args(1):
            pass


def not_strings(subject):
    match subject:
        case Bad(1):
            pass


def twice(subject):
    match subject:
        case Point(1, x=2):
            pass


def builtin_two(subject):
    match subject:
        case int(1, 2):
            pass


for check, subject in [(too_many, Point(1, 2)), (not_a_tuple, Args()), (not_strings, Bad()),
                       (twice, Point(1, 2)), (builtin_two, 5), (too_many, "not a point")]:
    try:
        check(subject)
        print(check.__name__, "-> no error")
    except TypeError as error:
        print(check.__name__, "->", error)

try:
    match 5:
        case len():
            pass
except TypeError as error:
    print("len() ->", error)


class Key:
    a = "k"
    b = "k"


try:
    match {"k": 1, "j": 2}:
        case {Key.a: 1, Key.b: 2}:
            pass
except ValueError as error:
    print(error)


class Lazy:
    def __init__(self):
        self.seen = []

    @property
    def value(self):
        print("  reading value")
        return 42


match Lazy():
    case Lazy(missing=1):
        print("no")
    case Lazy(value=42):
        print("property matched")
