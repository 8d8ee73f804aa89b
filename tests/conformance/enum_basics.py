# enum: members, lookup by value and by name, iteration, len, aliases, auto, unique, and
# str/repr/format as 3.11 prints them; IntEnum and StrEnum members stand for their values.
from enum import Enum, IntEnum, StrEnum, auto, unique


class Color(Enum):
    RED = 1
    GREEN = 2
    BLUE = 3
    CRIMSON = 1

    def describe(self):
        return f"{self.name} is {self.value}"

    @property
    def is_warm(self):
        return self is Color.RED


print(Color.RED, repr(Color.RED), f"{Color.RED}", format(Color.GREEN), str(Color.BLUE), Color, repr(Color))
print(list(Color), len(Color), Color(2), Color["BLUE"], Color.CRIMSON is Color.RED, Color.RED.describe())
print(Color.RED in Color, Color.RED == Color.RED, Color.RED == 1, Color.RED.is_warm, Color.BLUE.is_warm)
print(Color.__members__)
print([c.name for c in Color], [c.value for c in Color], type(Color.RED).__name__, isinstance(Color.GREEN, Color))
print({Color.RED: "stop", Color.GREEN: "go"}[Color.GREEN], f"{Color.RED:>12}|")
try:
    Color(7)
except ValueError as e:
    print("ValueError:", e)
try:
    Color["PURPLE"]
except KeyError as e:
    print("KeyError:", repr(e))


class Priority(IntEnum):
    LOW = auto()
    MEDIUM = auto()
    HIGH = auto()


print(Priority.LOW, repr(Priority.HIGH), f"{Priority.HIGH}", Priority.HIGH == 3, Priority.LOW < Priority.HIGH)
print(sorted([Priority.HIGH, Priority.LOW, Priority.MEDIUM]), Priority(1), Priority.HIGH + 1, 10 * Priority.MEDIUM)
print(max(Priority), [p for p in Priority if p >= 2], f"{Priority.MEDIUM:03d}", int(Priority.HIGH))


class Role(StrEnum):
    USER = auto()
    ASSISTANT = auto()
    TOOL = "tool"


print(Role.USER, repr(Role.ASSISTANT), f"{Role.TOOL}", Role.USER == "user", Role("tool"), Role.TOOL.upper())
messages = [{"role": Role.USER, "content": "hi"}, {"role": Role.ASSISTANT, "content": "hello"}]
print([f"{m['role']}: {m['content']}" for m in messages])


class Status(Enum):
    PENDING = "pending"
    RUNNING = "running"
    DONE = "done"


def advance(status):
    order = list(Status)
    return order[min(order.index(status) + 1, len(order) - 1)]


s = Status.PENDING
for _ in range(3):
    print(s, s.value, end="; ")
    s = advance(s)
print()
print(Status("running"), Status["DONE"].value)


@unique
class Tool(Enum):
    SEARCH = auto()
    FETCH = auto()


print(list(Tool))
try:
    @unique
    class Duplicate(Enum):
        A = 1
        B = 1
        C = 2
        D = 2
except ValueError as e:
    print("ValueError:", e)
