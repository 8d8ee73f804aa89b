"""An agent's tool permissions as a Flag: scopes granted with |, each tool's needs checked with in."""
import enum
from enum import Flag, IntFlag, auto


class Scope(Flag):
    """Which tools an agent may call: combined with |, checked with in."""
    READ_FILES = auto()
    WRITE_FILES = auto()
    NETWORK = auto()
    SHELL = auto()
    SAFE = READ_FILES | NETWORK
    EVERYTHING = READ_FILES | WRITE_FILES | NETWORK | SHELL


TOOLS = {"search": Scope.NETWORK, "read": Scope.READ_FILES, "edit": Scope.WRITE_FILES | Scope.READ_FILES,
         "run": Scope.SHELL}


def allowed(granted):
    return [tool for tool, needs in TOOLS.items() if needs in granted]


for granted in [Scope.SAFE, Scope.SAFE | Scope.WRITE_FILES, Scope.EVERYTHING, Scope(0), ~Scope.SHELL]:
    print(f"{granted!s:45} {granted.value:2} {len(granted)} {allowed(granted)}")
print(list(Scope), len(Scope), Scope.SAFE.name, Scope["SAFE"] is Scope.SAFE)
print(Scope.SAFE & Scope.NETWORK, Scope.SAFE ^ Scope.EVERYTHING, bool(Scope.SAFE & Scope.SHELL))
print(repr(Scope), isinstance(Scope.SAFE, enum.Flag), isinstance(Scope.SAFE, enum.Enum), Scope.NETWORK in Scope)
print({Scope.SAFE: "safe"}[Scope.READ_FILES | Scope.NETWORK], Scope(5) is Scope.SAFE)


class Status(IntFlag):
    OK = 1
    CACHED = 2
    RETRIED = 4


s = Status.OK | Status.RETRIED
print(s, repr(s), s == 5, s & 4, repr(s & 4), s + 1, sorted([Status.RETRIED, Status.OK]), f"{s:03d}")
print(repr(Status(-1)), repr(Status(8)), repr(Status.OK | 8), repr(~Status.OK), int(s))
try:
    Scope.NETWORK | 1
except TypeError as e:
    print("TypeError:", e)
try:
    print(1 in Scope.SAFE)
except TypeError as e:
    print("TypeError:", e)
