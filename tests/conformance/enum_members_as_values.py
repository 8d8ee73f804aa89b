"""A str or int mixed into an Enum (and StrEnum, IntEnum) makes members that are strs and ints
in CPython: str's and int's own functions take them, isinstance says so, and a prompt builder
can join, search and format them without .value."""
from enum import Enum, IntEnum, StrEnum


class Role(str, Enum):
    SYSTEM = "system"
    USER = "user"
    TOOL = "tool"


class Tone(StrEnum):
    FORMAL = "formal"
    CASUAL = "casual"


class Level(IntEnum):
    LOW = 1
    HIGH = 3


class Width(int, Enum):
    NARROW = 8
    WIDE = 14


print(", ".join(Role), "|", " / ".join(Tone))
print("-".join([Role.USER, "said", Tone.CASUAL]))
print(isinstance(Role.USER, str), isinstance(Tone.FORMAL, str), isinstance(Level.HIGH, int),
      isinstance(Width.WIDE, (bytes, int)), isinstance(Role.USER, int))
print(issubclass(Role, str), issubclass(Tone, Enum), issubclass(Level, int), issubclass(Width, str))
print(Role.USER in "the user asked", "us" in Role.USER, "ol" in Role.TOOL, list(Role.TOOL), Role.SYSTEM[:3])
print("user: hi".startswith(Role.USER), "hi from tool".endswith((Role.SYSTEM, Role.TOOL)))
print("{role}".replace("{role}", Role.SYSTEM), "a user".find(Role.USER), "user user".count(Role.USER))
print("tool=ok".partition(Role.TOOL), "user:1".removeprefix(Role.USER), max(Role.SYSTEM))
print("%s wants %d retries at %s" % (Role.USER, Level.HIGH, Tone.FORMAL))
print("ab" * Level.HIGH, "title".center(Width.WIDE, "*"), "x".ljust(Width.NARROW, "."), "|")
print(range(Level.HIGH), ["a", "b", "c", "d"][Level.HIGH], "abcd"[Level.LOW:Level.HIGH])
print(str.upper(Role.USER), str.title(Tone.CASUAL), str.split(Role.SYSTEM, "s"), int.bit_length(Width.WIDE))
print(sorted([Role.TOOL, Role.SYSTEM, Role.USER]), sorted(Tone), max(Level))


def render(messages):
    lines = []
    for role, text in messages:
        if not isinstance(role, str):
            raise TypeError(f"role must be a str, not {type(role).__name__}")
        lines.append(f"<{role.upper()}> {text.strip()}")
    return "\n".join(lines)


print(render([(Role.SYSTEM, " be brief "), (Role.USER, "what's 2+2? "), ("assistant", "4")]))
try:
    render([(Level.LOW, "not a role")])
except TypeError as error:
    print("refused:", error)

# A builtin method taken from its class checks what it is given, as CPython's descriptors do.
for method, arguments in [(str.upper, (5,)), (list.append, ("x", 1)), (dict.get, (Role.USER, "k")),
                          (str.upper, ()), (str.join, (Level.LOW, [])), (int.bit_length, ("8",)),
                          (str.__dict__["upper"], (5,)), (vars(list)["pop"], ((),))]:
    try:
        method(*arguments)
    except TypeError as error:
        print(type(error).__name__, error)
print(str.upper, list.append, list(map(str.strip, [" a ", Role.USER])))

# str.center puts the odd space on the side CPython's pad() does; format's ^ on the right.
print(repr("x".center(6, "-")), repr("ab".center(7)), repr("abc".center(8)), repr(format("x", "^6")))
for arguments in [(3, 1), (3, "ab"), (3, Role.USER)]:
    try:
        "a".center(*arguments)
    except TypeError as error:
        print(error)
for call in [lambda: "abc".replace(1, "x"), lambda: "abc".replace("a", 2), lambda: "abc".split(3),
             lambda: "abc".partition(None), lambda: "abc".removeprefix(4), lambda: "abc".count(Level.LOW),
             lambda: "abc".find(Level.LOW)]:
    try:
        call()
    except TypeError as error:
        print(error)
